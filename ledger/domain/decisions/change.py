"""Change requests and the committee's decisions on them (DOMAIN.md section 5).

A request is taken only in one of the framework's windows and for one of its listed reasons.
A decision must fall inside the request's window. An approval changes the agreement: new terms
for the KPI, or its cancellation with its weight moved to the others in proportion. Rule 1 is
evaluated on the results the ledger already held, and the numbers go into the decision event.
"""

from __future__ import annotations

from collections.abc import Sequence

from ledger.domain.agreement import Agreement, ChangeRequestState, KpiState
from ledger.domain.control_events import ChangeDecided, ChangeKind, ChangeOutcome, ChangeRequested
from ledger.domain.decisions.attempts import AttemptRefused, kept
from ledger.domain.decisions.change_plan import plan_change
from ledger.domain.decisions.what_if import WhatIf, what_if, what_if_digest
from ledger.domain.stamp import Stamp
from ledger.domain.values import Evidence, KpiTerms, ResetCheck
from ledger.errors import AlreadyRecorded, InvalidInput, NotFound, RuleRefused
from ledger.frameworks.model import Framework
from ledger.rules.evidence import check_evidence
from ledger.rules.kpi_terms import check_kpi_terms
from ledger.rules.windows import window_for_request, window_of_decision
from ledger.thaidate import bangkok_date, format_be_datetime

__all__ = ["decide_change", "open_request", "request_change", "terms_considered", "what_if_of"]

RULE_1 = "rule 1: a new target must not be set from results already achieved"
RULE_3 = "rule 3: no new or replacement KPI during the year"
# What a KPI measures: changing any of these makes it another KPI (a replacement).
_WHAT_IT_MEASURES = {
    "title_th": "its Thai title",
    "title_en": "its English title",
    "unit_of_measure": "its unit of measure",
    "direction": "its direction or method (higher, lower or milestone)",
    "component": "its component",
}


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
    """Raises AttemptRefused (kept) for a replacement, RuleRefused or InvalidInput for terms
    that cannot be proposed."""
    for name, what in _WHAT_IT_MEASURES.items():
        if getattr(proposed, name) != getattr(current, name):
            raise AttemptRefused(
                f"the change alters what the KPI measures ({what}): that is a replacement KPI, "
                "not a change to one; wording corrections go through correct_kpi_wording",
                field=f"{field}.{name}",
                rule=RULE_3,
                expected=getattr(current, name),
                actual=getattr(proposed, name),
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


def open_request(agreement: Agreement, request_id: str) -> ChangeRequestState:
    """The open request ``request_id``; NotFound or AlreadyRecorded (decided) otherwise."""
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


def _crossing_message(kpi_id: str, check: ResetCheck) -> str:
    known = check.known
    assert known is not None
    source = "SAR" if known.source == "sar" else "evaluator's assessment"
    stream = f"joint KPI {known.joint_id}" if known.joint_id else "agreement"
    return (
        f"the new criteria move a threshold to or past a result the ledger already held: "
        f"KPI {kpi_id}'s latest known result K = {known.value} ({source}, round "
        f"{known.round_id}, {stream} event v{known.agreement_version}, recorded "
        f"{format_be_datetime(known.recorded_at)}) reaches level {check.level_after} under the "
        f"new criteria but level {check.level_before} under the old"
    )


def terms_considered(request: ChangeRequestState, amended: KpiTerms | None) -> KpiTerms | None:
    """The terms a decision on ``request`` is about: the committee's amendments, else the
    proposal (None for a cancellation)."""
    return amended if amended is not None else request.proposed


def what_if_of(
    agreement: Agreement,
    framework: Framework,
    level: str,
    request_id: str,
    amended: KpiTerms | None,
) -> WhatIf:
    """The what-if of approving open request ``request_id`` (with ``amended`` terms when the
    committee would amend it). Raises NotFound, AlreadyRecorded or InvalidInput as the
    decision would; records nothing."""
    request = open_request(agreement, request_id)
    kpi = _signed_kpi(agreement, request.kpi_id)
    if amended is not None:
        _final_terms(request, "approved_with_amendments", amended)
        _check_proposed(framework, level, request.terms_at_request, amended, "amendments")
    return what_if(
        agreement, framework, request_id, request, kpi, terms_considered(request, amended)
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
    *,
    what_if_shown: str | None = None,
    parent_revision: int | None = None,
) -> ChangeDecided:
    """``what_if_shown``: the digest of the what-if the committee was shown; refused when
    the numbers have changed since. ``parent_revision``: a cascaded KPI's parent's."""
    request = open_request(agreement, request_id)
    kpi = _signed_kpi(agreement, request.kpi_id)
    target = _final_terms(request, outcome, amended)
    if amended is not None:
        _check_proposed(framework, level, request.terms_at_request, amended, "amendments")
    try:
        window_of_decision(framework, request.window_id, bangkok_date(stamp.effective_at))
    except RuleRefused as outside:
        raise kept(outside) from None
    digest = what_if_digest(
        what_if(agreement, framework, request_id, request, kpi, terms_considered(request, amended))
    )
    if what_if_shown is not None and what_if_shown != digest:
        raise InvalidInput(
            "the what-if shown to the committee no longer holds: the agreement's terms or "
            "results changed since it was made; run the what-if again and decide on that",
            field="what_if_sha256",
            rule="a decision records the what-if it was shown",
            expected=digest,
            actual=what_if_shown,
        )
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
        "what_if_sha256": digest,
        "what_if_shown": what_if_shown is not None,
        "parent_revision": parent_revision,
        **stamp.fields(),
    }
    if outcome == "rejected":
        return ChangeDecided(
            terms_after=None, weight_moves=(), check=None, violation=False, **common
        )
    plan = plan_change(agreement, framework, request, kpi, target)
    check = plan.check
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
        terms_after=plan.final,
        weight_moves=plan.moves,
        check=check,
        violation=check.crosses_known_result,
        **common,
    )
