"""Change requests and the committee's decisions on them (DOMAIN.md section 5).

A request is taken only in one of the framework's windows and for one of its listed reasons.
A decision must fall inside the request's window. An approval changes the agreement: new terms
for the KPI, or its cancellation with its weight moved to the others in proportion. Rule 1 is
evaluated on the results the ledger already held, and the numbers go into the decision event.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import msgspec

from ledger.domain.agreement import Agreement, ChangeRequestState, KpiState
from ledger.domain.control_events import ChangeDecided, ChangeKind, ChangeOutcome, ChangeRequested
from ledger.domain.decisions.attempts import AttemptRefused, kept
from ledger.domain.stamp import Stamp
from ledger.domain.values import Evidence, KpiTerms, ResetCheck, WeightMove
from ledger.errors import AlreadyRecorded, InvalidInput, NotFound, RuleRefused
from ledger.frameworks.model import Framework
from ledger.rules.evidence import check_evidence
from ledger.rules.kpi_terms import check_kpi_terms
from ledger.rules.reset_check import evaluate_reset
from ledger.rules.windows import window_for_request, window_of_decision
from ledger.scoring.redistribution import proportional_shares
from ledger.thaidate import bangkok_date, format_be_datetime

__all__ = ["decide_change", "request_change"]

RULE_1 = "rule 1: a new target must not be set from results already achieved"


def _signed_kpi(agreement: Agreement, kpi_id: str) -> KpiState:
    if not agreement.signed:
        raise RuleRefused(
            f"agreement {agreement.agreement_ref} is not signed; change its KPIs by negotiation",
            field="agreement",
            rule="change requests apply to signed agreements",
        )
    kpi = agreement.kpis.get(kpi_id)
    if kpi is None or not kpi.in_agreement:
        raise NotFound(
            f"no KPI {kpi_id!r} in {agreement.agreement_ref}",
            field="kpi_id",
            rule="KPI must be in the signed agreement",
        )
    return kpi


def _check_reason(framework: Framework, reason_code: str) -> None:
    if framework.change_reason(reason_code) is None:
        listed = "; ".join(f"{r.code} ({r.label_en})" for r in framework.change_reasons)
        raise RuleRefused(
            f"reason {reason_code!r} is not on framework {framework.id}'s list; internal "
            "management changes and delays in the unit's own projects are not external "
            f"factors. Allowed: {listed or 'none'}",
            field="reason_code",
            rule="rule 4: changes only for the framework's listed external reasons",
            expected=", ".join(r.code for r in framework.change_reasons),
            actual=reason_code,
        )


def _check_proposed(
    framework: Framework, level: str, current: KpiTerms, proposed: KpiTerms, field: str
) -> None:
    if proposed.component != current.component:
        raise RuleRefused(
            "a change cannot move a KPI to another component; that would be a replacement KPI",
            field=f"{field}.component",
            rule="rule 3: no new or replacement KPI during the year",
            expected=current.component,
            actual=proposed.component,
        )
    if proposed.monitor != current.monitor:
        raise RuleRefused(
            "a change cannot turn a KPI into a monitor KPI or back; request a cancellation",
            field=f"{field}.monitor",
            rule="scored and monitor KPIs change only by cancellation",
        )
    if proposed == current:
        raise InvalidInput(
            "the proposal changes nothing", field=field, rule="a change request changes the KPI"
        )
    check_kpi_terms(proposed, framework, level)


def request_change(
    agreement: Agreement,
    framework: Framework,
    level: str,
    request_id: str,
    kpi_id: str,
    kind: ChangeKind,
    proposed: KpiTerms | None,
    reason_code: str,
    justification: str,
    evidence: Sequence[Evidence],
    stamp: Stamp,
) -> ChangeRequested:
    kpi = _signed_kpi(agreement, kpi_id)
    if request_id in agreement.requests:
        raise AlreadyRecorded(
            f"change request {request_id!r} already exists in {agreement.agreement_ref}",
            field="request_id",
            rule="request ids are unique within an agreement",
        )
    open_ = [r for r, s in agreement.requests.items() if s.kpi_id == kpi_id and s.status == "open"]
    if open_:
        raise AlreadyRecorded(
            f"KPI {kpi_id} already has an open change request ({open_[0]})",
            field="kpi_id",
            rule="one open change request per KPI",
        )
    _check_reason(framework, reason_code)
    if kind == "cancel" and proposed is not None:
        raise InvalidInput(
            "a cancellation takes no proposed terms",
            field="proposal",
            rule="cancel requests carry no new terms",
        )
    if kind == "amend":
        if proposed is None:
            raise InvalidInput(
                "an amend request needs the proposed values",
                field="proposal",
                rule="amend requests carry the new criteria, target or weight",
            )
        _check_proposed(framework, level, kpi.terms, proposed, "proposal")
    check_evidence(evidence)
    try:
        window = window_for_request(framework, bangkok_date(stamp.effective_at))
    except RuleRefused as outside:
        raise kept(outside) from None
    return ChangeRequested(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        request_id=request_id,
        kpi_id=kpi_id,
        kind=kind,
        proposed=proposed,
        reason_code=reason_code,
        justification=justification,
        evidence=tuple(evidence),
        window_id=window.id,
        window_closes=window.closes,
        **stamp.fields(),
    )


def _request(agreement: Agreement, request_id: str) -> ChangeRequestState:
    request = agreement.requests.get(request_id)
    if request is None:
        raise NotFound(
            f"no change request {request_id!r} in {agreement.agreement_ref}",
            field="request_id",
            rule="a decision answers a recorded request",
        )
    if request.status != "open":
        raise AlreadyRecorded(
            f"change request {request_id} is already decided ({request.status})",
            field="request_id",
            rule="a request is decided once",
        )
    return request


def _final_terms(
    request: ChangeRequestState, outcome: ChangeOutcome, amended: KpiTerms | None
) -> KpiTerms | None:
    if outcome == "approved_with_amendments":
        if request.kind == "cancel" or amended is None:
            raise InvalidInput(
                "approved with amendments needs amended values, and only for amend requests",
                field="amendments",
                rule="amendments change the proposed terms of an amend request",
            )
        return amended
    if amended is not None:
        raise InvalidInput(
            f"a decision {outcome} takes no amendments",
            field="amendments",
            rule="only 'approved_with_amendments' carries amendments",
        )
    return request.proposed


def _rebased(request: ChangeRequestState, target: KpiTerms, current: KpiTerms) -> KpiTerms:
    """Apply what the proposal changed onto the KPI's current terms, so that weight moved to
    it by another decision since the request is kept."""
    changed = {
        name: getattr(target, name)
        for name in target.__struct_fields__
        if getattr(target, name) != getattr(request.terms_at_request, name)
    }
    return msgspec.structs.replace(current, **changed)


def _scored_others(agreement: Agreement, kpi_id: str) -> list[KpiState]:
    return [k for k in agreement.kpis_in_agreement() if k.scored and k.kpi_id != kpi_id]


def _weight_moves(
    agreement: Agreement, framework: Framework, kpi: KpiState, new_weight: Decimal | None
) -> tuple[WeightMove, ...]:
    """Weight freed by a cancellation (``new_weight`` None) or by a weight change, moved to
    the other scored KPIs in proportion: within the component when any remain there."""
    old_weight = kpi.terms.weight
    freed = old_weight - (new_weight if new_weight is not None else Decimal(0))
    if freed == 0:
        return ()
    others = _scored_others(agreement, kpi.kpi_id)
    same_component = [k for k in others if k.terms.component == kpi.terms.component]
    if new_weight is not None:
        if kpi.terms.mandatory_code is not None:
            raise RuleRefused(
                f"KPI {kpi.kpi_id} is mandatory KPI {kpi.terms.mandatory_code}; its weight is "
                "fixed by the framework",
                field="weight",
                rule="mandatory KPIs keep the framework's weight",
            )
        if not same_component:
            raise RuleRefused(
                f"no other scored KPI in component {kpi.terms.component} to balance a weight "
                "change against",
                field="weight",
                rule="a weight change is balanced within the KPI's component",
            )
    recipients = same_component or others
    if not recipients:
        raise RuleRefused(
            f"KPI {kpi.kpi_id} is the last scored KPI; it cannot be cancelled",
            field="kpi_id",
            rule="an agreement keeps at least one scored KPI",
        )
    shares = proportional_shares(
        {k.kpi_id: k.terms.weight for k in recipients}, freed, framework.weight_quantum
    )
    moves = []
    for k in recipients:
        after = k.terms.weight + shares[k.kpi_id]
        if after <= 0:
            raise RuleRefused(
                f"the weight change would leave KPI {k.kpi_id} with weight {after}",
                field="weight",
                rule="scored KPIs keep a weight above 0",
            )
        moves.append(WeightMove(kpi_id=k.kpi_id, before=k.terms.weight, after=after))
    return tuple(moves)


def _crossing_message(kpi_id: str, check: ResetCheck) -> str:
    known = check.known
    assert known is not None
    source = "SAR" if known.source == "sar" else "evaluator's assessment"
    return (
        f"the new criteria move a threshold to or past a result the ledger already held: "
        f"KPI {kpi_id}'s latest known result K = {known.value} ({source}, round "
        f"{known.round_id}, agreement event v{known.agreement_version}, recorded "
        f"{format_be_datetime(known.recorded_at)}) reaches level {check.level_after} under the "
        f"new criteria but level {check.level_before} under the old"
    )


def decide_change(
    agreement: Agreement,
    framework: Framework,
    level: str,
    request_id: str,
    outcome: ChangeOutcome,
    amended: KpiTerms | None,
    body: str,
    meeting_ref: str,
    rationale: str,
    stamp: Stamp,
) -> ChangeDecided:
    request = _request(agreement, request_id)
    kpi = _signed_kpi(agreement, request.kpi_id)
    target = _final_terms(request, outcome, amended)
    final = _rebased(request, target, kpi.terms) if target else None
    if amended is not None:
        _check_proposed(framework, level, request.terms_at_request, amended, "amendments")
    try:
        window_of_decision(framework, request.window_id, bangkok_date(stamp.effective_at))
    except RuleRefused as outside:
        raise kept(outside) from None
    common = {
        "originator_id": agreement.id,
        "originator_version": agreement.version + 1,
        "request_id": request_id,
        "kpi_id": kpi.kpi_id,
        "kind": request.kind,
        "outcome": outcome,
        "terms_before": kpi.terms,
        "window_id": request.window_id,
        "body": body,
        "meeting_ref": meeting_ref,
        "rationale": rationale,
        **stamp.fields(),
    }
    if outcome == "rejected":
        return ChangeDecided(
            terms_after=None, weight_moves=(), check=None, violation=False, **common
        )
    moves = _weight_moves(agreement, framework, kpi, final.weight if final else None)
    before = {k.kpi_id: k.terms for k in agreement.kpis_in_agreement()}
    after = dict(before)
    if final is None:
        del after[kpi.kpi_id]
    else:
        after[kpi.kpi_id] = final
    for move in moves:
        after[move.kpi_id] = msgspec.structs.replace(after[move.kpi_id], weight=move.after)
    check = evaluate_reset(framework, kpi.kpi_id, before, after, agreement.known_results)
    if check.crosses_known_result and framework.reset_rule == "refuse":
        raise AttemptRefused(
            _crossing_message(kpi.kpi_id, check),
            field="amendments.thresholds" if amended else "proposal.thresholds",
            rule=RULE_1,
            expected=f"level {check.level_before} or lower for K",
            actual=f"level {check.level_after}",
            check=check,
        )
    return ChangeDecided(
        terms_after=final,
        weight_moves=moves,
        check=check,
        violation=check.crosses_known_result,
        **common,
    )
