"""One sheet written by ``SheetWriter`` into a real workbook and read back with openpyxl: cells
typed by what they hold, text never read as a formula, numbers a spreadsheet cannot hold
exactly kept as text, and a sheet that reaches the last row going on in a sheet of its own."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import xlsxwriter

from commands.reports.cells import BE_DATE, BE_MOMENT, Book, Column

COLUMNS = [
    Column("Text", "ข้อความ"),
    Column("Number", "ตัวเลข", "number"),
    Column("Score", "คะแนน", "score"),
    Column("Day", "วันที่", "date"),
    Column("Moment", "เวลา", "moment"),
    Column("Flag", "ธง", "flag"),
]
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def _written(path: Path, rows: list[list[object]], max_rows: int | None = None) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    book = Book(workbook)
    sheet = book.sheet("Cells · เซลล์", COLUMNS)
    if max_rows is not None:
        sheet.max_rows = max_rows
    for row in rows:
        sheet.add(row)  # type: ignore[arg-type]
    assert sheet.finish() == len(rows)
    workbook.close()


def test_cells_keep_their_types_and_text_is_never_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "cells.xlsx"
    moment = datetime(2014, 4, 30, 2, 15, tzinfo=UTC)
    rows: list[list[object]] = [
        [text, Decimal("1.50"), Decimal("2.6"), date(2014, 4, 30), moment, True] for text in HOSTILE
    ]
    rows.append(["ยาว", Decimal("1234567890.123456789"), None, None, None, False])
    _written(path, rows)
    sheet = openpyxl.load_workbook(path)["Cells · เซลล์"]
    for index, text in enumerate(HOSTILE, start=3):
        cell = sheet.cell(index, 1)
        assert (cell.value, cell.data_type) == (text, "s")  # a string, not a formula
        assert (sheet.cell(index, 2).value, sheet.cell(index, 2).number_format) == (1.5, "#,##0.00")
        assert sheet.cell(index, 3).number_format == "#,##0.0000"
        assert sheet.cell(index, 4).value == datetime(2014, 4, 30)
        assert sheet.cell(index, 4).number_format == BE_DATE
        assert sheet.cell(index, 5).value == datetime(2014, 4, 30, 9, 15)
        assert sheet.cell(index, 5).number_format == BE_MOMENT
        assert sheet.cell(index, 6).value is True
    last = sheet.max_row
    # 19 significant digits: no spreadsheet number holds them, so the exact text is kept.
    assert sheet.cell(last, 2).value == "1234567890.123456789"
    assert sheet.cell(last, 3).value is None


def test_a_sheet_past_the_last_row_goes_on_in_a_sheet_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    rows: list[list[object]] = [[f"row {n}", Decimal(n), None, None, None, None] for n in range(7)]
    _written(path, rows, max_rows=5)  # two header rows and three rows a sheet
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Cells · เซลล์", "Cells · เซลล์ (2)", "Cells · เซลล์ (3)"]
    read = [
        row[0] for sheet in book.worksheets for row in sheet.iter_rows(min_row=3, values_only=True)
    ]
    assert read == [f"row {n}" for n in range(7)]
    for sheet in book.worksheets:
        assert [c.value for c in sheet[2]] == [c.th for c in COLUMNS]
        assert sheet.freeze_panes == "A3"
        assert sheet.auto_filter.ref == f"A2:F{sheet.max_row}"
