"""The ledger as the log so far leaves it, folded in memory: what replayed handlers read.

``FoldedLedger`` is a ``LedgerStore``: handlers load agreements, units and calendars from it
exactly as they do from the event store. What they record is kept in ``produced`` for the
verifier to compare with the log; only the log's own events move the state on (``fold``).
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import TypeVar
from uuid import UUID

from ledger.application import (
    agreement_uuid,
    body_uuid,
    calendar_uuid,
    credential_uuid,
    directory_uuid,
    joint_uuid,
    receipt_uuid,
    unit_uuid,
    user_uuid,
)
from ledger.domain.agreement import Agreement, project_agreement
from ledger.domain.calendar import FrameworkCalendar, project_calendar
from ledger.domain.control_events import RoundCancelled
from ledger.domain.events import LedgerEvent, UnitRegistered
from ledger.domain.identity.events import (
    BodyFormed,
    GrantRevoked,
    IdentityBootstrapped,
    RoleGranted,
    TokenIssued,
    TokenRevoked,
    UserAdded,
)
from ledger.domain.identity.principals import (
    Body,
    Credential,
    Directory,
    User,
    project_body,
    project_credential,
    project_directory,
    project_user,
)
from ledger.domain.joint.events import JOINT_EVENTS
from ledger.domain.joint.state import JointKpi, project_joint
from ledger.domain.receipt import CommandHandled, EventRef
from ledger.domain.unit import Unit, project_unit
from ledger.errors import NotFound

__all__ = ["FoldedLedger"]


class FoldedLedger:
    """``agreements``: where agreement states are kept (a dict by default).
    ``keep_receipts``: whether receipts are kept for ``receipt``. A replay leaves them out:
    it hands every command to its handler afresh, a receipt is always an aggregate's only
    event (version 1), and keeping one per command would grow with the log."""

    def __init__(
        self,
        *,
        keep_receipts: bool = True,
        agreements: MutableMapping[UUID, Agreement] | None = None,
    ) -> None:
        self.keep_receipts = keep_receipts
        self.agreements: MutableMapping[UUID, Agreement] = {} if agreements is None else agreements
        self.units: dict[UUID, Unit] = {}
        self.calendars: dict[UUID, FrameworkCalendar] = {}
        self.receipts: dict[UUID, CommandHandled] = {}
        self.users: dict[UUID, User] = {}
        self.bodies: dict[UUID, Body] = {}
        self.credentials: dict[UUID, Credential] = {}
        self.directories: dict[UUID, Directory] = {}
        self.joints: dict[UUID, JointKpi] = {}
        self.versions: dict[UUID, int] = {}
        self.produced: list[LedgerEvent] = []

    def agreement(self, ref: str, version: int | None = None) -> Agreement:
        found = self.agreements.get(agreement_uuid(ref))
        if found is None:
            raise NotFound(
                f"no agreement {ref!r}", field="agreement", rule="agreement must be opened first"
            )
        return found

    def unit(self, unit_id: str, *, field: str = "unit_id") -> Unit:
        found = self.units.get(unit_uuid(unit_id))
        if found is None:
            raise NotFound(
                f"no unit {unit_id!r}", field=field, rule="unit must be registered first"
            )
        return found

    def calendar(self, framework_id: str) -> FrameworkCalendar | None:
        return self.calendars.get(calendar_uuid(framework_id))

    def user(self, user_id: str) -> User | None:
        return self.users.get(user_uuid(user_id))

    def body(self, body_id: str) -> Body | None:
        return self.bodies.get(body_uuid(body_id))

    def credential(self, token_id: str) -> Credential | None:
        return self.credentials.get(credential_uuid(token_id))

    def directory(self) -> Directory | None:
        return self.directories.get(directory_uuid())

    def joint(self, joint_id: str) -> JointKpi | None:
        return self.joints.get(joint_uuid(joint_id))

    def user_id_of(self, event: LedgerEvent) -> str:
        """The user id of the user aggregate ``event`` was recorded on ("" if none is)."""
        found = self.users.get(event.originator_id)
        return found.user_id if found else ""

    def exists(self, originator_id: UUID) -> bool:
        return originator_id in self.versions

    def receipt(self, command_id: UUID) -> CommandHandled | None:
        return self.receipts.get(receipt_uuid(command_id))

    def event_at(self, ref: EventRef) -> LedgerEvent:
        raise NotFound(f"a replay holds no event {ref.originator_id} v{ref.originator_version}")

    def record(self, events: Sequence[LedgerEvent]) -> None:
        self.produced.extend(events)

    def version_of(self, originator_id: UUID) -> int:
        return self.versions.get(originator_id, 0)

    def fold(self, event: LedgerEvent) -> None:
        """Move the state on by one recorded event (ValueError, KeyError or TypeError when the
        event cannot apply to what is there)."""
        key = event.originator_id
        if isinstance(event, UnitRegistered):
            unit = project_unit(self.units.get(key), [event])
            assert unit is not None
            self.units[key] = unit
        elif isinstance(event, RoundCancelled):
            calendar = project_calendar(self.calendars.get(key), [event])
            assert calendar is not None
            self.calendars[key] = calendar
        elif isinstance(event, CommandHandled):
            if not self.keep_receipts:
                return
            self.receipts[key] = event
        elif isinstance(event, UserAdded | RoleGranted | GrantRevoked):
            self.users[key] = _folded(project_user(self.users.get(key), [event]))
        elif isinstance(event, BodyFormed):
            self.bodies[key] = _folded(project_body(self.bodies.get(key), [event]))
        elif isinstance(event, TokenIssued | TokenRevoked):
            self.credentials[key] = _folded(project_credential(self.credentials.get(key), [event]))
        elif isinstance(event, JOINT_EVENTS):
            self.joints[key] = _folded(project_joint(self.joints.get(key), [event]))
        elif isinstance(event, IdentityBootstrapped):
            self.directories[key] = _folded(project_directory(self.directories.get(key), [event]))
        else:
            agreement = project_agreement(self.agreements.get(key), [event])
            assert agreement is not None
            self.agreements[key] = agreement
        self.versions[key] = event.originator_version


_State = TypeVar("_State")


def _folded(state: _State | None) -> _State:
    assert state is not None  # a projection given one event always returns a state
    return state
