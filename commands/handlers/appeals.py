"""Handlers for reviews and appeals, their decisions and the score adjustments they make."""

from __future__ import annotations

from commands.handlers.context import Handling
from commands.messages import AdjustScore, DecideAppeal, RequestAppeal
from ledger.domain.decisions import appeals as decide
from ledger.domain.events import LedgerEvent

__all__ = ["handle_adjust_score", "handle_decide_appeal", "handle_request_appeal"]

_APPEAL_BODIES = ("appeal_body",)


def handle_request_appeal(ctx: Handling, command: RequestAppeal) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, ("assessed_unit",), loaded.scope)
    event = decide.request_appeal(
        loaded.agreement,
        loaded.framework,
        loaded.unit.level,
        command.appeal_id,
        command.kind,
        command.round_id,
        command.kpi_id,
        command.claim,
        command.evidence,
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_decide_appeal(ctx: Handling, command: DecideAppeal) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, _APPEAL_BODIES, loaded.scope)
    event = decide.decide_appeal(
        loaded.agreement,
        command.appeal_id,
        command.outcome,
        command.body,
        command.rationale,
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_adjust_score(ctx: Handling, command: AdjustScore) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, (*_APPEAL_BODIES, "opdc"), loaded.scope)
    event = decide.adjust_score(
        loaded.agreement,
        loaded.framework,
        command.appeal_id,
        command.new_score,
        command.reason,
        command.authority,
        stamp,
    )
    ctx.record([event])
    return [event]
