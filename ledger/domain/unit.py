"""The Unit aggregate: an assessed unit (province, department, agency or person)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

import msgspec

from ledger.domain.events import LedgerEvent, UnitRegistered

__all__ = ["Unit", "project_unit"]


class Unit(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    version: int
    unit_id: str
    name_th: str
    name_en: str
    level: str
    parent_id: str | None


def project_unit(state: Unit | None, events: Iterable[LedgerEvent]) -> Unit | None:
    """Fold a unit's events into its state."""
    for event in events:
        if not isinstance(event, UnitRegistered):
            raise TypeError(f"no unit transition for {type(event).__name__}")
        state = Unit(
            id=event.originator_id,
            version=event.originator_version,
            unit_id=event.unit_id,
            name_th=event.name_th,
            name_en=event.name_en,
            level=event.level,
            parent_id=event.parent_id,
        )
    return state
