"""The Loei year's data (FY2568, seed 004): its units, the joint tourism KPI, each province's
KPIs and their results per round.

Units and KPI names come from seed 004 (the Joint KPIs by agenda, the Interior agenda, Area
KPIs, and the three Potential-Base KPIs OPDC proposes). Every target, threshold, weight
beyond the framework's fixed ones, and result is ILLUSTRATIVE: the seed gives no numbers.
"""

from __future__ import annotations

from typing import Any

from commands.demo.scenario import Unit

__all__ = [
    "FRAMEWORK",
    "FY",
    "GROUP",
    "HOST",
    "JOINT_ID",
    "JOINT_MEASURE",
    "JOINT_TARGETS",
    "JOINT_WEIGHT",
    "KPIS",
    "LOEI_ANSWER",
    "MANDATORY",
    "NARRATIVE",
    "NOTE",
    "PROVINCES",
    "RESULTS",
    "ROUND_DATES",
    "SHARED",
    "VERIFIED",
    "Kpi",
    "ref",
]

FY = 2568
FRAMEWORK = "fy2568-provinces"
NOTE = "ILLUSTRATIVE figures (demo); units, KPI names and calendar from seed 004"

# Loei, Nong Bua Lam Phu and Nong Khai are in one province group; its other members (Udon
# Thani, Bueng Kan) have no agreement in this demo.
GROUP: Unit = (
    "GRP-NE-UPPER-1",
    "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1",
    "Upper Northeastern province group 1",
)
PROVINCES: tuple[Unit, ...] = (
    ("TH-42", "จังหวัดเลย", "Loei"),
    ("TH-39", "จังหวัดหนองบัวลำภู", "Nong Bua Lam Phu"),
    ("TH-43", "จังหวัดหนองคาย", "Nong Khai"),
)
# The joint tourism KPI's host files its one result per round and signs no agreement.
HOST: Unit = (
    "MOTS-OPS",
    "สำนักงานปลัดกระทรวงการท่องเที่ยวและกีฬา",
    "Office of the Permanent Secretary, Ministry of Tourism and Sports",
)
JOINT_ID = "J-2568-TOURISM-NE1"
# One measure for the three provinces; the framework lets each negotiate its own targets.
JOINT_MEASURE: dict[str, Any] = {
    "title_th": "รายได้จากการท่องเที่ยว (Joint KPI เลย หนองบัวลำภู หนองคาย)",
    "title_en": "Tourism revenue (joint KPI: Loei, Nong Bua Lam Phu, Nong Khai)",
    "component": "1.1",
    "unit_of_measure": "% of FY2567 revenue, same months",
    "direction": "higher",
}
JOINT_WEIGHT = "15"
# Basic / standard / advanced (50 / 75 / 100 points), per participant.
JOINT_TARGETS = {
    "TH-42": ("103", "106", "109"),
    "TH-39": ("101", "103", "105"),
    "TH-43": ("104", "107", "110"),
}
# The host's result per round: (filed, verified).
SHARED = {"6m": ("105.2", "105.2"), "12m": ("106.8", "106.4")}

# (title_th, title_en, component, unit of measure, direction, weight, thresholds)
Kpi = tuple[str, str, str, str, str, str, tuple[str, ...]]

_DEBT: Kpi = (
    "ร้อยละความสำเร็จของการไกล่เกลี่ยหนี้นอกระบบ (นโยบายเร่งด่วนกระทรวงมหาดไทย)",
    "Informal debt: registered cases mediated successfully (Interior agenda)",
    "1.2.1",
    "% of registered cases",
    "higher",
    "10",
    ("70", "80", "90"),
)

# Each province's own KPIs besides J1 (joined) and the three mandatory ones.
KPIS: dict[str, dict[str, Kpi]] = {
    "TH-42": {
        "A2": (
            "รายได้ของผู้ประกอบการ SMEs และ OTOP",
            "Revenue of SME and OTOP producers (agenda)",
            "1.1",
            "% of FY2567 revenue, same months",
            "higher",
            "10",
            ("102", "104", "106"),
        ),
        "A3": (
            "การลดปริมาณฝุ่นละออง PM2.5: จำนวนวันที่ค่า PM2.5 เกินมาตรฐาน",
            "PM2.5 reduction: days above the PM2.5 standard (agenda)",
            "1.1",
            "days above 37.5 µg/m³ since 1 Oct (cumulative)",
            "lower",
            "10",
            ("45", "35", "25"),
        ),
        "I1": _DEBT,
        "R1": (
            "มูลค่าการค้าชายแดนไทย-สปป.ลาว จังหวัดเลย",
            "Thai-Lao border trade value through Loei (area KPI)",
            "1.2.3",
            "% of FY2567 value, same months",
            "higher",
            "15",
            ("100", "103", "106"),
        ),
        "R2": (
            "จำนวนครัวเรือนยากจนเป้าหมาย (TPMAP) ที่พ้นเกณฑ์ความยากจน",
            "Target poor households (TPMAP) lifted out of poverty (pain point)",
            "1.2.3",
            "households (cumulative)",
            "higher",
            "10",
            ("1000", "1200", "1400"),
        ),
    },
    "TH-39": {
        "I1": _DEBT,
        "R1": (
            "ผลผลิตอ้อยเฉลี่ยต่อไร่",
            "Average sugarcane yield (area KPI)",
            "1.2.3",
            "tonnes per rai",
            "higher",
            "25",
            ("10", "11", "12"),
        ),
        "R2": (
            "ร้อยละของหมู่บ้านที่มีแหล่งน้ำเพื่อการเกษตรเพียงพอ",
            "Villages with enough water for farming (area KPI)",
            "1.2.3",
            "% of villages",
            "higher",
            "20",
            ("60", "70", "80"),
        ),
    },
    "TH-43": {
        "I1": _DEBT,
        "R1": (
            "มูลค่าการค้าชายแดน ด่านศุลกากรหนองคาย",
            "Border trade value through Nong Khai customs (area KPI)",
            "1.2.3",
            "% of FY2567 value, same months",
            "higher",
            "25",
            ("100", "104", "108"),
        ),
        "R2": (
            "ร้อยละของแปลงเกษตรที่ได้รับการรับรองมาตรฐาน GAP",
            "Farm plots GAP-certified (area KPI)",
            "1.2.3",
            "% of inspected plots",
            "higher",
            "20",
            ("60", "70", "80"),
        ),
    },
}

# OPDC's three Potential-Base KPIs by mandatory code: KPI id, unit of measure, thresholds.
MANDATORY: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "2.1": ("P1", "PMQA 4.0 score (of 500)", ("300", "350", "400")),
    "2.2": ("P2", "DG readiness score (of 100)", ("60", "70", "80")),
    "2.3": ("P3", "ITA EIT score (of 100)", ("80", "85", "90")),
}

# Results per province and round as filed: Performance Base at 6 months, both bases at 12.
# (The evaluator's verified values differ only where VERIFIED says so.)
RESULTS: dict[tuple[str, str], dict[str, str]] = {
    ("TH-42", "6m"): {"A2": "104.6", "A3": "28", "I1": "71.0", "R1": "101.9", "R2": "430"},
    ("TH-42", "12m"): {
        "A2": "105.4",
        "A3": "38",
        "I1": "82.5",
        "R1": "104.6",
        "R2": "1040",
        "P1": "372",
        "P2": "74.5",
        "P3": "88.2",
    },
    ("TH-39", "6m"): {"I1": "72.0", "R1": "10.8", "R2": "63.5"},
    ("TH-39", "12m"): {
        "I1": "84.0",
        "R1": "11.4",
        "R2": "71.0",
        "P1": "355",
        "P2": "71.0",
        "P3": "86.0",
    },
    ("TH-43", "6m"): {"I1": "69.0", "R1": "103.0", "R2": "66.0"},
    ("TH-43", "12m"): {
        "I1": "81.0",
        "R1": "105.5",
        "R2": "74.0",
        "P1": "362",
        "P2": "72.5",
        "P3": "86.5",
    },
}

# round: (shared result filed, SARs filed, shared result verified, assessed, certified)
ROUND_DATES = {
    "6m": ("2025-04-08", "2025-04-10", "2025-04-24", "2025-05-08", "2025-05-23"),
    "12m": ("2025-10-08", "2025-10-10", "2025-10-24", "2025-11-07", "2025-12-12"),
}
# The evaluator's value where it differs from the SAR's, with its note.
VERIFIED = {
    ("TH-42", "12m", "R2"): ("1010", "30 households lacked the district's confirmation"),
}
NARRATIVE = {"6m": "6-month e-SAR, Performance Base only", "12m": "12-month e-SAR, both bases"}
# Loei's answer to OPDC's June early warning, told in its 12-month SAR.
LOEI_ANSWER = (
    "After OPDC's June early warning (PM2.5 days, poor households) the province ran a "
    "no-burning campaign on the highland maize fields, too late for the year's PM2.5 days, "
    "and moved its own budget to the livelihood project"
)


def ref(unit_id: str) -> str:
    """The unit's FY2568 agreement."""
    return f"{unit_id}/{FY}"
