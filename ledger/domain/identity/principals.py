"""The identity aggregates folded from their events: users with their grants, bodies, tokens."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

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
from ledger.domain.values import Role

__all__ = [
    "Body",
    "Credential",
    "Directory",
    "Grant",
    "User",
    "project_body",
    "project_credential",
    "project_directory",
    "project_user",
]


class Grant(msgspec.Struct, frozen=True, kw_only=True):
    number: int
    role: Role
    unit_id: str | None = None
    body_id: str | None = None
    framework_id: str | None = None
    fiscal_year: int | None = None
    valid_from: datetime
    valid_until: datetime | None = None

    def in_force(self, at: datetime) -> bool:
        return self.valid_from <= at and (self.valid_until is None or at < self.valid_until)

    def describe(self) -> str:
        """``change_committee in body CC-1, framework X, FY 2568`` (the scope it names)."""
        scope = [
            f"{label} {value}"
            for label, value in (
                ("unit", self.unit_id),
                ("body", self.body_id),
                ("framework", self.framework_id),
                ("FY", self.fiscal_year),
            )
            if value is not None
        ]
        return self.role + (" for " + ", ".join(scope) if scope else " (any scope)")


class User(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    version: int
    user_id: str
    name_th: str
    name_en: str
    contact: str
    grants: tuple[Grant, ...] = ()

    def grants_in_force(self, at: datetime) -> list[Grant]:
        return [g for g in self.grants if g.in_force(at)]


class Body(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    version: int
    body_id: str
    name_th: str
    name_en: str
    roles: tuple[Role, ...]
    units: tuple[str, ...] = ()
    framework_id: str | None = None
    fiscal_year: int | None = None


class Credential(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    version: int
    token_id: str
    user_id: str
    secret_sha256: str
    expires_at: datetime
    revoked_at: datetime | None = None


class Directory(msgspec.Struct, frozen=True, kw_only=True):
    """There being one says an administrator was bootstrapped; ``demo_scenario``, that the
    store is a demo whose recorded times are simulated (set at the bootstrap, never after)."""

    id: UUID
    version: int
    administrator: str
    demo_scenario: str | None = None


def _no_transition(aggregate: str, event: LedgerEvent) -> TypeError:
    return TypeError(f"no {aggregate} transition for {type(event).__name__}")


def project_user(state: User | None, events: Iterable[LedgerEvent]) -> User | None:
    for event in events:
        if isinstance(event, UserAdded) and state is None:
            state = User(
                id=event.originator_id,
                version=event.originator_version,
                user_id=event.user_id,
                name_th=event.name_th,
                name_en=event.name_en,
                contact=event.contact,
            )
        elif isinstance(event, RoleGranted) and state is not None:
            grant = Grant(
                number=event.number,
                role=event.role,
                unit_id=event.unit_id,
                body_id=event.body_id,
                framework_id=event.framework_id,
                fiscal_year=event.fiscal_year,
                valid_from=event.valid_from,
                valid_until=event.valid_until,
            )
            state = msgspec.structs.replace(
                state, version=event.originator_version, grants=(*state.grants, grant)
            )
        elif isinstance(event, GrantRevoked) and state is not None:
            state = msgspec.structs.replace(
                state,
                version=event.originator_version,
                grants=tuple(_ended(g, event) for g in state.grants),
            )
        else:
            raise _no_transition("user", event)
    return state


def _ended(grant: Grant, revoked: GrantRevoked) -> Grant:
    if grant.number != revoked.number:
        return grant
    end = revoked.effective_at
    if grant.valid_until is not None and grant.valid_until < end:
        return grant
    return msgspec.structs.replace(grant, valid_until=end)


def project_body(state: Body | None, events: Iterable[LedgerEvent]) -> Body | None:
    for event in events:
        if not isinstance(event, BodyFormed) or state is not None:
            raise _no_transition("body", event)
        state = Body(
            id=event.originator_id,
            version=event.originator_version,
            body_id=event.body_id,
            name_th=event.name_th,
            name_en=event.name_en,
            roles=event.roles,
            units=event.units,
            framework_id=event.framework_id,
            fiscal_year=event.fiscal_year,
        )
    return state


def project_credential(
    state: Credential | None, events: Iterable[LedgerEvent]
) -> Credential | None:
    for event in events:
        if isinstance(event, TokenIssued) and state is None:
            state = Credential(
                id=event.originator_id,
                version=event.originator_version,
                token_id=event.token_id,
                user_id=event.user_id,
                secret_sha256=event.secret_sha256,
                expires_at=event.expires_at,
            )
        elif isinstance(event, TokenRevoked) and state is not None:
            state = msgspec.structs.replace(
                state, version=event.originator_version, revoked_at=event.effective_at
            )
        else:
            raise _no_transition("token", event)
    return state


def project_directory(state: Directory | None, events: Iterable[LedgerEvent]) -> Directory | None:
    for event in events:
        if not isinstance(event, IdentityBootstrapped) or state is not None:
            raise _no_transition("directory", event)
        state = Directory(
            id=event.originator_id,
            version=event.originator_version,
            administrator=event.administrator,
            demo_scenario=event.demo_scenario,
        )
    return state
