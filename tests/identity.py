"""Identity for tests, provisioned through the real identity commands and handlers.

Tests name actors freely ({"id": "opdc-1", "role": "opdc"}); before a command runs, its actor
is made able to act: an administrator is bootstrapped once per store, the user is added, and
its role granted in the narrowest sensible scope (an assessed unit for the command's unit; a
committee, appeal body or secretariat member within a body formed for that role; any other
role unscoped). A body actor is formed with its role if missing, and its decisions are
entered by a secretariat user of that body. Provisioning records ordinary events; tests that
count events provision a list of commands up front (``provision``) so that only the grants
for units the list itself registers come between its commands.

A grant once given is never given again, even after it ends: a test that revokes or lets a
grant expire means it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta
from typing import Any, TypeVar

import msgspec

from commands.authentication import secret_sha256
from commands.cli.apply import ApplyFailed, ApplySummary, Refusal
from commands.decoding import decode_command
from commands.execution import execute
from commands.handlers import HandlerContext, Handling, handle
from commands.messages import IDENTITY_COMMANDS, AnyCommand, BootstrapAdministrator
from ledger.domain.decisions.attempts import KeptRefusal
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.access import BODY_ROLES, UNIT_ROLES
from ledger.domain.values import Actor
from ledger.errors import LedgerError, NotFound

__all__ = [
    "ADMIN",
    "ADMIN_ACTOR",
    "admit",
    "admitted",
    "apply_as_actors",
    "bootstrap",
    "provision",
    "role_body",
    "run_as_actor",
    "secretariat_of",
    "unit_of",
]

ADMIN = "admin"
ADMIN_ACTOR = {"id": ADMIN, "role": "administrator"}

H = TypeVar("H", bound=Handling)
# Provisioned grants take effect long before any test's clock, so a store provisioned on one
# clock serves contexts built later on an earlier one (ticking_clock starts in 2025).
SINCE = "2000-01-01T00:00:00+00:00"
_MAX_ID = 64  # ledger.bounds: an id is 1-64 characters


def bootstrap(ctx: Handling) -> str:
    """The store's administrator: bootstrapped here (as ``admin``) when there is none yet."""
    directory = ctx.ledger.directory()
    if directory is not None:
        return directory.administrator
    # A fixed token, so that the same year records the same bytes on every store.
    token_id, token_sha256 = "0" * 16, secret_sha256("a test administrator's secret")
    expires = ctx.clock() + timedelta(days=300)
    command = {
        "type": "bootstrap_administrator",
        "actor": ADMIN_ACTOR,
        "user_id": ADMIN,
        "name_th": "ผู้ดูแลระบบ",
        "name_en": "Administrator",
        "token_id": token_id,
        "secret_sha256": token_sha256,
        "expires_at": expires.isoformat(),
        "effective_at": SINCE,
    }
    handle(replace(ctx, enterer=None), _decoded(command))
    return ADMIN


def role_body(role: str) -> str:
    """The body formed for every user acting in a body-bound ``role``."""
    return f"all-{role}"


def secretariat_of(body_id: str) -> str:
    """The user entering a body's decisions (an id within the bound however long the body's)."""
    user_id = f"{body_id}-secretariat"
    if len(user_id) <= _MAX_ID:
        return user_id
    return "secretariat-" + hashlib.sha256(body_id.encode()).hexdigest()[:32]


def admitted(ctx: H, command: AnyCommand) -> H:
    """Make ``command``'s actor able to act, and return ``ctx`` signed in as the user who
    enters it: the actor itself, or the secretariat of a body actor. Identity commands are
    entered by their own actor, unprovisioned (the bootstrap by nobody)."""
    if isinstance(command, BootstrapAdministrator):
        return replace(ctx, enterer=None)
    if isinstance(command, IDENTITY_COMMANDS):
        return replace(ctx, enterer=command.actor.id)
    return admit(ctx, command.actor, unit_of(command) or _host_of(ctx, command))


def _host_of(ctx: Handling, command: AnyCommand) -> str | None:
    """The host unit of the joint KPI a command is about (its reporter acts for the host),
    once the joint KPI is defined."""
    joint_id = getattr(command, "joint_id", None)
    joint = ctx.ledger.joint(joint_id) if isinstance(joint_id, str) else None
    return joint.host_unit_id if joint is not None else None


def admit(ctx: H, actor: Actor, unit_id: str | None = None) -> H:
    """Make ``actor`` able to act (an assessed unit for ``unit_id``, once it is registered),
    and return ``ctx`` signed in as the user who enters for it."""
    admin = replace(ctx, enterer=bootstrap(ctx))
    if actor.kind == "body":
        _ensure_body(admin, actor.id, actor.role)
        enterer = secretariat_of(actor.id)
        _ensure_user(admin, enterer)
        _ensure_grant(admin, enterer, "secretariat", body_id=actor.id)
        return replace(ctx, enterer=enterer)
    _ensure_user(admin, actor.id)
    _grant_role(admin, actor, unit_id)
    return replace(ctx, enterer=actor.id)


def provision(ctx: Handling, commands: Iterable[AnyCommand | dict[str, Any]]) -> None:
    """Admit every actor of ``commands`` before any of them runs (those of units the commands
    register themselves are granted when run)."""
    seen: set[tuple[str, str, str, str | None]] = set()
    for command in commands:
        typed = _decoded(command) if isinstance(command, dict) else command
        key = (typed.actor.id, typed.actor.role, typed.actor.kind, unit_of(typed))
        if key not in seen:
            seen.add(key)
            admitted(ctx, typed)


def run_as_actor(ctx: Handling, command: AnyCommand) -> list[LedgerEvent]:
    """Handle ``command`` entered as its actor (or its body's secretariat), once admitted."""
    return handle(admitted(ctx, command), command)


def apply_as_actors(
    ctx: HandlerContext, lines: Iterable[str | bytes], *, keep_going: bool = False
) -> ApplySummary:
    """``commands.cli.apply.apply_lines`` with each line entered as its actor: every actor is
    admitted up front, then each line is decoded and executed; the summary counts the lines'
    events only, not the provisioning's."""
    decoded: list[tuple[int, AnyCommand | LedgerError]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            decoded.append((number, decode_command(line)))
        except LedgerError as error:
            decoded.append((number, error))
    provision(ctx, [c for _, c in decoded if not isinstance(c, LedgerError)])
    commands = events = resent = 0
    refused: list[Refusal] = []
    for number, command in decoded:
        try:
            if isinstance(command, LedgerError):
                raise command
            answered = execute(admitted(ctx, command), command)
        except LedgerError as error:
            if keep_going:
                refused.append(Refusal(line_number=number, error=error))
                events += isinstance(error, KeptRefusal)
                continue
            raise ApplyFailed(
                number, error, ApplySummary(commands=commands, events=events, resent=resent)
            ) from error
        commands += 1
        resent += answered.resent
        events += 0 if answered.resent else len(answered.events)
    return ApplySummary(commands=commands, events=events, refused=tuple(refused), resent=resent)


def unit_of(command: AnyCommand) -> str | None:
    """The unit a command is about: its agreement's (``UNIT/YYYY``), or the one it names."""
    agreement = getattr(command, "agreement", None)
    if isinstance(agreement, str):
        return agreement.split("/", 1)[0]
    unit_id = getattr(command, "unit_id", None)
    return unit_id if isinstance(unit_id, str) else None


def _grant_role(admin: Handling, actor: Actor, unit_id: str | None) -> None:
    if actor.role in UNIT_ROLES:
        if unit_id is not None and _registered(admin, unit_id):
            _ensure_grant(admin, actor.id, actor.role, unit_id=unit_id)
    elif actor.role in BODY_ROLES:
        body_id = role_body(actor.role)
        _ensure_body(admin, body_id, actor.role)
        _ensure_grant(admin, actor.id, actor.role, body_id=body_id)
    else:
        _ensure_grant(admin, actor.id, actor.role)


def _registered(ctx: Handling, unit_id: str) -> bool:
    try:
        ctx.ledger.unit(unit_id)
    except NotFound:
        return False
    return True


def _ensure_user(admin: Handling, user_id: str) -> None:
    if admin.ledger.user(user_id) is None:
        _as_admin(
            admin,
            {
                "type": "add_user",
                "user_id": user_id,
                "name_th": f"ผู้ใช้ {user_id}",
                "name_en": f"User {user_id}",
            },
        )


def _ensure_body(admin: Handling, body_id: str, role: str) -> None:
    if admin.ledger.body(body_id) is None:
        _as_admin(
            admin,
            {
                "type": "form_body",
                "body_id": body_id,
                "name_th": f"คณะ {body_id}",
                "name_en": f"Body {body_id}",
                "roles": [role],
            },
        )


def _ensure_grant(
    admin: Handling,
    user_id: str,
    role: str,
    *,
    unit_id: str | None = None,
    body_id: str | None = None,
) -> None:
    user = admin.ledger.user(user_id)
    assert user is not None
    if any(g.role == role and (g.unit_id, g.body_id) == (unit_id, body_id) for g in user.grants):
        return
    scope = {k: v for k, v in (("unit_id", unit_id), ("body_id", body_id)) if v is not None}
    _as_admin(admin, {"type": "grant_role", "user_id": user_id, "role": role, **scope})


def _as_admin(admin: Handling, command: dict[str, Any]) -> None:
    assert admin.enterer is not None
    actor = {"id": admin.enterer, "role": "administrator"}
    handle(admin, _decoded({**command, "actor": actor, "effective_at": SINCE}))


def _decoded(command: dict[str, Any]) -> AnyCommand:
    return decode_command(msgspec.json.encode(command))
