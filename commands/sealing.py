"""Sealing: after every write, the Merkle log takes in the new events and, when the operator
has configured the log's key (``LEDGER_LOG_KEY``), the new tree head is signed and kept.

Every way in that writes (``ledger apply``, the demo, the HTTP API) ends with ``seal``, so
events are never left uncovered by a checkpoint for longer than one command batch.
"""

from __future__ import annotations

from pathlib import Path

from commands.keyfiles import load_signer
from ledger.application import LedgerApplication
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.log import TransparencyLog

__all__ = ["seal"]


def seal(app: LedgerApplication, log: TransparencyLog | None = None) -> SignedCheckpoint | None:
    """Take new events into the Merkle log; sign the head when a log key is configured (signing
    a head already kept adds nothing: Ed25519 signatures are deterministic). None when no key
    is configured. A long-running process passes its one ``log`` over ``app`` so that each
    write does not open the tree's store again."""
    log = log or TransparencyLog(app)
    log.catch_up()
    if app.settings.log_key is None:
        return None
    signer = load_signer(Path(app.settings.log_key), "log", "LEDGER_LOG_KEY")
    return log.sign_head(signer)
