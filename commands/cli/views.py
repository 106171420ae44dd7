"""Opening a projection for a read: catch it up first (with a progress bar when there is
much to do), or, with ``--no-catch-up``, say how far behind the log it is."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from commands.cli.options import chosen_read_db
from commands.cli.replica import ReplicaNote, standby_context
from commands.cli.terminal import SafeConsole
from commands.wiring import Reads
from ledger.persistence.settings import Settings
from projections.base import LedgerProjection
from projections.catch_up import DEFAULT_BATCH, catch_up_many, lag
from projections.registry import open_projection

if TYPE_CHECKING:
    from rich.progress import Progress

__all__ = ["ViewReader", "catch_up_option", "caught_up", "progress_bar"]

F = TypeVar("F", bound=Callable[..., Any])
errors = SafeConsole(stderr=True)


def catch_up_option(func: F) -> F:
    return click.option(
        "--no-catch-up",
        "stale",
        is_flag=True,
        help="Read the view as it is, without processing new events first (says how far "
        "behind it is).",
    )(func)


def progress_bar(show: bool) -> Progress:
    # Imported here: rich's progress machinery (live display, spinners) is slow to load.
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        disable=not show,
        transient=True,
    )


def caught_up(
    ctx: Reads,
    projections: Sequence[LedgerProjection],
    *,
    show_progress: bool,
    batch_size: int = DEFAULT_BATCH,
) -> dict[str, int]:
    """Bring the views up to the log's head, reading the log once for all of them, with a
    progress bar over log positions; returns how many events each view processed."""
    starts = [lag(ctx.app, projection) for projection in projections]
    first = min((start.position for start in starts), default=0)
    behind = max((start.behind for start in starts), default=0)
    if not (show_progress and behind > 0):
        # No bar to show: not even rich's progress machinery is loaded.
        return catch_up_many(ctx.app, projections, batch_size=batch_size)
    names = ", ".join(p.name for p in projections)
    with progress_bar(True) as progress:
        task = progress.add_task(f"{names}: catching up", total=behind or None, completed=0)
        return catch_up_many(
            ctx.app,
            projections,
            batch_size=batch_size,
            progress=lambda position: progress.update(task, completed=position - first),
        )


class ViewReader:
    """The store and the views one read command uses.

    With ``--read-db`` the log is read from the standby, and so are the views unless
    ``views_on_primary`` (``ledger project``: the standby is read-only, so catch-up writes the
    views on the ``--db`` primary). Views read on a standby are never caught up there: they
    are as the primary's last catch-up left them, and the note says how far behind that is.
    """

    def __init__(self, database: str | None, *, views_on_primary: bool = False) -> None:
        self.settings = Settings.from_environment(
            database, access="read", read_database=chosen_read_db()
        )
        reading = self.settings.reading()
        self.ctx = standby_context(self.settings)
        self._views = self.settings if views_on_primary else reading
        self.replica = None if self.settings.read_database is None else ReplicaNote(reading)

    @property
    def view_settings(self) -> Settings:
        """The store the views are kept in (the primary's, for ``project --read-db``)."""
        return self._views

    def open(self, name: str) -> LedgerProjection:
        return open_projection(self._views, name, self.ctx.framework)

    def view(self, name: str, *, stale: bool = False) -> LedgerProjection:
        """The projection, caught up first unless ``stale`` (then its lag is reported)."""
        projection = self.open(name)
        if self.replica is not None:
            self.replica.say([lag(self.ctx.app, projection)])
            return projection
        if not stale:
            caught_up(self.ctx, [projection], show_progress=sys.stderr.isatty())
            return projection
        behind = lag(self.ctx.app, projection)
        if behind.behind:
            errors.print(
                f"note: view {name!r} is at log position {behind.position} of {behind.head} "
                f"({behind.behind} behind); run `ledger project` to catch it up"
            )
        return projection
