"""``ledger audit``: the target integrity report."""

from __future__ import annotations

import click

from commands.cli.options import db_option, json_option
from commands.cli.render import print_json
from commands.cli.render_audit import print_audit
from commands.cli.views import ViewReader, catch_up_option
from ledger.errors import InvalidInput, NotFound
from projections.integrity import read_integrity

__all__ = ["audit"]


@click.command()
@click.argument("agreement", required=False)
@click.option("--all", "all_agreements", is_flag=True, help="Every agreement in the ledger.")
@db_option()
@catch_up_option
@json_option
def audit(
    agreement: str | None, all_agreements: bool, database: str | None, stale: bool, as_json: bool
) -> None:
    """Prove targets were not reset after results were known.

    For AGREEMENT (UNIT/FISCAL_YEAR) or --all: every version of every KPI's target (criteria,
    weight) with its effective and recorded time and log position, the request and decision
    that made it, the results the ledger held at that moment, and rule 1's flags; the change
    requests, refused attempts, and a verdict per agreement (clean, or its findings).
    """
    if (agreement is None) == (not all_agreements):
        raise InvalidInput(
            "name one AGREEMENT or pass --all",
            field="AGREEMENT",
            rule="audit one agreement or all of them",
        )
    with ViewReader(database).view("integrity", stale=stale).view.reading() as docs:
        reports = read_integrity(docs, agreement)
    if agreement is not None and not reports:
        raise NotFound(
            f"no agreement {agreement!r}",
            field="AGREEMENT",
            rule="agreement must be opened first",
        )
    if as_json:
        print_json(reports)
    else:
        print_audit(reports)
