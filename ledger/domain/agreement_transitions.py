"""How each event moves an agreement's state on (one transition per event type)."""

from __future__ import annotations

from decimal import Decimal
from functools import singledispatch
from typing import Literal

import msgspec

from ledger.domain.agreement_state import (
    Agreement,
    AppealState,
    ChangeRequestState,
    KpiState,
    KpiStatus,
    RoundState,
)
from ledger.domain.control_events import (
    AppealDecided,
    AppealRequested,
    CascadeDriftKept,
    ChangeAttemptRefused,
    ChangeDecided,
    ChangeRequested,
    KpiWordingCorrected,
    PenaltyAssessed,
    ScoreAdjusted,
)
from ledger.domain.events import (
    AgreementOpened,
    AgreementSigned,
    EvaluatorAssessed,
    KpiProposed,
    LedgerEvent,
    NegotiationDecisionRecorded,
    SarFiled,
    ScoresCertified,
)
from ledger.domain.values import KnownResult

__all__ = ["apply"]


def _existing(state: Agreement | None) -> Agreement:
    if state is None:
        raise ValueError("event applied before the agreement was opened")
    return state


@singledispatch
def apply(event: LedgerEvent, state: Agreement | None) -> Agreement:
    raise TypeError(f"no agreement transition for {type(event).__name__}")


@apply.register
def _(event: AgreementOpened, state: Agreement | None) -> Agreement:
    return Agreement(
        id=event.originator_id,
        version=event.originator_version,
        agreement_ref=event.agreement_ref,
        unit_id=event.unit_id,
        fiscal_year=event.fiscal_year,
        framework_id=event.framework_id,
    )


@apply.register
def _(event: KpiProposed, state: Agreement | None) -> Agreement:
    current = _existing(state)
    kpi = KpiState(
        kpi_id=event.kpi_id,
        terms=event.terms,
        status="proposed",
        aligned_revision=event.parent_revision or 0,
    )
    return msgspec.structs.replace(current, kpis={**current.kpis, event.kpi_id: kpi})


@apply.register
def _(event: NegotiationDecisionRecorded, state: Agreement | None) -> Agreement:
    current = _existing(state)
    kpi = current.kpis[event.kpi_id]
    status: KpiStatus = "rejected" if event.outcome == "rejected" else "accepted"
    decided = msgspec.structs.replace(kpi, terms=event.terms or kpi.terms, status=status)
    return msgspec.structs.replace(current, kpis={**current.kpis, event.kpi_id: decided})


@apply.register
def _(event: AgreementSigned, state: Agreement | None) -> Agreement:
    return msgspec.structs.replace(_existing(state), signatories=event.signatories)


def _with_round(current: Agreement, round_id: str, new: RoundState) -> Agreement:
    return msgspec.structs.replace(current, rounds={**current.rounds, round_id: new})


@apply.register
def _(event: SarFiled, state: Agreement | None) -> Agreement:
    current = _existing(state)
    before = current.round(event.round_id)
    results = {**before.results, **{r.kpi_id: r.actual for r in event.results}}
    new = msgspec.structs.replace(before, results=results, sar_filed_at=event.filed_at)
    known = {
        r.kpi_id: _known(event, r.kpi_id, r.actual, "sar", event.round_id) for r in event.results
    }
    current = msgspec.structs.replace(current, known_results={**current.known_results, **known})
    return _with_round(current, event.round_id, new)


def _known(
    event: LedgerEvent,
    kpi_id: str,
    value: Decimal,
    source: Literal["sar", "assessment"],
    round_id: str,
) -> KnownResult:
    return KnownResult(
        kpi_id=kpi_id,
        value=value,
        source=source,
        round_id=round_id,
        agreement_version=event.originator_version,
        recorded_at=event.recorded_at,
    )


@apply.register
def _(event: EvaluatorAssessed, state: Agreement | None) -> Agreement:
    current = _existing(state)
    before = current.round(event.round_id)
    assessed = {**before.assessments, **{a.kpi_id: a for a in event.assessments}}
    new = msgspec.structs.replace(before, assessments=assessed)
    known = {
        a.kpi_id: _known(event, a.kpi_id, a.verified_actual, "assessment", event.round_id)
        for a in event.assessments
    }
    current = msgspec.structs.replace(current, known_results={**current.known_results, **known})
    return _with_round(current, event.round_id, new)


@apply.register
def _(event: ScoresCertified, state: Agreement | None) -> Agreement:
    current = _existing(state)
    new = msgspec.structs.replace(
        current.round(event.round_id),
        certified_composite=event.composite,
        recertification_due=False,
        shared_used={used.kpi_id: used.joint_version for used in event.shared},
    )
    return _with_round(current, event.round_id, new)


@apply.register
def _(event: ChangeRequested, state: Agreement | None) -> Agreement:
    current = _existing(state)
    request = ChangeRequestState(
        kpi_id=event.kpi_id,
        kind=event.kind,
        proposed=event.proposed,
        terms_at_request=current.kpis[event.kpi_id].terms,
        window_id=event.window_id,
    )
    return msgspec.structs.replace(
        current, requests={**current.requests, event.request_id: request}
    )


@apply.register
def _(event: ChangeDecided, state: Agreement | None) -> Agreement:
    current = _existing(state)
    decided = msgspec.structs.replace(current.requests[event.request_id], status=event.outcome)
    current = msgspec.structs.replace(
        current, requests={**current.requests, event.request_id: decided}
    )
    if event.outcome == "rejected":
        return current
    kpis = dict(current.kpis)
    changed = kpis[event.kpi_id]
    if event.terms_after is None:
        kpis[event.kpi_id] = msgspec.structs.replace(changed, status="cancelled")
    else:
        kpis[event.kpi_id] = _changed(changed, event)
    for move in event.weight_moves:
        other = kpis[move.kpi_id]
        terms = msgspec.structs.replace(other.terms, weight=move.after)
        kpis[move.kpi_id] = msgspec.structs.replace(other, terms=terms)
    return msgspec.structs.replace(current, kpis=kpis)


def _changed(kpi: KpiState, event: ChangeDecided) -> KpiState:
    assert event.terms_after is not None
    if event.terms_after.thresholds == kpi.terms.thresholds:
        return msgspec.structs.replace(kpi, terms=event.terms_after)
    aligned = kpi.aligned_revision if event.parent_revision is None else event.parent_revision
    return msgspec.structs.replace(
        kpi, terms=event.terms_after, revision=kpi.revision + 1, aligned_revision=aligned
    )


@apply.register
def _(event: ChangeAttemptRefused, state: Agreement | None) -> Agreement:
    return _existing(state)


def _with_kpi(current: Agreement, kpi: KpiState) -> Agreement:
    return msgspec.structs.replace(current, kpis={**current.kpis, kpi.kpi_id: kpi})


@apply.register
def _(event: KpiWordingCorrected, state: Agreement | None) -> Agreement:
    current = _existing(state)
    kpi = current.kpis[event.kpi_id]
    terms = msgspec.structs.replace(kpi.terms, title_th=event.title_th, title_en=event.title_en)
    return _with_kpi(current, msgspec.structs.replace(kpi, terms=terms))


@apply.register
def _(event: CascadeDriftKept, state: Agreement | None) -> Agreement:
    current = _existing(state)
    kpi = current.kpis[event.kpi_id]
    return _with_kpi(current, msgspec.structs.replace(kpi, aligned_revision=event.parent_revision))


@apply.register
def _(event: PenaltyAssessed, state: Agreement | None) -> Agreement:
    current = _existing(state)
    before = current.round(event.round_id)
    new = msgspec.structs.replace(
        before, penalties={**before.penalties, event.penalty_id: event.amount}
    )
    return _with_round(current, event.round_id, new)


@apply.register
def _(event: AppealRequested, state: Agreement | None) -> Agreement:
    current = _existing(state)
    appeal = AppealState(round_id=event.round_id, kpi_id=event.kpi_id)
    return msgspec.structs.replace(current, appeals={**current.appeals, event.appeal_id: appeal})


@apply.register
def _(event: AppealDecided, state: Agreement | None) -> Agreement:
    current = _existing(state)
    decided = msgspec.structs.replace(current.appeals[event.appeal_id], status=event.outcome)
    return msgspec.structs.replace(current, appeals={**current.appeals, event.appeal_id: decided})


@apply.register
def _(event: ScoreAdjusted, state: Agreement | None) -> Agreement:
    current = _existing(state)
    appeal = msgspec.structs.replace(current.appeals[event.appeal_id], adjusted=True)
    current = msgspec.structs.replace(current, appeals={**current.appeals, event.appeal_id: appeal})
    before = current.round(event.round_id)
    assessment = msgspec.structs.replace(before.assessments[event.kpi_id], score=event.new_score)
    new = msgspec.structs.replace(
        before,
        assessments={**before.assessments, event.kpi_id: assessment},
        recertification_due=before.certified_composite is not None,
    )
    return _with_round(current, event.round_id, new)
