"""The pilot-department year: FY2552, the Ministry of Finance as a pilot ministry running
agreements with its own departments (seed 001), as the commands its cast sends.

OPDC proposes the mandatory KPIs at their fixed weights, each department its own; the
ministry's negotiation committee raises the Excise Department's tax-collection thresholds.
Each agreement is signed as the seed's matrix says for the department's place: Excise (in the
Revenue mission group) by the Permanent Secretary and the group's head, the Comptroller
General's Department (no group) by the Permanent Secretary and a Deputy, the Fiscal Policy
Office (reporting to the Minister) by the Minister and the Permanent Secretary, each with the
department's head. After the KPI Template Audit the working group corrects the wording of
Excise's KPI 3.2. SARs at 6, 9 and 12 months carry evidence. Round-1 (preliminary) scores go
out in December 2552: Excise's review is upheld and its score adjusted, the Fiscal Policy
Office's rejected, the Comptroller General's Department confirms; the final round takes
OPDC's ministry-level results, and OPDC certifies it in March 2553. Refused on purpose and
kept (rule 3): a KPI proposed after signing, and a "correction" that rewrites a KPI.

Approximated (no command for them): the committees' screening and the oversight committee's
approvals are written in the assessments' notes; the evaluator stands for the ministry's
on-site evaluation; the cast's appeal body decides reviews, naming the negotiation committee;
confirming round-1 scores records nothing. The seed lets a department reporting to the
Minister leave out KPIs 1-2; the framework fixes component 1 at 20, so the Fiscal Policy
Office keeps 1.1-1.3. Every number is ILLUSTRATIVE (pilot_department_kpis.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from commands.demo.common import (
    APPEAL_BODY,
    COMMITTEE,
    EVALUATOR,
    OPDC,
    assessed_unit,
    at,
    line,
)
from commands.demo.common import evidence as evidence_of
from commands.demo.pilot_department_kpis import (
    COMMITTEE_NAME,
    DEPARTMENTS,
    FINAL_ROUND,
    FINAL_UPDATES,
    FRAMEWORK,
    FY,
    LATE_KPI,
    MINISTRY,
    NOTE,
    PRELIMINARY,
    REVENUE_GROUP,
    REVIEW_BODY,
    ROUND_ONE,
    SIGN_FOR_MINISTRY,
    Department,
    Kpi,
)
from ledger.frameworks.model import Framework

__all__ = [
    "COMMITTEE_NAME",
    "DEPARTMENTS",
    "EXCISE",
    "FRAMEWORK",
    "FY",
    "REFUSED_ON_PURPOSE",
    "pilot_department_commands",
]

EXCISE, CGD, FPO = (d.unit_id for d in DEPARTMENTS)
# A KPI proposed after signing and a "correction" that rewrites a KPI (rule 3), both kept.
REFUSED_ON_PURPOSE = 2
ROUNDS = (("6m", "2009-04-24"), ("9m", "2009-07-24"), ("12m", "2009-10-23"))


def _on(
    unit_id: str, command: str, actor: dict[str, Any], date: str, /, **fields: Any
) -> dict[str, Any]:
    """A command on ``unit_id``'s agreement taking effect on ``date`` (fields may hold "kind")."""
    return line(command, actor, date, agreement=f"{unit_id}/{FY}", **fields)


def _units() -> Iterator[dict[str, Any]]:
    ministry_id, group_id = MINISTRY[0], REVENUE_GROUP[0]
    parents = {"group": group_id, "no_group": ministry_id, "minister": ministry_id}
    rows = [
        (*MINISTRY, "ministry", None),
        (*REVENUE_GROUP, "mission_group", ministry_id),
        *((d.unit_id, d.name_th, d.name_en, "department", parents[d.place]) for d in DEPARTMENTS),
    ]
    fields = ("unit_id", "name_th", "name_en", "level", "parent_id")
    for row in rows:
        yield line("register_unit", OPDC, "2008-10-01", **dict(zip(fields, row, strict=True)))


def _proposal(framework: Framework, unit_id: str, kpi: Kpi, date: str) -> dict[str, Any]:
    """OPDC proposes the mandatory KPIs (titles and weights the framework's), the department
    its own (seed 001, 1.5.2)."""
    unit, direction, thresholds = kpi.measure
    mandatory = next((m for m in framework.mandatory_kpis if m.code == kpi.kpi_id), None)
    terms: dict[str, Any] = {
        "kpi_id": kpi.kpi_id,
        "title_th": mandatory.title_th if mandatory else kpi.title_th,
        "title_en": mandatory.title_en if mandatory else kpi.title_en,
        "component": mandatory.component if mandatory else kpi.component,
        "unit_of_measure": unit,
        "direction": direction,
        "weight": kpi.weight or (str(mandatory.weight) if mandatory else ""),
        "thresholds": list(thresholds),
    }
    if mandatory is None:
        return _on(unit_id, "propose_kpi", assessed_unit(unit_id), date, **terms)
    return _on(unit_id, "propose_kpi", OPDC, date, **terms, mandatory_code=mandatory.code)


def _negotiation(dept: Department) -> Iterator[dict[str, Any]]:
    for kpi in dept.kpis:
        decision: dict[str, Any] = {"outcome": "accepted"}
        if (dept.unit_id, kpi.kpi_id) == (EXCISE, "3.1"):
            decision = {
                "outcome": "amended",
                "amendments": {"thresholds": ["96", "98", "100", "102", "104"]},
                "minutes": "Illustrative figures. The target (level 3) is 100% of the FY2552 "
                "excise estimate, as the Revenue mission group's plan requires; every "
                "threshold raised by two points. OPDC observing.",
            }
        yield _on(
            dept.unit_id,
            "record_negotiation_decision",
            COMMITTEE,
            "2008-10-30",
            kpi_id=kpi.kpi_id,
            committee=COMMITTEE_NAME,
            meeting_ref="1/2552 (30 Oct 2008)",
            **decision,
        )


def _signing(dept: Department) -> dict[str, Any]:
    """Signed as the seed's matrix says for the department's place."""
    signatories = [
        {"name": name, "title": title, "side": "assessor"}
        for name, title in SIGN_FOR_MINISTRY[dept.place]
    ]
    signatories.append({"name": dept.head_th, "title": dept.head_en, "side": "assessed"})
    office = assessed_unit(dept.unit_id)
    return _on(dept.unit_id, "sign_agreement", office, "2008-11-14", signatories=signatories)


def _correction(unit_id: str, title_th: str, title_en: str, reason: str) -> dict[str, Any]:
    """The working group (the committee's secretariat) enters a KPI template correction."""
    name = next(d.name_en for d in DEPARTMENTS if d.unit_id == unit_id)
    return _on(
        unit_id,
        "correct_kpi_wording",
        COMMITTEE,
        "2009-03-13",
        kpi_id="3.2",
        title_th=title_th,
        title_en=title_en,
        audit_ref=f"KPI Audit Report 1/2552, {name}, KPI 3.2",
        reason=reason,
    )


def _after_signing(framework: Framework) -> Iterator[dict[str, Any]]:
    """A KPI proposed after signing (refused, kept), the KPI Template Audit's correction,
    and a "correction" that rewrites a KPI into another measure (refused, kept)."""
    yield _proposal(framework, CGD, LATE_KPI, "2009-02-16")
    yield _correction(
        EXCISE,
        "จำนวนคดีการกระทำผิดกฎหมายสรรพสามิตที่ตรวจปราบปรามได้ (ส่วนกลางและส่วนภูมิภาค)",
        "Excise offence cases suppressed (central and area offices)",
        "KPI Template Audit: the signed title did not say that the area offices' cases count, "
        "as the template's data source (every office's case register) does. Wording only; "
        "criteria and weight unchanged.",
    )
    yield _correction(
        FPO,
        "จำนวนรายงานวิจัยด้านเศรษฐกิจการคลังที่เผยแพร่",
        "Fiscal research papers published",
        "The office's corrected template counts published research papers instead of the "
        "proposals the Minister approved.",
    )


def _sar(dept: Department, round_index: int) -> dict[str, Any]:
    round_id, filed = ROUNDS[round_index]
    return _on(
        dept.unit_id,
        "file_sar",
        assessed_unit(dept.unit_id),
        filed,
        round_id=round_id,
        results=[{"kpi_id": k.kpi_id, "actual": k.results[round_index]} for k in dept.kpis],
        narrative=f"{round_id} self-assessment report and e-SAR card; {NOTE}",
        filed_at=at(filed),
        evidence=evidence_of(f"sar-{round_id}-{dept.unit_id}.pdf"),
    )


def _assessment(unit_id: str, date: str, values: dict[str, str], notes: str) -> dict[str, Any]:
    """The 12-month scores the ministry's evaluation verified, with its committees' steps."""
    assessments = [{"kpi_id": k, "verified_actual": v, "notes": notes} for k, v in values.items()]
    return _on(
        unit_id, "record_assessment", EVALUATOR, date, round_id="12m", assessments=assessments
    )


def _round_one(dept: Department) -> dict[str, Any]:
    values = {k.kpi_id: PRELIMINARY.get((dept.unit_id, k.kpi_id), k.results[2]) for k in dept.kpis}
    return _assessment(dept.unit_id, "2009-12-10", values, ROUND_ONE)


def _review(unit_id: str, review_id: str, kpi_id: str, date: str, claim: str) -> dict[str, Any]:
    return _on(
        unit_id,
        "request_appeal",
        assessed_unit(unit_id),
        date,
        appeal_id=review_id,
        kind="review",
        round_id="12m",
        kpi_id=kpi_id,
        claim=claim,
        evidence=evidence_of(f"review-{review_id}-{unit_id}.pdf"),
    )


def _decision(unit_id: str, review_id: str, outcome: str, rationale: str) -> dict[str, Any]:
    return _on(
        unit_id,
        "decide_appeal",
        APPEAL_BODY,
        "2010-01-20",
        appeal_id=review_id,
        outcome=outcome,
        body=REVIEW_BODY,
        rationale=f"Meeting 1/2553: {rationale}",
    )


def _reviews() -> Iterator[dict[str, Any]]:
    """Round-1 scores go to each department to confirm or to ask for a review (seed 001,
    1.5.7-1.5.8); the Comptroller General's Department confirms (nothing is recorded)."""
    yield _review(
        EXCISE,
        "RV-2552-01",
        "3.2",
        "2009-12-22",
        "The verified count (9,960) left out 420 cases the area offices closed in the last "
        "week of September 2009, entered in their case registers after the evaluation; the "
        "corrected KPI title counts the area offices' cases. Illustrative figures.",
    )
    yield _review(
        FPO,
        "RV-2552-02",
        "5.1",
        "2009-12-23",
        "Investment payments made on 2-9 October 2009 for goods delivered in September "
        "should count towards the FY2552 disbursement rate.",
    )
    yield _decision(
        EXCISE,
        "RV-2552-01",
        "upheld",
        "the area offices' registers show 10,380 cases closed by 30 September 2009; they "
        "count under KPI 3.2 as worded after the template audit.",
    )
    yield _on(
        EXCISE,
        "adjust_score",
        APPEAL_BODY,
        "2010-01-20",
        appeal_id="RV-2552-01",
        new_score="3.76",
        reason="10,380 cases scores 3.7600 under thresholds 9,000/9,500/10,000/10,500/11,000",
        authority=REVIEW_BODY,
    )
    yield _decision(
        FPO,
        "RV-2552-02",
        "rejected",
        "payments made after 30 September 2009 fall outside the 12-month round, whatever the "
        "delivery date; the GFMIS rate of 69.4% stands.",
    )


def pilot_department_commands(framework: Framework) -> Iterator[dict[str, Any]]:
    """The year's commands in order, the unit registrations first."""
    yield from _units()
    opening = {"type": "open_agreement", "actor": OPDC, "effective_at": at("2008-10-01")}
    for dept in DEPARTMENTS:
        yield opening | {"unit_id": dept.unit_id, "fiscal_year": FY, "framework_id": FRAMEWORK}
    codes = {m.code for m in framework.mandatory_kpis}
    for own, date in ((False, "2008-10-06"), (True, "2008-10-15")):
        for dept in DEPARTMENTS:
            kpis = [k for k in dept.kpis if (k.kpi_id not in codes) == own]
            yield from (_proposal(framework, dept.unit_id, k, date) for k in kpis)
    for dept in DEPARTMENTS:
        yield from _negotiation(dept)
    yield from (_signing(dept) for dept in DEPARTMENTS)
    yield from _after_signing(framework)
    for round_index in range(len(ROUNDS)):
        yield from (_sar(dept, round_index) for dept in DEPARTMENTS)
    yield from (_round_one(dept) for dept in DEPARTMENTS)
    yield from _reviews()
    for unit_id, values in FINAL_UPDATES.items():
        yield _assessment(unit_id, "2010-03-12", values, FINAL_ROUND)
    for dept in DEPARTMENTS:
        yield _on(dept.unit_id, "certify_scores", OPDC, "2010-03-26", round_id="12m")
