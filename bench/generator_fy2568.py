"""Provinces under the FY2568 framework (seed 004), many times over: Performance Base 70 /
Potential Base 30 with three-level targets, a joint KPI by agenda hosted by a department with
each province's own targets, the mandatory Potential-Base KPIs proposed by OPDC, negotiation
(one amended), signing, a change approved in the 6-month window, the 6- and 12-month rounds
(the shared result filed once by the host and verified once), evaluation and certification of
both rounds (the governor's two evaluation rounds are read from them). Every number is
ILLUSTRATIVE.

Intended refusal, one per copy: a change request for a reason the framework does not list
(kept as a refused attempt, so it is refused again when the history is sent again).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from bench.generator_cast import Item, office_lines, step
from commands.demo.common import CHANGE_COMMITTEE, COMMITTEE, EVALUATOR, OPDC, assessed_unit, at

__all__ = ["FY2568_UNITS", "fy2568_year"]

FRAMEWORK = "fy2568-provinces"
FY = 2568
FY2568_UNITS = 4
# kpi id: (component, weight, mandatory code or None). Performance Base: the joint KPI by
# agenda (J1), the Interior agenda (10, as the framework fixes) and an area KPI; Potential
# Base: the three mandatory KPIs at 10 each.
_KPIS: dict[str, tuple[str, str, str | None]] = {
    "J1": ("1.1", "30", None),
    "A2": ("1.2.1", "10", None),
    "A3": ("1.2.3", "30", None),
    "P1": ("2.1", "10", "2.1"),
    "P2": ("2.2", "10", "2.2"),
    "P3": ("2.3", "10", "2.3"),
}
_JOINT_KPI = "J1"
_JOINT_MEASURE = {
    "title_th": "รายได้จากการท่องเที่ยวของกลุ่มจังหวัด",
    "title_en": "Tourism revenue of the participating provinces",
    "component": "1.1",
    "unit_of_measure": "% of FY2567 tourism revenue",
    "direction": "higher",
}
# Potential Base is assessed at 12 months only (the framework's rounds).
_PERFORMANCE = ("A2", "A3")
_ROUND_KPIS = {"6m": _PERFORMANCE, "12m": (*_PERFORMANCE, "P1", "P2", "P3")}
# round: (shared result filed, verified, SARs filed, assessed, certified)
_ROUNDS = {
    "6m": ("2025-04-10", "2025-04-25", "2025-04-11", "2025-05-10", "2025-05-30"),
    "12m": ("2025-10-10", "2025-10-25", "2025-10-15", "2025-11-10", "2025-12-15"),
}


def _on(unit_id: str, kind: str, actor: dict[str, Any], date: str, **fields: Any) -> dict[str, Any]:
    return step(kind, actor, date, agreement=f"{unit_id}/{FY}", **fields)


def _draw(seed: int, *key: str) -> int:
    return zlib.crc32(":".join((str(seed), *key)).encode())


def _actual(seed: int, unit_id: str, kpi_id: str, round_id: str) -> str:
    """A result between 50 and 95 drawn from the seed: all three levels and beyond."""
    return f"{50 + _draw(seed, unit_id, kpi_id, round_id) % 451 / 10:.1f}"


def _targets(k: int) -> list[str]:
    """Each province's own basic / standard / advanced targets for the joint KPI."""
    return [str(95 + k), str(100 + k), str(105 + k)]


def fy2568_year(seed: int, copy: int) -> Iterator[Item]:
    tag = f"{copy:05d}"
    host = f"HOST68-{tag}"
    joint = f"J-2568-{tag}"
    units = [f"PRV68-{tag}-{k}" for k in range(FY2568_UNITS)]
    yield _unit(host, "department", f"Provincial tourism host ({tag})"), False
    for k, unit_id in enumerate(units):
        yield _unit(unit_id, "province", f"Province {k + 1} ({tag})"), False
    yield from office_lines([host, *units])
    yield (
        step(
            "define_joint_kpi",
            OPDC,
            "2024-10-10",
            joint_id=joint,
            framework_id=FRAMEWORK,
            host_unit_id=host,
            thresholds=[],
            per_participant_targets=True,
            **_JOINT_MEASURE,
        ),
        False,
    )
    for unit_id in units:
        yield (
            step(
                "open_agreement",
                OPDC,
                "2024-10-15",
                unit_id=unit_id,
                fiscal_year=FY,
                framework_id=FRAMEWORK,
            ),
            False,
        )
    for k, unit_id in enumerate(units):
        yield from _proposals(unit_id, joint, k)
    for k, unit_id in enumerate(units):
        for kpi_id in _KPIS:
            decision: dict[str, Any] = {"outcome": "accepted"}
            if k == 1 and kpi_id == "A3":
                decision = {
                    "outcome": "amended",
                    "amendments": {"thresholds": ["65", "75", "85"]},
                    "minutes": "Area targets raised by five points.",
                }
            yield (
                _on(
                    unit_id,
                    "record_negotiation_decision",
                    COMMITTEE,
                    "2024-11-25",
                    kpi_id=kpi_id,
                    committee="Negotiation committee, provinces FY2568",
                    meeting_ref=f"N68-{tag}",
                    **decision,
                ),
                False,
            )
    for unit_id in units:
        yield _sign(unit_id), False
    yield from _changes(units, tag)
    for round_id, (shared, verified, filed, assessed, certified) in _ROUNDS.items():
        # Around the provinces' own targets (95 to 108), so their scores differ.
        value = f"{90 + _draw(seed, joint, round_id) % 251 / 10:.1f}"
        yield (
            step(
                "file_shared_result",
                assessed_unit(host),
                shared,
                joint_id=joint,
                round_id=round_id,
                actual=value,
                filed_at=at(shared),
            ),
            False,
        )
        yield (
            step(
                "verify_shared_result",
                EVALUATOR,
                verified,
                joint_id=joint,
                round_id=round_id,
                verified_actual=value,
            ),
            False,
        )
        kpis = _ROUND_KPIS[round_id]
        for unit_id in units:
            results = [{"kpi_id": k, "actual": _actual(seed, unit_id, k, round_id)} for k in kpis]
            yield (
                _on(
                    unit_id,
                    "file_sar",
                    assessed_unit(unit_id),
                    filed,
                    round_id=round_id,
                    filed_at=at(filed),
                    results=results,
                ),
                False,
            )
        for unit_id in units:
            verified_results = [
                {"kpi_id": k, "verified_actual": _actual(seed, unit_id, k, round_id)} for k in kpis
            ]
            yield (
                _on(
                    unit_id,
                    "record_assessment",
                    EVALUATOR,
                    assessed,
                    round_id=round_id,
                    assessments=verified_results,
                ),
                False,
            )
        for unit_id in units:
            yield _on(unit_id, "certify_scores", OPDC, certified, round_id=round_id), False


def _unit(unit_id: str, level: str, name_en: str) -> dict[str, Any]:
    return step(
        "register_unit",
        OPDC,
        "2024-10-01",
        unit_id=unit_id,
        name_th=f"หน่วย {unit_id}",
        name_en=name_en,
        level=level,
    )


def _proposals(unit_id: str, joint: str, k: int) -> Iterator[Item]:
    for kpi_id, (component, weight, code) in _KPIS.items():
        fields: dict[str, Any] = {
            "kpi_id": kpi_id,
            "weight": weight,
            "title_th": f"ตัวชี้วัด {kpi_id}",
            "title_en": f"Province KPI {kpi_id}",
            "component": component,
            "unit_of_measure": "% of target",
            "direction": "higher",
            "thresholds": ["60", "70", "80"],
        }
        if kpi_id == _JOINT_KPI:
            fields |= _JOINT_MEASURE | {"joint_id": joint, "thresholds": _targets(k)}
        if code:
            fields["mandatory_code"] = code
        actor = OPDC if code else assessed_unit(unit_id)
        yield _on(unit_id, "propose_kpi", actor, "2024-11-05", **fields), False


def _sign(unit_id: str) -> dict[str, Any]:
    return _on(
        unit_id,
        "sign_agreement",
        OPDC,
        "2024-12-10",
        signatories=[
            {"name": "เลขาธิการ ก.พ.ร.", "title": "Secretary-General, OPDC", "side": "assessor"},
            {"name": f"ผู้ว่าราชการจังหวัด {unit_id}", "title": "Governor", "side": "assessed"},
        ],
    )


def _changes(units: list[str], tag: str) -> Iterator[Item]:
    """A budget delay (reason 1.4) lowers one area KPI in the 6-month window; another
    province asks for a reason the framework does not list, which is refused."""
    request = f"CR-2568-{tag}-1"
    yield (
        _on(
            units[2],
            "request_change",
            assessed_unit(units[2]),
            "2025-02-03",
            request_id=request,
            kpi_id="A3",
            reason_code="1.4",
            justification="The area project's budget was released seven months late",
            proposal={"thresholds": ["50", "60", "70"]},
        ),
        False,
    )
    yield (
        _on(
            units[2],
            "decide_change",
            CHANGE_COMMITTEE,
            "2025-02-20",
            request_id=request,
            outcome="approved",
            body="KPI change-request committee",
            meeting_ref=f"CR68-{tag}",
            rationale="Budget delay confirmed by the Budget Bureau",
        ),
        False,
    )
    yield (
        _on(
            units[3],
            "request_change",
            assessed_unit(units[3]),
            "2025-02-05",
            request_id=f"CR-2568-{tag}-2",
            kpi_id="A3",
            reason_code="workload",
            justification="The provincial office is short of staff",
            proposal={"thresholds": ["40", "50", "60"]},
        ),
        True,
    )
