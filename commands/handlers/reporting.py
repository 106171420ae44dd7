"""Handlers for the year's reports: SARs, evaluators' assessments and certification."""

from __future__ import annotations

from commands.handlers.context import HandlerContext
from commands.messages import CertifyScores, FileSar, RecordAssessment
from ledger.domain.decisions import reporting as decide
from ledger.domain.events import LedgerEvent
from ledger.domain.values import KpiResult

__all__ = ["handle_certify_scores", "handle_file_sar", "handle_record_assessment"]


def handle_file_sar(ctx: HandlerContext, command: FileSar) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, ("assessed_unit",))
    loaded = ctx.load(command.agreement)
    event = decide.file_sar(
        loaded.agreement,
        loaded.framework,
        loaded.unit.level,
        command.round_id,
        command.results,
        command.narrative,
        command.evidence,
        command.filed_at or stamp.effective_at,
        command.channel,
        stamp,
    )
    ctx.app.record([event])
    return [event]


def handle_record_assessment(ctx: HandlerContext, command: RecordAssessment) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, ("independent_evaluator",))
    loaded = ctx.load(command.agreement)
    verified = [
        (KpiResult(kpi_id=a.kpi_id, actual=a.verified_actual), a.notes) for a in command.assessments
    ]
    event = decide.record_assessment(
        loaded.agreement, loaded.framework, loaded.unit.level, command.round_id, verified, stamp
    )
    ctx.app.record([event])
    return [event]


def handle_certify_scores(ctx: HandlerContext, command: CertifyScores) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, ("opdc", "oversight_committee"))
    loaded = ctx.load(command.agreement)
    event = decide.certify_scores(
        loaded.agreement, loaded.framework, loaded.unit.level, command.round_id, stamp
    )
    ctx.app.record([event])
    return [event]
