"""The target integrity sheet (``projections.integrity``): every version of every KPI's
target with its recorded and effective times, next to each result the ledger already held
when that version was decided.

A row per version and known result, the version's cells repeated, so each result is numbers
and dates of its own (filterable, sortable) rather than a list in one cell; a version decided
before any result is one row with the result's cells empty.
"""

from __future__ import annotations

from collections.abc import Iterable

from commands.reports.cells import Book, Cell, Column
from commands.reports.columns import criteria_cells, criteria_columns
from commands.reports.selection import Selection
from projections.audit import AgreementAudit, KpiAudit, ResultSeen, TargetVersion
from projections.documents import Documents
from projections.integrity import read_integrity

__all__ = ["INTEGRITY_COLUMNS", "INTEGRITY_SHEET", "integrity_rows", "write_integrity"]

INTEGRITY_SHEET = "Target integrity · ค่าเป้าหมาย"
INTEGRITY_COLUMNS = [
    Column("Agreement", "คำรับรอง"),
    Column("Unit", "รหัสหน่วยงาน"),
    Column("Framework", "กรอบการประเมิน"),
    Column("Verdict", "ผลการตรวจสอบ"),
    Column("KPI", "ตัวชี้วัด"),
    Column("Title", "ชื่อตัวชี้วัด", "prose"),
    Column("Title (English)", "ชื่อตัวชี้วัด (อังกฤษ)", "prose"),
    Column("Joint KPI", "ตัวชี้วัดร่วม"),
    Column("Cascaded from", "ถ่ายทอดจาก"),
    Column("Version", "ฉบับที่", "int"),
    Column("Version status", "สถานะของฉบับ"),
    Column("Direction", "ทิศทาง"),
    Column("Weight", "น้ำหนัก", "number"),
    *criteria_columns(),
    Column("Made by", "ที่มา", "prose"),
    Column("Request", "คำขอ"),
    Column("Decided by", "ผู้พิจารณา", "prose"),
    Column("Actor", "ผู้ดำเนินการ"),
    Column("Entered by", "ผู้บันทึก"),
    Column("Log position", "ลำดับในบันทึก", "int"),
    Column("Effective", "วันที่มีผล", "moment"),
    Column("Recorded", "วันที่บันทึก", "moment"),
    Column("Crossed a known result (rule 1)", "ข้ามผลที่ทราบแล้ว (ข้อ 1)", "flag"),
    Column("Favourable after results", "เอื้อประโยชน์หลังทราบผล", "flag"),
    Column("Results known then", "จำนวนผลที่ทราบขณะนั้น", "int"),
    Column("Known result: round", "ผลที่ทราบ: รอบ"),
    Column("Known result: source", "ผลที่ทราบ: แหล่ง"),
    Column("Known result: value", "ผลที่ทราบ: ค่า", "number"),
    Column("Known result: log position", "ผลที่ทราบ: ลำดับในบันทึก", "int"),
    Column("Known result: effective", "ผลที่ทราบ: วันที่มีผล", "moment"),
    Column("Known result: recorded", "ผลที่ทราบ: วันที่บันทึก", "moment"),
]


def _version_cells(report: AgreementAudit, kpi: KpiAudit, v: TargetVersion) -> list[Cell]:
    return [
        report.agreement,
        report.unit_id,
        report.framework_id,
        report.verdict,
        kpi.kpi_id,
        kpi.title_th,
        kpi.title_en,
        kpi.joint_id,
        kpi.cascaded_from,
        v.number,
        v.status,
        v.direction,
        v.weight,
        *criteria_cells(v.thresholds),
        v.made_by,
        v.request_id,
        v.decided_by,
        v.actor_id,
        v.entered_by,
        v.position,
        v.effective_at,
        v.recorded_at,
        v.violation,
        v.favourable_after_results,
        len(v.results_known),
    ]


def _result_cells(seen: ResultSeen | None) -> list[Cell]:
    if seen is None:
        return [None] * 6
    return [
        seen.round_id,
        seen.source,
        seen.value,
        seen.position,
        seen.effective_at,
        seen.recorded_at,
    ]


def integrity_rows(report: AgreementAudit) -> list[list[Cell]]:
    """The rows of one agreement's report, in ``INTEGRITY_COLUMNS`` order."""
    rows = []
    for kpi in report.kpis:
        for version in kpi.versions:
            head = _version_cells(report, kpi, version)
            for seen in version.results_known or (None,):
                rows.append([*head, *_result_cells(seen)])
    return rows


def write_integrity(
    book: Book, docs: Documents, selection: Selection, refs: Iterable[str]
) -> dict[str, int]:
    """The target integrity sheet, the reports of ``refs`` in order, each read by key (a
    report is the largest document the export reads: one at a time, not a chunk of them);
    returns its rows by sheet name."""
    sheet = book.sheet(INTEGRITY_SHEET, INTEGRITY_COLUMNS)
    for ref in refs:
        for report in read_integrity(docs, ref):
            if selection.takes(report.agreement, report.framework_id):
                for row in integrity_rows(report):
                    sheet.add(row)
    return {sheet.name: sheet.finish()}
