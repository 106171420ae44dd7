"""The pilot-department year's data (seed 001, FY2552): the Ministry of Finance, three of its
departments, their KPIs and results, and the texts its committees record.

The seed names the pilot ministries (Finance, Industry and Energy since FY2550, Public Health
from FY2552) but no department. These are real departments of the Ministry of Finance; where
each sits in the signing matrix is chosen to show the seed's three department cases (for the
Comptroller General's Department and the Fiscal Policy Office it is illustrative). Every
target, threshold and result is ILLUSTRATIVE.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "COMMITTEE_NAME",
    "DEPARTMENTS",
    "FINAL_ROUND",
    "FINAL_UPDATES",
    "FRAMEWORK",
    "FY",
    "LATE_KPI",
    "MINISTRY",
    "NOTE",
    "PRELIMINARY",
    "REVENUE_GROUP",
    "REVIEW_BODY",
    "ROUND_ONE",
    "SIGN_FOR_MINISTRY",
    "Department",
    "Kpi",
]

FY = 2552
FRAMEWORK = "fy2552-pilot-ministry-departments"
NOTE = "Illustrative figures (demo); KPI names after seed 001"

COMMITTEE_NAME = (
    "คณะกรรมการเจรจาข้อตกลงและประเมินผลการปฏิบัติราชการตามคำรับรองการปฏิบัติราชการ"
    "ของส่วนราชการในกระทรวงการคลัง"
)
# The negotiation committee sits on review requests (seed 001, 1.5.8).
REVIEW_BODY = "คณะกรรมการเจรจาข้อตกลงและประเมินผลฯ กระทรวงการคลัง (reviews, OPDC observing)"
MINISTRY = ("MOF", "กระทรวงการคลัง", "Ministry of Finance")
REVENUE_GROUP = (
    "MOF-REVENUE",
    "กลุ่มภารกิจด้านรายได้ กระทรวงการคลัง",
    "Revenue mission group, Ministry of Finance",
)

# A KPI's measure: unit, direction and thresholds T1..T5. A "level of success" KPI reports
# the level it reached (1-5), which is its score.
_LEVEL = ("level of success", "milestone", ())
_DISBURSED = ("% of the investment budget disbursed", "higher", ("64", "68", "72", "76", "80"))
_SATISFACTION = ("% of users satisfied", "higher", ("70", "75", "80", "85", "90"))


@dataclass(frozen=True)
class Kpi:
    """A KPI and its SAR results at 6, 9 and 12 months (to date). A mandatory KPI (its id is
    the framework's code) takes its titles, component and weight from the framework unless
    ``weight`` is given."""

    kpi_id: str
    results: tuple[str, str, str]
    component: str = ""
    weight: str = ""
    title_th: str = ""
    title_en: str = ""
    measure: tuple[str, str, tuple[str, ...]] = _LEVEL


@dataclass(frozen=True)
class Department:
    """``place`` in the signing matrix: "group", "no_group" or "minister"."""

    unit_id: str
    name_th: str
    name_en: str
    place: str
    head_th: str
    head_en: str
    kpis: tuple[Kpi, ...]


EXCISE = Department(
    "MOF-EXCISE",
    "กรมสรรพสามิต",
    "Excise Department",
    "group",
    "อธิบดีกรมสรรพสามิต",
    "Director-General, Excise Department",
    (
        Kpi("1.1", ("2", "3", "4.2")),
        Kpi("1.2", ("2", "3", "4")),
        Kpi("1.3", ("3", "4", "5")),
        Kpi(
            "2",
            ("2", "3", "4.4"),
            "2",
            "10",
            "ระดับความสำเร็จของร้อยละเฉลี่ยถ่วงน้ำหนักในการบรรลุเป้าหมายตามแผนปฏิบัติการของกลุ่มภารกิจด้านรายได้",
            "Weighted achievement of the Revenue mission group's action plan",
        ),
        Kpi(
            "3.1",
            ("96.1", "97.0", "97.6"),
            "3",
            "15",
            "ร้อยละของการจัดเก็บภาษีสรรพสามิตเทียบกับประมาณการ",
            "Excise tax collected against the estimate",
            ("% of the estimate to date", "higher", ("94", "96", "98", "100", "102")),
        ),
        Kpi(
            "3.2",
            ("4870", "7460", "10380"),
            "3",
            "10",
            "จำนวนคดีการกระทำผิดกฎหมายสรรพสามิตที่ตรวจปราบปรามได้",
            "Excise offence cases suppressed",
            ("cases", "higher", ("9000", "9500", "10000", "10500", "11000")),
        ),
        Kpi(
            "4.1",
            ("80.2", "82.5", "84.6"),
            "4",
            "10",
            "ร้อยละของความพึงพอใจของผู้ประกอบการที่รับบริการ",
            "Excise taxpayers' satisfaction with the service",
            _SATISFACTION,
        ),
        Kpi("5.1", ("31.5", "55.8", "74.2"), measure=_DISBURSED),
        Kpi("5.2", ("3", "4", "4.5")),
        Kpi(
            "5.3",
            ("17", "15", "14"),
            "5",
            "8",
            "ระยะเวลาเฉลี่ยในการคืนภาษีสรรพสามิต",
            "Average time to refund excise tax",
            ("working days", "lower", ("30", "25", "20", "15", "10")),
        ),
        Kpi("6", ("2", "3", "4.25")),
    ),
)

CGD = Department(
    "MOF-CGD",
    "กรมบัญชีกลาง",
    "Comptroller General's Department",
    "no_group",
    "อธิบดีกรมบัญชีกลาง",
    "Comptroller General",
    (
        # No joint-goal KPI 1.2: its weight (3) moves to 1.1, as the framework says.
        Kpi("1.1", ("2", "3", "4.2"), weight="18"),
        Kpi("1.3", ("3", "3", "4")),
        Kpi(
            "3.1",
            ("51.3", "72.9", "94.6"),
            "3",
            "15",
            "ร้อยละของการเบิกจ่ายเงินงบประมาณรายจ่ายภาพรวมของส่วนราชการ",
            "Government-wide budget disbursement rate",
            ("% of the budget disbursed", "higher", ("90", "92", "94", "96", "98")),
        ),
        Kpi(
            "3.2",
            ("86.0", "89.5", "91.0"),
            "3",
            "15",
            "ร้อยละของส่วนราชการที่เบิกจ่ายผ่านระบบ GFMIS ได้ภายในเวลามาตรฐาน",
            "Agencies paying through GFMIS within the standard time",
            ("% of agencies", "higher", ("80", "84", "88", "92", "96")),
        ),
        Kpi(
            "4.1",
            ("78.0", "80.1", "81.3"),
            "4",
            "12",
            "ร้อยละของความพึงพอใจของส่วนราชการผู้ใช้บริการระบบ GFMIS",
            "Agencies' satisfaction with GFMIS services",
            _SATISFACTION,
        ),
        Kpi("5.1", ("36.2", "60.4", "78.9"), measure=_DISBURSED),
        Kpi("5.2", ("3", "4", "5")),
        Kpi(
            "5.3",
            ("2", "3", "4"),
            "5",
            "4",
            "ระดับความสำเร็จของการบรรลุเป้าหมายตามแผนส่งเสริมธรรมาภิบาล (Roadmap)",
            "Achievement of the good-governance promotion plan (Roadmap)",
        ),
        Kpi(
            "5.4",
            ("11", "9", "8"),
            "5",
            "7",
            "ระยะเวลาเฉลี่ยในการอนุมัติสั่งจ่ายเงินบำเหน็จบำนาญ",
            "Average time to approve pension payments",
            ("working days", "lower", ("15", "12", "9", "6", "3")),
        ),
        Kpi("6", ("2", "3.5", "4.5")),
    ),
)

FPO = Department(
    "MOF-FPO",
    "สำนักงานเศรษฐกิจการคลัง",
    "Fiscal Policy Office",
    "minister",
    "ผู้อำนวยการสำนักงานเศรษฐกิจการคลัง",
    "Director-General, Fiscal Policy Office",
    (
        Kpi("1.1", ("2", "3", "4.2")),
        Kpi("1.2", ("2", "3", "3.5")),
        Kpi("1.3", ("3", "4", "5")),
        Kpi(
            "3.1",
            ("1.1", "1.0", "0.9"),
            "3",
            "15",
            "ค่าความคลาดเคลื่อนของการประมาณการอัตราการขยายตัวทางเศรษฐกิจ",
            "Error of the economic growth forecast",
            ("percentage points", "lower", ("1.5", "1.25", "1.0", "0.75", "0.5")),
        ),
        Kpi(
            "3.2",
            ("4", "8", "11"),
            "3",
            "10",
            "จำนวนข้อเสนอแนะเชิงนโยบายการคลังที่ได้รับความเห็นชอบจากรัฐมนตรี",
            "Fiscal-policy proposals approved by the Minister",
            ("proposals", "higher", ("6", "8", "10", "12", "14")),
        ),
        Kpi(
            "4.1",
            ("82.0", "84.4", "86.0"),
            "4",
            "15",
            "ร้อยละของความพึงพอใจของผู้ใช้ข้อมูลเศรษฐกิจการคลัง",
            "Users' satisfaction with fiscal and economic data",
            _SATISFACTION,
        ),
        Kpi("5.1", ("28.4", "50.2", "69.4"), measure=_DISBURSED),
        Kpi("5.2", ("3", "3.5", "4")),
        Kpi(
            "5.3",
            ("2", "4", "5"),
            "5",
            "13",
            "ระดับความสำเร็จของการจัดทำต้นทุนต่อหน่วยผลผลิต",
            "Unit cost of outputs calculated",
        ),
        Kpi("6", ("2", "3", "4")),
    ),
)

DEPARTMENTS = (EXCISE, CGD, FPO)

# Round 1 (preliminary): the evaluator verified fewer cases than the SAR reported.
PRELIMINARY = {(EXCISE.unit_id, "3.2"): "9960"}
ROUND_ONE = (
    "Round 1 (preliminary): on-site evaluation 16-20 Nov 2009; screened by the negotiation "
    "committee 9/2552 (27 Nov), approved by the oversight committee 4/2552 (8 Dec); illustrative"
)
FINAL_ROUND = (
    "Final round: ministry- and group-level results notified by OPDC (Feb 2010); screened "
    "by the negotiation committee 2/2553 (5 Mar), approved by the oversight committee "
    "1/2553; illustrative"
)
# The final round (seed 001, 1.5.9): after the reviews, the ministry- and group-level results
# OPDC notifies replace the ministry's own estimate in KPI 1.1, and in Excise's KPI 2.
FINAL_UPDATES: dict[str, dict[str, str]] = {
    EXCISE.unit_id: {"1.1": "4.0", "2": "4.1"},
    CGD.unit_id: {"1.1": "4.0"},
    FPO.unit_id: {"1.1": "4.0"},
}

# Proposed by the Comptroller General's Department after signing: refused (rule 3), kept.
LATE_KPI = Kpi(
    "3.3",
    ("", "", ""),
    "3",
    "5",
    "ร้อยละของการเบิกจ่ายตามมาตรการกระตุ้นเศรษฐกิจ ตามงบประมาณรายจ่ายเพิ่มเติม พ.ศ. 2552",
    "Disbursement under the FY2552 supplementary stimulus budget",
    ("% of the supplementary budget disbursed", "higher", ("60", "70", "80", "90", "100")),
)

_PERMANENT_SECRETARY = ("ปลัดกระทรวงการคลัง", "Permanent Secretary, Ministry of Finance")
# The seed's signing matrix for a department, by its place: who signs for the ministry
# (with the department's head).
SIGN_FOR_MINISTRY: dict[str, tuple[tuple[str, str], ...]] = {
    "group": (
        _PERMANENT_SECRETARY,
        (
            "รองปลัดกระทรวงการคลัง หัวหน้ากลุ่มภารกิจด้านรายได้",
            "Deputy Permanent Secretary, head of the Revenue mission group",
        ),
    ),
    "no_group": (
        _PERMANENT_SECRETARY,
        ("รองปลัดกระทรวงการคลัง", "Deputy Permanent Secretary, Ministry of Finance"),
    ),
    "minister": (("รัฐมนตรีว่าการกระทรวงการคลัง", "Minister of Finance"), _PERMANENT_SECRETARY),
}
