"""The target integrity report: every version of every KPI's target next to what the ledger
already knew when that version was decided.

Built from the log in its global order; ``position`` is an event's notification id, so "known
at that moment" means "recorded at an earlier position", never a claimed date. The verdict per
agreement is *clean* unless a change crossed a known result (recorded under a framework that
flags rather than refuses) or was favourable after results were known. Refused attempts are
listed too: they were stopped, but someone tried.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

import msgspec

from ledger.domain.agreement import NOT_AGREEMENT_EVENTS, Agreement, project_agreement
from ledger.domain.control_events import (
    ChangeAttemptRefused,
    ChangeDecided,
    ChangeRequested,
)
from ledger.domain.events import (
    AgreementSigned,
    EvaluatorAssessed,
    LedgerEvent,
    SarFiled,
)
from ledger.domain.values import KpiTerms, PriorResult, ResetCheck
from projections.audit_notes import AuditNotes, Certification, DriftKept, WordingCorrection, note

__all__ = [
    "AgreementAudit",
    "IntegrityTrail",
    "KpiAudit",
    "RefusedAttempt",
    "RequestLine",
    "ResultSeen",
    "TargetVersion",
    "audit_log",
    "integrity_report",
    "integrity_step",
]


class _Row(msgspec.Struct, frozen=True, kw_only=True):
    pass


class ResultSeen(_Row, frozen=True, kw_only=True):
    """A result of one KPI and where it sits in the log."""

    value: Decimal
    source: Literal["sar", "assessment"]
    round_id: str
    position: int
    recorded_at: datetime
    effective_at: datetime


class TargetVersion(_Row, frozen=True, kw_only=True):
    """One version of a KPI's target: the terms, what made it, and what was known then."""

    number: int
    status: Literal["in force", "cancelled"]
    direction: str
    thresholds: tuple[Decimal, ...]
    weight: Decimal
    made_by: str
    request_id: str | None
    decided_by: str | None
    position: int
    effective_at: datetime
    recorded_at: datetime
    results_known: tuple[ResultSeen, ...]
    check: ResetCheck | None
    violation: bool
    favourable_after_results: bool
    # Who decided the version (the actor) and who entered it, when that is someone else.
    actor_id: str | None = None
    entered_by: str | None = None


class KpiAudit(_Row, frozen=True, kw_only=True):
    """``joint_id``/``joint_host``: the joint KPI it joins (its result is the host's);
    ``cascaded_from``: the parent KPI it cascades from; ``prior_results``: its results in
    earlier years as proposed, the past performance its targets are set against."""

    kpi_id: str
    title_th: str
    title_en: str
    versions: tuple[TargetVersion, ...]
    joint_id: str | None = None
    joint_host: str | None = None
    cascaded_from: str | None = None
    prior_results: tuple[PriorResult, ...] = ()


class RequestLine(_Row, frozen=True, kw_only=True):
    request_id: str
    kpi_id: str
    kind: str
    reason_code: str
    justification: str
    window_id: str
    window_closes: date
    requested_position: int
    requested_at: datetime
    status: str
    decided_position: int | None
    decided_effective_at: datetime | None
    # The digest of the decision's what-if, and whether the committee was shown it.
    what_if_sha256: str | None = None
    what_if_shown: bool = False


class RefusedAttempt(_Row, frozen=True, kw_only=True):
    attempt: str
    kpi_id: str | None
    request_id: str | None
    message: str
    rule: str | None
    actor_id: str
    position: int
    effective_at: datetime
    recorded_at: datetime
    entered_by: str | None = None


class AgreementAudit(_Row, frozen=True, kw_only=True):
    agreement: str
    unit_id: str
    framework_id: str
    verdict: Literal["clean", "findings"]
    findings: tuple[str, ...]
    kpis: tuple[KpiAudit, ...]
    requests: tuple[RequestLine, ...]
    refused_attempts: tuple[RefusedAttempt, ...]
    # Titles corrected, cascaded KPIs kept against a moved parent, certifications (with the
    # shared results of joint KPIs they used): see projections.audit_notes.
    corrections: tuple[WordingCorrection, ...] = ()
    drift_kept: tuple[DriftKept, ...] = ()
    certifications: tuple[Certification, ...] = ()


class IntegrityTrail(msgspec.Struct, kw_only=True):
    """What the audit keeps per agreement while the log is read."""

    state: Agreement | None = None
    versions: dict[str, list[TargetVersion]] = {}
    results: dict[str, list[ResultSeen]] = {}
    requests: dict[str, RequestLine] = {}
    attempts: list[RefusedAttempt] = []
    notes: AuditNotes = msgspec.field(default_factory=AuditNotes)


def _entered_by_other(event: LedgerEvent) -> str | None:
    """Who entered the event, when not its actor (a body's secretary entering its decision)."""
    return event.entered_by if event.entered_by not in (None, event.actor.id) else None


def _version(
    trail: IntegrityTrail,
    kpi_id: str,
    terms: KpiTerms,
    event: LedgerEvent,
    position: int,
    *,
    made_by: str,
    status: Literal["in force", "cancelled"] = "in force",
    decided: ChangeDecided | None = None,
    check: ResetCheck | None = None,
) -> None:
    history = trail.versions.setdefault(kpi_id, [])
    history.append(
        TargetVersion(
            number=len(history) + 1,
            status=status,
            direction=terms.direction,
            thresholds=terms.thresholds,
            weight=terms.weight,
            made_by=made_by,
            request_id=decided.request_id if decided else None,
            decided_by=f"{decided.body} ({decided.meeting_ref})" if decided else None,
            position=position,
            effective_at=event.effective_at,
            recorded_at=event.recorded_at,
            results_known=tuple(trail.results.get(kpi_id, ())),
            check=check,
            violation=bool(decided and decided.violation),
            favourable_after_results=bool(check and check.favourable_after_results),
            actor_id=event.actor.id,
            entered_by=_entered_by_other(event),
        )
    )


def _on_decision(trail: IntegrityTrail, event: ChangeDecided, position: int) -> None:
    request = trail.requests[event.request_id]
    trail.requests[event.request_id] = msgspec.structs.replace(
        request,
        status=event.outcome,
        decided_position=position,
        decided_effective_at=event.effective_at,
        what_if_sha256=event.what_if_sha256,
        what_if_shown=event.what_if_shown,
    )
    if event.outcome == "rejected":
        return
    made_by = f"change request {event.request_id} ({event.outcome})"
    if event.terms_after is None:
        _version(
            trail,
            event.kpi_id,
            event.terms_before,
            event,
            position,
            made_by=f"cancelled by {made_by}",
            status="cancelled",
            decided=event,
            check=event.check,
        )
    else:
        _version(
            trail,
            event.kpi_id,
            event.terms_after,
            event,
            position,
            made_by=made_by,
            decided=event,
            check=event.check,
        )
    assert trail.state is not None
    for move in event.weight_moves:
        terms = msgspec.structs.replace(trail.state.kpis[move.kpi_id].terms, weight=move.after)
        _version(
            trail,
            move.kpi_id,
            terms,
            event,
            position,
            made_by=f"weight moved by change request {event.request_id}",
        )


def _seen(
    trail: IntegrityTrail,
    event: LedgerEvent,
    round_id: str,
    values: dict[str, Decimal],
    source: Literal["sar", "assessment"],
    position: int,
) -> None:
    for kpi_id, value in values.items():
        seen = ResultSeen(
            value=value,
            source=source,
            round_id=round_id,
            position=position,
            recorded_at=event.recorded_at,
            effective_at=event.effective_at,
        )
        trail.results.setdefault(kpi_id, []).append(seen)


def _record(trail: IntegrityTrail, event: LedgerEvent, position: int) -> None:
    """Note what this event adds to the audit; ``trail.state`` is the state before it."""
    if isinstance(event, AgreementSigned) and trail.state is not None:
        for kpi in trail.state.kpis_in_agreement():
            _version(trail, kpi.kpi_id, kpi.terms, event, position, made_by="negotiated, signed")
    elif isinstance(event, SarFiled):
        values = {r.kpi_id: r.actual for r in event.results}
        _seen(trail, event, event.round_id, values, "sar", position)
    elif isinstance(event, EvaluatorAssessed):
        values = {a.kpi_id: a.verified_actual for a in event.assessments}
        _seen(trail, event, event.round_id, values, "assessment", position)
    elif isinstance(event, ChangeRequested):
        trail.requests[event.request_id] = RequestLine(
            request_id=event.request_id,
            kpi_id=event.kpi_id,
            kind=event.kind,
            reason_code=event.reason_code,
            justification=event.justification,
            window_id=event.window_id,
            window_closes=event.window_closes,
            requested_position=position,
            requested_at=event.effective_at,
            status="open",
            decided_position=None,
            decided_effective_at=None,
        )
    elif isinstance(event, ChangeDecided):
        _on_decision(trail, event, position)
    elif isinstance(event, ChangeAttemptRefused):
        trail.attempts.append(
            RefusedAttempt(
                attempt=event.attempt,
                kpi_id=event.kpi_id,
                request_id=event.request_id,
                message=event.message,
                rule=event.rule,
                actor_id=event.actor.id,
                position=position,
                effective_at=event.effective_at,
                recorded_at=event.recorded_at,
                entered_by=_entered_by_other(event),
            )
        )


def _findings(kpis: Iterable[KpiAudit]) -> list[str]:
    found = []
    for kpi in kpis:
        for v in kpi.versions:
            if v.violation:
                found.append(
                    f"{kpi.kpi_id} v{v.number}: crossed a known result (rule 1 violated) "
                    f"by {v.request_id} at log position {v.position}"
                )
            if v.favourable_after_results:
                found.append(
                    f"{kpi.kpi_id} v{v.number}: favourable after results were known "
                    f"({v.request_id} at log position {v.position})"
                )
    return found


def integrity_report(trail: IntegrityTrail) -> AgreementAudit:
    """The report of one agreement from what its trail has gathered."""
    assert trail.state is not None
    state = trail.state
    kpis = [
        KpiAudit(
            kpi_id=kpi_id,
            title_th=state.kpis[kpi_id].terms.title_th,
            title_en=state.kpis[kpi_id].terms.title_en,
            versions=tuple(versions),
            joint_id=state.kpis[kpi_id].terms.joint_id,
            joint_host=state.kpis[kpi_id].terms.joint_host,
            cascaded_from=state.kpis[kpi_id].terms.cascaded_from,
            prior_results=state.kpis[kpi_id].terms.prior_results,
        )
        for kpi_id, versions in trail.versions.items()
    ]
    findings = _findings(kpis)
    return AgreementAudit(
        agreement=state.agreement_ref,
        unit_id=state.unit_id,
        framework_id=state.framework_id,
        verdict="findings" if findings else "clean",
        findings=tuple(findings),
        kpis=tuple(kpis),
        requests=tuple(trail.requests.values()),
        refused_attempts=tuple(trail.attempts),
        corrections=tuple(trail.notes.corrections),
        drift_kept=tuple(trail.notes.drift_kept),
        certifications=tuple(trail.notes.certifications),
    )


def integrity_step(trail: IntegrityTrail, position: int, event: LedgerEvent) -> None:
    """Add one event of the agreement (at ``position`` in the log) to its trail."""
    _record(trail, event, position)
    note(trail.notes, event, position)
    trail.state = project_agreement(trail.state, [event])


def audit_log(events: Iterable[tuple[int, LedgerEvent]]) -> list[AgreementAudit]:
    """The integrity report of every agreement, from (position, event) pairs in log order."""
    trails: dict[UUID, IntegrityTrail] = {}
    for position, event in events:
        if isinstance(event, NOT_AGREEMENT_EVENTS):
            continue
        integrity_step(trails.setdefault(event.originator_id, IntegrityTrail()), position, event)
    return [integrity_report(trail) for trail in trails.values()]
