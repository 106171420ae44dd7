"""Agreement states a replay holds: the most recent in memory, the rest spilled to disk.

A replay needs every agreement's state from its opening to its last event, and a national log
holds tens of thousands of agreements of some tens of kilobytes each: kept in memory, they
would grow with the log. ``SpilledAgreements`` keeps the ``kept`` most recently used states in
memory and writes the others (as the JSON their snapshots are stored in) to a scratch SQLite
file of its own, read back when an agreement's next event comes. The file is unlinked as soon
as it is open, so nothing is left behind, whatever happens to the process.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections import OrderedDict
from collections.abc import Iterator, MutableMapping
from uuid import UUID

import msgspec

from ledger.domain.agreement import Agreement

__all__ = ["SpilledAgreements"]

# States kept in memory: a few tens of megabytes, and more than a batch of the log touches.
KEPT = 2_000

_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder(Agreement).decode


class SpilledAgreements(MutableMapping[UUID, Agreement]):
    def __init__(self, kept: int = KEPT) -> None:
        self.kept = kept
        self._recent: OrderedDict[UUID, Agreement] = OrderedDict()
        self._disk: sqlite3.Connection | None = None
        # Which keys are on disk: every event asks about its aggregate, and most are not
        # agreements, so a miss must not cost a query.
        self._on_disk: set[UUID] = set()
        self._spilled = 0

    def __getitem__(self, key: UUID) -> Agreement:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: UUID, default: Agreement | None = None) -> Agreement | None:  # type: ignore[override]
        found = self._recent.get(key)
        if found is not None:
            self._recent.move_to_end(key)
            return found
        if key not in self._on_disk:
            return default
        state = self._read(key)
        assert state is not None  # written when it was put on disk
        self._keep(key, state)
        return state

    def __contains__(self, key: object) -> bool:
        return key in self._recent or key in self._on_disk

    def __setitem__(self, key: UUID, value: Agreement) -> None:
        self._keep(key, value)

    def __delitem__(self, key: UUID) -> None:
        if key not in self:
            raise KeyError(key)
        self._recent.pop(key, None)
        if key in self._on_disk:
            self._on_disk.discard(key)
            self._open().execute("DELETE FROM states WHERE id = ?", (key.bytes,))

    def __iter__(self) -> Iterator[UUID]:
        yield from list(self._recent)
        yield from (key for key in list(self._on_disk) if key not in self._recent)

    def __len__(self) -> int:
        return len(self._recent) + len(self._on_disk - self._recent.keys())

    @property
    def spilled(self) -> int:
        """How many times a state was written out (for the benchmarks)."""
        return self._spilled

    def _keep(self, key: UUID, state: Agreement) -> None:
        self._recent[key] = state
        self._recent.move_to_end(key)
        while len(self._recent) > self.kept:
            old_key, old_state = self._recent.popitem(last=False)
            self._write(old_key, old_state)

    def _write(self, key: UUID, state: Agreement) -> None:
        disk = self._open()
        disk.execute("INSERT OR REPLACE INTO states VALUES (?, ?)", (key.bytes, _encode(state)))
        self._on_disk.add(key)
        self._spilled += 1

    def _read(self, key: UUID) -> Agreement | None:
        row = self._open().execute("SELECT body FROM states WHERE id = ?", (key.bytes,)).fetchone()
        return None if row is None else _decode(row[0])

    def _open(self) -> sqlite3.Connection:
        if self._disk is None:
            descriptor, path = tempfile.mkstemp(prefix="ledger-replay-", suffix=".sqlite")
            os.close(descriptor)
            self._disk = sqlite3.connect(path, isolation_level=None)
            # Scratch data: no journal, no syncing; the file goes when the connection does.
            self._disk.execute("PRAGMA journal_mode=OFF")
            self._disk.execute("PRAGMA synchronous=OFF")
            self._disk.execute("CREATE TABLE states (id BLOB PRIMARY KEY, body BLOB NOT NULL)")
            os.unlink(path)
        return self._disk
