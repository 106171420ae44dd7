"""``ledger project`` and ``ledger rebuild``: catch projections up, or rebuild them from the log."""

from __future__ import annotations

import sys
from concurrent.futures.process import BrokenProcessPool

import click
from rich.table import Table

from commands.cli.options import db_option, read_db_option
from commands.cli.parallel_views import PARALLEL_FROM, catch_up_in_parallel, workers_for
from commands.cli.render import print_table
from commands.cli.tables import column
from commands.cli.views import ViewReader, caught_up, progress_bar
from ledger.errors import InvalidInput
from projections.base import LedgerProjection
from projections.catch_up import DEFAULT_BATCH, lag
from projections.follow import following
from projections.registry import PROJECTIONS

__all__ = ["project", "rebuild"]

_NAMES = ", ".join(PROJECTIONS)

batch_option = click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Events per transaction: an interruption loses at most one batch of work.",
)


def _chosen(names: tuple[str, ...]) -> list[str]:
    for name in names:
        if name not in PROJECTIONS:
            raise InvalidInput(f"no projection {name!r}", field="NAME", rule=f"one of: {_NAMES}")
    return list(names) or list(PROJECTIONS)


@click.command()
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option("--status", is_flag=True, help="Only show where each view stands.")
@click.option(
    "--follow",
    is_flag=True,
    help="PostgreSQL: after catching up, keep the views current as events are recorded "
    "(the library's ProjectionRunner) until interrupted.",
)
@batch_option
@db_option()
@read_db_option
def project(
    names: tuple[str, ...], status: bool, follow: bool, batch: int, database: str | None
) -> None:
    """Catch projections up with the log (all of them, or each NAME).

    Each view records the log position it has processed in the same transaction as its
    update, so an interrupted run resumes where it stopped and never applies an event twice.
    """
    # --read-db: the log's pages come from the standby, the views are written on --db.
    reader = ViewReader(database, views_on_primary=True)
    if reader.replica is not None:
        reader.replica.say()
    if follow:
        _follow(reader, _chosen(names))
        return
    table = Table(
        column("View\nมุมมอง"),
        column("Processed now\nประมวลผลรอบนี้", right=True),
        column("Position\nตำแหน่ง", right=True),
        column("Log head\nท้ายบันทึก", right=True),
        column("Behind\nค้างอยู่", right=True),
        column("What it holds\nสิ่งที่เก็บ", prose=True),
        title="Projections / มุมมองข้อมูล",
        title_justify="left",
    )
    projections = [reader.open(name) for name in _chosen(names)]
    processed = {} if status else _caught_up(reader, projections, batch)
    for projection in projections:
        where = lag(reader.ctx.app, projection)
        table.add_row(
            projection.name,
            str(processed.get(projection.name, "—")),
            str(where.position),
            str(where.head),
            str(where.behind),
            projection.summary,
        )
    print_table(table)


@click.command()
@click.argument("name", required=False)
@click.option("--all", "rebuild_all", is_flag=True, help="Rebuild every projection.")
@batch_option
@db_option()
def rebuild(name: str | None, rebuild_all: bool, batch: int, database: str | None) -> None:
    """Drop a projection's view and rebuild it from the whole log (NAME, or --all).

    The rebuilt view is the same as the one built event by event: reads depend only on
    the events.
    """
    if (name is None) == (not rebuild_all):
        raise InvalidInput(
            "name one projection or pass --all", field="NAME", rule=f"one of: {_NAMES}"
        )
    reader = ViewReader(database)
    projections = [reader.open(chosen) for chosen in _chosen((name,) if name else ())]
    for projection in projections:
        projection.view.drop()
    processed = _caught_up(reader, projections, batch)
    for projection in projections:
        position = lag(reader.ctx.app, projection).position
        click.echo(
            f"rebuilt {projection.name}: {processed[projection.name]} events, "
            f"at log position {position}"
        )


def _caught_up(
    reader: ViewReader, projections: list[LedgerProjection], batch: int
) -> dict[str, int]:
    """Views far behind are shared between processes, one per core
    (commands.cli.parallel_views); one view, or a short way to go, is caught up here."""
    app = reader.ctx.app
    behind = {p.name: lag(app, p) for p in projections}
    workers = workers_for([p.name for p in projections])
    if workers == 1 or sum(lagging.behind for lagging in behind.values()) < PARALLEL_FROM:
        return caught_up(
            reader.ctx, projections, show_progress=sys.stderr.isatty(), batch_size=batch
        )
    with progress_bar(sys.stderr.isatty()) as progress:
        task = progress.add_task(
            f"{len(projections)} views on {workers} cores: catching up",
            total=sum(lagging.behind for lagging in behind.values()) or None,
        )

        def waiting() -> None:
            done = sum(lag(app, p).position - behind[p.name].position for p in projections)
            progress.update(task, completed=done)

        try:
            return catch_up_in_parallel(
                reader.settings.reading(),
                reader.view_settings,
                [p.name for p in projections],
                batch=batch,
                workers=workers,
                waiting=waiting,
            )
        except (OSError, BrokenProcessPool):
            # No worker processes to be had (a restricted account, say): one process does it.
            progress.stop()
    return caught_up(reader.ctx, projections, show_progress=sys.stderr.isatty(), batch_size=batch)


def _follow(reader: ViewReader, names: list[str]) -> None:
    with following(reader.settings, names, reader.ctx.framework) as runners:
        click.echo(f"following {', '.join(names)}; Ctrl-C to stop", err=True)
        try:
            # run_forever re-raises a runner's error; a runner that stopped ends the watch.
            while not any(runner.is_interrupted.is_set() for runner in runners):
                for runner in runners:
                    runner.run_forever(timeout=1 / len(runners))
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
