"""``ledger cascade AGREEMENT#KPI``: the cascade a KPI belongs to, with drift."""

from __future__ import annotations

import click

from commands.cli.options import db_option, json_option, read_db_option
from commands.cli.render import print_json
from commands.cli.render_cascade import print_cascade
from commands.cli.views import ViewReader, catch_up_option
from ledger.errors import NotFound
from projections.cascades import read_cascade

__all__ = ["cascade"]


@click.command()
@click.argument("kpi_ref", metavar="AGREEMENT#KPI")
@db_option()
@read_db_option
@catch_up_option
@json_option
def cascade(kpi_ref: str, database: str | None, stale: bool, as_json: bool) -> None:
    """The cascade AGREEMENT#KPI (for example TH-81/2557#G1) belongs to, from its root down
    (province -> agency -> individual): each level's target (the criteria's standard
    level), latest result, and DRIFTING where a parent's criteria changed since the
    child last followed them (until its committee changes it in step or keeps it)."""
    with ViewReader(database).view("cascades", stale=stale).view.reading() as docs:
        tree = read_cascade(docs, kpi_ref)
    if tree is None:
        raise NotFound(
            f"KPI {kpi_ref!r} is in no cascade: it neither cascades from a KPI nor has KPIs "
            "cascaded from it",
            field="AGREEMENT#KPI",
            rule="a cascade links KPIs with cascaded_from",
        )
    if as_json:
        print_json(tree)
    else:
        print_cascade(tree, kpi_ref)
