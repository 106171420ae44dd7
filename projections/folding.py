"""State several views fold for themselves: agreements, their references and the units.

Events of an agreement carry only its aggregate id, so a view that lists by reference keeps
the id -> reference map it learnt from AgreementOpened. Each view keeps its own copy, so
each can be dropped and rebuilt alone.
"""

from __future__ import annotations

import msgspec

from ledger.domain.agreement import NOT_AGREEMENT_EVENTS, Agreement, project_agreement
from ledger.domain.events import AgreementOpened, LedgerEvent, UnitRegistered
from ledger.domain.unit import Unit, project_unit
from projections.documents import Documents

__all__ = [
    "AgreementMeta",
    "agreement_meta",
    "fold_agreement",
    "fold_unit",
    "fold_with_unit",
    "opened_meta",
    "remember_opened",
    "stored_unit",
]


class AgreementMeta(msgspec.Struct, frozen=True, kw_only=True):
    ref: str
    unit_id: str
    fiscal_year: int
    framework_id: str


def remember_opened(docs: Documents, event: LedgerEvent) -> AgreementMeta | None:
    """Keep the reference of an agreement when ``event`` opens it; None for other events."""
    if not isinstance(event, AgreementOpened):
        return None
    meta = AgreementMeta(
        ref=event.agreement_ref,
        unit_id=event.unit_id,
        fiscal_year=event.fiscal_year,
        framework_id=event.framework_id,
    )
    docs.put("agreement-ref", str(event.originator_id), meta)
    return meta


def agreement_meta(docs: Documents, event: LedgerEvent) -> AgreementMeta | None:
    """The agreement an event belongs to (learnt from its AgreementOpened), if any."""
    opened = remember_opened(docs, event)
    return opened or docs.get("agreement-ref", str(event.originator_id), AgreementMeta)


def opened_meta(docs: Documents, event: LedgerEvent) -> AgreementMeta:
    """``agreement_meta`` for an event that must belong to an agreement; LookupError in a
    damaged log (an agreement's event whose opening is missing), which verification reports."""
    meta = agreement_meta(docs, event)
    if meta is None:
        raise LookupError(f"event of {event.originator_id} before its AgreementOpened")
    return meta


def fold_agreement(docs: Documents, event: LedgerEvent) -> Agreement:
    """The agreement's state after ``event``, kept in the view between events."""
    key = str(event.originator_id)
    before = docs.get("agreement", key, Agreement)
    after = project_agreement(before, [event])
    assert after is not None
    docs.put("agreement", key, after)
    return after


def fold_unit(docs: Documents, event: UnitRegistered) -> Unit:
    unit = project_unit(None, [event])
    assert unit is not None
    docs.put("unit", unit.unit_id, unit)
    return unit


def fold_with_unit(docs: Documents, event: LedgerEvent) -> tuple[Agreement, Unit] | None:
    """For views that score: keep units and agreements; the agreement after ``event`` and its
    unit, or None when the event is not an agreement's."""
    if isinstance(event, UnitRegistered):
        fold_unit(docs, event)
        return None
    if isinstance(event, NOT_AGREEMENT_EVENTS):
        return None
    state = fold_agreement(docs, event)
    return state, stored_unit(docs, state.unit_id)


def stored_unit(docs: Documents, unit_id: str) -> Unit:
    unit = docs.get("unit", unit_id, Unit)
    if unit is None:
        raise LookupError(f"unit {unit_id!r} used before it was registered")
    return unit
