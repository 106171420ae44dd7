"""``ledger audit``: the target integrity report."""

from __future__ import annotations

import click

from commands.cli.options import db_option, json_option
from commands.cli.render import print_json
from commands.cli.render_audit import print_audit
from commands.wiring import build_context
from ledger.errors import InvalidInput, NotFound
from ledger.persistence.settings import Settings
from projections.audit import audit_log

__all__ = ["audit"]


@click.command()
@click.argument("agreement", required=False)
@click.option("--all", "all_agreements", is_flag=True, help="Every agreement in the ledger.")
@db_option()
@json_option
def audit(agreement: str | None, all_agreements: bool, database: str | None, as_json: bool) -> None:
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
    ctx = build_context(Settings.from_environment(database))
    reports = audit_log(ctx.app.all_events())
    if agreement is not None:
        reports = [r for r in reports if r.agreement == agreement]
        if not reports:
            raise NotFound(
                f"no agreement {agreement!r}",
                field="AGREEMENT",
                rule="agreement must be opened first",
            )
    if as_json:
        print_json(reports)
    else:
        print_audit(reports)
