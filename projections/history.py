"""The history of one aggregate: every event in order, with both of its times."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import msgspec

from ledger.domain.events import LedgerEvent

__all__ = ["HistoryRow", "history_rows"]

_COMMON = {"originator_id", "originator_version", "recorded_at", "effective_at", "actor"}


class HistoryRow(msgspec.Struct, frozen=True, kw_only=True):
    version: int
    event: str
    recorded_at: datetime
    effective_at: datetime
    actor_id: str
    actor_role: str
    details: dict[str, Any]


def history_rows(events: Iterable[LedgerEvent]) -> list[HistoryRow]:
    """One row per event; ``details`` holds the event's own fields as JSON-ready values."""
    return [
        HistoryRow(
            version=event.originator_version,
            event=type(event).__name__,
            recorded_at=event.recorded_at,
            effective_at=event.effective_at,
            actor_id=event.actor.id,
            actor_role=event.actor.role,
            details={
                name: msgspec.to_builtins(getattr(event, name))
                for name in event.__struct_fields__
                if name not in _COMMON
            },
        )
        for event in events
    ]
