"""Handlers for identity: the bootstrap, users, bodies, grants and tokens.

Every step but the bootstrap is an administrator's, entered by that administrator. The
bootstrap needs nobody signed in, and is refused once an administrator exists.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from commands.handlers.context import Handling
from commands.messages import (
    AddUser,
    BootstrapAdministrator,
    FormBody,
    GrantRole,
    IssueToken,
    RevokeGrant,
    RevokeToken,
)
from ledger.application import body_uuid, credential_uuid, directory_uuid, user_uuid
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.access import BODY_ROLES, UNIT_ROLES
from ledger.domain.identity.events import (
    BodyFormed,
    GrantRevoked,
    IdentityBootstrapped,
    RoleGranted,
    TokenIssued,
    TokenRevoked,
    UserAdded,
)
from ledger.domain.identity.principals import User
from ledger.domain.stamp import Stamp
from ledger.errors import AlreadyRecorded, NotAllowed, NotFound, RuleRefused
from ledger.grammar import with_article

__all__ = [
    "MAX_TOKEN_LIFE",
    "handle_add_user",
    "handle_bootstrap_administrator",
    "handle_form_body",
    "handle_grant_role",
    "handle_issue_token",
    "handle_revoke_grant",
    "handle_revoke_token",
]

MAX_TOKEN_LIFE = timedelta(days=366)
_ADMIN = ("administrator",)


def handle_bootstrap_administrator(
    ctx: Handling, command: BootstrapAdministrator
) -> list[LedgerEvent]:
    actor = command.actor
    if ctx.ledger.directory() is not None:
        # Once bootstrapped, a new administrator needs an administrator's grant (add_user).
        raise NotAllowed(
            f"user {actor.id!r} acting as {actor.role} may not bootstrap_administrator: an "
            "administrator was bootstrapped already, so it needs a grant of administrator "
            "(administrators add the others)",
            field="type",
            rule="the first administrator is bootstrapped once",
        )
    if actor.id != command.user_id or actor.role != "administrator" or actor.kind != "user":
        raise NotAllowed(
            f"{actor.kind} {actor.id!r} acting as {actor.role} may not bootstrap_administrator "
            f"{command.user_id!r}: only that user, acting as administrator, bootstraps itself "
            "(it holds no grant of administrator otherwise)",
            field="actor",
            rule="the bootstrap's actor is {id: user_id, role: administrator}",
            expected={"id": command.user_id, "role": "administrator", "kind": "user"},
            actual={"id": actor.id, "role": actor.role, "kind": actor.kind},
        )
    stamp = ctx.entering(command.user_id).unchecked_stamp(command)
    _check_expiry(command.expires_at, stamp)
    if ctx.ledger.user(command.user_id) is not None:
        raise _user_exists(command.user_id)
    user_id = user_uuid(command.user_id)
    events: list[LedgerEvent] = [
        IdentityBootstrapped(
            originator_id=directory_uuid(),
            originator_version=1,
            administrator=command.user_id,
            name_th=command.name_th,
            name_en=command.name_en,
            contact=command.contact,
            token_id=command.token_id,
            secret_sha256=command.secret_sha256,
            expires_at=command.expires_at,
            demo_scenario=command.demo_scenario,
            **stamp.fields(),
        ),
        UserAdded(
            originator_id=user_id,
            originator_version=1,
            user_id=command.user_id,
            name_th=command.name_th,
            name_en=command.name_en,
            contact=command.contact,
            **stamp.fields(),
        ),
        RoleGranted(
            originator_id=user_id,
            originator_version=2,
            number=1,
            role="administrator",
            valid_from=stamp.effective_at,
            **stamp.fields(),
        ),
        _token(command.token_id, command.user_id, command.secret_sha256, command, stamp),
    ]
    ctx.record(events)
    return events


def handle_add_user(ctx: Handling, command: AddUser) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, _ADMIN)
    if ctx.ledger.user(command.user_id) is not None:
        raise _user_exists(command.user_id)
    event = UserAdded(
        originator_id=user_uuid(command.user_id),
        originator_version=1,
        user_id=command.user_id,
        name_th=command.name_th,
        name_en=command.name_en,
        contact=command.contact,
        **stamp.fields(),
    )
    ctx.record([event])
    return [event]


def handle_form_body(ctx: Handling, command: FormBody) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, _ADMIN)
    if ctx.ledger.body(command.body_id) is not None:
        raise AlreadyRecorded(
            f"body {command.body_id!r} is already formed",
            field="body_id",
            rule="body ids are unique",
        )
    if len(set(command.roles)) != len(command.roles) or "administrator" in command.roles:
        raise RuleRefused(
            "a body's roles are distinct, and a body never administers the ledger",
            field="roles",
            rule="each role once; not administrator",
            actual=list(command.roles),
        )
    unit_roles = UNIT_ROLES.intersection(command.roles)
    if unit_roles and len(command.units) != 1:
        # A unit's reporters act for their own unit only; so does a body acting as one.
        raise RuleRefused(
            f"a body deciding as {', '.join(sorted(unit_roles))} names its one unit",
            field="units",
            rule="a unit's staff act for that unit only",
            expected="one unit",
            actual=list(command.units),
        )
    for number, unit_id in enumerate(command.units):
        ctx.ledger.unit(unit_id, field=f"units[{number}]")
    if command.framework_id is not None:
        ctx.framework(command.framework_id)
    event = BodyFormed(
        originator_id=body_uuid(command.body_id),
        originator_version=1,
        body_id=command.body_id,
        name_th=command.name_th,
        name_en=command.name_en,
        roles=command.roles,
        units=command.units,
        framework_id=command.framework_id,
        fiscal_year=command.fiscal_year,
        **stamp.fields(),
    )
    ctx.record([event])
    return [event]


def handle_grant_role(ctx: Handling, command: GrantRole) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, _ADMIN)
    user = _user(ctx, command.user_id)
    _check_grant_scope(ctx, command)
    if command.valid_until is not None and command.valid_until <= stamp.effective_at:
        raise RuleRefused(
            "a grant ends after it starts",
            field="valid_until",
            rule="valid_until is later than the grant's effective time",
            expected=f"after {stamp.effective_at.isoformat()}",
            actual=command.valid_until.isoformat(),
        )
    event = RoleGranted(
        originator_id=user.id,
        originator_version=user.version + 1,
        number=len(user.grants) + 1,
        role=command.role,
        unit_id=command.unit_id,
        body_id=command.body_id,
        framework_id=command.framework_id,
        fiscal_year=command.fiscal_year,
        valid_from=stamp.effective_at,
        valid_until=command.valid_until,
        **stamp.fields(),
    )
    ctx.record([event])
    return [event]


def _check_grant_scope(ctx: Handling, command: GrantRole) -> None:
    if command.role in UNIT_ROLES and command.unit_id is None:
        raise RuleRefused(
            f"{with_article(command.role)} grant names the unit it acts for",
            field="unit_id",
            rule="a unit's staff act for that unit only",
        )
    if command.role in BODY_ROLES and command.body_id is None:
        raise RuleRefused(
            f"{with_article(command.role)} grant names the body it sits in",
            field="body_id",
            rule="committee members and secretariats act within their body",
        )
    if command.unit_id is not None:
        ctx.ledger.unit(command.unit_id)
    if command.framework_id is not None:
        ctx.framework(command.framework_id)
    if command.body_id is None:
        return
    body = ctx.ledger.body(command.body_id)
    if body is None:
        raise NotFound(
            f"no body {command.body_id!r}", field="body_id", rule="a body is formed first"
        )
    if command.role != "secretariat" and command.role not in body.roles:
        raise RuleRefused(
            f"body {body.body_id!r} decides as {', '.join(body.roles)}, not {command.role}",
            field="role",
            rule="a member's role in a body is its secretariat or one the body decides in",
            expected=["secretariat", *body.roles],
            actual=command.role,
        )


def handle_revoke_grant(ctx: Handling, command: RevokeGrant) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, _ADMIN)
    user = _user(ctx, command.user_id)
    grant = next((g for g in user.grants if g.number == command.number), None)
    if grant is None:
        raise NotFound(
            f"user {command.user_id!r} has no grant {command.number}",
            field="number",
            rule="grants are numbered 1, 2, 3… per user (ledger users show)",
        )
    if stamp.effective_at < stamp.recorded_at:
        # Grants are checked when commands are recorded: what was recorded under a grant
        # stands, so its end cannot reach back before the revocation is recorded.
        raise RuleRefused(
            "a revocation takes effect when it is recorded or later",
            field="effective_at",
            rule="a grant cannot be revoked retroactively",
            expected=f"{stamp.recorded_at.isoformat()} or later",
            actual=stamp.effective_at.isoformat(),
        )
    if grant.valid_until is not None and grant.valid_until <= stamp.effective_at:
        raise AlreadyRecorded(
            f"grant {command.number} of {command.user_id!r} ended at "
            f"{grant.valid_until.isoformat()}",
            field="number",
            rule="a grant ends once",
        )
    event = GrantRevoked(
        originator_id=user.id,
        originator_version=user.version + 1,
        number=command.number,
        reason=command.reason,
        **stamp.fields(),
    )
    ctx.record([event])
    return [event]


def handle_issue_token(ctx: Handling, command: IssueToken) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, _ADMIN)
    _user(ctx, command.user_id)
    _check_expiry(command.expires_at, stamp)
    if ctx.ledger.credential(command.token_id) is not None:
        raise AlreadyRecorded(
            f"token {command.token_id!r} exists", field="token_id", rule="token ids are unique"
        )
    event = _token(command.token_id, command.user_id, command.secret_sha256, command, stamp)
    ctx.record([event])
    return [event]


def handle_revoke_token(ctx: Handling, command: RevokeToken) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, _ADMIN)
    credential = ctx.ledger.credential(command.token_id)
    if credential is None:
        raise NotFound(f"no token {command.token_id!r}", field="token_id", rule="token must exist")
    if credential.revoked_at is not None:
        raise AlreadyRecorded(
            f"token {command.token_id!r} was revoked at {credential.revoked_at.isoformat()}",
            field="token_id",
            rule="a token is revoked once",
        )
    event = TokenRevoked(
        originator_id=credential.id,
        originator_version=credential.version + 1,
        token_id=command.token_id,
        reason=command.reason,
        **stamp.fields(),
    )
    ctx.record([event])
    return [event]


def _token(
    token_id: str,
    user_id: str,
    secret_sha256: str,
    command: IssueToken | BootstrapAdministrator,
    stamp: Stamp,
) -> TokenIssued:
    return TokenIssued(
        originator_id=credential_uuid(token_id),
        originator_version=1,
        token_id=token_id,
        user_id=user_id,
        secret_sha256=secret_sha256,
        expires_at=command.expires_at,
        **stamp.fields(),
    )


def _check_expiry(expires_at: datetime, stamp: Stamp) -> None:
    latest = stamp.recorded_at + MAX_TOKEN_LIFE
    if not stamp.recorded_at < expires_at <= latest:
        raise RuleRefused(
            "a token expires after it is issued, within a year",
            field="expires_at",
            rule=f"later than now and at most {MAX_TOKEN_LIFE.days} days ahead",
            expected=f"after {stamp.recorded_at.isoformat()}, by {latest.isoformat()}",
            actual=expires_at.isoformat(),
        )


def _user(ctx: Handling, user_id: str) -> User:
    user = ctx.ledger.user(user_id)
    if user is None:
        raise NotFound(f"no user {user_id!r}", field="user_id", rule="a user is added first")
    return user


def _user_exists(user_id: str) -> AlreadyRecorded:
    return AlreadyRecorded(
        f"user {user_id!r} is already registered", field="user_id", rule="user ids are unique"
    )
