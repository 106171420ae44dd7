"""``ledger as-of`` and ``ledger diff``: an agreement at a past moment, and what changed since."""

from __future__ import annotations

import re

import click

from commands.cli.csv_agreement import AS_OF, DIFF
from commands.cli.csv_out import print_csv
from commands.cli.options import csv_option, db_option, json_option, read_db_option
from commands.cli.render import print_json
from commands.cli.render_diff import print_diff
from commands.cli.render_views import print_as_of
from commands.cli.suggest import require_agreement
from commands.cli.views import ViewReader
from ledger.bounds import AGREEMENT_REF
from ledger.errors import NotFound
from ledger.thaidate import parse_moment
from projections.as_of import as_in_force, as_recorded
from projections.diff import diff_moments

__all__ = ["agreement_first", "as_of", "diff"]

_TIME_HELP = (
    "TIME is ISO 8601 (2014-04-30, 2014-04-30T09:15+07:00) or a Buddhist-Era date "
    "(2557-04-30, 30/04/2557); a date alone means the end of that day, Bangkok time."
)


_REF = re.compile(AGREEMENT_REF.pattern)


def agreement_first(first: str, second: str) -> tuple[str, str]:
    """(AGREEMENT, TIME) from ``as-of``'s two arguments, given in that order or in the old
    one (TIME AGREEMENT), which is told apart without doubt: a TIME never matches UNIT/FY
    (a unit id holds no '/'), and the old order is taken only when the first does not and
    the second does. The old order is kept for the scripts that use it, with a note.

    >>> agreement_first("TH-81/2557", "2557-04-30")
    ('TH-81/2557', '2557-04-30')
    """
    if _REF.match(first) is None and _REF.match(second) is not None:
        click.echo(
            "note: `ledger as-of TIME AGREEMENT` is the old order and will go; "
            "write `ledger as-of AGREEMENT TIME`, as every other command names AGREEMENT first",
            err=True,
        )
        return second, first
    return first, second


@click.command("as-of")
@click.argument("agreement")
@click.argument("time")
@click.option(
    "--effective",
    is_flag=True,
    help="As in force at TIME by effective date, per what is recorded now.",
)
@db_option()
@read_db_option
@json_option
@csv_option
def as_of(
    agreement: str, time: str, effective: bool, database: str | None, as_json: bool, as_csv: bool
) -> None:
    """AGREEMENT (UNIT/FISCAL_YEAR) exactly as the ledger had recorded it at TIME: targets,
    results and scores ("what was known then").

    With --effective: as in force at TIME by effective date, according to everything
    recorded now ("what we now know was in force then").
    """
    agreement, time = agreement_first(agreement, time)
    moment = parse_moment(time)
    reader = ViewReader(database)
    try:
        if effective:
            view = as_in_force(reader.ctx.app, agreement, moment, reader.ctx.framework)
        else:
            index = reader.open("versions")
            view = as_recorded(reader.ctx.app, index, agreement, moment, reader.ctx.framework)
    except NotFound:
        require_agreement(reader.ctx.app, agreement)  # with the closest known references
        raise
    if as_csv:
        print_csv(AS_OF, [view])
    elif as_json:
        print_json(view)
    else:
        print_as_of(view)


as_of.help = f"{as_of.help}\n\n{_TIME_HELP}"


@click.command()
@click.argument("agreement")
@click.argument("first")
@click.argument("second")
@db_option()
@read_db_option
@json_option
@csv_option
def diff(
    agreement: str, first: str, second: str, database: str | None, as_json: bool, as_csv: bool
) -> None:
    """What changed in AGREEMENT between two recorded times FIRST and SECOND: targets,
    weights, results, scores and decisions, with the events recorded in between."""
    reader = ViewReader(database)
    try:
        result = diff_moments(
            reader.ctx.app,
            reader.open("versions"),
            agreement,
            parse_moment(first, field="FIRST"),
            parse_moment(second, field="SECOND"),
            reader.ctx.framework,
        )
    except NotFound:
        require_agreement(reader.ctx.app, agreement)  # with the closest known references
        raise
    if as_csv:
        print_csv(DIFF, [result])
    elif as_json:
        print_json(result)
    else:
        print_diff(result)


diff.help = f"{diff.help}\n\n{_TIME_HELP}"
