"""Handlers for change requests, the committee's decisions on them, and wording corrections."""

from __future__ import annotations

from commands.handlers.attempts import record_unless_refused
from commands.handlers.context import Handling, Loaded
from commands.handlers.links import parent_kpi
from commands.handlers.terms import amended_terms
from commands.messages import CorrectKpiWording, DecideChange, KpiAmendments, RequestChange
from ledger.domain.decisions import change as decide
from ledger.domain.decisions.what_if import WhatIf
from ledger.domain.decisions.wording import correct_wording
from ledger.domain.events import LedgerEvent
from ledger.domain.joint.sharing import check_joining
from ledger.domain.stamp import Stamp
from ledger.domain.values import KpiTerms

__all__ = [
    "handle_correct_kpi_wording",
    "handle_decide_change",
    "handle_request_change",
    "what_if_for",
]

_DECIDING_ROLES = ("change_committee", "oversight_committee")
# The working group audits KPI templates (seed 001, 1.5.4) and records their corrections.
_TEMPLATE_ROLES = ("secretariat", "negotiation_committee")


def handle_request_change(ctx: Handling, command: RequestChange) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    current = loaded.agreement.kpis.get(command.kpi_id)
    proposed = None
    if current is not None and command.proposal is not None:
        proposed = amended_terms(current.terms, command.proposal)

    def request(stamp: Stamp) -> list[LedgerEvent]:
        event = decide.request_change(
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
        joint_id = current.terms.joint_id if current else None
        if proposed is not None and joint_id is not None:
            agreement = loaded.agreement
            check_joining(
                ctx.joint(joint_id), proposed, agreement.fiscal_year, agreement.framework_id
            )
        return [event]

    return record_unless_refused(
        ctx,
        loaded.agreement,
        command,
        request,
        roles=("assessed_unit",),
        scope=loaded.scope,
        attempt="change_request",
        kpi_id=command.kpi_id,
        request_id=command.request_id,
    )


def _amended(loaded: Loaded, request_id: str, amendments: KpiAmendments | None) -> KpiTerms | None:
    request = loaded.agreement.requests.get(request_id)
    if request is None or amendments is None:
        return None
    return amended_terms(request.proposed or request.terms_at_request, amendments)


def what_if_for(
    ctx: Handling, agreement: str, request_id: str, amendments: KpiAmendments | None = None
) -> WhatIf:
    """The what-if of deciding ``request_id`` now (with ``amendments``), recording nothing:
    what ``ledger what-if`` and the HTTP API show, read as the decision would read it."""
    loaded = ctx.load(agreement)
    return decide.what_if_of(
        loaded.agreement,
        loaded.framework,
        loaded.unit.level,
        request_id,
        _amended(loaded, request_id, amendments),
    )


def handle_decide_change(ctx: Handling, command: DecideChange) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    request = loaded.agreement.requests.get(command.request_id)
    amended = _amended(loaded, command.request_id, command.amendments)
    kpi = loaded.agreement.kpis.get(request.kpi_id) if request else None
    parent = parent_kpi(ctx, kpi.terms) if kpi else None
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
                what_if_shown=command.what_if_sha256,
                parent_revision=parent.revision if parent else None,
            )
        ],
        roles=_DECIDING_ROLES,
        scope=loaded.scope,
        attempt="change_decision",
        kpi_id=request.kpi_id if request else None,
        request_id=command.request_id,
    )


def handle_correct_kpi_wording(ctx: Handling, command: CorrectKpiWording) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    return record_unless_refused(
        ctx,
        loaded.agreement,
        command,
        lambda stamp: [
            correct_wording(
                loaded.agreement,
                loaded.framework,
                command.kpi_id,
                command.title_th,
                command.title_en,
                command.audit_ref,
                command.reason,
                stamp,
            )
        ],
        roles=_TEMPLATE_ROLES,
        scope=loaded.scope,
        attempt="wording_correction",
        kpi_id=command.kpi_id,
    )
