"""The command that would record each event of a joint KPI's stream, or of a cascaded KPI's
or a corrected KPI's upkeep: their fields read back out of the event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from commands.messages import (
    AdjustSharedResult,
    AnyCommand,
    CorrectKpiWording,
    DecideSharedAppeal,
    DefineJointKpi,
    FileSharedResult,
    KeepCascadedKpi,
    RequestSharedAppeal,
    VerifySharedResult,
)
from commands.replay.folded import FoldedLedger
from commands.replay.not_a_command import NotACommand
from ledger.domain.agreement import Agreement
from ledger.domain.control_events import CascadeDriftKept, KpiWordingCorrected
from ledger.domain.events import LedgerEvent
from ledger.domain.joint.events import (
    JointKpiDefined,
    SharedAppealDecided,
    SharedAppealRequested,
    SharedResultAdjusted,
    SharedResultFiled,
    SharedResultVerified,
)

__all__ = ["UPKEEP_COMMAND_OF"]


def _common(event: LedgerEvent) -> dict[str, Any]:
    return {"actor": event.actor, "effective_at": event.effective_at}


def _joint_id(folded: FoldedLedger, event: LedgerEvent) -> str:
    found = folded.joints.get(event.originator_id)
    if found is None:
        raise NotACommand(f"aggregate {event.originator_id} is no joint KPI the log defined")
    return found.joint_id


def _agreement(folded: FoldedLedger, event: LedgerEvent) -> Agreement:
    found = folded.agreements.get(event.originator_id)
    if found is None:
        raise NotACommand(f"aggregate {event.originator_id} is no agreement the log opened")
    return found


def _define(event: JointKpiDefined, _: FoldedLedger) -> AnyCommand:
    measure = event.measure
    return DefineJointKpi(
        **_common(event),
        joint_id=event.joint_id,
        framework_id=event.framework_id,
        host_unit_id=event.host_unit_id,
        title_th=measure.title_th,
        title_en=measure.title_en,
        component=measure.component,
        unit_of_measure=measure.unit_of_measure,
        direction=measure.direction,
        thresholds=measure.thresholds,
        per_participant_targets=event.per_participant_targets,
    )


def _file(event: SharedResultFiled, folded: FoldedLedger) -> AnyCommand:
    return FileSharedResult(
        **_common(event),
        joint_id=_joint_id(folded, event),
        round_id=event.round_id,
        actual=event.actual,
        narrative=event.narrative,
        evidence=event.evidence,
        filed_at=event.filed_at,
    )


def _verify(event: SharedResultVerified, folded: FoldedLedger) -> AnyCommand:
    return VerifySharedResult(
        **_common(event),
        joint_id=_joint_id(folded, event),
        round_id=event.round_id,
        verified_actual=event.verified_actual,
        notes=event.notes,
    )


def _appeal(event: SharedAppealRequested, folded: FoldedLedger) -> AnyCommand:
    return RequestSharedAppeal(
        **_common(event),
        joint_id=_joint_id(folded, event),
        appeal_id=event.appeal_id,
        round_id=event.round_id,
        claim=event.claim,
        evidence=event.evidence,
        agreement=event.participant,
    )


def _decide(event: SharedAppealDecided, folded: FoldedLedger) -> AnyCommand:
    return DecideSharedAppeal(
        **_common(event),
        joint_id=_joint_id(folded, event),
        appeal_id=event.appeal_id,
        outcome=event.outcome,
        body=event.body,
        rationale=event.rationale,
    )


def _adjust(event: SharedResultAdjusted, folded: FoldedLedger) -> AnyCommand:
    return AdjustSharedResult(
        **_common(event),
        joint_id=_joint_id(folded, event),
        appeal_id=event.appeal_id,
        new_value=event.new_value,
        reason=event.reason,
        authority=event.authority,
    )


def _correct(event: KpiWordingCorrected, folded: FoldedLedger) -> AnyCommand:
    return CorrectKpiWording(
        **_common(event),
        agreement=_agreement(folded, event).agreement_ref,
        kpi_id=event.kpi_id,
        title_th=event.title_th if event.title_th != event.title_th_before else None,
        title_en=event.title_en if event.title_en != event.title_en_before else None,
        audit_ref=event.audit_ref,
        reason=event.reason,
    )


def _keep(event: CascadeDriftKept, folded: FoldedLedger) -> AnyCommand:
    return KeepCascadedKpi(
        **_common(event),
        agreement=_agreement(folded, event).agreement_ref,
        kpi_id=event.kpi_id,
        body=event.body,
        meeting_ref=event.meeting_ref,
        reason=event.reason,
    )


UPKEEP_COMMAND_OF: dict[type[Any], Callable[[Any, FoldedLedger], AnyCommand]] = {
    JointKpiDefined: _define,
    SharedResultFiled: _file,
    SharedResultVerified: _verify,
    SharedAppealRequested: _appeal,
    SharedAppealDecided: _decide,
    SharedResultAdjusted: _adjust,
    KpiWordingCorrected: _correct,
    CascadeDriftKept: _keep,
}
