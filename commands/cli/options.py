"""Options every subcommand shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["chosen_read_db", "csv_option", "db_option", "json_option", "read_db_option"]

F = TypeVar("F", bound=Callable[..., Any])


def db_option(default: str | None = None) -> Callable[[F], F]:
    help_text = (
        "Event store: a SQLite path, sqlite:///PATH or postgresql://USER@HOST:PORT/DB "
        "(default: $LEDGER_DATABASE_URL, else ./ledger.sqlite)."
    )
    if default:
        help_text = f"Event store: a SQLite path or database URL (default: {default})."
    return click.option("--db", "database", metavar="PATH|URL", default=default, help=help_text)


_READ_DB = "ledger.read_db"


def _remember_read_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    ctx.meta[_READ_DB] = value


def read_db_option(func: F) -> F:
    """``--read-db URL``: read from a PostgreSQL standby of the ``--db`` store. Kept in the
    click context (see ``chosen_read_db``) so a read command's signature does not change."""
    return click.option(
        "--read-db",
        metavar="URL",
        expose_value=False,
        callback=_remember_read_db,
        help="Read from this PostgreSQL streaming-replication standby of the --db store "
        "(views as the primary last caught them up; says how far behind it is).",
    )(func)


def chosen_read_db() -> str | None:
    """The running command's ``--read-db``, if it has one and it was given."""
    ctx = click.get_current_context(silent=True)
    value = ctx.meta.get(_READ_DB) if ctx is not None else None
    return value if isinstance(value, str) else None


# The parameters of the output formats a read offers besides its table.
_FORMATS = {"as_json": "--json", "as_csv": "--csv"}
ONE_FORMAT = "one output format at a time: a table, --json or --csv"


def _one_format(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """Refuse a second output format: click processes the options given in the order they
    were typed, so the second one given finds the first already set."""
    if value:
        others = [
            flag for name, flag in _FORMATS.items() if name != param.name and ctx.params.get(name)
        ]
        if others:
            given = " and ".join(sorted((*others, _FORMATS[str(param.name)])))
            raise click.UsageError(
                f"{given} cannot be given together; rule: {ONE_FORMAT}; "
                "กฎ: แสดงผลได้ครั้งละหนึ่งรูปแบบ: ตาราง, --json หรือ --csv",
                ctx,
            )
    return value


def json_option(func: F) -> F:
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        callback=_one_format,
        help="Print JSON instead of a table.",
    )(func)


def csv_option(func: F) -> F:
    """``--csv``: the read's rows as CSV for a spreadsheet (``commands.cli.csv_out``);
    refused beside ``--json``."""
    return click.option(
        "--csv",
        "as_csv",
        is_flag=True,
        callback=_one_format,
        help="Print the rows as CSV for a spreadsheet instead of a table: UTF-8 with a BOM, "
        "one 'English / ไทย' header row, complete values, ISO 8601 dates.",
    )(func)
