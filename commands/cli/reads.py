"""Read commands: scores, the agreement as it stands, and its history."""

from __future__ import annotations

import click

from commands.cli.options import db_option, json_option
from commands.cli.render import print_agreement, print_history, print_json, print_scores
from commands.wiring import build_context
from ledger.application import agreement_uuid
from ledger.errors import NotFound
from ledger.persistence.settings import Settings
from projections.catalogue import fold_log
from projections.history import history_rows
from projections.scores import score_tables

__all__ = ["history", "scores", "show"]


@click.command()
@click.argument("agreement", required=False)
@click.option("--round", "round_id", help="Only this round (e.g. 9m, 12m).")
@db_option()
@json_option
def scores(
    agreement: str | None, round_id: str | None, database: str | None, as_json: bool
) -> None:
    """Scores per unit and round: each KPI's actual, score, weight and weighted score,
    with the composite and its band.

    AGREEMENT (UNIT/FISCAL_YEAR, e.g. TH-81/2557) limits the table to one agreement.
    Certified rounds show the certified composite; others a provisional one.
    """
    ctx = build_context(Settings.from_environment(database))
    catalogue = fold_log(event for _, event in ctx.app.all_events())
    if agreement is not None and agreement not in catalogue.agreements:
        raise NotFound(
            f"no agreement {agreement!r}", field="AGREEMENT", rule="agreement must be opened first"
        )
    tables = score_tables(catalogue, ctx.framework, agreement=agreement, round_id=round_id)
    if as_json:
        print_json(tables)
    else:
        print_scores(tables)


@click.command()
@click.argument("agreement")
@db_option()
@json_option
def show(agreement: str, database: str | None, as_json: bool) -> None:
    """The agreement AGREEMENT (UNIT/FISCAL_YEAR) as it stands now."""
    settings = Settings.from_environment(database)
    ctx = build_context(settings)
    state = ctx.app.agreement(agreement)
    if as_json:
        print_json(state)
        return
    print_agreement(state, ctx.app.unit(state.unit_id), ctx.framework(state.framework_id))


@click.command()
@click.argument("agreement")
@db_option()
@json_option
def history(agreement: str, database: str | None, as_json: bool) -> None:
    """Every event of AGREEMENT in order, with recorded and effective times."""
    ctx = build_context(Settings.from_environment(database))
    events = ctx.app.events_of(agreement_uuid(agreement))
    if not events:
        raise NotFound(
            f"no agreement {agreement!r}", field="agreement", rule="agreement must be opened first"
        )
    rows = history_rows(events)
    if as_json:
        print_json(rows)
    else:
        print_history(agreement, rows)
