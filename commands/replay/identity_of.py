"""The identity command that would record a given identity event (see ``commands_of``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from commands.messages import (
    AddUser,
    AnyCommand,
    BootstrapAdministrator,
    FormBody,
    GrantRole,
    IssueToken,
    RevokeGrant,
    RevokeToken,
)
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

__all__ = ["IDENTITY_COMMAND_OF"]


def _common(event: LedgerEvent) -> dict[str, Any]:
    return {"actor": event.actor, "effective_at": event.effective_at}


def _bootstrap(event: IdentityBootstrapped) -> AnyCommand:
    return BootstrapAdministrator(
        **_common(event),
        user_id=event.administrator,
        name_th=event.name_th,
        name_en=event.name_en,
        contact=event.contact,
        token_id=event.token_id,
        secret_sha256=event.secret_sha256,
        expires_at=event.expires_at,
        demo_scenario=event.demo_scenario,
    )


def _add_user(event: UserAdded) -> AnyCommand:
    return AddUser(
        **_common(event),
        user_id=event.user_id,
        name_th=event.name_th,
        name_en=event.name_en,
        contact=event.contact,
    )


def _form_body(event: BodyFormed) -> AnyCommand:
    return FormBody(
        **_common(event),
        body_id=event.body_id,
        name_th=event.name_th,
        name_en=event.name_en,
        roles=event.roles,
        units=event.units,
        framework_id=event.framework_id,
        fiscal_year=event.fiscal_year,
    )


def _grant(event: RoleGranted, user_id: str) -> AnyCommand:
    # The grant starts when it takes effect: the command's effective time is its valid_from.
    return GrantRole(
        actor=event.actor,
        effective_at=event.valid_from,
        user_id=user_id,
        role=event.role,
        unit_id=event.unit_id,
        body_id=event.body_id,
        framework_id=event.framework_id,
        fiscal_year=event.fiscal_year,
        valid_until=event.valid_until,
    )


def _revoke_grant(event: GrantRevoked, user_id: str) -> AnyCommand:
    return RevokeGrant(**_common(event), user_id=user_id, number=event.number, reason=event.reason)


def _issue_token(event: TokenIssued) -> AnyCommand:
    return IssueToken(
        **_common(event),
        user_id=event.user_id,
        token_id=event.token_id,
        secret_sha256=event.secret_sha256,
        expires_at=event.expires_at,
    )


def _revoke_token(event: TokenRevoked) -> AnyCommand:
    return RevokeToken(**_common(event), token_id=event.token_id, reason=event.reason)


# Builders given the event and the user id of the aggregate it was recorded on (grants and
# revocations name their user only through their aggregate).
IDENTITY_COMMAND_OF: dict[type[Any], Callable[[Any, Callable[[LedgerEvent], str]], AnyCommand]] = {
    IdentityBootstrapped: lambda e, _: _bootstrap(e),
    UserAdded: lambda e, _: _add_user(e),
    BodyFormed: lambda e, _: _form_body(e),
    RoleGranted: lambda e, user_of: _grant(e, user_of(e)),
    GrantRevoked: lambda e, user_of: _revoke_grant(e, user_of(e)),
    TokenIssued: lambda e, _: _issue_token(e),
    TokenRevoked: lambda e, _: _revoke_token(e),
}
