"""Decisions on a joint KPI: defining it, its shared result per round, and appeals on that
result. Each records one event on the joint KPI's own stream, however many agreements join it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from ledger.domain.control_events import AppealOutcome
from ledger.domain.joint.events import (
    JointKpiDefined,
    JointMeasure,
    SharedAppealDecided,
    SharedAppealRequested,
    SharedResultAdjusted,
    SharedResultFiled,
    SharedResultVerified,
)
from ledger.domain.joint.state import JointKpi, SharedAppeal
from ledger.domain.stamp import Stamp
from ledger.domain.unit import Unit
from ledger.domain.values import Evidence
from ledger.errors import AlreadyRecorded, InvalidInput, NotFound, RuleRefused
from ledger.frameworks.model import Framework, Round
from ledger.rules.evidence import check_evidence
from ledger.scoring.levels import check_thresholds

__all__ = [
    "adjust_shared_result",
    "decide_shared_appeal",
    "define_joint_kpi",
    "file_shared_result",
    "request_shared_appeal",
    "verify_shared_result",
]


def define_joint_kpi(
    originator_id: UUID,
    joint_id: str,
    framework: Framework,
    host: Unit,
    measure: JointMeasure,
    per_participant_targets: bool,
    stamp: Stamp,
) -> JointKpiDefined:
    if framework.component(measure.component) is None:
        raise RuleRefused(
            f"component {measure.component!r} is not in framework {framework.id}",
            field="component",
            rule="component must exist in the framework",
            expected=", ".join(c.id for c in framework.components),
            actual=measure.component,
        )
    if per_participant_targets and framework.joint_targets != "per_participant":
        raise RuleRefused(
            f"framework {framework.id} gives every participant of a joint KPI the same criteria",
            field="per_participant_targets",
            rule="per-participant targets only where the framework allows them",
        )
    if measure.thresholds or not per_participant_targets:
        check_thresholds(framework.scoring, measure.direction, measure.thresholds)
    return JointKpiDefined(
        originator_id=originator_id,
        originator_version=1,
        joint_id=joint_id,
        fiscal_year=framework.fiscal_year,
        framework_id=framework.id,
        host_unit_id=host.unit_id,
        measure=measure,
        per_participant_targets=per_participant_targets,
        **stamp.fields(),
    )


def _round(joint: JointKpi, framework: Framework, round_id: str) -> Round:
    found = framework.round(round_id)
    if found is None:
        raise InvalidInput(
            f"unknown round {round_id!r} for joint KPI {joint.joint_id}",
            field="round_id",
            rule="round must be one of the framework's rounds",
            expected=", ".join(r.id for r in framework.rounds),
            actual=round_id,
        )
    return found


def _refuse_if_verified(joint: JointKpi, round_id: str) -> None:
    if joint.round(round_id).verified is not None:
        raise RuleRefused(
            f"the shared result of joint KPI {joint.joint_id} in round {round_id} is verified",
            field="round_id",
            rule="a verified shared result changes only through an appeal",
        )


def file_shared_result(
    joint: JointKpi,
    framework: Framework,
    round_id: str,
    actual: Decimal,
    narrative: str,
    evidence: Sequence[Evidence],
    filed_at: datetime,
    cancelled_rounds: Mapping[str, str],
    stamp: Stamp,
) -> SharedResultFiled:
    _round(joint, framework, round_id)
    if round_id in cancelled_rounds:
        raise RuleRefused(
            f"round {round_id} of {framework.id} is cancelled this year: "
            f"{cancelled_rounds[round_id]}",
            field="round_id",
            rule="no result is filed for a cancelled round",
        )
    _refuse_if_verified(joint, round_id)
    check_evidence(evidence)
    return SharedResultFiled(
        originator_id=joint.id,
        originator_version=joint.version + 1,
        round_id=round_id,
        actual=actual,
        narrative=narrative,
        evidence=tuple(evidence),
        filed_at=filed_at,
        **stamp.fields(),
    )


def verify_shared_result(
    joint: JointKpi,
    framework: Framework,
    round_id: str,
    verified_actual: Decimal,
    notes: str,
    stamp: Stamp,
) -> SharedResultVerified:
    _round(joint, framework, round_id)
    _refuse_if_verified(joint, round_id)
    if joint.round(round_id).filed is None:
        raise RuleRefused(
            f"the host has filed no result for joint KPI {joint.joint_id} in round {round_id}",
            field="round_id",
            rule="evaluators verify results the host has filed",
        )
    return SharedResultVerified(
        originator_id=joint.id,
        originator_version=joint.version + 1,
        round_id=round_id,
        verified_actual=verified_actual,
        notes=notes,
        **stamp.fields(),
    )


def request_shared_appeal(
    joint: JointKpi,
    framework: Framework,
    appeal_id: str,
    round_id: str,
    claim: str,
    evidence: Sequence[Evidence],
    participant: str | None,
    stamp: Stamp,
) -> SharedAppealRequested:
    if not _round(joint, framework, round_id).appeals:
        raise RuleRefused(
            f"framework {framework.id} takes no appeals in round {round_id}",
            field="round_id",
            rule="appeals only in the rounds the framework names",
            expected=", ".join(r.id for r in framework.rounds if r.appeals) or "none",
            actual=round_id,
        )
    if appeal_id in joint.appeals:
        raise AlreadyRecorded(
            f"appeal {appeal_id!r} already exists on joint KPI {joint.joint_id}",
            field="appeal_id",
            rule="appeal ids are unique within a joint KPI",
        )
    if joint.round(round_id).verified is None:
        raise RuleRefused(
            f"joint KPI {joint.joint_id} has no verified result in round {round_id} to appeal",
            field="round_id",
            rule="an appeal answers a verified result",
        )
    for other_id, other in joint.appeals.items():
        if (other.round_id, other.status) == (round_id, "open"):
            raise AlreadyRecorded(
                f"appeal {other_id} on joint KPI {joint.joint_id} in round {round_id} is open",
                field="round_id",
                rule="one open appeal per shared result",
            )
    check_evidence(evidence)
    return SharedAppealRequested(
        originator_id=joint.id,
        originator_version=joint.version + 1,
        appeal_id=appeal_id,
        round_id=round_id,
        claim=claim,
        evidence=tuple(evidence),
        participant=participant,
        **stamp.fields(),
    )


def _appeal(joint: JointKpi, appeal_id: str) -> SharedAppeal:
    appeal = joint.appeals.get(appeal_id)
    if appeal is None:
        raise NotFound(
            f"no appeal {appeal_id!r} on joint KPI {joint.joint_id}",
            field="appeal_id",
            rule="a decision answers a recorded appeal",
        )
    return appeal


def decide_shared_appeal(
    joint: JointKpi,
    appeal_id: str,
    outcome: AppealOutcome,
    body: str,
    rationale: str,
    stamp: Stamp,
) -> SharedAppealDecided:
    appeal = _appeal(joint, appeal_id)
    if appeal.status != "open":
        raise AlreadyRecorded(
            f"appeal {appeal_id} is already decided ({appeal.status})",
            field="appeal_id",
            rule="an appeal is decided once",
        )
    return SharedAppealDecided(
        originator_id=joint.id,
        originator_version=joint.version + 1,
        appeal_id=appeal_id,
        outcome=outcome,
        body=body,
        rationale=rationale,
        **stamp.fields(),
    )


def adjust_shared_result(
    joint: JointKpi,
    appeal_id: str,
    new_value: Decimal,
    reason: str,
    authority: str,
    stamp: Stamp,
) -> SharedResultAdjusted:
    appeal = _appeal(joint, appeal_id)
    if appeal.status not in ("upheld", "partly_upheld"):
        raise RuleRefused(
            f"appeal {appeal_id} is {appeal.status}; only an upheld or partly upheld appeal "
            "adjusts a shared result",
            field="appeal_id",
            rule="adjustments answer an upheld appeal",
        )
    if appeal.adjusted:
        raise AlreadyRecorded(
            f"appeal {appeal_id} has already adjusted the shared result",
            field="appeal_id",
            rule="one adjustment per appeal",
        )
    old = joint.round(appeal.round_id).verified
    assert old is not None  # an appeal is taken only on a verified result
    if old == new_value:
        raise InvalidInput(
            f"the shared result is already {new_value}",
            field="new_value",
            rule="an adjustment changes the result",
        )
    return SharedResultAdjusted(
        originator_id=joint.id,
        originator_version=joint.version + 1,
        appeal_id=appeal_id,
        round_id=appeal.round_id,
        old_value=old,
        new_value=new_value,
        reason=reason,
        authority=authority,
        **stamp.fields(),
    )
