"""Opening a projection for a read: catch it up first (with a progress bar when there is
much to do), or, with ``--no-catch-up``, say how far behind the log it is."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from commands.cli.terminal import SafeConsole
from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from projections.base import LedgerProjection
from projections.catch_up import catch_up_many, lag
from projections.registry import open_projection

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
    ctx: HandlerContext,
    projections: Sequence[LedgerProjection],
    *,
    show_progress: bool,
    batch_size: int = 200,
) -> dict[str, int]:
    """Bring the views up to the log's head, reading the log once for all of them, with a
    progress bar over log positions; returns how many events each view processed."""
    starts = [lag(ctx.app, projection) for projection in projections]
    first = min((start.position for start in starts), default=0)
    behind = max((start.behind for start in starts), default=0)
    names = ", ".join(p.name for p in projections)
    with progress_bar(show_progress and behind > 0) as progress:
        task = progress.add_task(f"{names}: catching up", total=behind or None, completed=0)
        return catch_up_many(
            ctx.app,
            projections,
            batch_size=batch_size,
            progress=lambda position: progress.update(task, completed=position - first),
        )


class ViewReader:
    """The store and the views one read command uses."""

    def __init__(self, database: str | None) -> None:
        self.settings = Settings.from_environment(database, access="read")
        self.ctx = build_context(self.settings)

    def open(self, name: str) -> LedgerProjection:
        return open_projection(self.settings, name, self.ctx.framework)

    def view(self, name: str, *, stale: bool = False) -> LedgerProjection:
        """The projection, caught up first unless ``stale`` (then its lag is reported)."""
        projection = self.open(name)
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
