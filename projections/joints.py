"""Projection ``joints``: each joint KPI with its host, its measure, its participants (their
KPI, weight and criteria) and per round the one shared result: filed, verified, adjusted on
appeal, and the appeals on it.

A joint KPI's entry and each participant's line are separate documents, so a participant's
own event rewrites its line and not the 75 others.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

import msgspec

from ledger.domain.agreement import Agreement
from ledger.domain.agreement_state import KpiStatus
from ledger.domain.control_events import AppealOutcome
from ledger.domain.events import LedgerEvent
from ledger.domain.joint.events import JOINT_EVENTS, JointMeasure
from ledger.domain.joint.sharing import joint_ids
from ledger.domain.joint.state import JointKpi
from ledger.domain.unit import Unit
from projections.derived import DerivedPerAgreement
from projections.documents import Documents
from projections.shared import fold_joint

__all__ = [
    "JointEntry",
    "JointParticipant",
    "JointRoundLine",
    "JointView",
    "Joints",
    "SharedAppealLine",
    "participant_counts",
    "read_joint",
    "read_joints",
]


class JointParticipant(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    unit_id: str
    kpi_id: str
    status: KpiStatus
    weight: Decimal
    thresholds: tuple[Decimal, ...]


class JointRoundLine(msgspec.Struct, frozen=True, kw_only=True):
    """``adjusted_by``: the appeal whose upheld decision set ``verified``, if any."""

    round_id: str
    filed: Decimal | None
    filed_at: datetime | None
    verified: Decimal | None
    notes: str
    adjusted_by: str | None


class SharedAppealLine(msgspec.Struct, frozen=True, kw_only=True):
    appeal_id: str
    round_id: str
    participant: str | None
    status: Literal["open"] | AppealOutcome
    adjusted: bool


class JointEntry(msgspec.Struct, frozen=True, kw_only=True):
    joint_id: str
    fiscal_year: int
    framework_id: str
    host_unit_id: str
    host_name_th: str | None
    host_name_en: str | None
    measure: JointMeasure
    per_participant_targets: bool
    rounds: tuple[JointRoundLine, ...]
    appeals: tuple[SharedAppealLine, ...]
    version: int


class JointView(msgspec.Struct, frozen=True, kw_only=True):
    """A joint KPI as ``ledger joint show`` and ``GET /joints/{joint_id}`` give it."""

    joint: JointEntry
    participants: tuple[JointParticipant, ...]


def _entry(joint: JointKpi, host: Unit | None) -> JointEntry:
    return JointEntry(
        joint_id=joint.joint_id,
        fiscal_year=joint.fiscal_year,
        framework_id=joint.framework_id,
        host_unit_id=joint.host_unit_id,
        host_name_th=host.name_th if host else None,
        host_name_en=host.name_en if host else None,
        measure=joint.measure,
        per_participant_targets=joint.per_participant_targets,
        rounds=tuple(
            JointRoundLine(
                round_id=round_id,
                filed=shared.filed,
                filed_at=shared.filed_at,
                verified=shared.verified,
                notes=shared.notes,
                adjusted_by=shared.adjusted_by,
            )
            for round_id, shared in joint.rounds.items()
        ),
        appeals=tuple(
            SharedAppealLine(
                appeal_id=appeal_id,
                round_id=appeal.round_id,
                participant=appeal.participant,
                status=appeal.status,
                adjusted=appeal.adjusted,
            )
            for appeal_id, appeal in joint.appeals.items()
        ),
        version=joint.version,
    )


class Joints(DerivedPerAgreement):
    name = "joints"
    summary = "joint KPIs: host, measure, participants and the shared result per round"
    keeps_units = True
    # A participant's line is its own KPI's terms and status: no shared result in it.
    with_shared_results = False

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        if not isinstance(event, JOINT_EVENTS):
            super().apply(docs, position, event)
            return
        # The shared result is the entry's, not the participants' lines: only it changes.
        joint = fold_joint(docs, event)
        host = docs.get("unit", joint.host_unit_id, Unit)
        docs.put("entry", joint.joint_id, _entry(joint, host))

    def derive(self, docs: Documents, state: Agreement) -> None:
        for joint_id in joint_ids(state):
            docs.delete_prefix("participant", f"{joint_id}|{state.agreement_ref}|")
        for kpi in state.kpis.values():
            if kpi.terms.joint_id is None:
                continue
            line = JointParticipant(
                agreement=state.agreement_ref,
                unit_id=state.unit_id,
                kpi_id=kpi.kpi_id,
                status=kpi.status,
                weight=kpi.terms.weight,
                thresholds=kpi.terms.thresholds,
            )
            key = f"{kpi.terms.joint_id}|{state.agreement_ref}|{kpi.kpi_id}"
            docs.put("participant", key, line)


def read_joints(docs: Documents) -> list[JointEntry]:
    """Every joint KPI, by id."""
    return [entry for _, entry in docs.scan("entry", JointEntry)]


def read_joint(docs: Documents, joint_id: str) -> JointView | None:
    entry = docs.get("entry", joint_id, JointEntry)
    if entry is None:
        return None
    lines = docs.scan("participant", JointParticipant, f"{joint_id}|")
    return JointView(joint=entry, participants=tuple(line for _, line in lines))


def participant_counts(docs: Documents) -> dict[str, int]:
    """How many KPIs in force join each joint KPI."""
    counts: dict[str, int] = {}
    for key, line in docs.scan("participant", JointParticipant):
        if line.status in ("rejected", "cancelled"):
            continue
        joint_id = key.split("|", 1)[0]
        counts[joint_id] = counts.get(joint_id, 0) + 1
    return counts
