"""Read commands: scores, the agreement as it stands, and its history."""

from __future__ import annotations

from itertools import chain

import click

from commands.cli.csv_agreement import AGREEMENT_SHEET, HISTORY, SCORES
from commands.cli.csv_out import print_csv
from commands.cli.options import csv_option, db_option, json_option, read_db_option
from commands.cli.render import (
    print_agreement,
    print_history,
    print_json,
    print_json_array,
    print_scores,
)
from commands.cli.replica import read_context
from commands.cli.suggest import (
    agreement_not_found,
    check_subject,
    require_agreement,
    require_kpi,
    require_round,
)
from commands.cli.views import ViewReader, catch_up_option
from ledger.application import agreement_uuid
from ledger.errors import NotFound
from projections.current_scores import read_scores, stream_scores
from projections.trail import read_trail

__all__ = ["history", "scores", "show"]


@click.command()
@click.argument("agreement", required=False)
@click.option("--round", "round_id", help="Only this round (e.g. 9m, 12m).")
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def scores(
    agreement: str | None,
    round_id: str | None,
    database: str | None,
    stale: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Scores per unit and round: each KPI's actual, score, weight and weighted score,
    with the composite and its band.

    AGREEMENT (UNIT/FISCAL_YEAR, e.g. TH-81/2557) limits the table to one agreement.
    Certified rounds show the certified composite; others a provisional one.
    """
    reader = ViewReader(database)
    if agreement is None:
        # Every agreement: printed as it is read, a chunk of the view at a time.
        with reader.view("scores", stale=stale).view.reading() as docs:
            streamed = stream_scores(docs, round_id=round_id)
            if round_id is not None:
                # Nothing of that round: a round no framework has (7m, 12M) is not found.
                first = next(streamed, None)
                if first is None:
                    require_round(reader.ctx, round_id)
                streamed = chain(() if first is None else (first,), streamed)
            if as_csv:
                print_csv(SCORES, streamed)
            elif as_json:
                print_json_array(streamed)
            else:
                print_scores(streamed)
        return
    with reader.view("scores", stale=stale).view.reading() as docs:
        tables = read_scores(docs, agreement=agreement, round_id=round_id)
    if not tables and not reader.ctx.app.exists(agreement_uuid(agreement)):
        raise agreement_not_found(reader.ctx.app, agreement)
    if not tables and round_id is not None:
        require_round(reader.ctx, round_id, agreement)
    if as_csv:
        print_csv(SCORES, tables)
    elif as_json:
        print_json(tables)
    else:
        print_scores(tables)


@click.command()
@click.argument("agreement")
@db_option()
@read_db_option
@json_option
@csv_option
def show(agreement: str, database: str | None, as_json: bool, as_csv: bool) -> None:
    """The agreement AGREEMENT (UNIT/FISCAL_YEAR) as it stands now."""
    ctx = read_context(database)
    try:
        state = ctx.app.agreement(agreement)
    except NotFound:
        require_agreement(ctx.app, agreement)  # with the closest known references
        raise
    if as_csv:
        print_csv(AGREEMENT_SHEET, [(state, ctx.app.unit(state.unit_id))])
        return
    if as_json:
        print_json(state)
        return
    print_agreement(state, ctx.app.unit(state.unit_id), ctx.framework(state.framework_id))


@click.command()
@click.argument("agreement")
@click.option("--kpi", "kpi_id", help="Only the events about this KPI.")
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def history(
    agreement: str,
    kpi_id: str | None,
    database: str | None,
    stale: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Every event of AGREEMENT (or of one --kpi) in log order, with its log position and
    its recorded and effective times.

    AGREEMENT is UNIT/FISCAL_YEAR; `unit:ID` and `framework:ID` show a unit's registration
    and a framework's year-wide decisions (cancelled rounds).
    """
    reader = ViewReader(database)
    with reader.view("trail", stale=stale).view.reading() as docs:
        rows = read_trail(docs, agreement, kpi_id)
    if not rows:
        check_subject(reader.ctx, agreement)
        if kpi_id is not None and ":" not in agreement:
            require_kpi(reader.ctx.app, agreement, kpi_id)
    if as_csv:
        print_csv(HISTORY, rows)
    elif as_json:
        print_json(rows)
    else:
        print_history(agreement + (f" · KPI {kpi_id}" if kpi_id else ""), rows)
