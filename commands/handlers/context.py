"""What every handler needs: a ledger to read and record on, a clock, the frameworks, the
signed-in user entering the command, and the access rule every command passes.

Handlers read and record through ``LedgerStore``, which the event store (``LedgerApplication``)
implements for real commands and the verifier's replay implements over the state folded from
the log: so verification checks every recorded event with the very handlers that record them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Self

from commands.ledger_store import LedgerStore
from commands.messages import Command
from commands.receipts import receipt_for
from ledger.application import LedgerApplication
from ledger.domain.agreement import Agreement
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.access import Scope, authorize
from ledger.domain.identity.principals import User
from ledger.domain.joint.sharing import joint_ids, with_shared_results
from ledger.domain.joint.state import JointKpi
from ledger.domain.stamp import Stamp
from ledger.domain.unit import Unit
from ledger.errors import NotAllowed, NotFound, Unauthenticated
from ledger.frameworks.model import Framework

__all__ = ["HandlerContext", "Handling", "LedgerStore", "Loaded"]


@dataclass(frozen=True)
class Loaded:
    """An agreement with the framework it was opened under and its unit's level, read with
    the shared results of the joint KPIs it joins (``joints``) in place."""

    agreement: Agreement
    framework: Framework
    unit: Unit
    joints: dict[str, JointKpi]

    @property
    def scope(self) -> Scope:
        return Scope(
            unit_id=self.agreement.unit_id,
            framework_id=self.agreement.framework_id,
            fiscal_year=self.agreement.fiscal_year,
        )


@dataclass(frozen=True, kw_only=True)
class Handling:
    """``enterer``: the signed-in user entering commands (None: nobody, and every command but
    the bootstrap is refused). ``command`` is set while one command is handled, so its
    receipt goes with its events."""

    ledger: LedgerStore
    clock: Callable[[], datetime]
    framework: Callable[[str], Framework]
    enterer: str | None = None
    command: Command | None = None

    def receiving(self, command: Command) -> Self:
        return replace(self, command=command)

    def entering(self, user_id: str | None) -> Self:
        """The same handling, with ``user_id`` as the signed-in user."""
        return replace(self, enterer=user_id)

    def record(self, events: Sequence[LedgerEvent], *, refused: bool = False) -> None:
        """Record the command's events, with its receipt when it carries an id, atomically."""
        receipt = []
        if self.command is not None and self.command.command_id is not None:
            receipt.append(receipt_for(self.command, self.command.command_id, events, refused))
        self.ledger.record([*events, *receipt])

    def stamp(
        self, command: Command, allowed_roles: tuple[str, ...], scope: Scope | None = None
    ) -> Stamp:
        """Stamp the command's events with the recording time and the user entering it, once
        ``authorize`` lets it through."""
        stamp = self.unchecked_stamp(command)
        self.authorize(command, allowed_roles, scope or Scope(), stamp.recorded_at)
        return stamp

    def unchecked_stamp(self, command: Command) -> Stamp:
        now = self.clock()
        return Stamp(
            actor=command.actor,
            effective_at=command.effective_at or now,
            recorded_at=now,
            entered_by=self.enterer,
        )

    def authorize(
        self, command: Command, allowed_roles: tuple[str, ...], scope: Scope, at: datetime
    ) -> None:
        """Raises Unauthenticated when nobody known is signed in, and NotAllowed when the
        step is not the actor's role's, or the actor lacks the grant for it in ``scope`` at
        ``at``, or the signed-in user may not enter for the actor."""
        enterer = self.signed_in()
        if command.actor.role not in allowed_roles:
            actor = command.actor
            needed = f"{' or '.join(allowed_roles)} for {scope.describe()}"
            raise NotAllowed(
                f"{actor.kind} {actor.id!r} acting as {actor.role} may not "
                f"{command.__struct_config__.tag}: that needs a grant of {needed}",
                field="actor.role",
                rule="each step is taken by the role it belongs to",
                expected=needed,
                actual=actor.role,
            )
        authorize(command.actor, enterer, self.ledger.body, scope, at)

    def signed_in(self) -> User:
        """The signed-in user's state; Unauthenticated when there is none or it is unknown."""
        rule = "every write is entered by a signed-in, registered user"
        if self.enterer is None:
            raise Unauthenticated("nobody is signed in to enter this command", rule=rule)
        user = self.ledger.user(self.enterer)
        if user is None:
            raise Unauthenticated(f"no user {self.enterer!r} is registered", rule=rule)
        return user

    def load(self, ref: str) -> Loaded:
        agreement = self.ledger.agreement(ref)
        framework = self.framework(agreement.framework_id)
        joints = {
            joint_id: joint
            for joint_id in sorted(joint_ids(agreement))
            if (joint := self.ledger.joint(joint_id)) is not None
        }
        return Loaded(
            agreement=with_shared_results(agreement, joints, framework),
            framework=framework,
            unit=self.ledger.unit(agreement.unit_id),
            joints=joints,
        )

    def joint(self, joint_id: str) -> JointKpi:
        """A defined joint KPI; NotFound naming ``joint_id`` otherwise."""
        joint = self.ledger.joint(joint_id)
        if joint is None:
            raise NotFound(
                f"no joint KPI {joint_id!r}",
                field="joint_id",
                rule="a joint KPI is defined before it is joined or reported",
            )
        return joint


@dataclass(frozen=True, kw_only=True)
class HandlerContext(Handling):
    """Handling on the event store itself: what every way in (CLI, demo, API) builds."""

    app: LedgerApplication
