"""What the audit notes besides target versions: wording corrections of KPI titles, cascaded
KPIs kept while their parent moved, and the shared (joint KPI) results each certification
used. Kept apart from ``projections.audit`` so that module stays about rule 1."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import msgspec

from ledger.domain.control_events import CascadeDriftKept, KpiWordingCorrected
from ledger.domain.events import LedgerEvent, ScoresCertified
from ledger.domain.values import SharedResultUsed

__all__ = ["AuditNotes", "Certification", "DriftKept", "WordingCorrection", "note"]


class WordingCorrection(msgspec.Struct, frozen=True, kw_only=True):
    """A KPI's titles corrected under the framework's allowance (rule 3 is not touched)."""

    kpi_id: str
    title_th_before: str
    title_en_before: str
    title_th: str
    title_en: str
    audit_ref: str
    reason: str
    actor_id: str
    position: int
    effective_at: datetime


class DriftKept(msgspec.Struct, frozen=True, kw_only=True):
    """A cascaded KPI its agreement decided to keep although its parent's target moved."""

    kpi_id: str
    parent: str
    parent_revision: int
    body: str
    meeting_ref: str
    reason: str
    position: int
    effective_at: datetime


class Certification(msgspec.Struct, frozen=True, kw_only=True):
    """A round certified, and the shared results of joint KPIs its composite used."""

    round_id: str
    composite: Decimal
    position: int
    effective_at: datetime
    shared: tuple[SharedResultUsed, ...] = ()


class AuditNotes(msgspec.Struct, kw_only=True):
    corrections: list[WordingCorrection] = []
    drift_kept: list[DriftKept] = []
    certifications: list[Certification] = []


def note(notes: AuditNotes, event: LedgerEvent, position: int) -> None:
    """Add what ``event`` (at ``position`` in the log) tells the audit, if anything."""
    if isinstance(event, KpiWordingCorrected):
        notes.corrections.append(
            WordingCorrection(
                kpi_id=event.kpi_id,
                title_th_before=event.title_th_before,
                title_en_before=event.title_en_before,
                title_th=event.title_th,
                title_en=event.title_en,
                audit_ref=event.audit_ref,
                reason=event.reason,
                actor_id=event.actor.id,
                position=position,
                effective_at=event.effective_at,
            )
        )
    elif isinstance(event, CascadeDriftKept):
        notes.drift_kept.append(
            DriftKept(
                kpi_id=event.kpi_id,
                parent=event.parent,
                parent_revision=event.parent_revision,
                body=event.body,
                meeting_ref=event.meeting_ref,
                reason=event.reason,
                position=position,
                effective_at=event.effective_at,
            )
        )
    elif isinstance(event, ScoresCertified):
        notes.certifications.append(
            Certification(
                round_id=event.round_id,
                composite=event.composite,
                position=position,
                effective_at=event.effective_at,
                shared=event.shared,
            )
        )
