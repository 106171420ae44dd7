"""What every ``ledger users`` and ``ledger bodies`` write shares: one typed command, sent
through the same handlers as ``ledger apply``, entered by the signed-in administrator and
sealed like every write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click

from commands.authentication import NewToken, new_token
from commands.cli.sealed import sealed_write
from commands.cli.signing_in import TOKEN_ENV, sign_in
from commands.execution import execute
from commands.handlers import HandlerContext
from commands.messages import AnyCommand
from commands.wiring import build_context
from ledger.domain.values import Actor
from ledger.persistence.settings import Settings
from ledger.thaidate import format_be_datetime, parse_moment, utc_now

__all__ = [
    "expiry",
    "fresh_token",
    "moment",
    "print_token",
    "run_as_administrator",
]


def run_as_administrator(
    database: str | None,
    token_files: tuple[Path, ...],
    build: Callable[[Actor], AnyCommand],
) -> int:
    """Sign in, build the command with the signed-in user as the administrator acting, run
    it and seal; the number of events recorded. Raises what signing in and the handler raise
    (Unauthenticated exit 7, NotAllowed exit 8, ...)."""
    ctx = build_context(Settings.from_environment(database, access="create"))
    signed_in = sign_in(ctx, token_files).first
    actor = Actor(id=str(signed_in.enterer), role="administrator")
    return sealed_write(ctx, lambda: len(execute(signed_in, build(actor)).events))


def open_store(database: str | None) -> HandlerContext:
    return build_context(Settings.from_environment(database, access="create"))


def fresh_token(expires_days: int) -> tuple[NewToken, datetime]:
    return new_token(), expiry(expires_days)


def expiry(days: int) -> datetime:
    return utc_now() + timedelta(days=days)


def moment(text: str | None, field: str) -> datetime | None:
    return None if text is None else parse_moment(text, field=field)


def print_token(user_id: str, token: NewToken, expires_at: datetime) -> None:
    """The token on stdout, once; how to use it on stderr so ``> file`` keeps the token alone."""
    click.echo(token.token)
    click.echo(
        f"Token {token.token_id} for {user_id}, valid until {format_be_datetime(expires_at)}. "
        "It is shown this once and cannot be shown again: keep it in a file readable by you "
        f"alone and sign in with `--token-file FILE`, or export {TOKEN_ENV}=<token>.",
        err=True,
    )


def common(**fields: Any) -> dict[str, Any]:
    """Drop options left out, so the command's defaults apply."""
    return {k: v for k, v in fields.items() if v is not None and v != ()}
