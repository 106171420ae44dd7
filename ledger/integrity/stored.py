"""Stored records in canonical form, read straight from the event store (not decoded)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.persistence import Notification

from ledger.application import LedgerApplication
from ledger.integrity.canonical import CanonicalFormError, canonical_bytes, canonical_from_stored

__all__ = [
    "StoredEvent",
    "UnreadableEvent",
    "canonical_record",
    "notification_pages",
    "stored_events",
]


class UnreadableEvent(ValueError):
    """A stored record that has no canonical form (its payload was damaged)."""


@dataclass(frozen=True)
class StoredEvent:
    """One stored record in canonical form, with where the store keeps it."""

    position: int
    originator_id: UUID
    originator_version: int
    data: bytes


def canonical_record(notification: Notification) -> StoredEvent:
    originator_id = _uuid(notification.originator_id)
    try:
        event = canonical_from_stored(
            originator_id,
            notification.originator_version,
            notification.topic,
            notification.state,
        )
    except CanonicalFormError as error:
        raise UnreadableEvent(
            f"the event at position {notification.id} ({notification.originator_id} "
            f"v{notification.originator_version}) is unreadable: {error}"
        ) from error
    return StoredEvent(
        notification.id,
        originator_id,
        notification.originator_version,
        canonical_bytes(event),
    )


def _uuid(value: object) -> UUID:
    # The recorders give UUIDs already; anything else is read as one's text.
    return value if isinstance(value, UUID) else UUID(str(value))


def notification_pages(
    app: LedgerApplication, after: int = 0, page: int = 1000
) -> Iterator[Sequence[Notification]]:
    """The stored records after position ``after``, as they are stored, a page at a time."""
    while batch := app.recorder.select_notifications(
        start=after, limit=page, inclusive_of_start=False
    ):
        yield batch
        after = batch[-1].id


def stored_events(
    app: LedgerApplication, page: int = 1000
) -> Iterator[StoredEvent | UnreadableEvent]:
    """Every stored record in log order, canonical (or why it could not be read)."""
    for batch in notification_pages(app, page=page):
        for notification in batch:
            try:
                yield canonical_record(notification)
            except UnreadableEvent as error:
                yield error
