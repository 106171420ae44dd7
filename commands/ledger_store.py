"""What handlers read and record: the event store for real commands, or the state a verifier
folds from the log when it replays them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from ledger.domain.agreement import Agreement
from ledger.domain.calendar import FrameworkCalendar
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.principals import Body, Credential, Directory, User
from ledger.domain.joint.state import JointKpi
from ledger.domain.receipt import CommandHandled, EventRef
from ledger.domain.unit import Unit

__all__ = ["LedgerStore"]


class LedgerStore(Protocol):
    """What handlers read and record: aggregates by id (None: never recorded, for the identity
    ones), receipts, and an atomic append."""

    def agreement(self, ref: str, version: int | None = None) -> Agreement: ...

    def unit(self, unit_id: str, *, field: str = "unit_id") -> Unit: ...

    def calendar(self, framework_id: str) -> FrameworkCalendar | None: ...

    def user(self, user_id: str) -> User | None: ...

    def body(self, body_id: str) -> Body | None: ...

    def credential(self, token_id: str) -> Credential | None: ...

    def directory(self) -> Directory | None: ...

    def joint(self, joint_id: str) -> JointKpi | None: ...

    def exists(self, originator_id: UUID) -> bool: ...

    def receipt(self, command_id: UUID) -> CommandHandled | None: ...

    def event_at(self, ref: EventRef) -> LedgerEvent: ...

    def record(self, events: Sequence[LedgerEvent]) -> None: ...
