"""Views caught up on every core: the views are independent (each its own tables and tracked
position), so ``rebuild --all`` and ``project`` split them between worker processes, each of
which reads the log once for its share. Python runs one thread at a time, so processes, not
threads, are what use a second core.

Workers are started fresh (``spawn``), never forked: a fork would copy the parent's open
database connections and pools.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from multiprocessing import get_context

from commands.wiring import build_read_context
from ledger.persistence.settings import Settings
from projections.catch_up import catch_up_many
from projections.registry import open_projection

__all__ = ["PARALLEL_FROM", "catch_up_in_parallel", "workers_for"]

# Events the views have to go (summed over views) before workers are worth starting: a
# worker takes about half a second to start, a few thousand events' work.
PARALLEL_FROM = 50_000

# prctl(2): deliver this signal to the calling process when its parent dies.
_PR_SET_PDEATHSIG = 1

# Seconds each view took alone to catch up with 100 thousand events of the national workload
# (SQLite, reading the log included): views are dealt out so each worker gets as much work.
_COST = {
    "trail": 11.3,
    "cascades": 5.9,
    "joints": 5.6,
    "warnings": 5.6,
    "scores": 6.4,
    "integrity": 5.3,
    "governor": 4.9,
    "sar": 4.2,
    "versions": 3.9,
    "requests": 3.1,
}


def workers_for(names: Sequence[str]) -> int:
    """How many processes to share ``names`` between: one per core, at most one per view."""
    return max(1, min(os.cpu_count() or 1, len(names)))


def catch_up_in_parallel(
    log: Settings,
    views: Settings,
    names: Sequence[str],
    *,
    batch: int,
    workers: int,
    waiting: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Catch the views ``names`` (kept in ``views``' store) up with the log of ``log``'s store,
    ``workers`` processes sharing them; how many events each view processed. ``waiting`` is
    called about twice a second meanwhile (to move a progress bar). A worker's error is
    raised here once every worker has stopped."""
    groups = _dealt(names, workers)
    spawn = get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=len(groups), mp_context=spawn, initializer=_die_with_parent
    ) as pool:
        running: list[Future[dict[str, int]]] = [
            pool.submit(_catch_up_group, log, views, group, batch) for group in groups
        ]
        while True:
            done, pending = wait(running, timeout=0.5, return_when=FIRST_EXCEPTION)
            if waiting is not None:
                waiting()
            if not pending or any(f.exception() is not None for f in done):
                break
    processed: dict[str, int] = {}
    for future in running:
        processed.update(future.result())
    return processed


def _dealt(names: Sequence[str], workers: int) -> list[list[str]]:
    """The views dealt out heaviest first, each to the worker with the least work so far."""
    groups: list[list[str]] = [[] for _ in range(min(workers, len(names)))]
    loads = [0.0] * len(groups)
    for name in sorted(names, key=lambda n: -_COST.get(n, 1.0)):
        lightest = loads.index(min(loads))
        groups[lightest].append(name)
        loads[lightest] += _COST.get(name, 1.0)
    return groups


def _catch_up_group(log: Settings, views: Settings, names: list[str], batch: int) -> dict[str, int]:
    parent = os.getppid()
    ctx = build_read_context(log)
    try:
        projections = [open_projection(views, name, ctx.framework) for name in names]
        return catch_up_many(
            ctx.app, projections, batch_size=batch, progress=lambda _: _unless_orphaned(parent)
        )
    finally:
        ctx.app.close()


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker the moment its parent dies, so a killed
    command leaves no worker holding the views' stores (elsewhere ``_unless_orphaned``
    stops it at the next page)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return


def _unless_orphaned(parent: int) -> None:
    """Stop between pages once the command that started this worker is gone (killed, say):
    a worker left running would hold the views' stores against the next run. What it did
    is whole pages, each with its position, so the next run resumes where it stopped."""
    if os.getppid() != parent:
        raise SystemExit(1)
