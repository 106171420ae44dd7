"""The demo year: FY2557 for the Andaman province group, as the commands a user would send.

Units, KPI names and the framework's weights come from seed 000. Every target, threshold and
result below is ILLUSTRATIVE: the seed names the KPIs but gives no numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from commands.demo.common import (
    APPEAL_BODY,
    COMMITTEE,
    EVALUATOR,
    FRAMEWORK,
    FY,
    NOTE,
    OPDC,
    assessed_unit,
    at,
    change_decision,
    change_request,
    evidence,
    ref,
)
from commands.demo.shared_year import (
    JOINED,
    cascade_change,
    define_joint,
    host_unit,
    joined_kpi,
    shared_result,
    verify_shared,
)

__all__ = ["GROUP", "PROVINCES", "REFUSED_ON_PURPOSE", "andaman_commands"]

GROUP = ("GRP-ANDAMAN", "กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน", "Andaman province group")
PROVINCES = (
    ("TH-81", "จังหวัดกระบี่", "Krabi"),
    ("TH-92", "จังหวัดตรัง", "Trang"),
    ("TH-82", "จังหวัดพังงา", "Phang Nga"),
    ("TH-83", "จังหวัดภูเก็ต", "Phuket"),
    ("TH-85", "จังหวัดระนอง", "Ranong"),
)

COMMITTEE_NAME = "คณะกรรมการเจรจาข้อตกลงและประเมินผลกลุ่มจังหวัดและจังหวัด"

# The change season refuses three attempts on purpose (after signing, after the window, and
# rule 1); each is recorded as an attempt and shown by `ledger audit`.
REFUSED_ON_PURPOSE = 3
# Phang Nga's forest-restoration KPI is cancelled in the first change round.
CANCELLED = {("TH-82", "P3")}
# Trang's rubber yield: the evaluator first verified a lower figure; the appeal restores it.
VERIFIED_OVERRIDES = {("TH-92", "P1"): "258"}

# kind: (title_th, title_en, unit, direction, thresholds T1..T5)
KINDS: dict[str, tuple[str, str, str, str, tuple[str, ...]]] = {
    "tourism": (
        "รายได้จากการท่องเที่ยว",
        "Tourism revenue",
        "million baht",
        "higher",
        ("92", "94", "96", "98", "100"),
    ),
    "agri": (
        "มูลค่าผลผลิตทางการเกษตรสำคัญ (ยางพารา ปาล์มน้ำมัน)",
        "Value of key agricultural output (rubber, oil palm)",
        "% of FY2556 value",
        "higher",
        ("96", "98", "100", "102", "104"),
    ),
    "yield_palm": (
        "ผลผลิตการเกษตรเฉลี่ยต่อหน่วยการผลิต (ปาล์มน้ำมัน)",
        "Yield per rai (oil palm)",
        "kg/rai",
        "higher",
        ("2800", "2900", "3000", "3100", "3200"),
    ),
    "yield_rubber": (
        "ผลผลิตการเกษตรเฉลี่ยต่อหน่วยการผลิต (ยางพารา)",
        "Yield per rai (rubber)",
        "kg/rai",
        "higher",
        ("250", "260", "270", "280", "290"),
    ),
    "crime": (
        "การป้องกันและปราบปรามคดีอาชญากรรม",
        "Crime prevention and suppression",
        "reported crimes per 100,000 people",
        "lower",
        ("120", "110", "100", "90", "80"),
    ),
    "crime_tourism": (
        "การป้องกันและปราบปรามคดีอาชญากรรม (ด้านการท่องเที่ยว)",
        "Crime prevention (tourism)",
        "crimes against tourists per 100,000 visitors",
        "lower",
        ("12", "11", "10", "9", "8"),
    ),
    "drugs": (
        "การป้องกันและปราบปรามยาเสพติด",
        "Drug prevention and suppression",
        "% of drug cases resolved",
        "higher",
        ("70", "75", "80", "85", "90"),
    ),
    "investment": (
        "มูลค่าการลงทุนด้านอุตสาหกรรม",
        "Value of industrial investment",
        "million baht",
        "higher",
        ("1800", "1900", "2000", "2100", "2200"),
    ),
    "gap": (
        "สัดส่วนแปลง/ฟาร์มที่ได้รับใบรับรองมาตรฐาน GAP ต่อแปลง/ฟาร์มที่ได้รับการตรวจ",
        "Share of inspected plots/farms GAP-certified",
        "%",
        "higher",
        ("60", "65", "70", "75", "80"),
    ),
    "forest": (
        "จำนวนพื้นที่ป่าเสื่อมโทรมที่ได้รับการฟื้นฟู",
        "Area of degraded forest restored",
        "rai",
        "higher",
        ("800", "900", "1000", "1100", "1200"),
    ),
    "border": (
        "มูลค่าการค้าชายแดน",
        "Border-trade value",
        "million baht",
        "higher",
        ("9000", "9500", "10000", "10500", "11000"),
    ),
}

# Province strategy KPIs (component 1.2, weight 15 each) and 12-month results (verified).
PROVINCE_KPIS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "TH-81": (("P1", "yield_palm", "3050"), ("P2", "tourism", "99.2"), ("P3", "crime", "104")),
    "TH-92": (("P1", "yield_rubber", "266"), ("P2", "investment", "2040"), ("P3", "drugs", "83.5")),
    "TH-82": (("P1", "gap", "72.4"), ("P2", "tourism", "97.1"), ("P3", "forest", "1150")),
    "TH-83": (("P1", "tourism", "101.3"), ("P2", "crime_tourism", "9.4"), ("P3", "drugs", "78")),
    "TH-85": (("P1", "gap", "66.2"), ("P2", "border", "10320"), ("P3", "drugs", "86.4")),
}
GROUP_RESULTS = {"G1": "97.6", "G2": "100.8"}

# Mandatory KPIs (components 2-6): (code, unit, direction, thresholds) and a result per unit index.
MANDATORY = (
    ("2", "% satisfied", "higher", ("70", "75", "80", "85", "90")),
    ("3", "% of budget disbursed", "higher", ("88", "90", "92", "94", "96")),
    ("4", "% energy saved", "higher", ("6", "8", "10", "12", "14")),
    ("5", "level of success", "milestone", ()),
    ("6", "level of success", "milestone", ()),
)
MANDATORY_RESULTS = (
    ("86.2", "93.5", "11.0", "4.5", "5"),
    ("82.0", "95.1", "9.2", "4", "4.5"),
    ("88.4", "91.0", "12.6", "5", "4"),
    ("79.5", "96.4", "10.4", "4.5", "5"),
    ("84.1", "89.7", "8.8", "3.5", "4"),
    ("85.0", "94.0", "10.0", "4", "4"),
)
MONITORS = (("M1", "million baht"), ("M2", "points"), ("M3", "baht per worker"))
MONITOR_RESULTS = ("98500", "39.7", "215000")


def _kpi(
    unit_id: str, kpi_id: str, kind: str, component: str, weight: str, **extra: Any
) -> dict[str, Any]:
    title_th, title_en, unit, direction, thresholds = KINDS[kind]
    return {
        "type": "propose_kpi",
        "actor": assessed_unit(unit_id),
        "effective_at": at("2014-03-21"),
        "agreement": ref(unit_id),
        "kpi_id": kpi_id,
        "title_th": title_th,
        "title_en": title_en,
        "component": component,
        "unit_of_measure": unit,
        "direction": direction,
        "weight": weight,
        "thresholds": list(thresholds),
        **extra,
    }


def _mandatory(unit_id: str, titles: dict[str, tuple[str, str, str]]) -> Iterator[dict[str, Any]]:
    for code, unit, direction, thresholds in MANDATORY:
        title_th, title_en, weight = titles[code]
        yield {
            "type": "propose_kpi",
            "actor": OPDC,
            "effective_at": at("2014-03-11"),
            "agreement": ref(unit_id),
            "kpi_id": f"K{code}",
            "title_th": title_th,
            "title_en": title_en,
            "component": code,
            "unit_of_measure": unit,
            "direction": direction,
            "weight": weight,
            "thresholds": list(thresholds),
            "mandatory_code": code,
        }


def andaman_commands(titles: dict[str, tuple[str, str, str]]) -> Iterator[dict[str, Any]]:
    """The year's commands in order. ``titles`` maps mandatory codes to (th, en, weight)."""
    group_id, group_th, group_en = GROUP
    yield {
        "type": "register_unit",
        "actor": OPDC,
        "effective_at": at("2014-03-01"),
        "unit_id": group_id,
        "name_th": group_th,
        "name_en": group_en,
        "level": "province_group",
    }
    for unit_id, name_th, name_en in PROVINCES:
        yield {
            "type": "register_unit",
            "actor": OPDC,
            "effective_at": at("2014-03-01"),
            "unit_id": unit_id,
            "name_th": name_th,
            "name_en": name_en,
            "level": "province",
            "parent_id": group_id,
        }
    yield host_unit()
    yield {
        "type": "cancel_round",
        "actor": OPDC,
        "effective_at": at("2014-03-11"),
        "framework_id": FRAMEWORK,
        "round_id": "6m",
        "reason": "Seed 000: the FY2557 6-month SAR is cancelled (uncontrollable external factors)",
    }
    units = (group_id, *(p[0] for p in PROVINCES))
    for unit_id in units:
        yield {
            "type": "open_agreement",
            "actor": OPDC,
            "effective_at": at("2014-03-11"),
            "unit_id": unit_id,
            "fiscal_year": FY,
            "framework_id": FRAMEWORK,
        }
    yield define_joint()
    yield from _drafts(group_id, titles)
    yield from _negotiation(units)
    for unit_id in units:
        yield {
            "type": "sign_agreement",
            "actor": OPDC,
            "effective_at": at("2014-04-25"),
            "agreement": ref(unit_id),
            "signatories": [
                {"name": "เลขาธิการ ก.พ.ร.", "title": "Secretary-General, OPDC", "side": "assessor"},
                {
                    "name": f"ผู้ว่าราชการ{_name_th(unit_id)}",
                    "title": f"Head of {_name_en(unit_id)}",
                    "side": "assessed",
                },
            ],
        }
    yield from _first_change_round()
    yield from _reports(units)
    yield from _appeal()


def _name_th(unit_id: str) -> str:
    return next((n for u, n, _ in (*PROVINCES, GROUP) if u == unit_id), unit_id)


def _name_en(unit_id: str) -> str:
    return next((n for u, _, n in (*PROVINCES, GROUP) if u == unit_id), unit_id)


def _drafts(group_id: str, titles: dict[str, tuple[str, str, str]]) -> Iterator[dict[str, Any]]:
    yield _kpi(group_id, "G1", "tourism", "1.1", "30")
    yield _kpi(group_id, "G2", "agri", "1.1", "30")
    yield from _mandatory(group_id, titles)
    for unit_id, _, _ in PROVINCES:
        for kpi_id, kind in (("G1", "tourism"), ("G2", "agri")):
            yield _kpi(
                unit_id,
                kpi_id,
                kind,
                "1.1",
                "7.5",
                joint_host=group_id,
                cascaded_from=f"{ref(group_id)}#{kpi_id}",
            )
        for kpi_id, kind, _ in PROVINCE_KPIS[unit_id]:
            if (unit_id, kpi_id) in JOINED:
                yield joined_kpi(unit_id, kpi_id, "15")
            else:
                yield _kpi(unit_id, kpi_id, kind, "1.2", "15")
        yield from _mandatory(unit_id, titles)
        for code, unit in MONITORS:
            th, en, _ = titles[code]
            yield {
                "type": "propose_kpi",
                "actor": OPDC,
                "effective_at": at("2014-03-11"),
                "agreement": ref(unit_id),
                "kpi_id": code,
                "title_th": th,
                "title_en": en,
                "component": "1.2",
                "unit_of_measure": unit,
                "direction": "higher",
                "weight": "0",
                "monitor": True,
                "mandatory_code": code,
            }
    # Krabi proposes a sixth effectiveness KPI; the committee rejects it (limit of five).
    yield _kpi("TH-81", "P4", "drugs", "1.2", "5")


def _negotiation(units: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for unit_id in units:
        kpi_ids = ["G1", "G2", "K2", "K3", "K4", "K5", "K6"]
        if unit_id != units[0]:
            kpi_ids += ["P1", "P2", "P3", "M1", "M2", "M3"]
        for kpi_id in kpi_ids:
            decision: dict[str, Any] = {"outcome": "accepted"}
            if unit_id == "TH-83" and kpi_id == "P2":
                decision = {
                    "outcome": "amended",
                    "amendments": {"thresholds": ["11", "10", "9", "8", "7"]},
                    "minutes": "Phuket already does better on crimes against tourists; "
                    "thresholds tightened by one.",
                }
            yield {
                "type": "record_negotiation_decision",
                "actor": COMMITTEE,
                "effective_at": at("2014-04-08"),
                "agreement": ref(unit_id),
                "kpi_id": kpi_id,
                "committee": COMMITTEE_NAME,
                "meeting_ref": "2/2557",
                **decision,
            }
    yield {
        "type": "record_negotiation_decision",
        "actor": COMMITTEE,
        "effective_at": at("2014-04-08"),
        "agreement": ref("TH-81"),
        "kpi_id": "P4",
        "outcome": "rejected",
        "committee": COMMITTEE_NAME,
        "meeting_ref": "2/2557",
        "minutes": "At most five effectiveness KPIs (seed 000).",
    }


def _results(unit_index: int, unit_id: str, scale: str) -> list[tuple[str, str]]:
    """(kpi_id, value) pairs; the 9-month values are the 12-month ones scaled down."""
    values = [("G1", GROUP_RESULTS["G1"]), ("G2", GROUP_RESULTS["G2"])]
    if unit_index:
        values += [(k, v) for k, _, v in PROVINCE_KPIS[unit_id]]
    values += [
        (f"K{code}", v)
        for (code, *_), v in zip(MANDATORY, MANDATORY_RESULTS[unit_index], strict=True)
    ]
    if unit_index:
        values += [
            (code, value) for (code, _), value in zip(MONITORS, MONITOR_RESULTS, strict=True)
        ]
    if scale == "9m":
        values = [(k, v) for k, v in values if k.startswith(("G", "P"))]
    # Cancelled KPIs report nothing; joined ones are reported once, by the host.
    return [(k, v) for k, v in values if (unit_id, k) not in CANCELLED | JOINED]


def _sar(
    index: int, unit_id: str, round_id: str, filed: str, channel: str = "e-sar"
) -> dict[str, Any]:
    results = [{"kpi_id": k, "actual": v} for k, v in _results(index, unit_id, round_id)]
    return {
        "type": "file_sar",
        "actor": assessed_unit(unit_id),
        "effective_at": at(filed),
        "agreement": ref(unit_id),
        "round_id": round_id,
        "results": results,
        "narrative": f"{round_id} self-assessment ({channel}); {NOTE}",
        "filed_at": at(filed),
        "channel": channel,
        "evidence": evidence(f"sar-{round_id}-{unit_id}-{channel}.pdf"),
    }


def _request(
    unit_id: str, request_id: str, kpi_id: str, on: str, reason: str, why: str, **extra: Any
) -> dict[str, Any]:
    justification = f"{why} ({NOTE})"
    return change_request(
        ref(unit_id), unit_id, request_id, kpi_id, on, reason, justification, **extra
    )


def _decision(
    unit_id: str, request_id: str, on: str, outcome: str, rationale: str, **extra: Any
) -> dict[str, Any]:
    body = "คณะกรรมการพิจารณาคำขอเปลี่ยนแปลงตัวชี้วัด (change-request committee)"
    return change_decision(
        ref(unit_id), request_id, on, outcome, body, f"CR-{on}", rationale, **extra
    )


def _first_change_round() -> Iterator[dict[str, Any]]:
    """Round 1 (closes 30 Apr 2014): a flood, a budget cut, and a KPI added too late."""
    yield _request(
        "TH-81",
        "CR-2557-01",
        "P1",
        "2014-04-28",
        "external",
        "Floods in the south (Dec 2013 - Jan 2014) damaged oil-palm plantations in Krabi",
        proposal={"thresholds": ["2600", "2700", "2800", "2900", "3000"]},
    )
    yield _decision(
        "TH-81",
        "CR-2557-01",
        "2014-04-30",
        "approved_with_amendments",
        "Flood damage confirmed by the provincial agriculture office; thresholds lowered by "
        "100 kg/rai, not the 200 requested. No result had been reported yet.",
        amendments={"thresholds": ["2700", "2800", "2900", "3000", "3100"]},
    )
    yield _request(
        "TH-82",
        "CR-2557-02",
        "P3",
        "2014-04-29",
        "budget",
        "The forest-restoration budget was not allocated and cannot be transferred",
        kind="cancel",
    )
    yield _decision(
        "TH-82",
        "CR-2557-02",
        "2014-04-30",
        "approved",
        "Budget not allocated (Bureau of the Budget letter); KPI cancelled, its weight moves "
        "to the province's other strategy KPIs in proportion.",
    )
    yield from cascade_change()
    yield _kpi("TH-81", "P5", "drugs", "1.2", "5", effective_at=at("2014-05-02"))


def _second_change_round() -> Iterator[dict[str, Any]]:
    """Final round (closes 31 Oct 2014): a target lowered onto a known result, and a late one."""
    yield _request(
        "TH-83",
        "CR-2557-03",
        "P3",
        "2014-08-15",
        "external",
        "A new synthetic drug spread from neighbouring provinces",
        proposal={"thresholds": ["66", "72", "78", "84", "90"]},
    )
    # The 9-month SAR already reported 78: the new target (T3) is exactly that result.
    yield _decision(
        "TH-83",
        "CR-2557-03",
        "2014-08-29",
        "approved",
        "Approved as requested.",
    )
    yield _decision(
        "TH-83",
        "CR-2557-03",
        "2014-09-05",
        "rejected",
        "Rule 1: the proposed target equals the result already reported at 9 months.",
    )


def _late_requests() -> Iterator[dict[str, Any]]:
    yield _request(
        "TH-92",
        "CR-2557-04",
        "P2",
        "2014-11-10",
        "budget",
        "Industrial-estate budget was cut in the final quarter",
        proposal={"thresholds": ["1700", "1800", "1900", "2000", "2100"]},
    )


def _reports(units: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    yield shared_result("9m")
    for index, unit_id in enumerate(units):
        yield _sar(index, unit_id, "9m", "2014-07-25")
    yield from _second_change_round()
    yield shared_result("12m")
    for index, unit_id in enumerate(units):
        yield _sar(index, unit_id, "12m", "2014-10-28")
    # Ranong's paper SAR reaches OPDC on Wednesday 5 Nov 2014: three working days late.
    yield _sar(units.index("TH-85"), "TH-85", "12m", "2014-11-05", channel="paper")
    yield from _late_requests()
    yield verify_shared()
    for index, unit_id in enumerate(units):
        assessed = [
            {
                "kpi_id": k,
                "verified_actual": VERIFIED_OVERRIDES.get((unit_id, k), v),
                "notes": "verified against evidence",
            }
            for k, v in _results(index, unit_id, "12m")
        ]
        yield {
            "type": "record_assessment",
            "actor": EVALUATOR,
            "effective_at": at("2014-11-25"),
            "agreement": ref(unit_id),
            "round_id": "12m",
            "assessments": assessed,
        }
    for unit_id in units:
        yield {
            "type": "certify_scores",
            "actor": OPDC,
            "effective_at": at("2015-03-20"),
            "agreement": ref(unit_id),
            "round_id": "12m",
        }


def _appeal() -> Iterator[dict[str, Any]]:
    """Trang appeals its rubber-yield score; the appeal is upheld and the round re-certified."""
    appealed = ref("TH-92")
    yield {
        "type": "request_appeal",
        "actor": assessed_unit("TH-92"),
        "effective_at": at("2015-03-27"),
        "agreement": appealed,
        "appeal_id": "AP-2557-01",
        "round_id": "12m",
        "kpi_id": "P1",
        "claim": "The Rubber Authority of Thailand has confirmed 266 kg/rai; the evaluator "
        "used an unconfirmed provincial estimate of 258",
        "evidence": evidence("rubber-authority-letter.pdf"),
    }
    yield {
        "type": "decide_appeal",
        "actor": APPEAL_BODY,
        "effective_at": at("2015-04-10"),
        "agreement": appealed,
        "appeal_id": "AP-2557-01",
        "outcome": "upheld",
        "body": "คณะอนุกรรมการพิจารณาอุทธรณ์ผลการประเมิน (appeals sub-committee)",
        "rationale": "The confirmed figure is 266 kg/rai; the score follows the signed criteria.",
    }
    yield {
        "type": "adjust_score",
        "actor": APPEAL_BODY,
        "effective_at": at("2015-04-10"),
        "agreement": appealed,
        "appeal_id": "AP-2557-01",
        "new_score": "2.6",
        "reason": "266 kg/rai scores 2.6000 under thresholds 250/260/270/280/290",
        "authority": "คณะอนุกรรมการพิจารณาอุทธรณ์ผลการประเมิน",
    }
    yield {
        "type": "certify_scores",
        "actor": OPDC,
        "effective_at": at("2015-04-17"),
        "agreement": appealed,
        "round_id": "12m",
    }
