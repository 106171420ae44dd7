"""The Excel export: a workbook of the scores per round, the change-request register, the
target integrity report, the SAR register and the joint KPIs, read from the views the other
reads use and written with XlsxWriter in ``constant_memory`` mode, so the memory it takes does
not grow with the ledger: each sheet keeps one row in memory until the workbook is closed,
and each view is streamed (a thousand documents a chunk) except the integrity reports, the
largest documents (a chunk of them is tens of megabytes), which are read one agreement at a
time by key: each registered unit by each fiscal year in which an agreement was signed.

``ledger export-xlsx`` and the web pages' download both call ``export_workbook``; each
passes its own way of opening a caught-up view and its own limits (a web reader's grants).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from commands.reports.cells import Book, Cell, Column
from commands.reports.integrity_sheet import write_integrity
from commands.reports.joint_sheets import write_joints
from commands.reports.register_sheets import write_requests, write_sars
from commands.reports.score_sheets import write_scores
from commands.reports.selection import Selection
from ledger.bounds import ID, check_text
from ledger.demo_store import demo_notice
from ledger.domain.unit import Unit
from ledger.errors import NotFound
from ledger.frameworks.model import Framework
from ledger.thaidate import bangkok_date
from projections.documents import Documents

__all__ = ["ABOUT_SHEET", "About", "Views", "export_workbook"]

# Opens a view, caught up, for reading: ``views("scores")``.
Views = Callable[[str], AbstractContextManager[Documents]]
ABOUT_SHEET = "About · เกี่ยวกับ"
ABOUT_COLUMNS = [Column("Item", "รายการ"), Column("Value", "ค่า", "prose")]
_ANY = "any / ทั้งหมด"
_NOTES: list[tuple[str, str]] = [
    (
        "Dates / วันที่",
        "Spreadsheet dates, shown in the Buddhist Era (Thai calendar format), so they sort and "
        "filter as dates; times are Bangkok time (UTC+7), to the millisecond / "
        "เป็นค่าวันที่ของโปรแกรมตารางคำนวณ แสดงเป็นปีพุทธศักราช เรียงและกรองตามวันที่ได้ "
        "เวลาเป็นเวลากรุงเทพฯ (UTC+7) ละเอียดถึงมิลลิวินาที",
    ),
    (
        "Numbers / ตัวเลข",
        "Numbers as recorded, to the places recorded; scores to 4 places, weighted scores "
        "rounded to 4 places (halves away from zero) / ตัวเลขตามที่บันทึก ทศนิยมตามที่บันทึก "
        "คะแนนแสดงทศนิยม 4 ตำแหน่ง คะแนนถ่วงน้ำหนักปัดเป็นทศนิยม 4 ตำแหน่ง (ปัดครึ่งขึ้น)",
    ),
    (
        "Criteria / เกณฑ์",
        "The KPI's criteria in force now, lowest level first / "
        "เกณฑ์การให้คะแนนที่ใช้อยู่ในปัจจุบัน เรียงจากระดับต่ำสุด",
    ),
]


@dataclass(frozen=True)
class About:
    """What the first sheet says of the export: when, at which log position, of what store,
    for whom (a web reader; None from the CLI)."""

    exported_at: datetime
    log_head: int
    demo_scenario: str | None = None
    reader: str | None = None


def export_workbook(
    target: Path,
    views: Views,
    selection: Selection,
    registry: Mapping[str, Framework],
    about: About,
) -> dict[str, int]:
    """Write the workbook to ``target``; returns the rows written per sheet name.

    Requires ``registry`` to be the framework registry the store uses. Raises InvalidInput
    (naming the field) for a year or round the registry does not have or a unit that is not
    an id, and NotFound for a unit the ledger never registered, before anything is written.
    """
    with views("sar") as docs:
        in_use = {framework for framework in registry if _in_use(docs, framework)}
        sheets = selection.round_sheets(registry, in_use.__contains__)
        if selection.unit is not None:
            _check_unit(docs, selection)
    refs = selection.agreements(registry)
    # Years no agreement was signed in hold no scores and no target versions: not read.
    signed = {registry[framework].fiscal_year for framework in in_use}
    years = [year for year in selection.years(registry) if year in signed]
    import xlsxwriter  # here: a read that exports nothing never loads it

    workbook = xlsxwriter.Workbook(
        str(target), {"constant_memory": True, "strings_to_numbers": False}
    )
    rows: dict[str, int] = {}
    try:
        book = Book(workbook)
        first = book.sheet(ABOUT_SHEET, ABOUT_COLUMNS)
        with views("scores") as docs:
            rows |= write_scores(book, docs, selection, sheets, refs)
        with views("requests") as docs:
            rows |= write_requests(book, docs, selection, refs)
        with views("integrity") as docs, views("sar") as registered:
            every = refs if refs is not None else _every_agreement(registered, years)
            rows |= write_integrity(book, docs, selection, every)
        with views("sar") as docs:
            rows |= write_sars(book, docs, selection, refs, bangkok_date(about.exported_at))
        with views("joints") as docs:
            rows |= write_joints(book, docs, selection)
        for item in _about_rows(about, selection, rows):
            first.add(item)
        first.finish()
    finally:
        workbook.close()
    return rows


def _every_agreement(docs: Documents, years: list[int]) -> Iterator[str]:
    """Every agreement's possible reference, in order: each registered unit (streamed from
    the ``sar`` view) by each of ``years`` (an agreement shares its framework's fiscal
    year), for reading the integrity reports agreement by agreement."""
    for unit_id, _ in docs.stream("unit", Unit):
        for year in years:
            yield f"{unit_id}/{year:04d}"


def _in_use(docs: Documents, framework_id: str) -> bool:
    """Whether an agreement under ``framework_id`` was signed (the SAR register expects its
    rounds from then on): the first key of the framework's range, if any."""
    return next(iter(docs.stream("by-framework", str, f"{framework_id}|")), None) is not None


def _check_unit(docs: Documents, selection: Selection) -> None:
    assert selection.unit is not None
    check_text(ID, selection.unit, selection.field("unit"))
    if docs.get("unit", selection.unit, Unit) is None:
        raise NotFound(
            f"no unit {selection.unit!r}",
            field=selection.field("unit"),
            rule="unit must be registered first",
        )


def _about_rows(about: About, selection: Selection, rows: dict[str, int]) -> Iterator[list[Cell]]:
    yield ["Exported / ส่งออกเมื่อ", about.exported_at]
    yield ["Log position at export / ลำดับล่าสุดในบันทึก", about.log_head]
    if about.demo_scenario is not None:
        yield ["Demo store / ฐานข้อมูลสาธิต", demo_notice(about.demo_scenario)]
    if about.reader is not None:
        yield ["Agreements the reader may read / เฉพาะคำรับรองที่ผู้ใช้มีสิทธิ์ดู", about.reader]
    yield ["Fiscal year / ปีงบประมาณ", selection.year if selection.year is not None else _ANY]
    yield [
        "Round (scores, SAR register, joint results) / รอบ (คะแนน ทะเบียน SAR ผลร่วม)",
        selection.round_id or _ANY,
    ]
    yield ["Unit / หน่วยงาน", selection.unit or _ANY]
    for label, text in _NOTES:
        yield [label, text]
    for name, count in rows.items():
        yield [f"Rows in {name} / จำนวนแถว", count]
