"""Signing in on the command line: every write but the bootstrap is entered by a user whose
token comes in ``LEDGER_TOKEN`` or a ``--token-file``. A token is never echoed: the messages
name its id at most (``commands.authentication``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from commands.authentication import authenticate
from commands.handlers import HandlerContext
from commands.messages import AnyCommand
from ledger.errors import Unauthenticated
from ledger.thaidate import utc_now

__all__ = ["TOKEN_ENV", "SignedIn", "sign_in", "token_option"]

TOKEN_ENV = "LEDGER_TOKEN"
_HOW = f"give a token in ${TOKEN_ENV} or --token-file PATH (from `ledger users token`)"
_MAX_TOKEN_FILE = 4096

F = TypeVar("F", bound=Callable[..., Any])


def token_option(func: F) -> F:
    return click.option(
        "--token-file",
        "token_files",
        multiple=True,
        type=click.Path(path_type=Path),
        help=f"A file holding your token (instead of ${TOKEN_ENV}). Repeat it, or name a "
        "folder of *.token files, to enter a batch for several users: each line is "
        "entered by the signed-in user it belongs to.",
    )(func)


class SignedIn:
    """The users whose tokens came, in the order given; the first enters a command no other
    may enter for (so its refusal names that user)."""

    def __init__(self, ctx: HandlerContext, user_ids: list[str]) -> None:
        self.ctx = ctx
        self.user_ids = user_ids

    @property
    def first(self) -> HandlerContext:
        return replace(self.ctx, enterer=self.user_ids[0])

    def entering(self, command: AnyCommand) -> HandlerContext:
        """The context entering ``command``: its actor when that user is signed in; for a
        body, a signed-in user in the body's secretariat; else the first user."""
        actor = command.actor
        if actor.kind == "user" and actor.id in self.user_ids:
            return replace(self.ctx, enterer=actor.id)
        if actor.kind == "body":
            now = self.ctx.clock()
            for user_id in self.user_ids:
                user = self.ctx.ledger.user(user_id)
                if user is not None and any(
                    g.role == "secretariat" and g.body_id == actor.id
                    for g in user.grants_in_force(now)
                ):
                    return replace(self.ctx, enterer=user_id)
        return self.first


def sign_in(ctx: HandlerContext, token_files: tuple[Path, ...] = ()) -> SignedIn:
    """Authenticate every token given (``$LEDGER_TOKEN``, then each ``--token-file``).

    Raises Unauthenticated (exit 7) when none is given, or when any is malformed, unknown,
    expired or revoked; the message names $LEDGER_TOKEN and --token-file, never the token.
    """
    tokens = _tokens(token_files)
    if not tokens:
        raise Unauthenticated(f"nobody is signed in; {_HOW}", rule="every write is signed in")
    now = utc_now()
    users: list[str] = []
    for source, token in tokens:
        try:
            user_id = authenticate(ctx.app, token, now)
        except Unauthenticated as error:
            raise Unauthenticated(
                f"{error.message} (from {source}); {_HOW}", rule=error.rule
            ) from None
        if user_id not in users:
            users.append(user_id)
    return SignedIn(ctx, users)


def _tokens(token_files: tuple[Path, ...]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if env := os.environ.get(TOKEN_ENV, "").strip():
        found.append((f"${TOKEN_ENV}", env))
    for given in token_files:
        paths = sorted(given.glob("*.token")) if given.is_dir() else [given]
        for path in paths:
            found.append((str(path), _read(path)))
    return found


def _read(path: Path) -> str:
    try:
        with path.open("rb") as file:
            text = file.read(_MAX_TOKEN_FILE)
    except OSError as error:
        raise Unauthenticated(
            f"the token file {path} cannot be read ({error.strerror}); {_HOW}",
            field="--token-file",
            rule="every write is signed in",
        ) from None
    return text.decode("utf-8", errors="replace").strip()
