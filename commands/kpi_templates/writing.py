"""Write a blank KPI template for a framework (XlsxWriter): the KPI sheet with one row per
KPI to fill, its headers frozen and filtered, lists to choose the component, the direction
and the monitor flag from, number cells that refuse text; the framework's mandatory KPIs
listed first, their fixed parts filled in; an instruction sheet in Thai and English; and a
hidden sheet holding the lists and the framework the template is for.

Text columns are formatted as text, so an id typed ``2.10`` stays ``2.10`` rather than
becoming the number 2.1.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from commands.kpi_templates.choices import Choices
from commands.kpi_templates.columns import (
    FRAMEWORK_CELL,
    INSTRUCTIONS_SHEET,
    KPI_SHEET,
    LEVEL_CELL,
    LISTS_SHEET,
    MAX_ROWS,
    Column,
    columns_for,
    header_text,
)
from commands.kpi_templates.instructions import instruction_rows
from ledger.bounds import ID, KPI_REF, MAX_MAGNITUDE, NAME
from ledger.frameworks.model import Framework, MandatoryKpi

__all__ = ["prelisted", "write_template"]

_LIST_COLUMNS = {"component": "A", "direction": "B", "monitor": "C"}
# The lengths the ledger takes (its bounds refuse longer text when the row is imported).
_TEXT_LIMITS = {"id": ID.max_length, "name": NAME.max_length, "ref": KPI_REF.max_length}
_FONT = "Tahoma"  # on every Windows and macOS, with Thai; LibreOffice substitutes its own


def prelisted(framework: Framework, level: str | None) -> tuple[MandatoryKpi, ...]:
    """The mandatory KPIs a template lists first: those of ``level``, or with no level
    given, those every level of the framework carries."""
    if level:
        return framework.mandatory_for(level)
    return tuple(m for m in framework.mandatory_kpis if not m.levels)


def write_template(framework: Framework, level: str | None, out: Path | IO[bytes]) -> None:
    """Write the template for ``framework`` (at unit ``level``, or for every level) to
    ``out``, a path or a binary file. Requires ``level`` to be one of the framework's."""
    import xlsxwriter  # here: the web pages and `import-kpis` load without it

    target: Any = str(out) if isinstance(out, Path) else out
    book = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_numbers": False})
    try:
        choices = Choices.of(framework, level)
        columns = columns_for(framework)
        formats = _formats(book)
        kpis = book.add_worksheet(KPI_SHEET)
        guide = book.add_worksheet(INSTRUCTIONS_SHEET)
        lists = book.add_worksheet(LISTS_SHEET)
        _write_lists(lists, choices, framework, level)
        _write_kpi_sheet(kpis, columns, choices, formats, prelisted(framework, level))
        _write_instructions(guide, instruction_rows(framework, level, columns), formats)
        kpis.activate()
    finally:
        book.close()


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": _FONT, "font_size": 11, "valign": "top"}
    return {
        "header": book.add_format(
            {**base, "bold": True, "text_wrap": True, "bg_color": "#DDEBF7", "border": 1}
        ),
        "text": book.add_format({**base, "num_format": "@", "text_wrap": True}),
        "number": book.add_format({**base, "num_format": "General"}),
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "heading": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7"}),
        "wrap": book.add_format({**base, "text_wrap": True}),
    }


def _write_lists(sheet: Any, choices: Choices, framework: Framework, level: str | None) -> None:
    for key, letter in _LIST_COLUMNS.items():
        sheet.write_string(f"{letter}1", key)
        for row, label in enumerate(choices.labels(key), start=2):
            sheet.write_string(f"{letter}{row}", label)
    sheet.write_string("E1", "framework")
    sheet.write_string(FRAMEWORK_CELL, framework.id)
    sheet.write_string("E2", "level")
    sheet.write_string(LEVEL_CELL, level or "")
    sheet.hide()


def _write_kpi_sheet(
    sheet: Any,
    columns: list[Column],
    choices: Choices,
    formats: dict[str, Any],
    mandatory: tuple[MandatoryKpi, ...],
) -> None:
    last = len(columns) - 1
    sheet.set_row(0, 48)
    for index, column in enumerate(columns):
        style = formats["number" if column.kind == "number" else "text"]
        sheet.set_column(index, index, column.width, style)
        sheet.write_string(0, index, header_text(column), formats["header"])
        _validate(sheet, index, column, choices)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, MAX_ROWS, last)
    for row, kpi in enumerate(mandatory, start=1):
        filled: dict[str, str | Decimal] = {
            "kpi_id": kpi.code,
            "title_th": kpi.title_th,
            "title_en": kpi.title_en,
            "component": choices.label("component", kpi.component),
            "weight": kpi.weight,
            "monitor": choices.label("monitor", "yes" if kpi.monitor else "no"),
            "mandatory_code": kpi.code,
        }
        for index, column in enumerate(columns):
            value = filled.get(column.key)
            if value is None:
                continue
            if column.kind == "number":
                # A number cell, as typed ones are; its text keeps the weight's places.
                sheet.write_number(row, index, float(value), formats["number"])
            else:
                sheet.write_string(row, index, str(value), formats["text"])


def _validate(sheet: Any, index: int, column: Column, choices: Choices) -> None:
    """The cell checks a spreadsheet makes while typing (the import checks again)."""
    cells = (1, index, MAX_ROWS, index)
    title = f"{column.th} / {column.en}"[:32]
    if column.key in _LIST_COLUMNS:
        letter = _LIST_COLUMNS[column.key]
        count = len(choices.labels(column.key))
        rule: dict[str, Any] = {
            "validate": "list",
            "source": f"='{LISTS_SHEET}'!${letter}$2:${letter}${count + 1}",
            "error_title": title,
            "error_message": "เลือกจากรายการ / Choose from the list",
        }
    elif column.kind == "number":
        bound = 10**MAX_MAGNITUDE - 1
        rule = {
            "validate": "decimal",
            "criteria": "between",
            "minimum": -bound,
            "maximum": bound,
            "error_title": title,
            "error_message": "ใส่ตัวเลข เช่น 104.5 / Type a number, as in 104.5",
        }
    elif column.kind in _TEXT_LIMITS:
        limit = _TEXT_LIMITS[column.kind]
        rule = {
            "validate": "length",
            "criteria": "<=",
            "value": limit,
            "error_title": title,
            "error_message": f"ไม่เกิน {limit} ตัวอักษร / At most {limit} characters",
        }
    else:
        return
    sheet.data_validation(*cells, rule)


def _write_instructions(sheet: Any, rows: list[tuple[str, ...]], formats: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 30, formats["wrap"])
    sheet.set_column(1, 1, 60, formats["wrap"])
    sheet.set_column(2, 2, 60, formats["wrap"])
    for row, cells in enumerate(rows):
        style = formats["wrap"]
        if row == 0:
            style = formats["title"]
        elif len(cells) == 1:
            style = formats["heading"]
        for col, text in enumerate(cells):
            sheet.write_string(row, col, text, style)
