"""The small aggregates read on every command (users and their grants, bodies, credentials,
the directory, joint KPIs), kept between reads in one process.

A user granted a role in each of a thousand units has a thousand events, and every command
it enters reads it to check the grant: folding them all each time cost 20 ms a command on
PostgreSQL. Each state is kept with the version it was folded to, and a read asks the store
for the events after that version (usually none) and folds only those: what a read returns is
always what the store holds, never a copy another writer has moved past.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from ledger.domain.events import LedgerEvent

__all__ = ["HeldStates"]

# States kept at most; the oldest read is dropped first. A user with a thousand grants is
# about 300 KB, so this bounds the worst case at some hundreds of megabytes.
KEPT = 1024

Projector = Callable[[Any, Sequence[LedgerEvent]], Any]
EventsAfter = Callable[[UUID, int], Sequence[LedgerEvent]]


class HeldStates:
    def __init__(self, events_after: EventsAfter, *, kept: int = KEPT) -> None:
        self._events_after = events_after
        self._kept = kept
        # Insertion-ordered: a read moves its aggregate to the end, eviction takes the front.
        self._held: dict[UUID, tuple[object, int]] = {}
        # An HTTP server reads from several threads at once.
        self._lock = threading.Lock()

    def read(self, originator_id: UUID, projector: Projector) -> object | None:
        """The aggregate's state as the store holds it now; None when it has no event."""
        with self._lock:
            state, version = self._held.pop(originator_id, (None, 0))
        newer = self._events_after(originator_id, version)
        if newer:
            state = projector(state, newer)
            version = newer[-1].originator_version
        if state is None:
            return None
        with self._lock:
            self._held[originator_id] = (state, version)
            while len(self._held) > self._kept:
                del self._held[next(iter(self._held))]
        return state
