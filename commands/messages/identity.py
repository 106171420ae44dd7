"""Typed commands for identity: the first administrator, users, bodies, grants and tokens.

A token's secret never travels in a command: the way in that makes a token draws the secret,
shows it once, and sends only its SHA-256 (``commands.authentication``).
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from commands.messages.base import Command, Moment
from ledger.bounds import ARRAYS, Id, Name, Note, Sha256, Statement
from ledger.domain.values import Role

__all__ = [
    "AddUser",
    "BootstrapAdministrator",
    "FormBody",
    "GrantRole",
    "IssueToken",
    "RevokeGrant",
    "RevokeToken",
]

FiscalYear = Annotated[int, msgspec.Meta(ge=1000, le=9999)]


class BootstrapAdministrator(Command, frozen=True, kw_only=True, tag="bootstrap_administrator"):
    """The first administrator and its first token; refused once any administrator exists.
    The actor is the administrator itself."""

    user_id: Id
    name_th: Name
    name_en: Name
    contact: Note = ""
    token_id: Id
    secret_sha256: Sha256
    expires_at: Moment
    # Set by `ledger demo` alone: the store is a demo whose recorded times are simulated.
    demo_scenario: Id | None = None


class AddUser(Command, frozen=True, kw_only=True, tag="add_user"):
    """Add a user who may sign in once granted a role and issued a token."""

    user_id: Id
    name_th: Name
    name_en: Name
    contact: Note = ""


class FormBody(Command, frozen=True, kw_only=True, tag="form_body"):
    """A committee, an evaluator firm or OPDC, the roles it decides in, and where."""

    body_id: Id
    name_th: Name
    name_en: Name
    roles: Annotated[tuple[Role, ...], ARRAYS["roles"].meta, msgspec.Meta(min_length=1)]
    units: Annotated[tuple[Id, ...], ARRAYS["units"].meta] = ()
    framework_id: Id | None = None
    fiscal_year: FiscalYear | None = None


class GrantRole(Command, frozen=True, kw_only=True, tag="grant_role"):
    """Give ``user_id`` a role within the scope named (left out: any), from the command's
    effective time until ``valid_until`` or revocation."""

    user_id: Id
    role: Role
    unit_id: Id | None = None
    body_id: Id | None = None
    framework_id: Id | None = None
    fiscal_year: FiscalYear | None = None
    valid_until: Moment | None = None


class RevokeGrant(Command, frozen=True, kw_only=True, tag="revoke_grant"):
    """End a user's grant ``number`` (as ``ledger users show`` numbers them) from the
    command's effective time, which may not be before it is recorded."""

    user_id: Id
    number: Annotated[int, msgspec.Meta(ge=1, le=100_000)]
    reason: Statement


class IssueToken(Command, frozen=True, kw_only=True, tag="issue_token"):
    """Issue a user a sign-in token until ``expires_at``; only the secret's SHA-256 is sent
    and kept."""

    user_id: Id
    token_id: Id
    secret_sha256: Sha256
    expires_at: Moment


class RevokeToken(Command, frozen=True, kw_only=True, tag="revoke_token"):
    """Revoke a token: it signs nobody in from then on."""

    token_id: Id
    reason: Statement
