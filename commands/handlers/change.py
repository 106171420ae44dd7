"""Handlers for change requests and the committee's decisions on them."""

from __future__ import annotations

from commands.handlers.attempts import record_unless_refused
from commands.handlers.context import Handling
from commands.handlers.terms import amended_terms
from commands.messages import DecideChange, RequestChange
from ledger.domain.decisions import change as decide
from ledger.domain.events import LedgerEvent

__all__ = ["handle_decide_change", "handle_request_change"]

_DECIDING_ROLES = ("change_committee", "oversight_committee")


def handle_request_change(ctx: Handling, command: RequestChange) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    current = loaded.agreement.kpis.get(command.kpi_id)
    proposed = None
    if current is not None and command.proposal is not None:
        proposed = amended_terms(current.terms, command.proposal)
    return record_unless_refused(
        ctx,
        loaded.agreement,
        command,
        lambda stamp: [
            decide.request_change(
                loaded.agreement,
                loaded.framework,
                loaded.unit.level,
                command.request_id,
                command.kpi_id,
                command.kind,
                proposed,
                command.reason_code,
                command.justification,
                command.evidence,
                stamp,
            )
        ],
        roles=("assessed_unit",),
        scope=loaded.scope,
        attempt="change_request",
        kpi_id=command.kpi_id,
        request_id=command.request_id,
    )


def handle_decide_change(ctx: Handling, command: DecideChange) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    request = loaded.agreement.requests.get(command.request_id)
    amended = None
    if request is not None and command.amendments is not None:
        base = request.proposed or request.terms_at_request
        amended = amended_terms(base, command.amendments)
    return record_unless_refused(
        ctx,
        loaded.agreement,
        command,
        lambda stamp: [
            decide.decide_change(
                loaded.agreement,
                loaded.framework,
                loaded.unit.level,
                command.request_id,
                command.outcome,
                amended,
                command.body,
                command.meeting_ref,
                command.rationale,
                stamp,
            )
        ],
        roles=_DECIDING_ROLES,
        scope=loaded.scope,
        attempt="change_decision",
        kpi_id=request.kpi_id if request else None,
        request_id=command.request_id,
    )
