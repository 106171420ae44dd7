"""Registers and watch lists: change requests, SARs, the governor's rounds, early warnings
and cascade drift."""

from __future__ import annotations

from datetime import date
from itertools import chain

import click

from commands.cli.csv_out import print_csv
from commands.cli.csv_registers import GOVERNOR, REQUESTS, SARS, WARNINGS
from commands.cli.options import csv_option, db_option, json_option, read_db_option
from commands.cli.render import print_json, print_json_array, print_json_fields
from commands.cli.render_cascade import print_drifting
from commands.cli.render_views import (
    print_change_register,
    print_head_rounds,
    print_sar_register,
    print_trends,
)
from commands.cli.suggest import require_agreement
from commands.cli.views import ViewReader, catch_up_option
from ledger.thaidate import bangkok_date, parse_moment, utc_now
from projections.cascades import CascadeNode, read_drifting
from projections.change_register import RegisterEntry, read_register
from projections.early_warning import KpiTrend, read_trends
from projections.head_evaluation import HeadRound, read_head_rounds
from projections.sar_register import SarEntry, read_sar_register

__all__ = ["governor", "requests", "sars", "warnings"]


@click.command()
@click.argument("agreement", required=False)
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def requests(
    agreement: str | None, database: str | None, stale: bool, as_json: bool, as_csv: bool
) -> None:
    """The change-request register (all agreements, or AGREEMENT): kind, reason, window,
    decision, rule-1 flags and the attempts refused on each request."""
    reader = ViewReader(database)
    with reader.view("requests", stale=stale).view.reading() as docs:
        if agreement is None and (as_json or as_csv):
            streamed = (entry for _, entry in docs.stream("request", RegisterEntry))
            if as_csv:
                print_csv(REQUESTS, streamed)
            else:
                print_json_array(streamed)
            return
        entries = read_register(docs, agreement)
    if not entries:
        require_agreement(reader.ctx.app, agreement)
    if as_csv:
        print_csv(REQUESTS, entries)
    elif as_json:
        print_json(entries)
    else:
        print_change_register(entries)


@click.command("sar")
@click.argument("agreement", required=False)
@click.option(
    "--today",
    metavar="DATE",
    help="Judge missing SARs as of this date (ISO or BE, e.g. 2557-08-01); default today.",
)
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def sars(
    agreement: str | None,
    today: str | None,
    database: str | None,
    stale: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The SAR register: per agreement and round, the due date and whether the SAR was filed,
    filed late (with its penalties), cancelled, missing or not yet due."""
    day: date = bangkok_date(parse_moment(today, field="--today") if today else utc_now())
    reader = ViewReader(database)
    with reader.view("sar", stale=stale).view.reading() as docs:
        if agreement is None and (as_json or as_csv):
            streamed = (entry for _, entry in docs.stream("sar", SarEntry))
            if as_csv:
                print_csv(SARS, ((e, day) for e in streamed))
            else:
                print_json_array({"status": e.status(day), "entry": e} for e in streamed)
            return
        entries = read_sar_register(docs, agreement)
    if not entries:
        require_agreement(reader.ctx.app, agreement)
    if as_csv:
        print_csv(SARS, ((e, day) for e in entries))
    elif as_json:
        print_json([{"status": e.status(day), "entry": e} for e in entries])
    else:
        print_sar_register(entries, day)


@click.command()
@click.argument("agreement", required=False)
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def governor(
    agreement: str | None, database: str | None, stale: bool, as_json: bool, as_csv: bool
) -> None:
    """The governor's evaluation rounds (FY2568 provinces): round 1 from the 6-month
    Performance Base result, round 2 from the 12-month result of both bases."""
    reader = ViewReader(database)
    with reader.view("governor", stale=stale).view.reading() as docs:
        if agreement is None and (as_json or as_csv):
            streamed = (entry for _, entry in docs.stream("round", HeadRound))
            if as_csv:
                print_csv(GOVERNOR, streamed)
            else:
                print_json_array(streamed)
            return
        entries = read_head_rounds(docs, agreement)
    if not entries:
        require_agreement(reader.ctx.app, agreement)
    if as_csv:
        print_csv(GOVERNOR, entries)
    elif as_json:
        print_json(entries)
    else:
        print_head_rounds(entries)


@click.command()
@click.argument("agreement", required=False)
@click.option("--all", "show_all", is_flag=True, help="Show on-track KPIs too.")
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def warnings(
    agreement: str | None,
    show_all: bool,
    database: str | None,
    stale: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Early warning: KPIs whose latest result is off track against the target pro-rated to
    the share of the year passed at its round's end (a 6-month result is held to 6/12 of the
    target; a lower-is-better rate, and an individual's half-year round, to the whole target),
    and cascaded KPIs drifting from a parent whose criteria changed since they last followed
    them.

    With --json: {"trends": [...], "drifting": [...]}; with --csv, one sheet of both."""
    reader = ViewReader(database)
    if agreement is None and (as_json or as_csv):
        _stream_warnings(reader, stale=stale, only_off_track=not show_all, as_csv=as_csv)
        return
    with reader.view("warnings", stale=stale).view.reading() as docs:
        trends = read_trends(docs, agreement=agreement, only_off_track=not show_all)
    with reader.view("cascades", stale=stale).view.reading() as docs:
        drift = read_drifting(docs, agreement)
    if not trends and not drift:
        require_agreement(reader.ctx.app, agreement)
    if as_csv:
        print_csv(WARNINGS, chain[KpiTrend | CascadeNode](trends, drift))
        return
    if as_json:
        print_json({"trends": trends, "drifting": drift})
        return
    print_trends(trends, only_off_track=not show_all)
    if drift:
        print_drifting(drift)


def _stream_warnings(
    reader: ViewReader, *, stale: bool, only_off_track: bool, as_csv: bool
) -> None:
    """``warnings --json`` (or ``--csv``) for every agreement, both arrays printed as they
    are read (the documents ``read_trends`` and ``read_drifting`` read, a chunk at a time)."""
    with (
        reader.view("warnings", stale=stale).view.reading() as trend_docs,
        reader.view("cascades", stale=stale).view.reading() as node_docs,
    ):
        trends = (
            trend
            for _, trend in trend_docs.stream("trend", KpiTrend)
            if trend.off_track or not only_off_track
        )
        drifting = (node for _, node in node_docs.stream("node", CascadeNode) if node.drifting)
        if as_csv:
            print_csv(WARNINGS, chain[KpiTrend | CascadeNode](trends, drifting))
        else:
            print_json_fields({"trends": trends, "drifting": drifting})
