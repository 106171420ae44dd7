"""What the demo year shares across agreements: a joint KPI hosted outside the group, and a
cascade whose parent moves.

The Tourism Authority of Thailand (TAT) hosts a joint tourism-revenue KPI under the FY2557
province framework but has no agreement of its own. Krabi, Phang Nga and Phuket join it in
place of their own tourism KPI (same KPI id and weight, so weights still total 100); TAT's
office files the one result per round, the evaluator verifies it once, and every
participant's scores use it. The provinces no longer file or assess it themselves.

The provinces' agricultural-output KPI (G2) cascades from the group's. Floods lower the
group's thresholds in the first change round, decided with a what-if shown to the committee;
Krabi follows in step, Phuket's committee keeps its thresholds with a recorded reason, and
Trang, Phang Nga and Ranong are left drifting (`ledger warnings`, `ledger cascade`).
Every number is ILLUSTRATIVE.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from commands.demo.common import (
    CHANGE_COMMITTEE,
    EVALUATOR,
    FRAMEWORK,
    NOTE,
    OPDC,
    assessed_unit,
    at,
    change_decision,
    change_request,
    evidence,
    ref,
)

__all__ = [
    "HOST",
    "JOINED",
    "JOINT_ID",
    "WHAT_IF_SHOWN",
    "cascade_change",
    "define_joint",
    "host_unit",
    "joined_kpi",
    "shared_result",
    "verify_shared",
]

HOST = ("TAT", "การท่องเที่ยวแห่งประเทศไทย", "Tourism Authority of Thailand")
JOINT_ID = "J-2557-TOURISM"
# (province, KPI id): the tourism KPI each province carries (DOMAIN.md section 7), joined.
JOINED = frozenset({("TH-81", "P2"), ("TH-82", "P2"), ("TH-83", "P1")})
# One measure for every participant (the framework's joint targets are shared, not per
# participant): titles, component, unit, direction and thresholds.
_MEASURE: dict[str, Any] = {
    "title_th": "รายได้จากการท่องเที่ยว",
    "title_en": "Tourism revenue",
    "component": "1.2",
    "unit_of_measure": "% of FY2556 tourism revenue",
    "direction": "higher",
    "thresholds": ["100", "103", "106", "109", "112"],
}
# The host's result per round (filed) and the evaluator's verified 12-month value.
_SHARED = {"9m": ("2014-07-18", "104.2"), "12m": ("2014-10-17", "107.9")}
_VERIFIED = "107.4"

_GROUP_G2 = "GRP-ANDAMAN"
_PARENT_REQUEST = "CR-2557-05"
# (agreement, request id) of the decision the committee takes with a what-if in front of
# it: the demo's recorder computes the what-if when it reaches that line (demo_cast.py).
WHAT_IF_SHOWN = frozenset({(ref(_GROUP_G2), _PARENT_REQUEST)})
_LOWERED = ["94", "96", "98", "100", "102"]


def host_unit() -> dict[str, Any]:
    """TAT as a unit (a department): it hosts the joint KPI and signs no agreement."""
    unit_id, name_th, name_en = HOST
    return {
        "type": "register_unit",
        "actor": OPDC,
        "effective_at": at("2014-03-01"),
        "unit_id": unit_id,
        "name_th": name_th,
        "name_en": name_en,
        "level": "department",
    }


def define_joint() -> dict[str, Any]:
    return {
        "type": "define_joint_kpi",
        "actor": OPDC,
        "effective_at": at("2014-03-11"),
        "joint_id": JOINT_ID,
        "framework_id": FRAMEWORK,
        "host_unit_id": HOST[0],
        **_MEASURE,
    }


def joined_kpi(unit_id: str, kpi_id: str, weight: str) -> dict[str, Any]:
    """A province's proposal joining the joint KPI under its own KPI id and weight."""
    return {
        "type": "propose_kpi",
        "actor": assessed_unit(unit_id),
        "effective_at": at("2014-03-21"),
        "agreement": ref(unit_id),
        "kpi_id": kpi_id,
        "weight": weight,
        "joint_id": JOINT_ID,
        **_MEASURE,
    }


def shared_result(round_id: str) -> dict[str, Any]:
    """TAT's office files the round's one result, before the participants' SARs."""
    filed, actual = _SHARED[round_id]
    return {
        "type": "file_shared_result",
        "actor": assessed_unit(HOST[0]),
        "effective_at": at(filed),
        "joint_id": JOINT_ID,
        "round_id": round_id,
        "actual": actual,
        "narrative": f"{round_id} tourism revenue, Andaman provinces (TAT); {NOTE}",
        "filed_at": at(filed),
        "evidence": evidence(f"tat-tourism-{round_id}.pdf"),
    }


def verify_shared() -> dict[str, Any]:
    """The evaluator verifies the 12-month shared result once, for every participant."""
    return {
        "type": "verify_shared_result",
        "actor": EVALUATOR,
        "effective_at": at("2014-11-20"),
        "joint_id": JOINT_ID,
        "round_id": "12m",
        "verified_actual": _VERIFIED,
        "notes": "verified against the Department of Tourism's arrival statistics",
    }


def _change(unit_id: str, request_id: str, why: str, rationale: str) -> Iterator[dict[str, Any]]:
    agreement, justification = ref(unit_id), f"{why} ({NOTE})"
    proposal = {"thresholds": _LOWERED}
    yield change_request(
        agreement,
        unit_id,
        request_id,
        "G2",
        "2014-04-29",
        "external",
        justification,
        proposal=proposal,
    )
    body = "คณะกรรมการพิจารณาคำขอเปลี่ยนแปลงตัวชี้วัด (change-request committee)"
    yield change_decision(
        agreement, request_id, "2014-04-30", "approved", body, "CR-2014-04-30", rationale
    )


def cascade_change() -> Iterator[dict[str, Any]]:
    """The group's G2 thresholds lowered (first change round); Krabi follows in step,
    Phuket keeps its own; the other provinces' G2 are left drifting."""
    yield from _change(
        _GROUP_G2,
        _PARENT_REQUEST,
        "The Dec 2013 - Jan 2014 floods cut rubber and oil-palm output across the group",
        "Flood losses confirmed by the provincial agriculture offices; the committee saw the "
        "what-if (no result reported yet) before approving.",
    )
    yield from _change(
        "TH-81",
        "CR-2557-06",
        "Krabi's G2 follows the group's lowered thresholds",
        "Cascaded from the group's G2; changed in step with its parent.",
    )
    yield {
        "type": "keep_cascaded_kpi",
        "actor": CHANGE_COMMITTEE,
        "effective_at": at("2014-04-30"),
        "agreement": ref("TH-83"),
        "kpi_id": "G2",
        "body": "คณะกรรมการพิจารณาคำขอเปลี่ยนแปลงตัวชี้วัด (change-request committee)",
        "meeting_ref": "CR-2014-04-30",
        "reason": "Phuket's plantations were spared by the floods; its G2 keeps the "
        "thresholds it signed.",
    }
