"""What every handler needs: a ledger to read and record on, a clock, the frameworks, and the
role rules.

Handlers read and record through ``LedgerStore``, which the event store (``LedgerApplication``)
implements for real commands and the verifier's replay implements over the state folded from
the log: so verification checks every recorded event with the very handlers that record them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from commands.ledger_store import LedgerStore
from commands.messages import Command
from commands.receipts import receipt_for
from ledger.application import LedgerApplication
from ledger.domain.agreement import Agreement
from ledger.domain.events import LedgerEvent
from ledger.domain.stamp import Stamp
from ledger.domain.unit import Unit
from ledger.errors import RuleRefused
from ledger.frameworks.model import Framework

__all__ = ["HandlerContext", "Handling", "LedgerStore", "Loaded"]


@dataclass(frozen=True)
class Loaded:
    """An agreement with the framework it was opened under and its unit's level."""

    agreement: Agreement
    framework: Framework
    unit: Unit


@dataclass(frozen=True, kw_only=True)
class Handling:
    """``command`` is set while one command is handled, so its receipt goes with its events."""

    ledger: LedgerStore
    clock: Callable[[], datetime]
    framework: Callable[[str], Framework]
    command: Command | None = None

    def receiving(self, command: Command) -> Handling:
        return replace(self, command=command)

    def record(self, events: Sequence[LedgerEvent], *, refused: bool = False) -> None:
        """Record the command's events, with its receipt when it carries an id, atomically."""
        receipt = []
        if self.command is not None and self.command.command_id is not None:
            receipt.append(receipt_for(self.command, self.command.command_id, events, refused))
        self.ledger.record([*events, *receipt])

    def stamp(self, command: Command, allowed_roles: tuple[str, ...]) -> Stamp:
        """Check the actor's role and stamp the command's events with the recording time."""
        if command.actor.role not in allowed_roles:
            raise RuleRefused(
                f"a {command.actor.role} cannot do this; it is recorded by: "
                + ", ".join(allowed_roles),
                field="actor.role",
                rule="each step is recorded by the role that takes it",
                expected=", ".join(allowed_roles),
                actual=command.actor.role,
            )
        now = self.clock()
        return Stamp(actor=command.actor, effective_at=command.effective_at or now, recorded_at=now)

    def load(self, ref: str) -> Loaded:
        agreement = self.ledger.agreement(ref)
        return Loaded(
            agreement=agreement,
            framework=self.framework(agreement.framework_id),
            unit=self.ledger.unit(agreement.unit_id),
        )


@dataclass(frozen=True, kw_only=True)
class HandlerContext(Handling):
    """Handling on the event store itself: what every way in (CLI, demo, API) builds."""

    app: LedgerApplication
