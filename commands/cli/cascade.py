"""``ledger cascade AGREEMENT#KPI``: the cascade a KPI belongs to, with drift."""

from __future__ import annotations

import click

from commands.cli.csv_links import CASCADE
from commands.cli.csv_out import print_csv
from commands.cli.options import csv_option, db_option, json_option, read_db_option
from commands.cli.render import print_json
from commands.cli.render_cascade import print_cascade
from commands.cli.suggest import require_agreement
from commands.cli.views import ViewReader, catch_up_option
from ledger.application import LedgerApplication
from ledger.errors import NotFound
from ledger.suggestions import not_found
from projections.cascades import read_cascade

__all__ = ["cascade"]


@click.command()
@click.argument("kpi_ref", metavar="AGREEMENT#KPI")
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def cascade(kpi_ref: str, database: str | None, stale: bool, as_json: bool, as_csv: bool) -> None:
    """The cascade AGREEMENT#KPI (for example TH-81/2557#G1) belongs to, from its root down
    (province -> agency -> individual): each level's target (the criteria's standard
    level), latest result, and DRIFTING where a parent's criteria changed since the
    child last followed them (until its committee changes it in step or keeps it)."""
    reader = ViewReader(database)
    with reader.view("cascades", stale=stale).view.reading() as docs:
        tree = read_cascade(docs, kpi_ref)
    if tree is None:
        _require_kpi(reader.ctx.app, kpi_ref)
        raise NotFound(
            f"KPI {kpi_ref!r} is in no cascade: it neither cascades from a KPI nor has KPIs "
            "cascaded from it",
            field="AGREEMENT#KPI",
            rule="a cascade links KPIs with cascaded_from",
        )
    if as_csv:
        print_csv(CASCADE, [tree])
    elif as_json:
        print_json(tree)
    else:
        print_cascade(tree, kpi_ref)


def _require_kpi(app: LedgerApplication, kpi_ref: str) -> None:
    """Return when AGREEMENT#KPI names a KPI of an opened agreement; NotFound naming the
    agreement or the KPI that is unknown (with the closest known) otherwise."""
    ref, _, kpi_id = kpi_ref.rpartition("#")
    require_agreement(app, ref or kpi_ref)
    kpis = app.agreement(ref).kpis
    if kpi_id not in kpis:
        rule = "a KPI is named AGREEMENT#KPI_ID (e.g. TH-81/2557#G1)"
        raise not_found("KPI", kpi_id, kpis, field="AGREEMENT#KPI", rule=rule, within=ref)
