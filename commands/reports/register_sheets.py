"""The registers' sheets: the change requests (``projections.change_register``), a row per
request, and the SAR register (``projections.sar_register``), a row per agreement and round
with its status on the day of the export."""

from __future__ import annotations

from datetime import date

from commands.reports.cells import Book, Cell, Column
from commands.reports.columns import penalty_cells
from commands.reports.selection import Selection, read_chosen
from ledger.application import agreement_uuid
from projections.change_register import RegisterEntry, read_register
from projections.documents import Documents
from projections.folding import AgreementMeta
from projections.sar_register import SarEntry, read_sar_register

__all__ = [
    "REQUEST_COLUMNS",
    "REQUEST_SHEET",
    "SAR_COLUMNS",
    "SAR_SHEET",
    "request_row",
    "sar_row",
    "write_requests",
    "write_sars",
]

REQUEST_SHEET = "Change requests · คำขอ"
REQUEST_COLUMNS = [
    Column("Agreement", "คำรับรอง"),
    Column("Request", "คำขอ"),
    Column("KPI", "ตัวชี้วัด"),
    Column("Kind", "ประเภท"),
    Column("Reason", "เหตุผล"),
    Column("Justification", "คำชี้แจง", "prose"),
    Column("Window", "รอบการขอเปลี่ยนแปลง"),
    Column("Window closes", "วันปิดรอบ", "date"),
    Column("Requested by", "ผู้ยื่นคำขอ"),
    Column("Requested (effective)", "วันที่ยื่น (มีผล)", "moment"),
    Column("Request log position", "ลำดับในบันทึก (คำขอ)", "int"),
    Column("Status", "สถานะ"),
    Column("Decided by", "ผู้พิจารณา", "prose"),
    Column("Decided (effective)", "วันที่พิจารณา (มีผล)", "moment"),
    Column("Decision log position", "ลำดับในบันทึก (การพิจารณา)", "int"),
    Column("Rule 1 violated", "ขัดหลักเกณฑ์ข้อ 1", "flag"),
    Column("Favourable after results", "เอื้อประโยชน์หลังทราบผล", "flag"),
    Column("Refused attempts", "ความพยายามที่ถูกปฏิเสธ", "int"),
    Column("Refused at log positions", "ลำดับในบันทึกที่ถูกปฏิเสธ"),
]

SAR_SHEET = "SAR register · ทะเบียน SAR"
SAR_COLUMNS = [
    Column("Agreement", "คำรับรอง"),
    Column("Framework", "กรอบการประเมิน"),
    Column("Round", "รอบ"),
    Column("Round name", "ชื่อรอบ"),
    Column("Round name (English)", "ชื่อรอบ (อังกฤษ)"),
    Column("Due", "กำหนดส่ง", "date"),
    Column("Status on the export's day", "สถานะ ณ วันที่ส่งออก"),
    Column("Round cancelled because", "เหตุที่ยกเลิกรอบ", "prose"),
    Column("Filings", "จำนวนครั้งที่ส่ง", "int"),
    Column("First filed", "ส่งครั้งแรก", "moment"),
    Column("Channel", "ช่องทาง"),
    Column("Results filed", "จำนวนผลที่รายงาน", "int"),
    Column("Evidence files", "จำนวนไฟล์หลักฐาน", "int"),
    Column("Filed by", "ผู้ส่ง"),
    Column("Last filed", "ส่งครั้งล่าสุด", "moment"),
    Column("Penalties", "คะแนนที่ถูกหัก", "number"),
    Column("Penalty ids", "รายการหักคะแนน"),
]


def request_row(e: RegisterEntry) -> list[Cell]:
    return [
        e.agreement,
        e.request_id,
        e.kpi_id,
        e.kind,
        e.reason_code,
        e.justification,
        e.window_id,
        e.window_closes,
        e.requested_by,
        e.requested_effective_at,
        e.requested_position,
        e.status,
        e.decided_by,
        e.decided_effective_at,
        e.decided_position,
        e.rule_1_violation,
        e.favourable_after_results,
        len(e.refused_attempts),
        ", ".join(f"#{p}" for p in e.refused_attempts) or None,
    ]


def sar_row(e: SarEntry, today: date) -> list[Cell]:
    first = e.filings[0] if e.filings else None
    last = e.filings[-1] if e.filings else None
    penalties = [
        (
            p.penalty_id
            if p.working_days_late is None
            else f"{p.penalty_id} ({p.working_days_late} working days late)",
            p.amount,
        )
        for p in e.penalties
    ]
    return [
        e.agreement,
        e.framework_id,
        e.round_id,
        e.label_th,
        e.label_en,
        e.due,
        e.status(today),
        e.cancelled,
        len(e.filings),
        first.filed_at if first else None,
        first.channel if first else None,
        first.results if first else None,
        first.evidence if first else None,
        first.actor_id if first else None,
        last.filed_at if last else None,
        *penalty_cells(penalties),
    ]


def write_requests(
    book: Book, docs: Documents, selection: Selection, refs: list[str] | None
) -> dict[str, int]:
    """The change-request sheet; returns its rows by sheet name."""
    sheet = book.sheet(REQUEST_SHEET, REQUEST_COLUMNS)
    entries = read_chosen(
        refs,
        lambda ref: read_register(docs, ref),
        lambda: (entry for _, entry in docs.stream("request", RegisterEntry)),
    )
    framework = _Frameworks(docs)
    for entry in entries:
        if selection.takes_ref(entry.agreement) and (
            selection.readable is None or selection.takes(entry.agreement, framework(entry))
        ):
            sheet.add(request_row(entry))
    return {sheet.name: sheet.finish()}


class _Frameworks:
    """The framework of a request's agreement, from the view's reference documents (the
    register's entries name the agreement only); the last one is kept, as entries come in
    agreement order."""

    def __init__(self, docs: Documents) -> None:
        self._docs = docs
        self._last: tuple[str, str] = ("", "")

    def __call__(self, entry: RegisterEntry) -> str:
        if self._last[0] != entry.agreement:
            key = str(agreement_uuid(entry.agreement))
            meta = self._docs.get("agreement-ref", key, AgreementMeta)
            self._last = (entry.agreement, meta.framework_id if meta is not None else "")
        return self._last[1]


def write_sars(
    book: Book, docs: Documents, selection: Selection, refs: list[str] | None, today: date
) -> dict[str, int]:
    """The SAR register's sheet, each status judged on ``today``; returns its rows."""
    sheet = book.sheet(SAR_SHEET, SAR_COLUMNS)
    entries = read_chosen(
        refs,
        lambda ref: read_sar_register(docs, ref),
        lambda: (entry for _, entry in docs.stream("sar", SarEntry)),
    )
    for entry in entries:
        if selection.takes_round(entry.round_id) and selection.takes(
            entry.agreement, entry.framework_id
        ):
            sheet.add(sar_row(entry, today))
    return {sheet.name: sheet.finish()}
