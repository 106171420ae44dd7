"""Running the installed ``ledger`` command as a user would: a separate process, real files,
its exit code and what it printed."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from commands.authentication import new_token
from commands.cli.demo_cast import record_cast, units_prefix, write_tokens
from commands.demo.scenarios import ANDAMAN
from commands.execution import execute
from commands.messages import AddUser, BootstrapAdministrator, GrantRole, IssueToken
from commands.sealing import seal
from commands.wiring import build_context
from ledger.domain.values import Actor, Role
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now

__all__ = [
    "LEDGER",
    "add_signed_in_user",
    "beside_demo_note",
    "ledger",
    "pasted",
    "provision",
    "provision_demo",
]

LEDGER = str(Path(sys.executable).parent / "ledger")
# How the line every read of a demo store prints on stderr begins (ledger.demo_store).
DEMO_NOTE = "note: a demo store "


def ledger(
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    prefix: tuple[str, ...] = (),
    preexec_fn: Callable[[], None] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``ledger ARGS`` (after ``prefix``, e.g. to run as another user), 160 columns wide."""
    return subprocess.run(
        [*prefix, LEDGER, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "160", **(env or {})},
        cwd=cwd,
        preexec_fn=preexec_fn,
        check=False,
    )


def pasted(printed: str) -> list[str]:
    """``printed``'s lines as a shell reads them pasted: a line ending in a backslash joined
    to the next (the demo breaks a long command that way to fit the terminal)."""
    lines: list[str] = []
    for line in printed.splitlines():
        if lines and lines[-1].endswith("\\"):
            lines[-1] = lines[-1][:-1].rstrip() + " " + line.strip()
        else:
            lines.append(line)
    return lines


def beside_demo_note(stderr: str) -> str:
    """What a command wrote on stderr besides the note a demo store's every read prints."""
    return "".join(
        line for line in stderr.splitlines(keepends=True) if not line.startswith(DEMO_NOTE)
    )


def provision(database: str | Path, roles: Mapping[str, Role]) -> Path:
    """Bootstrap ``admin`` on the store and add each user of ``roles`` holding its role in
    any scope (so roles that need a unit or a body are not for this), through the handlers;
    returns a folder beside a SQLite store (else a fresh one) of ``USER.token`` files, admin's
    included, for ``--token-file``."""
    ctx = build_context(Settings.from_environment(str(database)))
    tokens = {"admin": new_token(), **{user_id: new_token() for user_id in roles}}
    expires_at = utc_now() + timedelta(days=30)
    first = tokens["admin"]
    admin = Actor(id="admin", role="administrator")
    execute(
        ctx,
        BootstrapAdministrator(
            actor=admin,
            user_id="admin",
            name_th="ผู้ดูแล",
            name_en="Administrator",
            token_id=first.token_id,
            secret_sha256=first.sha256,
            expires_at=expires_at,
        ),
    )
    as_admin = replace(ctx, enterer="admin")
    for user_id, role in roles.items():
        token = tokens[user_id]
        for command in (
            AddUser(actor=admin, user_id=user_id, name_th=user_id, name_en=user_id),
            GrantRole(actor=admin, user_id=user_id, role=role),
            IssueToken(
                actor=admin,
                user_id=user_id,
                token_id=token.token_id,
                secret_sha256=token.sha256,
                expires_at=expires_at,
            ),
        ):
            execute(as_admin, command)
    seal(ctx.app)
    folder = _token_folder(database)
    write_tokens(folder, tokens)
    return folder


def provision_demo(database: str | Path, lines: list[str]) -> tuple[Path, list[str]]:
    """The demo's cast on the store, with the year's unit registrations among ``lines``
    (which the cast's unit grants need), through the handlers; returns the cast's token
    folder and the lines left to apply."""
    ctx = build_context(Settings.from_environment(str(database)))
    split = units_prefix(lines)
    cast = record_cast(ctx, ANDAMAN, lines[:split], keep_going=False)
    seal(ctx.app)
    folder = _token_folder(database)
    write_tokens(folder, cast.tokens)
    return folder, lines[split:]


def _token_folder(database: str | Path) -> Path:
    if "://" in str(database):
        return Path(tempfile.mkdtemp(prefix="ledger-tokens-"))
    path = Path(database)
    return path.with_name(f"{path.stem}.tokens")


def add_signed_in_user(
    database: str | Path, folder: Path, user_id: str, role: Role, *, admin: str, **scope: Any
) -> None:
    """Add ``user_id`` holding ``role`` within ``scope`` (GrantRole's fields), entered by the
    administrator ``admin``, and write its token into ``folder``. Raises what the handlers
    raise (NotFound for a unit not registered yet)."""
    ctx = replace(build_context(Settings.from_environment(str(database))), enterer=admin)
    actor = Actor(id=admin, role="administrator")
    token = new_token()
    for command in (
        AddUser(actor=actor, user_id=user_id, name_th=user_id, name_en=user_id),
        GrantRole(actor=actor, user_id=user_id, role=role, **scope),
        IssueToken(
            actor=actor,
            user_id=user_id,
            token_id=token.token_id,
            secret_sha256=token.sha256,
            expires_at=utc_now() + timedelta(days=30),
        ),
    ):
        execute(ctx, command)
    seal(ctx.app)
    write_tokens(folder, {user_id: token})
