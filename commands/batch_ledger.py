"""A batch of commands handled in memory and recorded in one transaction.

``BatchLedger`` is a ``LedgerStore``: handlers read aggregates from it and record on it exactly
as they do on the event store. The first read of an aggregate loads it from the store (with
its snapshot); after that the batch keeps it, moved on by every event a handler records, so a
batch of a thousand commands reads each agreement, unit and user once instead of once per
command. Recorded events wait in ``pending`` until ``flush`` saves them all at once, so the
rules see every earlier command of the batch while nothing is in the store until it commits.

Another writer recording on the same aggregates meanwhile makes ``flush`` raise WriteConflict
(the store refuses the stale versions); the caller forgets the batch's state and runs the batch
again on what the store now holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol, TypeVar
from uuid import UUID

from commands.replay.folded import FoldedLedger
from ledger.application import (
    LedgerApplication,
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
from ledger.domain.agreement import Agreement
from ledger.domain.calendar import FrameworkCalendar
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.principals import Body, Credential, Directory, User
from ledger.domain.joint.state import JointKpi
from ledger.domain.receipt import CommandHandled, EventRef
from ledger.domain.unit import Unit

__all__ = ["KEPT", "BatchLedger"]

# Aggregates held between batches at most: some tens of megabytes of agreements at worst.
KEPT = 5_000


class BatchLedger(FoldedLedger):
    """Aggregates read once per batch (kept across batches until ``forget``), events recorded
    in memory until ``flush``."""

    def __init__(self, app: LedgerApplication, *, kept: int = KEPT) -> None:
        super().__init__()
        self.app = app
        self.kept = kept
        self.pending: list[LedgerEvent] = []
        self._pending_at: dict[tuple[UUID, int], LedgerEvent] = {}
        # Aggregates the store was asked for and does not hold (until a handler records one).
        self._absent: set[UUID] = set()
        # The log's head as this batch's own saves left it (None: not known).
        self._head: int | None = None

    @property
    def cached(self) -> int:
        """How many aggregates the batch holds in memory."""
        return len(self.versions) + len(self._absent)

    def forget(self) -> None:
        """Drop every aggregate held and every unsaved event (after a conflict, or to bound
        memory between batches)."""
        self.__init__(self.app, kept=self.kept)  # type: ignore[misc]

    def begin(self) -> None:
        """Start a batch: what is held stays only while nobody else has written since this
        ledger's last save (the log's head is where that save left it) and it is not more
        than ``kept`` aggregates; otherwise the batch starts from the store afresh."""
        head = self.app.head()
        if head != self._head or self.cached > self.kept:
            self.forget()
        else:
            # Receipts and misses are the last batch's alone: kept, they would grow with the log.
            for key in self.receipts:
                del self.versions[key]
            self.receipts.clear()
            self._absent.clear()
        self._head = head

    def expect_receipts(self, command_ids: Iterable[UUID]) -> None:
        """Ask the store once which of these command ids were handled before, so that each
        command of a batch does not ask on its own."""
        keys = {receipt_uuid(i) for i in command_ids}
        unknown = {k for k in keys if k not in self.receipts and k not in self._absent}
        if unknown:
            self._absent.update(unknown - self.app.recorded_among(unknown))

    def agreement(self, ref: str, version: int | None = None) -> Agreement:
        key = agreement_uuid(ref)
        if key not in self.agreements:
            found = self.app.agreement(ref)  # NotFound when never opened
            self.agreements[key] = found
            self.versions[key] = found.version
        return super().agreement(ref, version)

    def unit(self, unit_id: str, *, field: str = "unit_id") -> Unit:
        key = unit_uuid(unit_id)
        if key not in self.units:
            found = self.app.unit(unit_id, field=field)
            self.units[key] = found
            self.versions[key] = found.version
        return super().unit(unit_id, field=field)

    def calendar(self, framework_id: str) -> FrameworkCalendar | None:
        return self._held(
            calendar_uuid(framework_id), self.calendars, lambda: self.app.calendar(framework_id)
        )

    def user(self, user_id: str) -> User | None:
        return self._held(user_uuid(user_id), self.users, lambda: self.app.user(user_id))

    def body(self, body_id: str) -> Body | None:
        return self._held(body_uuid(body_id), self.bodies, lambda: self.app.body(body_id))

    def credential(self, token_id: str) -> Credential | None:
        return self._held(
            credential_uuid(token_id), self.credentials, lambda: self.app.credential(token_id)
        )

    def directory(self) -> Directory | None:
        return self._held(directory_uuid(), self.directories, self.app.directory)

    def joint(self, joint_id: str) -> JointKpi | None:
        return self._held(joint_uuid(joint_id), self.joints, lambda: self.app.joint(joint_id))

    def receipt(self, command_id: UUID) -> CommandHandled | None:
        key = receipt_uuid(command_id)
        if self._unknown(key, self.receipts):
            if (found := self.app.receipt(command_id)) is None:
                self._absent.add(key)
            else:
                self.receipts[key] = found
                self.versions[key] = found.originator_version
        return super().receipt(command_id)

    def exists(self, originator_id: UUID) -> bool:
        if originator_id in self.versions:
            return True
        if originator_id in self._absent:
            return False
        if self.app.exists(originator_id):
            return True
        self._absent.add(originator_id)
        return False

    def event_at(self, ref: EventRef) -> LedgerEvent:
        found = self._pending_at.get((ref.originator_id, ref.originator_version))
        return found if found is not None else self.app.event_at(ref)

    def record(self, events: Sequence[LedgerEvent]) -> None:
        """Keep the events for ``flush`` and move the aggregates they belong to on."""
        for event in events:
            key = event.originator_id
            if key not in self.versions and event.originator_version > 1:
                # An aggregate recorded on without being read first: fold what the store holds.
                for earlier in self.app.events_of(key):
                    self.fold(earlier)
            self.fold(event)
            self._absent.discard(key)
            self.pending.append(event)
            self._pending_at[(key, event.originator_version)] = event

    def flush(self) -> int:
        """Save every pending event in one transaction (WriteConflict if another writer
        recorded on one of the aggregates since it was read); returns how many were saved."""
        saved = self.pending
        if saved:
            try:
                self.app.record(saved, latest=self.agreements)
            except BaseException:
                self._head = None
                raise
            # Contiguous on both stores when nobody else wrote meanwhile; if somebody did,
            # the next ``begin`` finds another head and starts afresh.
            self._head = None if self._head is None else self._head + len(saved)
        self.pending = []
        self._pending_at = {}
        return len(saved)

    def _unknown(self, key: UUID, held: Mapping[UUID, object]) -> bool:
        return key not in held and key not in self._absent

    def _held(
        self, key: UUID, held: dict[UUID, _State], load: Callable[[], _State | None]
    ) -> _State | None:
        """The aggregate held under ``key``, read from the store the first time it is asked
        for (a miss is remembered too)."""
        if self._unknown(key, held):
            found = load()
            if found is None:
                self._absent.add(key)
            else:
                held[key] = found
                self.versions[key] = found.version
        return held.get(key)


class _Versioned(Protocol):
    @property
    def version(self) -> int: ...


_State = TypeVar("_State", bound=_Versioned)
