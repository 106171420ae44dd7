"""Who may do what, decided on the identity state alone (no I/O): the rule every handler and
the verifier's replay apply before anything is recorded.

A command is in a ``Scope`` (the unit, framework and fiscal year it is about). Its actor is a
user acting for itself, holding a grant of the actor's role that covers that scope when the
command is recorded; or a body formed to decide in that role over that scope, whose decision
is entered by a user holding the body's secretariat grant.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import msgspec

from ledger.domain.identity.principals import Body, Grant, User
from ledger.domain.values import Actor, Role
from ledger.errors import NotAllowed

__all__ = [
    "BODY_ROLES",
    "UNIT_ROLES",
    "Scope",
    "authorize",
    "body_covers",
    "grant_covers",
]

# Roles held only within a unit (its reporters) or a body (its members and secretariat).
UNIT_ROLES: frozenset[Role] = frozenset({"assessed_unit"})
BODY_ROLES: frozenset[Role] = frozenset(
    {
        "negotiation_committee",
        "oversight_committee",
        "change_committee",
        "appeal_body",
        "secretariat",
    }
)

_RULE = "an actor holds a grant of its role covering the command's scope when it is recorded"
_ENTRY_RULE = "a user enters for itself; a body's secretariat enters for the body"


class Scope(msgspec.Struct, frozen=True, kw_only=True):
    """What a command is about; None: not about any one (a grant limited there cannot cover it)."""

    unit_id: str | None = None
    framework_id: str | None = None
    fiscal_year: int | None = None

    def describe(self) -> str:
        parts = [
            f"{label} {value}"
            for label, value in (
                ("unit", self.unit_id),
                ("framework", self.framework_id),
                ("FY", self.fiscal_year),
            )
            if value is not None
        ]
        return ", ".join(parts) or "the whole ledger"


def body_covers(body: Body, scope: Scope) -> bool:
    return (
        (not body.units or scope.unit_id in body.units)
        and body.framework_id in (None, scope.framework_id)
        and body.fiscal_year in (None, scope.fiscal_year)
    )


def grant_covers(grant: Grant, scope: Scope, body_of: Callable[[str], Body | None]) -> bool:
    if grant.unit_id not in (None, scope.unit_id):
        return False
    if grant.framework_id not in (None, scope.framework_id):
        return False
    if grant.fiscal_year not in (None, scope.fiscal_year):
        return False
    if grant.body_id is None:
        return True
    body = body_of(grant.body_id)
    return body is not None and body_covers(body, scope)


def authorize(
    actor: Actor,
    enterer: User,
    body_of: Callable[[str], Body | None],
    scope: Scope,
    at: datetime,
) -> None:
    """Raises NotAllowed (naming the actor, the role and the grant missing) unless ``enterer``
    may enter for ``actor`` and ``actor`` holds ``actor.role`` over ``scope`` at ``at``."""
    if actor.kind == "body":
        _authorize_body(actor, enterer, body_of, scope, at)
        return
    if actor.id != enterer.user_id:
        raise NotAllowed(
            f"user {enterer.user_id!r} may not enter for user {actor.id!r}",
            field="actor.id",
            rule=_ENTRY_RULE,
            expected=enterer.user_id,
            actual=actor.id,
        )
    in_force = enterer.grants_in_force(at)
    if any(g.role == actor.role and grant_covers(g, scope, body_of) for g in in_force):
        return
    held = "; ".join(g.describe() for g in in_force) or "none"
    raise NotAllowed(
        f"user {actor.id!r} holds no grant of {actor.role} for {scope.describe()} at "
        f"{at.isoformat()} (grants in force: {held})",
        field="actor.role",
        rule=_RULE,
        expected=f"{actor.role} for {scope.describe()}",
        actual=held,
    )


def _formed_for(body: Body) -> str:
    return Scope(
        unit_id=", ".join(body.units) or None,
        framework_id=body.framework_id,
        fiscal_year=body.fiscal_year,
    ).describe()


def _authorize_body(
    actor: Actor,
    enterer: User,
    body_of: Callable[[str], Body | None],
    scope: Scope,
    at: datetime,
) -> None:
    body = body_of(actor.id)
    if body is None:
        raise NotAllowed(
            f"no body {actor.id!r} is formed, so it holds no grant of {actor.role}",
            field="actor.id",
            rule="a body acts once it is formed",
            actual=actor.id,
        )
    if actor.role not in body.roles or not body_covers(body, scope):
        raise NotAllowed(
            f"body {actor.id!r} does not decide as {actor.role} for {scope.describe()}, so "
            f"it holds no grant of {actor.role} there (it decides as {', '.join(body.roles)} "
            f"for {_formed_for(body)})",
            field="actor.role",
            rule="a body decides in the roles and over the scope it was formed for",
            expected=f"{actor.role} for {scope.describe()}",
            actual=", ".join(body.roles),
        )
    # The secretariat grant's own limits (a fiscal year, say) bound what it may enter, too.
    if any(
        g.role == "secretariat" and g.body_id == body.body_id and grant_covers(g, scope, body_of)
        for g in enterer.grants_in_force(at)
    ):
        return
    raise NotAllowed(
        f"user {enterer.user_id!r} is not in the secretariat of body {actor.id!r} for "
        f"{scope.describe()} at {at.isoformat()}, so may not enter its decisions as "
        f"{actor.role}: that needs a grant of secretariat in body {actor.id}",
        field="actor.id",
        rule=_ENTRY_RULE,
        expected=f"secretariat for body {actor.id}",
        actual=enterer.user_id,
    )
