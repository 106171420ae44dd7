"""The views an HTTP read uses: each projection opened once per store and worker, and caught
up to the log's head before it is read, the way ``ledger``'s read commands do
(``commands.cli.views.caught_up``), but safe under concurrent requests.

Within a worker, one lock per view serialises catching it up, so two requests never apply
the same page. Across workers (several ``uvicorn`` processes on one machine) a lock file per
store and view does the same: a worker catching up a page that another has moved on would
fold events into a state that already holds them. Across machines the view's own tracking row
is the guard: a page another process recorded first is refused with the library's
``IntegrityError`` and rolled back whole, and catching up resumes from where that process left
the view.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from eventsourcing.persistence import IntegrityError

from commands.handlers import HandlerContext
from commands.http.state import Api
from ledger.errors import ConflictError, LedgerError
from ledger.persistence.failures import store_failure
from projections.base import LedgerProjection
from projections.catch_up import catch_up
from projections.registry import open_projection

__all__ = ["caught_up", "holding", "renamed", "retrying"]

T = TypeVar("T")
# A page refused because another worker recorded it first is retried from the new position;
# more refusals in a row than this (about a second of pauses) mean something else is wrong,
# and the last one is raised.
_ATTEMPTS = 7


@dataclass
class _Held:
    projection: LedgerProjection
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class _Open:
    views: dict[str, _Held] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


# Per handler context (one per app): dropped with the app, so a test's store is not kept open.
_OPEN: weakref.WeakKeyDictionary[HandlerContext, _Open] = weakref.WeakKeyDictionary()
_OPEN_LOCK = threading.Lock()


def _held(api: Api, name: str) -> _Held:
    with _OPEN_LOCK:
        opened = _OPEN.setdefault(api.context, _Open())
    with opened.lock:
        held = opened.views.get(name)
        if held is None:
            # Two workers opening a new view both create its tables; one of them retries.
            projection = retrying(
                lambda: open_projection(api.settings, name, api.context.framework)
            )
            held = opened.views[name] = _Held(projection)
        return held


def _raced(error: Exception) -> bool:
    """Whether ``error`` is another worker getting there first: a view's tables or a page
    of it recorded first (IntegrityError), or its SQLite file locked by that write."""
    return isinstance(error, IntegrityError) or isinstance(store_failure(error), ConflictError)


def retrying(read: Callable[[], T]) -> T:
    """``read()``, run again (after a short pause) when another worker opening or catching
    up the same view got there first; everything it wrote was rolled back."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return read()
        except Exception as error:
            if attempt == _ATTEMPTS or not _raced(error):
                raise
            time.sleep(0.01 * 2**attempt)
    raise AssertionError("unreachable")


@contextmanager
def renamed(fields: dict[str, str]) -> Iterator[None]:
    """Errors of the plain functions name their inputs as the CLI does (``TIME``,
    ``EVENT_ID``); a route's errors name its own parameters instead."""
    try:
        yield
    except LedgerError as error:
        if error.field in fields:
            error.field = fields[error.field]
        raise


@contextmanager
def holding(api: Api, name: str) -> Iterator[LedgerProjection]:
    """The view ``name`` caught up, with its lock held until the block ends: for plain
    functions that catch the view up themselves (``as_recorded``, ``diff_moments``)."""
    held = _held(api, name)
    with held.lock, _across_workers(api, name):
        retrying(lambda: catch_up(api.context.app, held.projection))
        yield held.projection


@contextmanager
def _across_workers(api: Api, name: str) -> Iterator[None]:
    """An exclusive lock, shared by every process of this machine, on catching up ``name``."""
    store = hashlib.sha256(api.settings.database.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"assessment-ledger-view-{store}-{name}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def caught_up(api: Api, name: str) -> LedgerProjection:
    """The view ``name`` with every event recorded so far applied; read it with
    ``.view.reading()`` (a read transaction sees one consistent state of the view)."""
    with holding(api, name) as projection:
        return projection
