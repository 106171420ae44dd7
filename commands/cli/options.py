"""Options every subcommand shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["chosen_read_db", "db_option", "json_option", "read_db_option"]

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


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )
