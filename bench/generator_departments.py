"""A ministry's departments under the FY2552 pilot framework, many times over: mandatory
KPIs proposed by OPDC and the departments' own, negotiation (one amended), signing, a wording
correction after the template audit, all three SAR rounds, the 12-month evaluation, an appeal,
and certification. Every number is ILLUSTRATIVE.

Intended refusals, one each per copy: a SAR filed by another unit's office, and a change
request (this framework lists no change reasons, so none is taken). Neither is accepted when
the history is sent again (a SAR filed before signing would be, once the agreement is signed:
a refusal that is not kept as an attempt leaves no receipt).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from bench.generator_cast import Item, office, office_lines, step
from commands.demo.common import APPEAL_BODY, COMMITTEE, EVALUATOR, OPDC, at

__all__ = ["DEPARTMENT_UNITS", "department_year"]

FRAMEWORK = "fy2552-pilot-ministry-departments"
FY = 2552
DEPARTMENT_UNITS = 4
# kpi id: (component, weight, unit, mandatory code or None); weights total 100 and keep
# dimension 1 >= 30, dimension 3 >= 7 and d1 + d2 > d3 + d4 (the framework's checks).
_KPIS: dict[str, tuple[str, str, str, str | None]] = {
    "K1.1": ("1", "15", "% of plan achieved", "1.1"),
    "K1.2": ("1", "3", "% of plan achieved", "1.2"),
    "K1.3": ("1", "2", "% of service counters open", "1.3"),
    "D2": ("2", "20", "% of cases closed on time", None),
    "D3": ("3", "10", "% of users satisfied", None),
    "D4": ("4", "23", "% of budget spent as planned", None),
    "K5.1": ("5", "4", "% of investment budget disbursed", "5.1"),
    "K5.2": ("5", "3", "% energy saved", "5.2"),
    "K6": ("6", "20", "% of PMQA criteria met", "6"),
}
_THRESHOLDS = ["60", "65", "70", "75", "80"]
_ROUNDS = (("6m", "2009-04-24"), ("9m", "2009-07-24"), ("12m", "2009-10-23"))


def department_year(seed: int, copy: int) -> Iterator[Item]:
    tag = f"{copy:05d}"
    units = [f"DEP-{tag}-{k}" for k in range(DEPARTMENT_UNITS)]
    for k, unit_id in enumerate(units):
        yield (
            {
                "type": "register_unit",
                "actor": OPDC,
                "effective_at": at("2008-10-01"),
                "unit_id": unit_id,
                "name_th": f"กรมที่ {k + 1} ชุด {tag}",
                "name_en": f"Department {k + 1} ({tag})",
                "level": "department",
            },
            False,
        )
    yield from office_lines(units)
    for unit_id in units:
        yield (
            step(
                "open_agreement",
                OPDC,
                "2008-10-15",
                unit_id=unit_id,
                fiscal_year=FY,
                framework_id=FRAMEWORK,
            ),
            False,
        )
    for unit_id in units:
        yield from _proposals(unit_id)
    for k, unit_id in enumerate(units):
        for kpi_id in _KPIS:
            decision: dict[str, Any] = {"outcome": "accepted"}
            if k == 1 and kpi_id == "D2":
                decision = {
                    "outcome": "amended",
                    "amendments": {"thresholds": ["62", "67", "72", "77", "82"]},
                    "minutes": "Targets raised by two points.",
                }
            yield (
                _on(
                    unit_id,
                    "record_negotiation_decision",
                    COMMITTEE,
                    "2008-12-01",
                    kpi_id=kpi_id,
                    committee="Negotiation committee, departments",
                    meeting_ref=f"N-{tag}",
                    **decision,
                ),
                False,
            )
    for unit_id in units:
        yield (
            _on(
                unit_id,
                "sign_agreement",
                OPDC,
                "2008-12-15",
                signatories=[
                    {
                        "name": "เลขาธิการ ก.พ.ร.",
                        "title": "Secretary-General, OPDC",
                        "side": "assessor",
                    },
                    {
                        "name": f"อธิบดี {unit_id}",
                        "title": f"Director-General, {unit_id}",
                        "side": "assessed",
                    },
                ],
            ),
            False,
        )
    yield (
        _on(
            units[0],
            "correct_kpi_wording",
            COMMITTEE,
            "2009-01-15",
            kpi_id="D3",
            title_en="Departmental KPI D3: % of service users satisfied",
            audit_ref=f"TA-{tag}",
            reason="Template audit: the English title lacked its punctuation",
        ),
        False,
    )
    yield (
        _on(
            units[2],
            "request_change",
            {"id": office(units[2]), "role": "assessed_unit"},
            "2009-02-02",
            request_id=f"CR-{tag}-D",
            kpi_id="D4",
            reason_code="external",
            justification="Budget cut in the second quarter",
            proposal={"thresholds": ["50", "55", "60", "65", "70"]},
        ),
        True,
    )
    for round_id, filed in _ROUNDS:
        for unit_id in units:
            yield _sar(seed, unit_id, round_id, filed), False
    # One office files for a neighbour's agreement (its grant covers its own unit only).
    stray = _sar(seed, units[0], "12m", "2009-10-23")
    yield {**stray, "actor": {"id": office(units[1]), "role": "assessed_unit"}}, True
    for unit_id in units:
        yield (
            _on(
                unit_id,
                "record_assessment",
                EVALUATOR,
                "2009-11-20",
                round_id="12m",
                assessments=[
                    {
                        "kpi_id": kpi_id,
                        "verified_actual": _actual(seed, unit_id, kpi_id, "12m"),
                        "notes": "verified",
                    }
                    for kpi_id in _KPIS
                ],
            ),
            False,
        )
    for unit_id in units:
        yield _on(unit_id, "certify_scores", OPDC, "2010-01-15", round_id="12m"), False
    yield from _appeal(units[1], tag)


def _on(unit_id: str, kind: str, actor: dict[str, Any], date: str, **fields: Any) -> dict[str, Any]:
    return step(kind, actor, date, agreement=f"{unit_id}/{FY}", **fields)


def _proposals(unit_id: str) -> Iterator[Item]:
    for kpi_id, (component, weight, unit, code) in _KPIS.items():
        actor = OPDC if code else {"id": office(unit_id), "role": "assessed_unit"}
        extra = {"mandatory_code": code} if code else {}
        yield (
            _on(
                unit_id,
                "propose_kpi",
                actor,
                "2008-11-10",
                kpi_id=kpi_id,
                title_th=f"ตัวชี้วัด {kpi_id}",
                title_en=f"Departmental KPI {kpi_id}: {unit}",
                component=component,
                unit_of_measure=unit,
                direction="higher",
                weight=weight,
                thresholds=_THRESHOLDS,
                **extra,
            ),
            False,
        )


def _actual(seed: int, unit_id: str, kpi_id: str, round_id: str) -> str:
    """A result between 55 and 85 drawn from the seed: every level gets some."""
    spread = zlib.crc32(f"{seed}:{unit_id}:{kpi_id}:{round_id}".encode()) % 301
    return f"{55 + spread / 10:.1f}"


def _sar(seed: int, unit_id: str, round_id: str, filed: str) -> dict[str, Any]:
    return _on(
        unit_id,
        "file_sar",
        {"id": office(unit_id), "role": "assessed_unit"},
        filed,
        round_id=round_id,
        filed_at=at(filed),
        narrative=f"{round_id} self-assessment",
        results=[
            {"kpi_id": kpi_id, "actual": _actual(seed, unit_id, kpi_id, round_id)}
            for kpi_id in _KPIS
        ],
    )


def _appeal(unit_id: str, tag: str) -> Iterator[Item]:
    appeal = f"AP-{tag}-D"
    yield (
        _on(
            unit_id,
            "request_appeal",
            {"id": office(unit_id), "role": "assessed_unit"},
            "2010-01-25",
            appeal_id=appeal,
            round_id="12m",
            kpi_id="D2",
            claim="The evaluator left out cases closed in the last week of September",
        ),
        False,
    )
    yield (
        _on(
            unit_id,
            "decide_appeal",
            APPEAL_BODY,
            "2010-02-10",
            appeal_id=appeal,
            outcome="rejected",
            body="Appeals sub-committee",
            rationale="The cases were closed after the period ended",
        ),
        False,
    )
