"""The FY2554 Rayong year's units and KPIs (seed 002), as data for commands/demo/rayong.py.

Seed 002 names the province, its Provincial Office (สำนักงานจังหวัดระยอง, which runs the
cascade), the Governor, the four dimensions and the three kinds of individual KPI; it names
no agency KPI and no civil servant. The Public Health and Agriculture offices are real
provincial agencies of Rayong, the civil servants are named by position only, and every
KPI title below is a plausible one for that agency or post: ILLUSTRATIVE, like every
threshold and result.
"""

from __future__ import annotations

from typing import NamedTuple

from commands.demo.scenario import Unit

__all__ = [
    "AGENCIES",
    "AGENCY_KPIS",
    "FOLLOWED",
    "HEADS",
    "KEPT",
    "MEALYBUG",
    "NARRATIVES",
    "NEW_ASSIGNMENT",
    "PARENT_AMENDED",
    "PEOPLE",
    "PERSON_KPIS",
    "PROVINCE",
    "VERIFIED",
    "Kpi",
    "agency_of",
]

PROVINCE: Unit = ("TH-21", "จังหวัดระยอง", "Rayong province")
AGENCIES: tuple[Unit, ...] = (
    ("TH-21-PO", "สำนักงานจังหวัดระยอง", "Rayong Provincial Office"),
    ("TH-21-PHO", "สำนักงานสาธารณสุขจังหวัดระยอง", "Rayong Provincial Public Health Office"),
    ("TH-21-AGR", "สำนักงานเกษตรจังหวัดระยอง", "Rayong Provincial Agriculture Office"),
)
# Each agency's head: the assessed side of its agreement, the assessor of its staff.
HEADS: dict[str, tuple[str, str]] = {
    "TH-21-PO": ("หัวหน้าสำนักงานจังหวัดระยอง", "Head of the Rayong Provincial Office"),
    "TH-21-PHO": ("นายแพทย์สาธารณสุขจังหวัดระยอง", "Rayong Provincial Chief Medical Officer"),
    "TH-21-AGR": ("เกษตรจังหวัดระยอง", "Rayong Provincial Agriculture Officer"),
}
# Civil servants by position (Thai, English) under their agency.
PEOPLE: tuple[Unit, ...] = (
    ("TH-21-PO-1", "นักวิเคราะห์นโยบายและแผน ชำนาญการ สนจ.ระยอง",
     "Plan analyst (professional), Provincial Office"),
    ("TH-21-PO-2", "นักวิเคราะห์นโยบายและแผน ปฏิบัติการ สนจ.ระยอง",
     "Plan analyst (practitioner), Provincial Office"),
    ("TH-21-PHO-1", "นักวิชาการสาธารณสุข ชำนาญการ งานควบคุมโรค สสจ.ระยอง",
     "Public health officer, disease control, PHO"),
    ("TH-21-PHO-2", "นักวิชาการสาธารณสุข ชำนาญการ งานอนามัยสิ่งแวดล้อม สสจ.ระยอง",
     "Public health officer, environmental health, PHO"),
    ("TH-21-PHO-3", "พยาบาลวิชาชีพ ชำนาญการ งานส่งเสริมสุขภาพ สสจ.ระยอง",
     "Registered nurse, health promotion, PHO"),
    ("TH-21-AGR-1", "นักวิชาการส่งเสริมการเกษตร ชำนาญการ สนง.เกษตรจังหวัดระยอง",
     "Agricultural extension officer, Agriculture Office"),
    ("TH-21-AGR-2", "เจ้าพนักงานการเงินและบัญชี ชำนาญงาน สนง.เกษตรจังหวัดระยอง",
     "Finance officer, Agriculture Office"),
)  # fmt: skip


def agency_of(person_id: str) -> str:
    """The agency a civil servant works in (its id is the person's without the number)."""
    return person_id.rsplit("-", 1)[0]


class Kpi(NamedTuple):
    """One KPI as drafted. ``thresholds``: T1..T5, space-separated (T3 is the target; none
    for a milestone KPI, which scores the level reached). ``results``: one per round, in
    order (6m 9m 12m for an agency, h1 h2 for a civil servant). ``parent``: the agency's
    KPI id a civil servant's KPI cascades from."""

    kpi_id: str
    component: str
    weight: str
    title_th: str
    title_en: str
    unit: str
    direction: str
    thresholds: str
    results: str
    parent: str | None = None


_PCT = "%"
_LEVEL = "level of success (1-5)"


def _agency_common(satisfied: str, disbursed: str, pmqa: str) -> tuple[Kpi, ...]:
    """Dimensions 2-4, which every provincial agency carries in its own terms."""
    return (
        Kpi("2.1", "2", "20", "ร้อยละความพึงพอใจของผู้รับบริการ",
            "Share of service users satisfied", _PCT, "higher", "70 75 80 85 90", satisfied),
        Kpi("3.1", "3", "10", "ร้อยละของการเบิกจ่ายงบประมาณ",
            "Budget disbursement rate", _PCT, "higher", "88 90 92 94 96", disbursed),
        Kpi("4.1", "4", "20", "ระดับความสำเร็จของการพัฒนาคุณภาพการบริหารจัดการภาครัฐ (PMQA)",
            "Public sector management quality (PMQA)", _LEVEL, "milestone", "", pmqa),
    )  # fmt: skip


# Dimension 1 (effectiveness, 50) carries what each agency contributes to the province's
# strategy; dimensions 2-4 follow. Results: 6m 9m 12m.
AGENCY_KPIS: dict[str, tuple[Kpi, ...]] = {
    "TH-21-PO": (
        Kpi("1.1", "1", "25",
            "ร้อยละของส่วนราชการประจำจังหวัดที่จัดทำคำรับรองฯ และรายงานผลครบถ้วนตามกำหนด",
            "Share of provincial agencies with agreements and SARs on time", _PCT,
            "higher", "80 85 90 95 100", "88 93 97"),
        Kpi("1.2", "1", "25", "ร้อยละที่เพิ่มขึ้นของรายได้จากการท่องเที่ยวจังหวัดระยอง",
            "Growth of Rayong's tourism revenue", "% over FY2553", "higher", "2 4 6 8 10",
            "3.2 5.1 7.1"),
        *_agency_common("84.0 85.2 87.3", "50.3 74.8 96.1", "2.5 3.5 4.5"),
    ),
    "TH-21-PHO": (
        Kpi("1.1", "1", "20", "อัตราป่วยด้วยโรคไข้เลือดออก", "Dengue fever morbidity rate",
            "cases per 100,000 population", "lower", "150 130 110 90 70", "38.5 71.2 84.6"),
        Kpi("1.2", "1", "15",
            "ร้อยละของประชากรอายุ 35 ปีขึ้นไปที่ได้รับการคัดกรองเบาหวานและความดันโลหิตสูง",
            "Share of people aged 35+ screened for diabetes and hypertension", _PCT,
            "higher", "80 84 88 92 96", "41.0 68.3 91.2"),
        Kpi("1.3", "1", "15",
            "ร้อยละของชุมชนรอบนิคมอุตสาหกรรมมาบตาพุดที่ได้รับการเฝ้าระวังผลกระทบต่อสุขภาพ",
            "Share of Map Ta Phut communities under health-impact surveillance", _PCT,
            "higher", "60 70 80 90 100", "55 78 94"),
        *_agency_common("82.4 84.0 86.1", "46.2 71.5 94.2", "2 3 4"),
    ),
    "TH-21-AGR": (
        Kpi("1.1", "1", "25",
            "ร้อยละของแปลงไม้ผล (ทุเรียน มังคุด เงาะ) ที่ได้รับการรับรองมาตรฐาน GAP",
            "Share of fruit plots (durian, mangosteen, rambutan) GAP-certified", _PCT,
            "higher", "60 65 70 75 80", "48.0 64.2 73.5"),
        Kpi("1.2", "1", "25",
            "จำนวนศูนย์บริการและถ่ายทอดเทคโนโลยีการเกษตรประจำตำบลที่ผ่านเกณฑ์มาตรฐาน",
            "Sub-district farm technology centres meeting the standard", "centres",
            "higher", "40 44 48 52 56", "30 30 52"),
        *_agency_common("80.2 81.5 83.7", "44.8 70.1 92.6", "2 3 3.5"),
    ),
}  # fmt: skip

# The Public Health Office's dengue KPI is amended in negotiation (the province's own
# FY2554 target is stricter); one officer's KPI follows it, the other's is kept.
PARENT_AMENDED = ("TH-21-PHO", "1.1", "120 105 90 75 60")
FOLLOWED = ("TH-21-PHO-1", "S1")
KEPT = ("TH-21-PHO-2", "S1")

# Each civil servant: a KPI cascaded from the agency's (component strategy), routine work
# and a special assignment. Results: h1 h2 (each the half-year's own result).
PERSON_KPIS: dict[str, tuple[Kpi, ...]] = {
    "TH-21-PO-1": (
        Kpi("S1", "strategy", "40", "ร้อยละของส่วนราชการประจำจังหวัดที่ส่งรายงานผล (SAR) ตามกำหนด",
            "Share of provincial agencies filing their SARs on time", _PCT, "higher",
            "80 85 90 95 100", "91 97", "1.1"),
        Kpi("R1", "routine", "40", "ร้อยละของรายงานผลตามแผนปฏิบัติราชการจังหวัดที่ส่งทันเวลา",
            "Share of provincial action-plan reports sent on time", _PCT, "higher",
            "80 85 90 95 100", "90 95"),
        Kpi("X1", "special", "20", "ระดับความสำเร็จของงานเลขานุการคณะทำงานถ่ายทอดตัวชี้วัดฯ",
            "Level of success as secretary of the KPI cascade working group", _LEVEL,
            "milestone", "", "4 5"),
    ),
    "TH-21-PO-2": (
        Kpi("S1", "strategy", "50", "ร้อยละที่เพิ่มขึ้นของรายได้จากการท่องเที่ยวจังหวัดระยอง",
            "Growth of Rayong's tourism revenue", "% over FY2553", "higher", "2 4 6 8 10",
            "3.4 7.1", "1.2"),
        Kpi("R1", "routine", "30", "ร้อยละของโครงการตามแผนพัฒนาจังหวัดที่ติดตามและรายงานผลครบถ้วน",
            "Share of provincial development projects monitored and reported", _PCT,
            "higher", "80 85 90 95 100", "86 92"),
        Kpi("X1", "special", "20", "ระดับความสำเร็จของการจัดทำฐานข้อมูลการท่องเที่ยวเกาะเสม็ด",
            "Level of success of the Ko Samet tourism database", _LEVEL, "milestone", "",
            "2 4"),
    ),
    "TH-21-PHO-1": (
        Kpi("S1", "strategy", "50", "อัตราป่วยด้วยโรคไข้เลือดออก จังหวัดระยอง",
            "Dengue fever morbidity rate, Rayong", "cases per 100,000 population", "lower",
            "150 130 110 90 70", "77.0 84.6", "1.1"),
        Kpi("R1", "routine", "30", "ร้อยละของรายงานเฝ้าระวังทางระบาดวิทยา (รง.506) ที่ส่งทันเวลา",
            "Share of epidemiological surveillance reports (506) on time", _PCT, "higher",
            "80 85 90 95 100", "93.0 96.5"),
        Kpi("X1", "special", "20", "ระดับความสำเร็จของการซ้อมแผนรับมือการระบาดของไข้หวัดใหญ่",
            "Level of success of the influenza-outbreak response drill", _LEVEL,
            "milestone", "", "3 4"),
    ),
    "TH-21-PHO-2": (
        Kpi("S1", "strategy", "50", "อัตราป่วยด้วยโรคไข้เลือดออกในชุมชนรอบนิคมอุตสาหกรรมมาบตาพุด",
            "Dengue fever morbidity rate, Map Ta Phut communities",
            "cases per 100,000 population", "lower", "100 85 70 55 40", "62.0 66.4", "1.1"),
        Kpi("R1", "routine", "30", "ร้อยละของร้านจำหน่ายอาหารที่ผ่านเกณฑ์มาตรฐานสุขาภิบาลอาหาร",
            "Share of food outlets meeting food-sanitation standards", _PCT, "higher",
            "70 75 80 85 90", "78.0 86.5"),
        Kpi("X1", "special", "20", "ระดับความสำเร็จของการจัดทำฐานข้อมูลสุขภาพประชาชนรอบมาบตาพุด",
            "Level of success of the Map Ta Phut residents' health database", _LEVEL,
            "milestone", "", "2 4"),
    ),
    "TH-21-PHO-3": (
        Kpi("S1", "strategy", "60",
            "ร้อยละของประชากรอายุ 35 ปีขึ้นไปที่ได้รับการคัดกรองเบาหวานและความดันโลหิตสูง",
            "Share of people aged 35+ screened for diabetes and hypertension", _PCT,
            "higher", "80 84 88 92 96", "86.0 91.2", "1.2"),
        Kpi("R1", "routine", "25", "ร้อยละของหญิงตั้งครรภ์ที่ฝากครรภ์ครั้งแรกก่อน 12 สัปดาห์",
            "Share of pregnant women with a first antenatal visit before 12 weeks", _PCT,
            "higher", "50 55 60 65 70", "58.4 62.1"),
        Kpi("X1", "special", "15", "ระดับความสำเร็จของการพัฒนาโรงเรียนส่งเสริมสุขภาพ",
            "Level of success of the health-promoting schools programme", _LEVEL,
            "milestone", "", "3 3"),
    ),
    "TH-21-AGR-1": (
        Kpi("S1", "strategy", "50", "ร้อยละของแปลงไม้ผลในอำเภอแกลงและวังจันทร์ที่ได้รับการรับรอง GAP",
            "Share of fruit plots in Klaeng and Wang Chan GAP-certified", _PCT, "higher",
            "60 65 70 75 80", "66.5 74.0", "1.1"),
        Kpi("R1", "routine", "30", "ร้อยละของคำขอรับรองแหล่งผลิต GAP ที่ตรวจแปลงเสร็จภายใน 30 วัน",
            "Share of GAP applications inspected within 30 days", _PCT, "higher",
            "70 75 80 85 90", "82 88"),
        Kpi("X1", "special", "20", "ระดับความสำเร็จของการจัดงานเทศกาลผลไม้และของดีเมืองระยอง",
            "Level of success of the Rayong fruit festival", _LEVEL, "milestone", "",
            "2 5"),
    ),
    "TH-21-AGR-2": (
        Kpi("S1", "strategy", "50", "ร้อยละของการเบิกจ่ายงบประมาณ สำนักงานเกษตรจังหวัดระยอง",
            "Budget disbursement rate, Agriculture Office", _PCT, "higher",
            "88 90 92 94 96", "91.5 92.6", "3.1"),
        Kpi("R1", "routine", "30", "ร้อยละของฎีกาเบิกจ่ายที่ดำเนินการแล้วเสร็จภายใน 3 วันทำการ",
            "Share of payment vouchers processed within 3 working days", _PCT, "higher",
            "80 85 90 95 100", "88 94"),
        Kpi("X1", "special", "20", "ระดับความสำเร็จของการจัดทำทะเบียนคุมครุภัณฑ์ด้วยระบบคอมพิวเตอร์",
            "Level of success of the computerised asset register", _LEVEL, "milestone", "",
            "3 4"),
    ),
}  # fmt: skip

# Proposed after signing, each refused under rule 3 and kept as an attempt: a special
# assignment the Governor gives the disease-control officer in January, and the Agriculture
# Office's campaign against the cassava mealybug, which spread in the east that year.
NEW_ASSIGNMENT = Kpi(
    "X2", "special", "10", "ระดับความสำเร็จของการเตรียมความพร้อมรับมือโรคมือ เท้า ปาก ในศูนย์เด็กเล็ก",
    "Level of success of hand-foot-mouth disease preparedness in child centres", _LEVEL,
    "milestone", "", "",
)  # fmt: skip
MEALYBUG = Kpi(
    "1.3", "1", "10", "ร้อยละของพื้นที่ปลูกมันสำปะหลังที่ได้รับการป้องกันกำจัดเพลี้ยแป้ง",
    "Share of cassava area treated against the mealybug", _PCT, "higher", "60 70 80 90 100", "",
)  # fmt: skip

# (unit, KPI): a verified value that differs from the one filed.
VERIFIED = {("TH-21-AGR", "1.1"): "72.8", ("TH-21-PHO-1", "R1"): "95.0"}
# (unit, round): what a SAR's narrative says beyond the numbers.
NARRATIVES = {
    ("TH-21-PHO-1", "h1"): "The Governor's January assignment (hand-foot-mouth disease "
    "preparedness in child centres) was carried out; it is reported here, not scored: a "
    "signed agreement takes no new KPI (rule 3).",
    ("TH-21-AGR", "9m"): "Eleven sub-district centres are still being assessed; the year-end "
    "count is expected to reach the target.",
}
