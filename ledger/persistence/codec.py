"""Store events as msgspec JSON and load them back with their exact types.

A transcoder alone would hand back Decimals and datetimes as strings, so the mapper decodes
each stored payload against the event's own Struct type (resolved from the stored topic):
Decimals, datetimes, UUIDs and nested value objects come back exactly as they were recorded.
Upcasting follows the library's convention: every payload stores its class's ``class_version``
(a payload without one is version 1), and a class at version N provides ``upcast_vK_vK+1``
static methods that bring older payloads up to date as they are read.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    Mapper,
    MapperDeserialisationError,
    StoredEvent,
    Transcoder,
)
from eventsourcing.utils import get_topic, resolve_topic

from ledger.bounds import MAX_EVENT_BYTES, MAX_STORED_PAYLOAD
from ledger.errors import InvalidInput

__all__ = ["MsgspecMapper", "MsgspecTranscoder"]

_ORIGINATOR_FIELDS = ("originator_id", "originator_version")


class MsgspecTranscoder(Transcoder):
    """JSON through msgspec: UTF-8 text kept as is, Decimals written as strings."""

    def __init__(self) -> None:
        self._encoder = msgspec.json.Encoder(decimal_format="string")
        self._decoder = msgspec.json.Decoder()

    def encode(self, obj: Any) -> bytes:
        return self._encoder.encode(obj)

    def decode(self, data: bytes) -> Any:
        return self._decoder.decode(data)


class MsgspecMapper(Mapper[UUID]):
    """Maps msgspec Struct events to stored events and back, restoring exact types."""

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        if not isinstance(domain_event, msgspec.Struct):
            raise TypeError(f"{type(domain_event).__name__} is not a msgspec Struct")
        payload = {
            name: getattr(domain_event, name)
            for name in domain_event.__struct_fields__
            if name not in _ORIGINATOR_FIELDS
        }
        # Every stored event names its schema version, so a reader never has to guess.
        payload["class_version"] = getattr(type(domain_event), "class_version", 1)
        state = self.transcoder.encode(payload)
        _refuse_oversized(type(domain_event).__name__, state)
        if self.compressor:
            state = self.compressor.compress(state)
        if self.cipher:
            state = self.cipher.encrypt(state)
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(domain_event)),
            state=state,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        cls = resolve_topic(stored_event.topic)
        try:
            state = stored_event.state
            if self.cipher:
                state = self.cipher.decrypt(state)
            if self.compressor:
                state = self.compressor.decompress(state)
            payload: dict[str, Any] = self.transcoder.decode(state)
            from_version = payload.pop("class_version", 1)
            while from_version < getattr(cls, "class_version", 1):
                getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(payload)
                from_version += 1
            payload["originator_id"] = stored_event.originator_id
            payload["originator_version"] = stored_event.originator_version
            event: DomainEventProtocol[UUID] = msgspec.convert(payload, cls)
        except (msgspec.ValidationError, msgspec.DecodeError, AttributeError) as error:
            raise MapperDeserialisationError(
                f"cannot load event {stored_event.originator_id} "
                f"v{stored_event.originator_version} ({stored_event.topic}): {error}"
            ) from error
        return event


def _refuse_oversized(event_type: str, state: bytes) -> None:
    """A backstop behind the input bounds: every event must fit one C2SP tile entry."""
    if len(state) > MAX_STORED_PAYLOAD:
        raise InvalidInput(
            f"the {event_type} event would be {len(state):,} bytes, more than "
            f"{MAX_STORED_PAYLOAD:,}; nothing was recorded",
            field="$",
            rule=f"an event fits one C2SP tile entry ({MAX_EVENT_BYTES:,} bytes canonical)",
            expected=MAX_STORED_PAYLOAD,
            actual=len(state),
        )
