"""Logs of any size, fast, for the tile tests: stored records written straight into the event
store (as the recorder stores events, each in the canonical form's shape), then taken into
the Merkle log and signed like any other.

Recording tens of thousands of real commands takes minutes; the tiles care only that each
leaf hashes a stored record's canonical bytes, so these records carry a counter and padding
and nothing a rule would read. ``ledger verify`` would call them unknown event types: use
these stores for tiles alone.
"""

from __future__ import annotations

import json
from uuid import NAMESPACE_URL, uuid5

from eventsourcing.persistence import StoredEvent

from ledger.application import LedgerApplication
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.keys import Signer, generate
from ledger.integrity.log import TransparencyLog

__all__ = ["LOG_KEY", "TOPIC", "WITNESS_KEY", "grow_to", "record"]

TOPIC = "tests.synthetic_log:Recorded"
LOG_KEY = generate("tiles.test.example/log", "log")
WITNESS_KEY = generate("witness.test.example", "witness")
_BATCH = 5000


def _stored(number: int, padding: int = 0) -> StoredEvent:
    state = {"recorded_at": "2026-01-01T00:00:00+00:00", "number": number, "pad": "x" * padding}
    return StoredEvent(
        originator_id=uuid5(NAMESPACE_URL, f"tiles-test/{number}"),
        originator_version=1,
        topic=TOPIC,
        state=json.dumps(state).encode(),
    )


def record(app: LedgerApplication, number: int, padding: int = 0) -> None:
    """Store record ``number`` (its own aggregate, version 1), ``padding`` bytes longer."""
    app.recorder.insert_events([_stored(number, padding)])


def grow_to(log: TransparencyLog, size: int, key: Signer = LOG_KEY) -> SignedCheckpoint:
    """Store records until the store's head is ``size`` (a fresh store numbers its records
    1, 2, 3...), then sign and keep the log's head."""
    have = log.app.head()
    while have < size:
        count = min(_BATCH, size - have)
        log.app.recorder.insert_events([_stored(n) for n in range(have, have + count)])
        have += count
    return log.sign_head(key)
