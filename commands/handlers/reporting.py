"""Handlers for the year's reports: SARs, evaluators' assessments and certification."""

from __future__ import annotations

from commands.handlers.context import Handling
from commands.messages import CancelRound, CertifyScores, FileSar, RecordAssessment
from ledger.application import calendar_uuid
from ledger.domain.calendar import cancel_round
from ledger.domain.decisions import reporting as decide
from ledger.domain.decisions.penalties import late_filing_penalties
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.access import Scope
from ledger.domain.values import KpiResult

__all__ = [
    "handle_cancel_round",
    "handle_certify_scores",
    "handle_file_sar",
    "handle_record_assessment",
]


def handle_cancel_round(ctx: Handling, command: CancelRound) -> list[LedgerEvent]:
    framework = ctx.framework(command.framework_id)
    stamp = ctx.stamp(command, ("opdc",), Scope(framework_id=framework.id))
    event = cancel_round(
        calendar_uuid(framework.id),
        ctx.ledger.calendar(framework.id),
        framework,
        command.round_id,
        command.reason,
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_file_sar(ctx: Handling, command: FileSar) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, ("assessed_unit",), loaded.scope)
    calendar = ctx.ledger.calendar(loaded.framework.id)
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
        calendar.cancelled_rounds if calendar else {},
        stamp,
    )
    events: list[LedgerEvent] = [event]
    events += late_filing_penalties(loaded.agreement, loaded.framework, event, stamp)
    ctx.record(events)
    return events


def handle_record_assessment(ctx: Handling, command: RecordAssessment) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, ("independent_evaluator",), loaded.scope)
    verified = [
        (KpiResult(kpi_id=a.kpi_id, actual=a.verified_actual), a.notes) for a in command.assessments
    ]
    event = decide.record_assessment(
        loaded.agreement, loaded.framework, loaded.unit.level, command.round_id, verified, stamp
    )
    ctx.record([event])
    return [event]


def handle_certify_scores(ctx: Handling, command: CertifyScores) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, ("opdc", "oversight_committee"), loaded.scope)
    event = decide.certify_scores(
        loaded.agreement,
        loaded.framework,
        loaded.unit.level,
        command.round_id,
        stamp,
        loaded.joints,
    )
    ctx.record([event])
    return [event]
