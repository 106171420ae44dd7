"""The joint KPIs' sheets (``projections.joints``): a row per participating KPI, with the
joint KPI's host and shared measure repeated on each; and a row per joint KPI and round with
the one shared result (filed, verified, adjusted on appeal).

A joint KPI's shared results are in the export when at least one of its participants is:
a reader who may read a participating agreement sees the result it counts.
"""

from __future__ import annotations

from commands.reports.cells import Book, Cell, Column
from commands.reports.columns import criteria_cells, criteria_columns
from commands.reports.selection import Selection
from projections.documents import Documents
from projections.joints import JointEntry, JointParticipant, JointRoundLine, read_joint

__all__ = [
    "JOINT_COLUMNS",
    "JOINT_RESULT_COLUMNS",
    "JOINT_RESULT_SHEET",
    "JOINT_SHEET",
    "joint_result_row",
    "participant_row",
    "write_joints",
]

JOINT_SHEET = "Joint KPIs · ตัวชี้วัดร่วม"
JOINT_COLUMNS = [
    Column("Joint KPI", "ตัวชี้วัดร่วม"),
    Column("Fiscal year", "ปีงบประมาณ", "int"),
    Column("Framework", "กรอบการประเมิน"),
    Column("Host unit", "หน่วยงานเจ้าภาพ"),
    Column("Host name", "ชื่อหน่วยงานเจ้าภาพ"),
    Column("Host name (English)", "ชื่อหน่วยงานเจ้าภาพ (อังกฤษ)"),
    Column("Title", "ชื่อตัวชี้วัด", "prose"),
    Column("Title (English)", "ชื่อตัวชี้วัด (อังกฤษ)", "prose"),
    Column("Component", "องค์ประกอบ"),
    Column("Unit of measure", "หน่วยวัด"),
    Column("Direction", "ทิศทาง"),
    Column("Targets per participant", "ค่าเป้าหมายแยกตามผู้ร่วม", "flag"),
    *criteria_columns("Shared criteria", "เกณฑ์ร่วม "),
    Column("Participant agreement", "คำรับรองของผู้ร่วม"),
    Column("Participant unit", "หน่วยงานผู้ร่วม"),
    Column("Participant KPI", "ตัวชี้วัดของผู้ร่วม"),
    Column("Participant KPI status", "สถานะตัวชี้วัดของผู้ร่วม"),
    Column("Weight", "น้ำหนัก", "number"),
    *criteria_columns(),
]

JOINT_RESULT_SHEET = "Joint results · ผลร่วม"
JOINT_RESULT_COLUMNS = [
    Column("Joint KPI", "ตัวชี้วัดร่วม"),
    Column("Fiscal year", "ปีงบประมาณ", "int"),
    Column("Host unit", "หน่วยงานเจ้าภาพ"),
    Column("Round", "รอบ"),
    Column("Filed", "ผลที่ยื่น", "number"),
    Column("Filed at", "วันที่ยื่น", "moment"),
    Column("Verified", "ผลที่ตรวจสอบแล้ว", "number"),
    Column("Notes", "หมายเหตุ", "prose"),
    Column("Adjusted by appeal", "ปรับตามคำอุทธรณ์"),
    Column("Appeals", "คำอุทธรณ์"),
]


def participant_row(entry: JointEntry, p: JointParticipant) -> list[Cell]:
    m = entry.measure
    return [
        entry.joint_id,
        entry.fiscal_year,
        entry.framework_id,
        entry.host_unit_id,
        entry.host_name_th,
        entry.host_name_en,
        m.title_th,
        m.title_en,
        m.component,
        m.unit_of_measure,
        m.direction,
        entry.per_participant_targets,
        *criteria_cells(m.thresholds),
        p.agreement,
        p.unit_id,
        p.kpi_id,
        p.status,
        p.weight,
        *criteria_cells(p.thresholds),
    ]


def joint_result_row(entry: JointEntry, line: JointRoundLine) -> list[Cell]:
    appeals = [
        f"{a.appeal_id} ({a.status}{', adjusted' if a.adjusted else ''})"
        for a in entry.appeals
        if a.round_id == line.round_id
    ]
    return [
        entry.joint_id,
        entry.fiscal_year,
        entry.host_unit_id,
        line.round_id,
        line.filed,
        line.filed_at,
        line.verified,
        line.notes or None,
        line.adjusted_by,
        "; ".join(appeals) or None,
    ]


def write_joints(book: Book, docs: Documents, selection: Selection) -> dict[str, int]:
    """The joint KPIs' two sheets; returns their rows by sheet name. Reads each joint KPI
    with its participants (a few dozen lines at most), one joint KPI at a time."""
    participants = book.sheet(JOINT_SHEET, JOINT_COLUMNS)
    results = book.sheet(JOINT_RESULT_SHEET, JOINT_RESULT_COLUMNS)
    for joint_id, entry in docs.stream("entry", JointEntry):
        if selection.year not in (None, entry.fiscal_year):
            continue
        found = read_joint(docs, joint_id)
        shown = [
            p
            for p in (found.participants if found else ())
            if selection.takes(p.agreement, entry.framework_id)
        ]
        for line in shown:
            participants.add(participant_row(entry, line))
        if not shown:
            continue
        for round_line in entry.rounds:
            if selection.takes_round(round_line.round_id):
                results.add(joint_result_row(entry, round_line))
    return {participants.name: participants.finish(), results.name: results.finish()}
