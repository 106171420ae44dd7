"""Canonical event bytes: the one encoding of a stored event that every leaf hash covers.

A canonical event is a JSON object with exactly five members::

    {"originator_id": "<uuid, lowercase, hyphenated>",
     "originator_version": <integer>,
     "payload": {<the event's fields except the three above>},
     "recorded_at": "<the event's recorded time, ISO 8601, as stored>",
     "topic": "<module:Class of the event type>"}

serialised as RFC 8785 (JCS) canonical JSON: members sorted by name at every depth, no
insignificant whitespace, UTF-8, strings with only the escapes JSON requires. The ledger never
stores a float (decimals are strings), so every number is an integer and JCS's number rules
reduce to plain decimal integers. The bytes depend on nothing but the event, so the same event
has the same bytes on SQLite, on PostgreSQL and in an export, and anyone can recompute them.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec

__all__ = [
    "CanonicalEvent",
    "CanonicalFormError",
    "canonical_bytes",
    "canonical_from_stored",
    "parse_canonical",
    "stored_payload",
]

_ENCODER = msgspec.json.Encoder(order="sorted")


class CanonicalFormError(ValueError):
    """Bytes that are not a canonical event (unreadable, a float, or not in canonical form)."""


def _no_floats(_: str) -> Any:
    raise CanonicalFormError("a canonical event holds no floats (decimals are strings)")


_DECODER = msgspec.json.Decoder(float_hook=_no_floats)


class CanonicalEvent(msgspec.Struct, frozen=True, kw_only=True):
    originator_id: UUID
    originator_version: int
    topic: str
    recorded_at: str
    payload: dict[str, Any]


def canonical_bytes(event: CanonicalEvent) -> bytes:
    return _ENCODER.encode(
        {
            "originator_id": str(event.originator_id),
            "originator_version": event.originator_version,
            "payload": event.payload,
            "recorded_at": event.recorded_at,
            "topic": event.topic,
        }
    )


def canonical_from_stored(
    originator_id: UUID, originator_version: int, topic: str, state: bytes
) -> CanonicalEvent:
    """The canonical event of a stored record (``state`` as the ledger's transcoder wrote it)."""
    try:
        payload = _DECODER.decode(state)
    except msgspec.DecodeError as error:
        raise CanonicalFormError(f"stored payload is not JSON: {error}") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("recorded_at"), str):
        raise CanonicalFormError("stored payload is not an event with a recorded time")
    recorded_at = payload.pop("recorded_at")
    return CanonicalEvent(
        originator_id=originator_id,
        originator_version=originator_version,
        topic=topic,
        recorded_at=recorded_at,
        payload=payload,
    )


def parse_canonical(data: bytes) -> CanonicalEvent:
    """Read canonical bytes back; refuses anything that would not re-encode to the same bytes."""
    try:
        event = msgspec.convert(_DECODER.decode(data), CanonicalEvent)
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        raise CanonicalFormError(f"not a canonical event: {error}") from error
    if canonical_bytes(event) != data:
        raise CanonicalFormError("not in canonical form (member order, spacing or escapes)")
    return event


def stored_payload(event: CanonicalEvent) -> bytes:
    """The stored payload again (for loading the event through the ledger's mapper)."""
    return _ENCODER.encode({**event.payload, "recorded_at": event.recorded_at})
