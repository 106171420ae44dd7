"""Who is who, read from the events: users with their grants and tokens, and bodies with their
members. A read model for ``ledger users`` and ``ledger bodies``; it never holds a token's
secret or its hash."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import msgspec

from ledger.domain.events import LedgerEvent
from ledger.domain.identity.events import (
    BodyFormed,
    GrantRevoked,
    IdentityBootstrapped,
    RoleGranted,
    TokenIssued,
    TokenRevoked,
    UserAdded,
)
from ledger.domain.identity.principals import Grant

__all__ = ["BodyEntry", "Directory", "TokenEntry", "UserEntry", "read_directory"]


class TokenEntry(msgspec.Struct, frozen=True, kw_only=True):
    token_id: str
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    revoked_reason: str | None = None

    def state(self, at: datetime) -> str:
        if self.revoked_at is not None and self.revoked_at <= at:
            return "revoked"
        return "expired" if self.expires_at <= at else "valid"


class UserEntry(msgspec.Struct, frozen=True, kw_only=True):
    user_id: str
    name_th: str
    name_en: str
    contact: str
    added_at: datetime
    added_by: str
    grants: tuple[Grant, ...] = ()
    tokens: tuple[TokenEntry, ...] = ()


class BodyEntry(msgspec.Struct, frozen=True, kw_only=True):
    body_id: str
    name_th: str
    name_en: str
    roles: tuple[str, ...]
    units: tuple[str, ...]
    framework_id: str | None
    fiscal_year: int | None
    formed_at: datetime


class Directory(msgspec.Struct, frozen=True, kw_only=True):
    administrator: str | None
    users: dict[str, UserEntry]
    bodies: dict[str, BodyEntry]

    def members(self, body_id: str) -> list[tuple[UserEntry, Grant]]:
        """Every grant held in the body (in force or ended), with its holder."""
        return [
            (user, grant)
            for user in self.users.values()
            for grant in user.grants
            if grant.body_id == body_id
        ]


def read_directory(events: Iterable[LedgerEvent]) -> Directory:
    """Fold the identity events of ``events`` (any others are passed over)."""
    administrator: str | None = None
    users: dict[str, UserEntry] = {}
    bodies: dict[str, BodyEntry] = {}
    owners: dict[str, str] = {}
    replace = msgspec.structs.replace
    for event in events:
        if isinstance(event, IdentityBootstrapped):
            administrator = event.administrator
        elif isinstance(event, UserAdded):
            users[event.user_id] = UserEntry(
                user_id=event.user_id,
                name_th=event.name_th,
                name_en=event.name_en,
                contact=event.contact,
                added_at=event.effective_at,
                added_by=event.actor.id,
            )
            owners[str(event.originator_id)] = event.user_id
        elif isinstance(event, RoleGranted | GrantRevoked):
            user = users[owners[str(event.originator_id)]]
            users[user.user_id] = replace(user, grants=_granted(user.grants, event))
        elif isinstance(event, TokenIssued):
            user = users[event.user_id]
            token = TokenEntry(
                token_id=event.token_id, issued_at=event.effective_at, expires_at=event.expires_at
            )
            users[user.user_id] = replace(user, tokens=(*user.tokens, token))
            owners[event.token_id] = event.user_id
        elif isinstance(event, TokenRevoked):
            user = users[owners[event.token_id]]
            tokens = tuple(
                replace(t, revoked_at=event.effective_at, revoked_reason=event.reason)
                if t.token_id == event.token_id
                else t
                for t in user.tokens
            )
            users[user.user_id] = replace(user, tokens=tokens)
        elif isinstance(event, BodyFormed):
            bodies[event.body_id] = BodyEntry(
                body_id=event.body_id,
                name_th=event.name_th,
                name_en=event.name_en,
                roles=tuple(event.roles),
                units=event.units,
                framework_id=event.framework_id,
                fiscal_year=event.fiscal_year,
                formed_at=event.effective_at,
            )
    return Directory(administrator=administrator, users=users, bodies=bodies)


def _granted(grants: tuple[Grant, ...], event: RoleGranted | GrantRevoked) -> tuple[Grant, ...]:
    if isinstance(event, RoleGranted):
        return (
            *grants,
            Grant(
                number=event.number,
                role=event.role,
                unit_id=event.unit_id,
                body_id=event.body_id,
                framework_id=event.framework_id,
                fiscal_year=event.fiscal_year,
                valid_from=event.valid_from,
                valid_until=event.valid_until,
            ),
        )
    end = event.effective_at
    return tuple(
        msgspec.structs.replace(g, valid_until=end)
        if g.number == event.number and (g.valid_until is None or g.valid_until > end)
        else g
        for g in grants
    )
