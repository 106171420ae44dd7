"""Options every subcommand shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["db_option", "json_option"]

F = TypeVar("F", bound=Callable[..., Any])


def db_option(default: str | None = None) -> Callable[[F], F]:
    help_text = (
        "Event store: a SQLite path, sqlite:///PATH or postgresql://USER@HOST:PORT/DB "
        "(default: $LEDGER_DATABASE_URL, else ./ledger.sqlite)."
    )
    if default:
        help_text = f"Event store: a SQLite path or database URL (default: {default})."
    return click.option("--db", "database", metavar="PATH|URL", default=default, help=help_text)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )
