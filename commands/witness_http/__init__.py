"""The witness's HTTP service (C2SP tlog-witness): ``POST /add-checkpoint`` and the monitoring
``GET /<origin hash>/checkpoint``, run by ``ledger witness serve``."""
