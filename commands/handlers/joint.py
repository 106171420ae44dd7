"""Handlers for joint KPIs: defining one, the host's shared result, and appeals on it.

Everything about the shared result is in the scope of the host unit: its reporter files it
(``assessed_unit`` for the host), the evaluator verifies it, and the appeal body decides on
it. A participant may appeal the shared result for its own agreement.
"""

from __future__ import annotations

from commands.handlers.context import Handling
from commands.messages import (
    AdjustSharedResult,
    DecideSharedAppeal,
    DefineJointKpi,
    FileSharedResult,
    RequestSharedAppeal,
    VerifySharedResult,
)
from ledger.application import joint_uuid
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.access import Scope
from ledger.domain.joint import decisions as decide
from ledger.domain.joint.events import JointMeasure
from ledger.domain.joint.state import JointKpi
from ledger.errors import AlreadyRecorded, RuleRefused

__all__ = [
    "handle_adjust_shared_result",
    "handle_decide_shared_appeal",
    "handle_define_joint_kpi",
    "handle_file_shared_result",
    "handle_request_shared_appeal",
    "handle_verify_shared_result",
]


def _host_scope(joint: JointKpi) -> Scope:
    return Scope(
        unit_id=joint.host_unit_id, framework_id=joint.framework_id, fiscal_year=joint.fiscal_year
    )


def handle_define_joint_kpi(ctx: Handling, command: DefineJointKpi) -> list[LedgerEvent]:
    framework = ctx.framework(command.framework_id)
    scope = Scope(
        unit_id=command.host_unit_id,
        framework_id=framework.id,
        fiscal_year=framework.fiscal_year,
    )
    stamp = ctx.stamp(command, ("opdc", "secretariat"), scope)
    if ctx.ledger.joint(command.joint_id) is not None:
        raise AlreadyRecorded(
            f"joint KPI {command.joint_id!r} is already defined",
            field="joint_id",
            rule="joint KPI ids are unique",
        )
    measure = JointMeasure(
        title_th=command.title_th,
        title_en=command.title_en,
        component=command.component,
        unit_of_measure=command.unit_of_measure,
        direction=command.direction,
        thresholds=command.thresholds,
    )
    event = decide.define_joint_kpi(
        joint_uuid(command.joint_id),
        command.joint_id,
        framework,
        ctx.ledger.unit(command.host_unit_id, field="host_unit_id"),
        measure,
        command.per_participant_targets,
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_file_shared_result(ctx: Handling, command: FileSharedResult) -> list[LedgerEvent]:
    joint = ctx.joint(command.joint_id)
    framework = ctx.framework(joint.framework_id)
    stamp = ctx.stamp(command, ("assessed_unit",), _host_scope(joint))
    calendar = ctx.ledger.calendar(framework.id)
    event = decide.file_shared_result(
        joint,
        framework,
        command.round_id,
        command.actual,
        command.narrative,
        command.evidence,
        command.filed_at or stamp.effective_at,
        calendar.cancelled_rounds if calendar else {},
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_verify_shared_result(ctx: Handling, command: VerifySharedResult) -> list[LedgerEvent]:
    joint = ctx.joint(command.joint_id)
    stamp = ctx.stamp(command, ("independent_evaluator",), _host_scope(joint))
    event = decide.verify_shared_result(
        joint,
        ctx.framework(joint.framework_id),
        command.round_id,
        command.verified_actual,
        command.notes,
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_request_shared_appeal(ctx: Handling, command: RequestSharedAppeal) -> list[LedgerEvent]:
    joint = ctx.joint(command.joint_id)
    scope = _host_scope(joint)
    if command.agreement is not None:
        loaded = ctx.load(command.agreement)
        scope = loaded.scope
        if command.joint_id not in {k.terms.joint_id for k in loaded.agreement.kpis_in_agreement()}:
            raise RuleRefused(
                f"{command.agreement} does not take part in joint KPI {command.joint_id}",
                field="agreement",
                rule="a participant appeals a shared result it counts",
            )
    stamp = ctx.stamp(command, ("assessed_unit",), scope)
    event = decide.request_shared_appeal(
        joint,
        ctx.framework(joint.framework_id),
        command.appeal_id,
        command.round_id,
        command.claim,
        command.evidence,
        command.agreement,
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_decide_shared_appeal(ctx: Handling, command: DecideSharedAppeal) -> list[LedgerEvent]:
    joint = ctx.joint(command.joint_id)
    stamp = ctx.stamp(command, ("appeal_body",), _host_scope(joint))
    event = decide.decide_shared_appeal(
        joint, command.appeal_id, command.outcome, command.body, command.rationale, stamp
    )
    ctx.record([event])
    return [event]


def handle_adjust_shared_result(ctx: Handling, command: AdjustSharedResult) -> list[LedgerEvent]:
    joint = ctx.joint(command.joint_id)
    stamp = ctx.stamp(command, ("appeal_body", "opdc"), _host_scope(joint))
    event = decide.adjust_shared_result(
        joint, command.appeal_id, command.new_value, command.reason, command.authority, stamp
    )
    ctx.record([event])
    return [event]
