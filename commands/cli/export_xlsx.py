"""``ledger export-xlsx``: the scores, registers, integrity report and joint KPIs as an Excel
workbook (``commands.reports.xlsx_export``)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import click

from commands.cli.frameworks import known_frameworks
from commands.cli.options import db_option, read_db_option
from commands.cli.terminal import SafeConsole
from commands.cli.views import ViewReader, catch_up_option
from commands.reports.selection import Selection
from commands.reports.written import written_atomically
from commands.reports.xlsx_export import About, export_workbook
from ledger.errors import InvalidInput
from ledger.thaidate import utc_now
from projections.documents import Documents

__all__ = ["export_xlsx"]

console = SafeConsole()


@click.command("export-xlsx")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--year", type=int, metavar="YEAR", help="Only agreements of this fiscal year (BE, e.g. 2557)."
)
@click.option(
    "--round",
    "round_id",
    metavar="ROUND",
    help="Only this round (e.g. 6m, 9m, 12m) in the scores, the SAR register and the joint "
    "KPIs' results.",
)
@click.option("--unit", metavar="UNIT", help="Only this unit's agreements (e.g. TH-81).")
@db_option()
@read_db_option
@catch_up_option
def export_xlsx(
    file: Path,
    year: int | None,
    round_id: str | None,
    unit: str | None,
    database: str | None,
    stale: bool,
) -> None:
    """Write an Excel workbook (FILE, .xlsx) of the scores per round, the change-request
    register, the target integrity report, the SAR register and the joint KPIs.

    Thai and English headers, Buddhist-Era dates (as spreadsheet dates), numbers as numbers
    to the places the ledger keeps; written a row at a time, so memory stays flat however
    large the ledger. FILE is replaced only once the whole workbook is written.
    """
    if file.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"{file.name} does not end in .xlsx",
            field="FILE",
            rule="an Excel workbook's file name ends in .xlsx",
            actual=file.suffix or file.name,
        )
    reader = ViewReader(database)
    directory = reader.ctx.app.directory()
    about = About(
        exported_at=utc_now(),
        log_head=reader.ctx.app.head(),
        demo_scenario=directory.demo_scenario if directory is not None else None,
    )
    selection = Selection(year=year, round_id=round_id, unit=unit)
    registry = known_frameworks()

    def views(name: str) -> AbstractContextManager[Documents]:
        # Opened afresh at each read and let go after it: a view held open keeps its page
        # cache (about 2 MB on SQLite) for the rest of the export.
        return reader.view(name, stale=stale).view.reading()

    with written_atomically(file, "FILE") as scratch:
        rows = export_workbook(scratch, views, selection, registry, about)
    console.print(f"Wrote {file} at log position {about.log_head} / บันทึกไฟล์แล้ว", highlight=False)
    for name, count in rows.items():
        console.print(f"  {name}: {count:,} row{'' if count == 1 else 's'} / แถว", highlight=False)
