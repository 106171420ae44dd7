"""The states of a witness serving many logs: one small file per origin in one folder.

tlog-witness requires checking the old size against the state and keeping the new state in
one step: two requests checked against the same state must not both be cosigned, or the later
write could roll the state back. ``WitnessStates.add`` holds a lock per origin across the read,
the decision and the write: a thread lock within the process and an exclusive ``flock`` on the
origin's lock file against another process serving the same folder. The file is replaced in
one step (``write_state``), so a crash leaves the old state or the new one.
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from ledger.integrity.witness import WitnessState, read_state, write_state

__all__ = ["WitnessStates", "origin_hash"]

T = TypeVar("T")
_HEX = re.compile(r"[0-9a-f]{64}")


def origin_hash(origin: str) -> str:
    """The lowercase hex SHA-256 of the origin: the monitoring path's name for a log."""
    return hashlib.sha256(origin.encode()).hexdigest()


class WitnessStates:
    """The folder of per-origin states (``<origin hash>.json``), created if missing."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def path(self, hashed: str) -> Path:
        return self.folder / f"{hashed}.json"

    def latest(self, hashed: str) -> WitnessState | None:
        """The state of the log whose origin hashes to ``hashed`` (None for a name that is
        not 64 lowercase hex digits, so a path never leaves the folder)."""
        if not _HEX.fullmatch(hashed):
            return None
        return read_state(self.path(hashed))

    @contextmanager
    def _locked(self, hashed: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(hashed, threading.Lock())
        with lock, (self.folder / f"{hashed}.lock").open("ab") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def add(
        self, origin: str, decide: Callable[[WitnessState | None], tuple[T, WitnessState]]
    ) -> T:
        """Run ``decide`` on the origin's state and keep the state it returns, both under the
        origin's lock; what ``decide`` raises leaves the state as it was."""
        hashed = origin_hash(origin)
        with self._locked(hashed):
            answer, state = decide(read_state(self.path(hashed)))
            write_state(self.path(hashed), state)
        return answer
