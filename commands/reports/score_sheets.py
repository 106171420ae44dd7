"""The scores sheets: one per round, a row per KPI of each agreement's score table for that
round (``projections.current_scores``), with the round's composite, band and penalties
repeated on each of its rows so that any row filtered out of the sheet still says them.

A score table holds no criteria; they come from the agreement as the same view keeps it
(one document per agreement, read with its tables), as they stand now, like the scores.
"""

from __future__ import annotations

from decimal import Decimal

import msgspec

from commands.reports.cells import Book, Cell, Column
from commands.reports.columns import criteria_cells, criteria_columns, penalty_cells
from commands.reports.selection import RoundSheet, Selection, read_chosen
from ledger.application import agreement_uuid
from projections.current_scores import stream_scores
from projections.documents import Documents
from projections.scores import KpiScoreRow, RoundScores

__all__ = ["SCORE_COLUMNS", "score_row", "sheet_name", "write_scores"]

SCORE_COLUMNS = [
    Column("Agreement", "คำรับรอง"),
    Column("Unit", "รหัสหน่วยงาน"),
    Column("Unit name", "ชื่อหน่วยงาน"),
    Column("Unit name (English)", "ชื่อหน่วยงาน (อังกฤษ)"),
    Column("Fiscal year", "ปีงบประมาณ", "int"),
    Column("Framework", "กรอบการประเมิน"),
    Column("Round status", "สถานะของรอบ"),
    Column("KPI", "ตัวชี้วัด"),
    Column("Title", "ชื่อตัวชี้วัด", "prose"),
    Column("Title (English)", "ชื่อตัวชี้วัด (อังกฤษ)", "prose"),
    Column("Component", "องค์ประกอบ"),
    Column("Unit of measure", "หน่วยวัด"),
    Column("Monitored only", "ติดตามเท่านั้น", "flag"),
    Column("Weight", "น้ำหนัก", "number"),
    Column("Direction", "ทิศทาง"),
    *criteria_columns(),
    Column("Reported actual", "ผลที่รายงาน", "number"),
    Column("Verified actual", "ผลที่ตรวจสอบแล้ว", "number"),
    Column("Score", "คะแนน", "score"),
    Column("Weighted score", "คะแนนถ่วงน้ำหนัก", "weighted"),
    Column("Composite before penalties", "คะแนนรวมก่อนหักคะแนน", "number"),
    Column("Penalties", "คะแนนที่ถูกหัก", "number"),
    Column("Penalty ids", "รายการหักคะแนน"),
    Column("Composite", "คะแนนรวม", "number"),
    Column("Band", "ระดับผลการประเมิน"),
    Column("Band (English)", "ระดับผลการประเมิน (อังกฤษ)"),
]


class _Terms(msgspec.Struct, frozen=True):
    direction: str
    unit_of_measure: str = ""
    thresholds: tuple[Decimal, ...] = ()


class _Kpi(msgspec.Struct, frozen=True):
    terms: _Terms


class _Criteria(msgspec.Struct, frozen=True):
    """What the scores sheet reads of an agreement's stored state (the rest is skipped)."""

    kpis: dict[str, _Kpi] = {}


def sheet_name(sheet: RoundSheet) -> str:
    """``Scores 6m · คะแนน``, within a sheet name's 31 characters."""
    return f"Scores {sheet.round_id[:14]} · คะแนน"


def score_row(table: RoundScores, row: KpiScoreRow, terms: _Terms | None) -> list[Cell]:
    """The cells of one KPI's row, in ``SCORE_COLUMNS`` order."""
    return [
        table.agreement,
        table.unit_id,
        table.unit_name_th,
        table.unit_name_en,
        table.fiscal_year,
        table.framework_id,
        table.status,
        row.kpi_id,
        row.title_th,
        row.title_en,
        row.component,
        terms.unit_of_measure if terms else None,
        row.monitor,
        row.weight,
        terms.direction if terms else None,
        *criteria_cells(terms.thresholds if terms else ()),
        row.reported_actual,
        row.verified_actual,
        row.score,
        row.weighted_score,
        table.composite_before_penalties,
        *penalty_cells(list(table.penalties.items())),
        table.composite,
        table.band_th,
        table.band_en,
    ]


def write_scores(
    book: Book,
    docs: Documents,
    selection: Selection,
    sheets: list[RoundSheet],
    refs: list[str] | None,
) -> dict[str, int]:
    """Write a sheet per round of ``sheets`` (a round met that is not among them gets a sheet
    after them) from the score tables of ``refs``, in order, or (None) of every agreement,
    streamed; returns the rows written per sheet name."""
    writers = {s.round_id: book.sheet(sheet_name(s), SCORE_COLUMNS) for s in sheets}
    tables = read_chosen(
        refs,
        lambda ref: stream_scores(docs, agreement=ref, round_id=selection.round_id),
        lambda: stream_scores(docs, round_id=selection.round_id),
    )
    # The tables come in agreement order: each agreement's criteria are read once.
    criteria: tuple[str, dict[str, _Kpi]] = ("", {})
    for table in tables:
        if not selection.takes(table.agreement, table.framework_id):
            continue
        if criteria[0] != table.agreement:
            state = docs.get("agreement", str(agreement_uuid(table.agreement)), _Criteria)
            criteria = (table.agreement, state.kpis if state is not None else {})
        writer = writers.get(table.round_id)
        if writer is None:
            extra = RoundSheet(table.round_id, table.round_label_th, table.round_label_en)
            writer = writers[table.round_id] = book.sheet(sheet_name(extra), SCORE_COLUMNS)
        for row in table.kpis:
            kpi = criteria[1].get(row.kpi_id)
            writer.add(score_row(table, row, kpi.terms if kpi else None))
    return {writer.name: writer.finish() for writer in writers.values()}
