"""Read a filled KPI template into one row of ``propose_kpi`` fields per KPI.

This checks the file as a file: the sheets and the header row it was written with, cells that
hold typed values (not formulas, dates or errors), numbers where numbers go, every column
marked * filled, no merged cells, no KPI id twice, at most 60 KPI rows, nothing right of the
last column or below row 1001. What a value means (a known component, thresholds in order
for the direction, a weight a monitor KPI may have) is the command's decoding and handler's
to judge, as for a command sent any other way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from commands.kpi_templates.cells import blank, cell_value, spaced
from commands.kpi_templates.choices import Choices
from commands.kpi_templates.columns import (
    FRAMEWORK_CELL,
    KPI_SHEET,
    LAST_ROW,
    LISTS_SHEET,
    MAX_ROWS,
    SHEETS,
    Column,
    columns_for,
    header_text,
)
from commands.kpi_templates.locating import Place
from commands.kpi_templates.problems import Problems
from commands.kpi_templates.workbook import merged_ranges, open_workbook, unreadable
from ledger.errors import InvalidInput, LedgerError
from ledger.frameworks.model import Framework

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = ["KpiRow", "read_template"]

_SHEETS_RULE = "a KPI template holds the sheets it was written with"
_FRAMEWORK_RULE = "a KPI template is imported into an agreement under its framework"
_HEADER_RULE = "a KPI template keeps the header row it was written with"
_REQUIRED_RULE = "a KPI row fills every column marked *"
_MERGED_RULE = "a KPI template has no merged cells"
_ROWS_RULE = f"a KPI template holds at most {MAX_ROWS} KPI rows, in rows 2 to {LAST_ROW}"
_COLUMNS_RULE = "a KPI template has no columns beyond those it was written with"
_UNIQUE_RULE = "KPI ids are unique within a template"


@dataclass(frozen=True)
class KpiRow:
    """A KPI row: its number on the sheet and the propose_kpi fields it fills (as their
    JSON)."""

    number: int
    fields: dict[str, Any]


def read_template(data: bytes, framework: Framework) -> list[KpiRow]:
    """The KPI rows of the template in ``data``, read against ``framework``'s columns and
    lists. Raises InvalidInput (or TooLarge) naming the sheet, row and column at fault."""
    columns = columns_for(framework)
    choices = Choices.of(framework, None)
    with open_workbook(data) as book:
        try:
            _check_sheets(book, framework)
            _check_merges(book)
            return _rows(book, columns, choices)
        except LedgerError:
            raise
        except Exception as error:  # a part openpyxl cannot parse (or a chart sheet)
            raise unreadable(error) from error


def _check_merges(book: Workbook) -> None:
    if merged := merged_ranges(book, KPI_SHEET):
        raise InvalidInput(
            f"sheet {KPI_SHEET}: cells {merged[0]} are merged; unmerge them and fill each cell",
            field=f"{KPI_SHEET}!{merged[0]}",
            rule=_MERGED_RULE,
        )


def _check_sheets(book: Workbook, framework: Framework) -> None:
    names = book.sheetnames
    if KPI_SHEET not in names:
        raise InvalidInput(
            f"the workbook has no sheet {KPI_SHEET!r} (it has {', '.join(names)[:200]})",
            field="sheet",
            rule=_SHEETS_RULE,
            expected=KPI_SHEET,
        )
    for name in names:
        if name not in SHEETS:
            raise InvalidInput(
                f"sheet {name[:40]!r} is not part of a KPI template; move its KPIs to "
                f"sheet {KPI_SHEET} and delete it",
                field=name[:40],
                rule=_SHEETS_RULE,
                expected=", ".join(SHEETS),
            )
    if LISTS_SHEET in names:
        written_for = book[LISTS_SHEET][FRAMEWORK_CELL].value
        if written_for not in (None, "", framework.id):
            raise InvalidInput(
                f"the template was written for framework {str(written_for)[:64]!r}, not "
                f"{framework.id}",
                field=f"{LISTS_SHEET}!{FRAMEWORK_CELL}",
                rule=_FRAMEWORK_RULE,
                expected=framework.id,
                actual=str(written_for)[:64],
            )


def _rows(book: Workbook, columns: list[Column], choices: Choices) -> list[KpiRow]:
    sheet: Any = book[KPI_SHEET]
    sheet.reset_dimensions()  # the sheet's own stated size may hide rows; read them all
    found: list[KpiRow] = []
    seen: dict[str, int] = {}
    problems = Problems()
    header = False
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number == 1:
            _check_header(cells, columns, Place(KPI_SHEET, number))
            header = True
            continue
        # A row the sheet skips comes as (): a far-away cell costs no more than its row.
        if not cells or all(blank(cell.value) for cell in cells):
            continue
        place = Place(KPI_SHEET, number)
        if number > LAST_ROW or len(found) == MAX_ROWS:
            raise InvalidInput(
                f"{place.words}: a KPI template holds at most {MAX_ROWS} KPI rows",
                field=place.reference,
                rule=_ROWS_RULE,
                expected=MAX_ROWS,
            )
        row = _row(number, cells, columns, choices, problems)
        if row is None:
            continue
        kpi_id = str(row.fields["kpi_id"])
        if kpi_id in seen:
            at = place.at(0, "kpi_id")
            problems.add(
                InvalidInput(
                    f"{at.words}: KPI id {kpi_id!r} is already given in row {seen[kpi_id]}",
                    field=at.reference,
                    rule=_UNIQUE_RULE,
                    actual=kpi_id,
                )
            )
            continue
        seen[kpi_id] = number
        found.append(row)
    if not header:
        raise _header_missing(Place(KPI_SHEET, 1))
    problems.raise_any()
    return found


def _header_missing(place: Place) -> InvalidInput:
    return InvalidInput(
        f"{place.words}: the header row is missing", field=place.reference, rule=_HEADER_RULE
    )


def _check_header(cells: Sequence[Any], columns: list[Column], place: Place) -> None:
    if all(blank(cell.value) for cell in cells):
        raise _header_missing(place)
    for index, column in enumerate(columns):
        given = cells[index].value if index < len(cells) else None
        expected = header_text(column)
        if spaced(given) != spaced(expected):
            at = place.at(index, column.key)
            raise InvalidInput(
                f"{at.words}: the header is {spaced(given)[:80]!r}, not {spaced(expected)!r}",
                field=at.reference,
                rule=_HEADER_RULE,
                expected=spaced(expected),
                actual=spaced(given)[:80],
            )
    _check_width(cells, columns, place)


def _check_width(cells: Sequence[Any], columns: list[Column], place: Place) -> None:
    for index in range(len(columns), len(cells)):
        if not blank(cells[index].value):
            at = place.at(index)
            raise InvalidInput(
                f"{at.words}: the template has no column here",
                field=at.reference,
                rule=_COLUMNS_RULE,
            )


def _row(
    number: int, cells: Sequence[Any], columns: list[Column], choices: Choices, problems: Problems
) -> KpiRow | None:
    """The row's fields; None, with each bad cell added to ``problems``, when any is bad."""
    place = Place(KPI_SHEET, number)
    met = len(problems.found)
    try:
        _check_width(cells, columns, place)
    except InvalidInput as error:
        problems.add(error)
    fields: dict[str, Any] = {}
    thresholds: list[str] = []
    prior: list[dict[str, Any]] = []
    for index, column in enumerate(columns):
        at = place.at(index, column.key)
        cell = cells[index] if index < len(cells) else None
        try:
            value = cell_value(cell, column, choices, at)
        except InvalidInput as error:
            problems.add(error)
            continue
        if value is None:
            if column.required:
                problems.add(
                    InvalidInput(
                        f"{at.words}: the cell is empty", field=at.reference, rule=_REQUIRED_RULE
                    )
                )
            continue
        if column.key.startswith("thresholds["):
            thresholds.append(str(value))
        elif column.year is not None:
            prior.append({"fiscal_year": column.year, "value": str(value)})
        else:
            fields[column.key] = value
    if thresholds:
        fields["thresholds"] = thresholds
    if prior:
        fields["prior_results"] = prior
    return KpiRow(number=number, fields=fields) if len(problems.found) == met else None
