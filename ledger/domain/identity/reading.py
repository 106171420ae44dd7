"""Who may read what, decided on the identity state alone (no I/O): one rule for the web
pages and the HTTP API, which sign in with the same tokens.

An agreement is shown to a user holding any grant in force whose scope covers it (a unit's
office sees its own unit, an evaluator or auditor the framework and year they were granted,
OPDC and administrators everything). What belongs to no agreement (users, grants, tokens,
bodies, units, joint KPI definitions), and the log's entries that hold every event at once,
are shown only to a user holding opdc, administrator or auditor over the whole ledger.
The command line reads the store it is given and has no signed-in reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ledger.domain.identity.access import Scope, grant_covers
from ledger.domain.identity.principals import Body, Grant, User
from ledger.domain.values import Role
from ledger.errors import NotAllowed

__all__ = ["READ_RULE", "WHOLE_LEDGER_RULE", "Reader"]

READ_RULE = "an agreement is shown only to users holding a grant in force that covers it"
WHOLE_LEDGER_RULE = (
    "what belongs to no agreement (users, grants, tokens, bodies, units, joint KPIs), or "
    "holds every event, is given only to a user holding opdc, administrator or auditor over "
    "the whole ledger"
)
_WHOLE_LEDGER_ROLES: frozenset[Role] = frozenset({"opdc", "administrator", "auditor"})


@dataclass(frozen=True)
class Reader:
    """A signed-in user reading at ``now``; ``body_of`` resolves the bodies its grants name."""

    user: User
    now: datetime
    body_of: Callable[[str], Body | None]

    def _in_force(self) -> list[Grant]:
        return self.user.grants_in_force(self.now)

    def may_read(self, scope: Scope) -> bool:
        return any(grant_covers(g, scope, self.body_of) for g in self._in_force())

    def reads_every_agreement(self) -> bool:
        """True when some grant in force is limited to no unit, framework or year: every
        agreement is then readable, and a list need not be filtered."""
        return self.may_read(Scope())

    def require_read(self, scope: Scope) -> None:
        """NotAllowed (403) unless the reader may read what ``scope`` names."""
        if not self.may_read(scope):
            raise NotAllowed(
                f"user {self.user.user_id!r} holds no grant covering {scope.describe()}",
                field="agreement",
                rule=READ_RULE,
                expected=scope.describe(),
            )

    def require_whole_ledger(self, what: str, field: str) -> None:
        """NotAllowed (403) naming ``what`` and ``field`` unless the reader holds opdc,
        administrator or auditor over the whole ledger."""
        if not any(
            g.role in _WHOLE_LEDGER_ROLES and grant_covers(g, Scope(), self.body_of)
            for g in self._in_force()
        ):
            raise NotAllowed(
                f"{what}, and user {self.user.user_id!r} holds no "
                "whole-ledger grant of opdc, administrator or auditor",
                field=field,
                rule=WHOLE_LEDGER_RULE,
            )
