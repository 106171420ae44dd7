"""Identity events: users added, bodies formed, roles granted and revoked, tokens issued.

They are ledger events like any other (in the log, sealed, replayed by ``ledger verify``), so
who held which grant at any point of the log is part of the record. A token is recorded as
the SHA-256 of its secret only; the secret is shown once to whoever asked for it.
"""

from __future__ import annotations

from datetime import datetime

from ledger.domain.events import LedgerEvent
from ledger.domain.values import Role

__all__ = [
    "IDENTITY_EVENTS",
    "BodyFormed",
    "GrantRevoked",
    "IdentityBootstrapped",
    "RoleGranted",
    "TokenIssued",
    "TokenRevoked",
    "UserAdded",
]


class IdentityBootstrapped(LedgerEvent, frozen=True, kw_only=True):
    """The first administrator was created; there is only ever one of these per ledger. It
    keeps the whole bootstrap (the user, grant and token events that follow it repeat it), so
    a verifier can replay the bootstrap from this event alone."""

    administrator: str
    name_th: str
    name_en: str
    contact: str = ""
    token_id: str
    secret_sha256: str
    expires_at: datetime
    # A demo's store (``ledger demo``): its recorded times follow a simulated clock, and every
    # read and verification says so. Only the first event of a store can carry it.
    demo_scenario: str | None = None


class UserAdded(LedgerEvent, frozen=True, kw_only=True):
    user_id: str
    name_th: str
    name_en: str
    contact: str = ""


class RoleGranted(LedgerEvent, frozen=True, kw_only=True):
    """Grant ``number`` (1, 2, 3… per user) of ``role``, within the scope its fields name
    (None: any), from ``valid_from`` until ``valid_until`` or its revocation."""

    number: int
    role: Role
    unit_id: str | None = None
    body_id: str | None = None
    framework_id: str | None = None
    fiscal_year: int | None = None
    valid_from: datetime
    valid_until: datetime | None = None


class GrantRevoked(LedgerEvent, frozen=True, kw_only=True):
    """Grant ``number`` ends at this event's effective time."""

    number: int
    reason: str


class BodyFormed(LedgerEvent, frozen=True, kw_only=True):
    """A committee, an evaluator firm or OPDC: the roles it decides in and where (units,
    framework, fiscal year; empty or None: any). Members are users granted a role in it."""

    body_id: str
    name_th: str
    name_en: str
    roles: tuple[Role, ...]
    units: tuple[str, ...] = ()
    framework_id: str | None = None
    fiscal_year: int | None = None


class TokenIssued(LedgerEvent, frozen=True, kw_only=True):
    token_id: str
    user_id: str
    secret_sha256: str
    expires_at: datetime


class TokenRevoked(LedgerEvent, frozen=True, kw_only=True):
    token_id: str
    reason: str


IDENTITY_EVENTS = (
    IdentityBootstrapped,
    UserAdded,
    RoleGranted,
    GrantRevoked,
    BodyFormed,
    TokenIssued,
    TokenRevoked,
)
