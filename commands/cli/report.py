"""``ledger report``: the printable report of one agreement, as a PDF or an HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from commands.cli.options import db_option, read_db_option
from commands.cli.suggest import agreement_not_found
from commands.cli.views import ViewReader, catch_up_option
from commands.report_pdf.facts import ReportFacts, gather_report
from commands.reports.written import write_whole
from ledger.application import agreement_uuid
from ledger.errors import InvalidInput
from ledger.grammar import counted
from ledger.integrity.log import TransparencyLog
from ledger.thaidate import utc_now

__all__ = ["report"]

_SUFFIX_RULE = "the report is written as FILE.pdf or FILE.html"


@click.command()
@click.argument("agreement")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write: FILE.pdf (A4) or FILE.html (one self-contained page).",
)
@db_option()
@read_db_option
@catch_up_option
def report(agreement: str, out: Path, database: str | None, stale: bool) -> None:
    """The printable report of AGREEMENT (UNIT/FISCAL_YEAR), as a PDF or HTML file.

    The agreement (unit, year, framework, signatories, KPIs with their weights and criteria
    in force), its scores per round (composite, band, penalties), each KPI's timeline (every
    target version with its effective and recorded dates and the results known then, and
    every result recorded), the rule-1 verdict, and the checkpoint that seals its last event
    with the commands that verify it. A4, Thai with English beside it, Buddhist-Era dates.
    """
    kind = out.suffix.lower()
    if kind not in (".pdf", ".html"):
        raise InvalidInput(
            f"cannot tell the format of {out.name!r}",
            field="--out",
            rule=_SUFFIX_RULE,
            actual=out.suffix or out.name,
        )
    facts = _read(agreement, database, stale)
    # Imported here: the renderer loads Jinja (and, for a PDF, WeasyPrint).
    from commands.report_pdf.render import render_html, render_pdf

    if kind == ".html":
        write_whole(out, render_html(facts).encode("utf-8"), "--out")
        click.echo(f"wrote {out} / เขียนไฟล์แล้ว", err=True)
        return
    rendered = render_pdf(facts)
    write_whole(out, rendered.pdf, "--out")
    pages = rendered.pages
    click.echo(
        f"wrote {out}: {counted(pages, 'page')} (A4) / เขียนไฟล์แล้ว {pages} หน้า (A4)", err=True
    )
    if rendered.missing:
        shown = " ".join(f"U+{ord(c):04X}" for c in sorted(rendered.missing))
        click.echo(
            f"warning: no installed font draws {shown}; each prints as an empty box "
            "(for Thai: apt-get install fonts-thai-tlwg)",
            err=True,
        )


def _read(agreement: str, database: str | None, stale: bool) -> ReportFacts:
    reader = ViewReader(database)
    app = reader.ctx.app
    if not app.exists(agreement_uuid(agreement)):
        raise agreement_not_found(app, agreement)
    directory = app.directory()
    return gather_report(
        agreement,
        lambda name: reader.view(name, stale=stale).view.reading(),
        reader.ctx.framework,
        TransparencyLog(app),
        demo_scenario=directory.demo_scenario if directory else None,
        produced_at=utc_now(),
    )
