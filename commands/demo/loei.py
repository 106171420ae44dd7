"""The Loei demo year: FY2568 for Loei province (จังหวัดเลย) and two neighbours in its
province group, under OPDC's draft province framework circulated by Loei (seed 004).

Performance Base 70 / Potential Base 30. Loei carries three Joint KPIs by agenda (tourism
revenue, joined with Nong Bua Lam Phu and Nong Khai and hosted by the Office of the Permanent
Secretary, Ministry of Tourism and Sports, each province with its own targets; SME and OTOP
revenue; PM2.5), the Interior agenda KPI (weight 10, as the framework fixes), two area KPIs,
and OPDC's three Potential-Base KPIs (PMQA 4.0, digital government, ITA satisfaction).
Three-level targets score 50 / 75 / 100 points. The 6-month round scores the Performance
Base, the 12-month round both bases; they feed the governor's two evaluation rounds
(`ledger governor`). The host files the shared tourism result once a round and the
evaluator verifies it once.

In the 6-month window the oversight committee lowers Loei's poverty targets (reason 1.4:
the project's budget was not allocated) and turns down a change asked for internal reasons.
In June OPDC's early warning reads the 6-month results: by March Loei has used 28 of its 35
allowed PM2.5 days and lifted 430 of 950 poor households. The households catch up; the
PM2.5 days end the year at 38, still off track in `ledger warnings`. In July the committee's
approval of lower debt-mediation targets would set them below a result already verified
(rule 1): refused and kept; in August Nong Bua Lam Phu asks after the last window closed:
refused and kept.

Every target, threshold and result is ILLUSTRATIVE (seed 004 gives none).
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
from commands.demo.loei_changes import REFUSED_ON_PURPOSE, WHAT_IF, first_window, second_window
from commands.demo.loei_kpis import (
    FRAMEWORK,
    FY,
    GROUP,
    HOST,
    JOINT_ID,
    JOINT_MEASURE,
    JOINT_TARGETS,
    JOINT_WEIGHT,
    KPIS,
    LOEI_ANSWER,
    MANDATORY,
    NARRATIVE,
    NOTE,
    PROVINCES,
    RESULTS,
    ROUND_DATES,
    SHARED,
    VERIFIED,
    ref,
)
from ledger.frameworks.model import Framework

__all__ = [
    "FRAMEWORK",
    "FY",
    "HOST",
    "OVERSIGHT",
    "PROVINCES",
    "REFUSED_ON_PURPOSE",
    "WHAT_IF",
    "loei_commands",
    "ref",
]

OVERSIGHT = "คณะกรรมการกำกับการประเมินผลการปฏิบัติราชการของจังหวัด"


def _on(unit_id: str, kind: str, actor: dict[str, Any], date: str, **fields: Any) -> dict[str, Any]:
    return line(kind, actor, date, agreement=ref(unit_id), **fields)


def _units() -> Iterator[dict[str, Any]]:
    """The group (parent of the three provinces), the provinces, and the joint KPI's host."""
    group_id = GROUP[0]
    units = [
        (GROUP, "province_group", None),
        *((province, "province", group_id) for province in PROVINCES),
        (HOST, "department", None),
    ]
    for (unit_id, name_th, name_en), level, parent in units:
        yield line(
            "register_unit",
            OPDC,
            "2024-10-01",
            unit_id=unit_id,
            name_th=name_th,
            name_en=name_en,
            level=level,
            **({"parent_id": parent} if parent else {}),
        )


def _mandatory(framework: Framework, unit_id: str) -> Iterator[dict[str, Any]]:
    """OPDC proposes the three Potential-Base KPIs, at the weights the framework fixes."""
    for m in framework.mandatory_kpis:
        kpi_id, unit, thresholds = MANDATORY[m.code]
        yield _on(
            unit_id,
            "propose_kpi",
            OPDC,
            "2024-10-10",
            kpi_id=kpi_id,
            title_th=m.title_th,
            title_en=m.title_en,
            component=m.component,
            unit_of_measure=unit,
            direction="higher",
            weight=str(m.weight),
            thresholds=list(thresholds),
            mandatory_code=m.code,
        )


def _own(unit_id: str) -> Iterator[dict[str, Any]]:
    """The province's office proposes its Performance-Base KPIs, joining the joint tourism
    KPI with targets of its own."""
    office = assessed_unit(unit_id)
    yield _on(
        unit_id,
        "propose_kpi",
        office,
        "2024-10-18",
        kpi_id="J1",
        weight=JOINT_WEIGHT,
        thresholds=list(JOINT_TARGETS[unit_id]),
        joint_id=JOINT_ID,
        **JOINT_MEASURE,
    )
    for kpi_id, (th, en, component, unit, direction, weight, thresholds) in KPIS[unit_id].items():
        yield _on(
            unit_id,
            "propose_kpi",
            office,
            "2024-10-18",
            kpi_id=kpi_id,
            title_th=th,
            title_en=en,
            component=component,
            unit_of_measure=unit,
            direction=direction,
            weight=weight,
            thresholds=list(thresholds),
        )


def _negotiation(unit_id: str) -> Iterator[dict[str, Any]]:
    for kpi_id in ("P1", "P2", "P3", "J1", *KPIS[unit_id]):
        decision: dict[str, Any] = {"outcome": "accepted"}
        if (unit_id, kpi_id) == ("TH-42", "R1"):
            decision = {
                "outcome": "amended",
                "amendments": {"thresholds": ["101", "104", "107"]},
                "minutes": "Border trade through Loei grew 6% in FY2567; every level raised by "
                f"one point. {NOTE}.",
            }
        yield _on(
            unit_id,
            "record_negotiation_decision",
            COMMITTEE,
            "2024-11-14",
            kpi_id=kpi_id,
            committee=f"{OVERSIGHT} (negotiation of KPIs and targets)",
            meeting_ref="1/2568",
            **decision,
        )


def _sign(unit_id: str, name_th: str, name_en: str) -> dict[str, Any]:
    return _on(
        unit_id,
        "sign_agreement",
        OPDC,
        "2024-11-29",
        signatories=[
            {
                "name": "ปลัดกระทรวงมหาดไทย",
                "title": "Permanent Secretary for the Interior (the Ministry of Interior sets "
                "and follows the provinces' KPIs, seed 004)",
                "side": "assessor",
            },
            {"name": f"ผู้ว่าราชการ{name_th}", "title": f"Governor of {name_en}", "side": "assessed"},
        ],
    )


def _round(round_id: str) -> Iterator[dict[str, Any]]:
    """The host files the shared result once; each province files its own; the evaluator
    verifies the shared result once and assesses each province; OPDC certifies."""
    shared, filed, verified, assessed, certified = ROUND_DATES[round_id]
    host = HOST[0]
    value, checked = SHARED[round_id]
    yield line(
        "file_shared_result",
        assessed_unit(host),
        shared,
        joint_id=JOINT_ID,
        round_id=round_id,
        actual=value,
        narrative=f"{round_id} tourism revenue of Loei, Nong Bua Lam Phu and Nong Khai; {NOTE}",
        filed_at=at(shared),
        evidence=evidence(f"mots-tourism-{round_id}.pdf"),
    )
    for unit_id, _, _ in PROVINCES:
        results = RESULTS[(unit_id, round_id)]
        narrative = f"{NARRATIVE[round_id]}; {NOTE}"
        files = evidence(f"e-sar-{round_id}-{unit_id}.pdf")
        if (unit_id, round_id) == ("TH-42", "12m"):
            narrative = f"{LOEI_ANSWER}. {narrative}"
            files += evidence("pm25-days-loei-fy2568.pdf")
        yield _on(
            unit_id,
            "file_sar",
            assessed_unit(unit_id),
            filed,
            round_id=round_id,
            results=[{"kpi_id": k, "actual": v} for k, v in results.items()],
            narrative=narrative,
            filed_at=at(filed),
            evidence=files,
        )
    yield line(
        "verify_shared_result",
        EVALUATOR,
        verified,
        joint_id=JOINT_ID,
        round_id=round_id,
        verified_actual=checked,
        notes="verified once for all three provinces against the Ministry's statistics",
    )
    for unit_id, _, _ in PROVINCES:
        assessments = []
        for kpi_id, actual in RESULTS[(unit_id, round_id)].items():
            value, notes = VERIFIED.get((unit_id, round_id, kpi_id), (actual, "as filed"))
            assessments.append({"kpi_id": kpi_id, "verified_actual": value, "notes": notes})
        yield _on(
            unit_id,
            "record_assessment",
            EVALUATOR,
            assessed,
            round_id=round_id,
            assessments=assessments,
        )
    for unit_id, _, _ in PROVINCES:
        yield _on(unit_id, "certify_scores", OPDC, certified, round_id=round_id)


def loei_commands(framework: Framework) -> Iterator[dict[str, Any]]:
    """The year's commands in order, the unit registrations first."""
    yield from _units()
    yield line(
        "define_joint_kpi",
        OPDC,
        "2024-10-03",
        joint_id=JOINT_ID,
        framework_id=FRAMEWORK,
        host_unit_id=HOST[0],
        per_participant_targets=True,
        **JOINT_MEASURE,
    )
    for unit_id, _, _ in PROVINCES:
        yield line(
            "open_agreement",
            OPDC,
            "2024-10-03",
            unit_id=unit_id,
            fiscal_year=FY,
            framework_id=FRAMEWORK,
        )
    for unit_id, _, _ in PROVINCES:
        yield from _mandatory(framework, unit_id)
    for unit_id, _, _ in PROVINCES:
        yield from _own(unit_id)
    for unit_id, _, _ in PROVINCES:
        yield from _negotiation(unit_id)
    for unit_id, name_th, name_en in PROVINCES:
        yield _sign(unit_id, name_th, name_en)
    yield from first_window()
    yield from _round("6m")
    yield from second_window()
    yield from _round("12m")
