"""A provincial agency and its civil servants under the FY2554 Rayong framework, many times
over: the agency's year (four dimensions, SARs at 6, 9 and 12 months) and each individual's
(a KPI cascaded from the agency's, routine work and a special assignment; two half-year
rounds), with negotiation, signing, evaluation and certification. Every number is
ILLUSTRATIVE.

Intended refusal, one per copy: an individual files for the agency's 6-month round, which is
not a round of the individual level.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from bench.generator_cast import Item, office_lines, step
from commands.demo.common import COMMITTEE, EVALUATOR, OPDC, assessed_unit, at

__all__ = ["AGENCY_UNITS", "agency_year"]

FRAMEWORK = "fy2554-rayong-agencies-individuals"
FY = 2554
_INDIVIDUALS = 4
AGENCY_UNITS = 1 + _INDIVIDUALS
# kpi id: (component, weight); the agency's weights follow its dimensions (50/20/10/20).
_AGENCY = {
    "A1": ("1", "30"),
    "A1B": ("1", "20"),
    "A2": ("2", "20"),
    "A3": ("3", "10"),
    "A4": ("4", "20"),
}
_PERSON = {"S1": ("strategy", "50"), "R1": ("routine", "30"), "X1": ("special", "20")}
_THRESHOLDS = ["70", "75", "80", "85", "90"]


def _on(unit_id: str, kind: str, actor: dict[str, Any], date: str, **fields: Any) -> dict[str, Any]:
    return step(kind, actor, date, agreement=f"{unit_id}/{FY}", **fields)


def agency_year(seed: int, copy: int) -> Iterator[Item]:
    tag = f"{copy:05d}"
    agency = f"AGY-{tag}"
    people = [f"IND-{tag}-{k}" for k in range(_INDIVIDUALS)]
    yield _unit(agency, "provincial_agency", f"Provincial agency {tag}", None), False
    for k, person in enumerate(people):
        yield _unit(person, "individual", f"Civil servant {k + 1} of {agency}", agency), False
    yield from office_lines([agency, *people])
    for unit_id in (agency, *people):
        yield (
            {
                "type": "open_agreement",
                "actor": OPDC,
                "effective_at": at("2010-10-15"),
                "unit_id": unit_id,
                "fiscal_year": FY,
                "framework_id": FRAMEWORK,
            },
            False,
        )
    plans = [(agency, _AGENCY), *((p, _PERSON) for p in people)]
    for unit_id, kpis in plans:
        for kpi_id, (component, weight) in kpis.items():
            extra = {"cascaded_from": f"{agency}/{FY}#A1"} if kpi_id == "S1" else {}
            yield (
                _on(
                    unit_id,
                    "propose_kpi",
                    assessed_unit(unit_id),
                    "2010-11-01",
                    kpi_id=kpi_id,
                    title_th=f"ตัวชี้วัด {kpi_id}",
                    title_en=f"Rayong KPI {kpi_id}",
                    component=component,
                    unit_of_measure="% of target",
                    direction="higher",
                    weight=weight,
                    thresholds=_THRESHOLDS,
                    **extra,
                ),
                False,
            )
    for unit_id, kpis in plans:
        for kpi_id in kpis:
            yield (
                _on(
                    unit_id,
                    "record_negotiation_decision",
                    COMMITTEE,
                    "2010-11-20",
                    kpi_id=kpi_id,
                    outcome="accepted",
                    committee="Rayong negotiation panel",
                    meeting_ref=f"RY-{tag}",
                ),
                False,
            )
    for unit_id, _ in plans:
        yield (
            _on(
                unit_id,
                "sign_agreement",
                OPDC,
                "2010-12-01",
                signatories=[
                    {
                        "name": "ผู้ว่าราชการจังหวัดระยอง",
                        "title": "Governor of Rayong",
                        "side": "assessor",
                    },
                    {"name": f"ผู้รับการประเมิน {unit_id}", "title": unit_id, "side": "assessed"},
                ],
            ),
            False,
        )
    yield _sar(seed, people[0], _PERSON, "6m", "2011-04-20"), True
    for round_id, filed in (("6m", "2011-04-22"), ("9m", "2011-07-22"), ("12m", "2011-10-21")):
        yield _sar(seed, agency, _AGENCY, round_id, filed), False
    for round_id, filed in (("h1", "2011-04-15"), ("h2", "2011-10-14")):
        for person in people:
            yield _sar(seed, person, _PERSON, round_id, filed), False
    last = [(agency, _AGENCY, "12m"), *((p, _PERSON, "h2") for p in people)]
    for unit_id, kpis, round_id in last:
        yield (
            _on(
                unit_id,
                "record_assessment",
                EVALUATOR,
                "2011-11-15",
                round_id=round_id,
                assessments=[
                    {"kpi_id": k, "verified_actual": _actual(seed, unit_id, k, round_id)}
                    for k in kpis
                ],
            ),
            False,
        )
    for unit_id, _, round_id in last:
        yield _on(unit_id, "certify_scores", OPDC, "2011-12-20", round_id=round_id), False


def _unit(unit_id: str, level: str, name_en: str, parent: str | None) -> dict[str, Any]:
    command = {
        "type": "register_unit",
        "actor": OPDC,
        "effective_at": at("2010-10-01"),
        "unit_id": unit_id,
        "name_th": f"หน่วย {unit_id}",
        "name_en": name_en,
        "level": level,
    }
    return command | ({"parent_id": parent} if parent else {})


def _actual(seed: int, unit_id: str, kpi_id: str, round_id: str) -> str:
    spread = zlib.crc32(f"{seed}:{unit_id}:{kpi_id}:{round_id}".encode()) % 301
    return f"{65 + spread / 10:.1f}"


def _sar(
    seed: int, unit_id: str, kpis: dict[str, Any], round_id: str, filed: str
) -> dict[str, Any]:
    results = [{"kpi_id": k, "actual": _actual(seed, unit_id, k, round_id)} for k in kpis]
    return _on(
        unit_id,
        "file_sar",
        assessed_unit(unit_id),
        filed,
        round_id=round_id,
        filed_at=at(filed),
        results=results,
    )
