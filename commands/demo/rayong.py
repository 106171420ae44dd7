"""The FY2554 Rayong year (seed 002): the province cascades its targets to its provincial
agencies, and each agency to its civil servants.

Rayong's Provincial Office (สำนักงานจังหวัดระยอง) runs the cascade for the Governor. Three
provincial agencies (the Provincial Office itself, the Public Health Office and the
Agriculture Office) draft agreements in the framework's four dimensions (50/20/10/20); seven
civil servants, named by position, draft theirs from a KPI cascaded from their agency's
(``cascaded_from``), a routine-work KPI and a special assignment. Every criterion has five
levels with the target at level 3. The Governor's working group negotiates the agencies'
KPIs and tightens the Public Health Office's dengue target to the province's own; in the
civil servants' negotiation the disease-control officer's KPI follows it, while the
environmental-health officer's stricter Map Ta Phut target is kept, the reason minuted
(`ledger cascade TH-21-PHO/2554#1.1`). Agencies sign with the Governor, civil servants with
their agency's head. Agencies file SARs at 6, 9 and 12 months, civil servants in two
half-year rounds; the evaluator verifies, and the scores are certified.

No framework covers an FY2554 province, so the province (TH-21) is registered as the
agencies' parent unit but holds no agreement: its targets reach the agencies through the
negotiation minutes. The framework lists no change window or reason, so nothing can change
after signing; two attempts to add a KPI during the year (a civil servant's new special
assignment, the Agriculture Office's cassava-mealybug campaign) are refused under rule 3
and kept. Every target, threshold and result is ILLUSTRATIVE.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from commands.demo.common import (
    COMMITTEE,
    EVALUATOR,
    OPDC,
    assessed_unit,
    at,
    evidence,
    line,
)
from commands.demo.rayong_kpis import (
    AGENCIES,
    AGENCY_KPIS,
    FOLLOWED,
    HEADS,
    KEPT,
    MEALYBUG,
    NARRATIVES,
    NEW_ASSIGNMENT,
    PARENT_AMENDED,
    PEOPLE,
    PERSON_KPIS,
    PROVINCE,
    VERIFIED,
    Kpi,
    agency_of,
)
from commands.demo.scenario import Unit
from ledger.frameworks.model import Framework

__all__ = [
    "AGENCIES",
    "FOLLOWED",
    "FRAMEWORK",
    "FY",
    "PEOPLE",
    "REFUSED_ON_PURPOSE",
    "rayong_commands",
    "ref",
]

FY = 2554
FRAMEWORK = "fy2554-rayong-agencies-individuals"
NOTE = "ILLUSTRATIVE numbers (demo); units and calendar from seed 002"
WORKING_GROUP = "คณะทำงานถ่ายทอดตัวชี้วัดและเป้าหมายระดับจังหวัดลงสู่ส่วนราชการประจำจังหวัด จังหวัดระยอง"
GOVERNOR = {"name": "ผู้ว่าราชการจังหวัดระยอง", "title": "Governor of Rayong", "side": "assessor"}
AGENCY_ROUNDS = ("6m", "9m", "12m")
PERSON_ROUNDS = ("h1", "h2")
# How results were verified (seed 002: agencies by documents and interviews; civil servants
# by their superior, the screening committee giving its opinion).
STUDIED = "studied the SAR, minutes and photos; interviewed the KPI owner and data collector"
SCREENED = "checked against the officer's evidence; seen by the Rayong screening committee"
# The two KPIs proposed after signing (NEW_ASSIGNMENT, MEALYBUG), refused under rule 3.
REFUSED_ON_PURPOSE = 2


def ref(unit_id: str) -> str:
    return f"{unit_id}/{FY}"


def _on(unit_id: str, kind: str, actor: dict[str, Any], date: str, **fields: Any) -> dict[str, Any]:
    return line(kind, actor, date, agreement=ref(unit_id), **fields)


def _units() -> Iterator[dict[str, Any]]:
    rows: list[tuple[Unit, str, str | None]] = [(PROVINCE, "province", None)]
    rows += [(a, "provincial_agency", PROVINCE[0]) for a in AGENCIES]
    rows += [(p, "individual", agency_of(p[0])) for p in PEOPLE]
    for (unit_id, name_th, name_en), level, parent in rows:
        yield line(
            "register_unit",
            OPDC,
            "2010-10-01",
            unit_id=unit_id,
            name_th=name_th,
            name_en=name_en,
            level=level,
            **({"parent_id": parent} if parent else {}),
        )


def _kpis(unit_id: str) -> tuple[Kpi, ...]:
    return AGENCY_KPIS.get(unit_id) or PERSON_KPIS[unit_id]


def _propose(unit_id: str, kpi: Kpi, date: str) -> dict[str, Any]:
    parent = {"cascaded_from": f"{ref(agency_of(unit_id))}#{kpi.parent}"} if kpi.parent else {}
    return _on(
        unit_id,
        "propose_kpi",
        assessed_unit(unit_id),
        date,
        kpi_id=kpi.kpi_id,
        title_th=kpi.title_th,
        title_en=kpi.title_en,
        component=kpi.component,
        unit_of_measure=kpi.unit,
        direction=kpi.direction,
        weight=kpi.weight,
        thresholds=kpi.thresholds.split(),
        **parent,
    )


def _drafts() -> Iterator[dict[str, Any]]:
    for unit_id, _, _ in (*AGENCIES, *PEOPLE):
        yield line(
            "open_agreement",
            OPDC,
            "2010-10-20",
            unit_id=unit_id,
            fiscal_year=FY,
            framework_id=FRAMEWORK,
        )
    # The agencies draft first (from the province's agreement and their departments');
    # each head then sets their staff's KPIs with them (seed 002, individuals, 1).
    for unit_id, _, _ in AGENCIES:
        for kpi in AGENCY_KPIS[unit_id]:
            yield _propose(unit_id, kpi, "2010-11-08")
    for unit_id, _, _ in PEOPLE:
        for kpi in PERSON_KPIS[unit_id]:
            yield _propose(unit_id, kpi, "2010-11-15")


def _decision(
    unit_id: str, kpi_id: str, date: str, body: str, meeting: str, **extra: Any
) -> dict[str, Any]:
    decided = {"kpi_id": kpi_id, "outcome": "accepted", "committee": body, "meeting_ref": meeting}
    return _on(unit_id, "record_negotiation_decision", COMMITTEE, date, **(decided | extra))


def _negotiation() -> Iterator[dict[str, Any]]:
    parent_unit, parent_kpi, tightened = PARENT_AMENDED
    for unit_id, _, _ in AGENCIES:
        for kpi in AGENCY_KPIS[unit_id]:
            extra: dict[str, Any] = {}
            if (unit_id, kpi.kpi_id) == (parent_unit, parent_kpi):
                extra = {
                    "outcome": "amended",
                    "amendments": {"thresholds": tightened.split()},
                    "minutes": "Rayong's own FY2554 agreement (not in this ledger: no framework "
                    "covers an FY2554 province) sets the province's dengue target at 90 per "
                    "100,000; the office's target (level 3) moves from 110 to 90 and every "
                    f"level with it. {NOTE}",
                }
            yield _decision(unit_id, kpi.kpi_id, "2010-11-29", WORKING_GROUP, "3/2553", **extra)
    for unit_id, _, _ in PEOPLE:
        head_th, head_en = HEADS[agency_of(unit_id)]
        body = f"ผู้ประเมิน ({head_th}) กับผู้รับการประเมิน / {head_en} with the officer"
        for kpi in PERSON_KPIS[unit_id]:
            extra = {}
            if (unit_id, kpi.kpi_id) == FOLLOWED:
                extra = {
                    "outcome": "amended",
                    "amendments": {"thresholds": tightened.split()},
                    "minutes": f"Cascaded from {ref(parent_unit)}#{parent_kpi}: follows the "
                    "office's tightened criteria (target 90 per 100,000).",
                }
            elif (unit_id, kpi.kpi_id) == KEPT:
                extra = {
                    "minutes": f"Cascaded from {ref(parent_unit)}#{parent_kpi}, whose target "
                    "was tightened to 90: kept at 70 per 100,000, already stricter, set from "
                    "the Map Ta Phut communities' own five-year median."
                }
            yield _decision(unit_id, kpi.kpi_id, "2010-12-03", body, f"IND-{unit_id}", **extra)


def _signing() -> Iterator[dict[str, Any]]:
    for unit_id, name_th, _ in AGENCIES:
        head_th, head_en = HEADS[unit_id]
        assessed = {"name": f"{head_th} ({name_th})", "title": head_en, "side": "assessed"}
        yield _signed(unit_id, "2010-12-10", [GOVERNOR, assessed])
    for unit_id, name_th, name_en in PEOPLE:
        head_th, head_en = HEADS[agency_of(unit_id)]
        assessor = {"name": head_th, "title": head_en, "side": "assessor"}
        yield _signed(
            unit_id,
            "2010-12-15",
            [assessor, {"name": name_th, "title": name_en, "side": "assessed"}],
        )


def _signed(unit_id: str, date: str, signatories: list[dict[str, str]]) -> dict[str, Any]:
    return _on(unit_id, "sign_agreement", assessed_unit(unit_id), date, signatories=signatories)


def _sars(
    units: list[str], rounds: tuple[str, ...], index: int, date: str
) -> Iterator[dict[str, Any]]:
    round_id = rounds[index]
    for unit_id in units:
        said = NARRATIVES.get((unit_id, round_id), f"{round_id} self-assessment")
        results = [{"kpi_id": k.kpi_id, "actual": k.results.split()[index]} for k in _kpis(unit_id)]
        yield _on(
            unit_id,
            "file_sar",
            assessed_unit(unit_id),
            date,
            round_id=round_id,
            results=results,
            narrative=f"{said} ({NOTE})",
            filed_at=at(date),
            evidence=evidence(f"sar-{round_id}-{unit_id}.pdf"),
        )


def _verified(
    units: list[str], rounds: tuple[str, ...], index: int, date: str, notes: str
) -> Iterator[dict[str, Any]]:
    for unit_id in units:
        assessments = [
            {
                "kpi_id": k.kpi_id,
                "verified_actual": VERIFIED.get((unit_id, k.kpi_id), k.results.split()[index]),
                "notes": notes,
            }
            for k in _kpis(unit_id)
        ]
        yield _on(
            unit_id,
            "record_assessment",
            EVALUATOR,
            date,
            round_id=rounds[index],
            assessments=assessments,
        )


def _certified(units: list[str], round_id: str, date: str) -> Iterator[dict[str, Any]]:
    for unit_id in units:
        yield _on(unit_id, "certify_scores", OPDC, date, round_id=round_id)


def rayong_commands(framework: Framework) -> Iterator[dict[str, Any]]:
    """The year's commands in order, the unit registrations first."""
    agencies = [u for u, _, _ in AGENCIES]
    people = [u for u, _, _ in PEOPLE]
    yield from _units()
    yield from _drafts()
    yield from _negotiation()
    yield from _signing()
    # The Governor gives the disease-control officer a new task in January: it is done and
    # reported in the h1 narrative, but it cannot become a KPI of a signed agreement.
    yield _propose(FOLLOWED[0], NEW_ASSIGNMENT, "2011-01-24")
    yield from _sars(people, PERSON_ROUNDS, 0, "2011-04-08")
    yield from _sars(agencies, AGENCY_ROUNDS, 0, "2011-04-20")
    yield from _verified(people, PERSON_ROUNDS, 0, "2011-04-22", SCREENED)
    yield from _certified(people, "h1", "2011-04-29")
    # The cassava mealybug spreads in the east; the Agriculture Office tries to add a KPI.
    yield _propose("TH-21-AGR", MEALYBUG, "2011-05-16")
    yield from _sars(agencies, AGENCY_ROUNDS, 1, "2011-07-20")
    yield from _sars(people, PERSON_ROUNDS, 1, "2011-10-07")
    yield from _verified(people, PERSON_ROUNDS, 1, "2011-10-12", SCREENED)
    yield from _sars(agencies, AGENCY_ROUNDS, 2, "2011-10-20")
    yield from _certified(people, "h2", "2011-10-21")
    yield from _verified(agencies, AGENCY_ROUNDS, 2, "2011-11-10", STUDIED)
    yield from _certified(agencies, "12m", "2011-11-25")
