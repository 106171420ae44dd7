"""The eventsourcing Application: the repository and unit of work for every aggregate.

Ids are derived, not drawn: a unit's aggregate id comes from its unit id and an agreement's
from its reference (``UNIT/FISCAL_YEAR``), so the same command always addresses the same
aggregate and a second "open" of the same agreement is a conflict, not a duplicate.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, cast
from uuid import UUID, uuid5

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import Mapper, RecordConflictError, Transcoder

from ledger.domain.agreement import (
    NOT_AGREEMENT_EVENTS,
    Agreement,
    AgreementSnapshot,
    project_agreement,
)
from ledger.domain.calendar import FrameworkCalendar, project_calendar
from ledger.domain.events import LedgerEvent
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
from ledger.domain.joint.state import JointKpi, project_joint
from ledger.domain.receipt import CommandHandled, EventRef
from ledger.domain.unit import Unit, project_unit
from ledger.errors import LedgerError, NotFound, WriteConflict
from ledger.persistence.codec import MsgspecMapper, MsgspecTranscoder
from ledger.persistence.failures import store_failure
from ledger.persistence.held import HeldStates
from ledger.persistence.presence import recorded_among
from ledger.persistence.settings import Settings

__all__ = [
    "LedgerApplication",
    "agreement_ref",
    "agreement_uuid",
    "body_uuid",
    "calendar_uuid",
    "credential_uuid",
    "directory_uuid",
    "joint_uuid",
    "receipt_uuid",
    "unit_uuid",
    "user_uuid",
]

_NAMESPACE = UUID("6f1c7d2e-6a0b-5b7e-9d55-2c1f4ad0b001")
# Ids derived lately, kept: a batch derives each aggregate's id many times (uuid5 is SHA-1).
_IDS_KEPT = 1 << 12


@lru_cache(maxsize=_IDS_KEPT)
def unit_uuid(unit_id: str) -> UUID:
    return uuid5(_NAMESPACE, f"unit:{unit_id}")


def agreement_ref(unit_id: str, fiscal_year: int) -> str:
    return f"{unit_id}/{fiscal_year}"


@lru_cache(maxsize=_IDS_KEPT)
def agreement_uuid(ref: str) -> UUID:
    return uuid5(_NAMESPACE, f"agreement:{ref}")


@lru_cache(maxsize=_IDS_KEPT)
def calendar_uuid(framework_id: str) -> UUID:
    return uuid5(_NAMESPACE, f"calendar:{framework_id}")


@lru_cache(maxsize=_IDS_KEPT)
def receipt_uuid(command_id: UUID) -> UUID:
    return uuid5(_NAMESPACE, f"command:{command_id}")


@lru_cache(maxsize=_IDS_KEPT)
def user_uuid(user_id: str) -> UUID:
    return uuid5(_NAMESPACE, f"user:{user_id}")


@lru_cache(maxsize=_IDS_KEPT)
def body_uuid(body_id: str) -> UUID:
    return uuid5(_NAMESPACE, f"body:{body_id}")


@lru_cache(maxsize=_IDS_KEPT)
def credential_uuid(token_id: str) -> UUID:
    return uuid5(_NAMESPACE, f"token:{token_id}")


@lru_cache(maxsize=_IDS_KEPT)
def joint_uuid(joint_id: str) -> UUID:
    return uuid5(_NAMESPACE, f"joint:{joint_id}")


def directory_uuid() -> UUID:
    """The one aggregate whose first event says the first administrator was bootstrapped."""
    return uuid5(_NAMESPACE, "directory")


class _Saved:
    """Events handed to the library's ``save`` as one collection: it checks each object it is
    given against a runtime-checkable Protocol (tens of microseconds apiece), so a batch of
    events goes in as one object whose ``collect_events`` gives them all."""

    # Not an aggregate: the library files it under this id and takes no snapshot of it.
    id = UUID(int=0)
    version = 0

    def __init__(self, events: Sequence[LedgerEvent]) -> None:
        self._events = events

    def collect_events(self) -> list[LedgerEvent]:
        return list(self._events)


class LedgerApplication(Application[UUID]):
    """Records ledger events and rebuilds aggregates from them."""

    name = "AssessmentLedger"
    is_snapshotting_enabled = True

    def __init__(self, settings: Settings) -> None:
        """Open the store; raises NotFound for a store that is not there (unless the settings
        may create it) and the ``store_failure`` of anything that stops it opening."""
        self.settings = settings
        self._held = HeldStates(self._events_after)
        env = settings.eventsourcing_env()
        if settings.is_postgres:
            # Imported only for PostgreSQL: psycopg and the library's driver are slow to load.
            from ledger.persistence.postgres import probe_server, require_initialised

            probe_server(settings)
        try:
            super().__init__(env=env)
            if settings.is_postgres and not settings.create_tables:
                require_initialised(self.recorder.datastore, self.events_table)  # type: ignore[attr-defined]
        except LedgerError:
            raise
        except Exception as error:
            failure = store_failure(error)
            if failure is None:
                raise
            raise failure from error

    @property
    def events_table(self) -> str:
        """The events table's name (the library's: the application name, lower-cased)."""
        return f"{self.name.lower()}_events"

    @property
    def snapshots_table(self) -> str:
        return f"{self.name.lower()}_snapshots"

    def construct_transcoder(self) -> Transcoder:
        return MsgspecTranscoder()

    def construct_mapper(self) -> Mapper[UUID]:
        return MsgspecMapper(
            transcoder=self.construct_transcoder(),
            compressor=self.factory.compressor(),
            cipher=self.factory.cipher(),
        )

    def agreement(self, ref: str, version: int | None = None) -> Agreement:
        """The agreement's state (at ``version`` if given); NotFound when never opened."""
        try:
            found: Agreement = self.repository.get(
                agreement_uuid(ref), version=version, projector_func=project_agreement
            )
        except AggregateNotFoundError:
            raise NotFound(
                f"no agreement {ref!r}", field="agreement", rule="agreement must be opened first"
            ) from None
        return found

    def unit(self, unit_id: str, *, field: str = "unit_id") -> Unit:
        """A registered unit; NotFound names ``field`` when the id is unknown."""
        try:
            found: Unit = self.repository.get(unit_uuid(unit_id), projector_func=project_unit)
        except AggregateNotFoundError:
            raise NotFound(
                f"no unit {unit_id!r}", field=field, rule="unit must be registered first"
            ) from None
        return found

    def calendar(self, framework_id: str) -> FrameworkCalendar | None:
        """The framework's year-wide decisions (cancelled rounds), or None if there are none."""
        try:
            found: FrameworkCalendar = self.repository.get(
                calendar_uuid(framework_id), projector_func=project_calendar
            )
        except AggregateNotFoundError:
            return None
        return found

    def user(self, user_id: str) -> User | None:
        return cast(User | None, self._found(user_uuid(user_id), project_user))

    def body(self, body_id: str) -> Body | None:
        return cast(Body | None, self._found(body_uuid(body_id), project_body))

    def credential(self, token_id: str) -> Credential | None:
        return cast(Credential | None, self._found(credential_uuid(token_id), project_credential))

    def directory(self) -> Directory | None:
        return cast(Directory | None, self._found(directory_uuid(), project_directory))

    def joint(self, joint_id: str) -> JointKpi | None:
        return cast(JointKpi | None, self._found(joint_uuid(joint_id), project_joint))

    def _found(self, originator_id: UUID, projector: Any) -> object | None:
        return self._held.read(originator_id, projector)

    def _events_after(self, originator_id: UUID, version: int) -> list[LedgerEvent]:
        return [cast(LedgerEvent, e) for e in self.events.get(originator_id, gt=version)]

    def record(
        self, events: Sequence[LedgerEvent], *, latest: Mapping[UUID, Agreement] | None = None
    ) -> None:
        """Append events atomically; WriteConflict if another writer got there first.

        ``latest``: the agreements' states after these events, when the caller holds them (a
        batch), so that snapshots are taken from them rather than read back."""
        try:
            self.save(_Saved(events))
        except RecordConflictError as error:
            first = events[0]
            raise WriteConflict(
                f"another command recorded on {first.originator_id} after this one read "
                f"version {first.originator_version - 1}; nothing was recorded, run it again",
                rule="optimistic concurrency on the aggregate version",
            ) from error
        self._snapshot_if_due(events, latest or {})

    def receipt(self, command_id: UUID) -> CommandHandled | None:
        """The receipt of a command already handled under this id, if any."""
        found = self.events_of(receipt_uuid(command_id))
        return cast(CommandHandled, found[0]) if found else None

    def event_at(self, ref: EventRef) -> LedgerEvent:
        """One recorded event, by its aggregate and version."""
        (found,) = self.events.get(
            ref.originator_id, gt=ref.originator_version - 1, lte=ref.originator_version
        )
        return cast(LedgerEvent, found)

    def _snapshot_if_due(
        self, events: Sequence[LedgerEvent], latest: Mapping[UUID, Agreement]
    ) -> None:
        interval = self.settings.snapshot_interval
        if self.snapshots is None or interval <= 0:
            return
        taken: set[UUID] = set()
        for event in events:
            # Units and calendars are short streams and are never snapshotted.
            if event.originator_version % interval or isinstance(event, NOT_AGREEMENT_EVENTS):
                continue
            if event.originator_id in taken:
                continue
            state = latest.get(event.originator_id) or self.repository.get(
                event.originator_id,
                version=event.originator_version,
                projector_func=project_agreement,
            )
            taken.add(event.originator_id)
            self.snapshots.put(
                [
                    AgreementSnapshot(
                        originator_id=state.id,
                        originator_version=state.version,
                        recorded_at=event.recorded_at,
                        state=state,
                    )
                ]
            )

    def recorded_among(self, originator_ids: Collection[UUID]) -> set[UUID]:
        """Which of these aggregates have any event: one query per 500 ids, so a batch asks
        once for the receipts of all its commands."""
        postgres = self.settings.is_postgres
        datastore = self.recorder.datastore  # type: ignore[attr-defined]
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        return recorded_among(datastore, table, originator_ids, postgres=postgres)

    def exists(self, originator_id: UUID) -> bool:
        """Whether any event was recorded for this aggregate (reads at most one)."""
        return any(True for _ in self.events.get(originator_id, limit=1))

    def events_of(self, originator_id: UUID) -> list[LedgerEvent]:
        """Every event of one aggregate, in version order."""
        return [cast(LedgerEvent, e) for e in self.events.get(originator_id)]

    def all_events(self, batch: int = 500) -> Iterator[tuple[int, LedgerEvent]]:
        """Every event in the log's global order, with its notification id."""
        after = 0
        while page := self.log_page(after, batch):
            yield from page
            after = page[-1][0]

    def log_page(self, after: int, limit: int) -> list[tuple[int, LedgerEvent]]:
        """Up to ``limit`` events after position ``after``, with their notification ids."""
        notifications = self.recorder.select_notifications(
            start=after, limit=limit, inclusive_of_start=False
        )
        return [(n.id, cast(LedgerEvent, self.mapper.to_domain_event(n))) for n in notifications]

    def head(self) -> int:
        """The position of the last recorded event (0 for an empty log)."""
        return self.recorder.max_notification_id() or 0
