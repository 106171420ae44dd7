"""One sheet of an exported workbook, written a row at a time: two header rows (English, then
Thai), cells typed by what their column holds, the header rows frozen, a filter on them, and
each column as wide as its widest text.

A workbook written with ``constant_memory`` keeps one row of each sheet in memory, so rows
must come in order; a column's width is known only once every row is written, and XlsxWriter
writes the widths when the workbook is closed, so ``finish`` sets them last.

Numbers are stored as numbers, never as text, with a number format per cell that keeps the
quantity's places: what people wrote down (weights, results, criteria, composites, penalties)
to the places it was recorded with, a KPI's score to at least the 4 places scoring gives it, a
weighted score at 4 places, halves away from zero (as ``ledger scores`` prints both). A number
of more than 15 significant digits, which a spreadsheet cannot hold exactly, is kept as text.
Dates and times are spreadsheet dates (so they sort and filter as dates) shown in the Buddhist
Era by the Thai-calendar number format; times are Bangkok time, to the millisecond.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from ledger.exact import round_half_up
from ledger.scoring.levels import KPI_SCORE_PLACES
from ledger.thaidate import BANGKOK

__all__ = [
    "BE_DATE",
    "BE_MOMENT",
    "Book",
    "Cell",
    "Column",
    "Formats",
    "SheetWriter",
    "display_width",
    "exact_in_a_sheet",
    "excel_moment",
    "number_width",
    "shown_places",
]

Kind = Literal["text", "prose", "int", "number", "score", "weighted", "date", "moment", "flag"]
Cell = str | int | bool | Decimal | date | datetime | None

# Excel's locale code 0x0107041E: Western digits (01), the Thai Buddhist calendar (07), the
# Thai locale (041E). The cell stays a date (it sorts and filters as one); 2014 shows as 2557.
BE_DATE = "[$-107041E]dd/mm/yyyy"
BE_MOMENT = "[$-107041E]dd/mm/yyyy hh:mm:ss"
WEIGHTED_PLACES = 4
# A double holds 15 significant decimal digits exactly (XlsxWriter writes 16: they round-trip).
_DIGITS = 15
# Column widths in characters: at least a short header, at most what a screen shows; prose
# (titles, justifications) wraps beyond its cap instead.
_MIN_WIDTH, _MAX_WIDTH, _PROSE_WIDTH = 6, 60, 45
_PADDING = 2


@dataclass(frozen=True)
class Column:
    """A column: its English and Thai headers and what its cells hold."""

    en: str
    th: str
    kind: Kind = "text"


def display_width(text: str) -> int:
    """Columns ``text`` takes on screen, its widest line: Thai vowel and tone marks (and any
    combining mark) sit on the letter before and take none, wide East Asian letters two.

    >>> display_width("จังหวัดกระบี่"), len("จังหวัดกระบี่"), display_width("KPI\\nตัวชี้วัด")
    (9, 13, 5)
    """
    if text.isascii():
        return max(map(len, text.split("\n"))) if "\n" in text else len(text)
    return _wide_width(text)


@lru_cache(maxsize=4096)
def _wide_width(text: str) -> int:
    # Kept per text: names and titles repeat on every row of their agreement.
    widest = 0
    for line in text.split("\n"):
        width = 0
        for char in line:
            if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
                continue
            width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        widest = max(widest, width)
    return widest


def exact_in_a_sheet(value: Decimal) -> bool:
    """Whether a spreadsheet number holds ``value`` exactly (15 significant digits or fewer).

    >>> exact_in_a_sheet(Decimal("0.2850")), exact_in_a_sheet(Decimal("1234567890.1234567"))
    (True, False)
    """
    if not value.is_finite():
        return False
    # Most values have few digits: normalising (dropping trailing zeros) only when needed.
    return (
        len(value.as_tuple().digits) <= _DIGITS
        or len(value.normalize().as_tuple().digits) <= _DIGITS
    )


def shown_places(value: Decimal, kind: Kind) -> tuple[Decimal, int]:
    """The value a cell of ``kind`` stores and the places its format shows.

    >>> shown_places(Decimal("2.6"), "score"), shown_places(Decimal("0.28585"), "weighted")
    ((Decimal('2.6'), 4), (Decimal('0.2859'), 4))
    >>> shown_places(Decimal("22.50"), "number")
    (Decimal('22.50'), 2)
    """
    exponent = value.as_tuple().exponent
    places = max(-exponent, 0) if isinstance(exponent, int) else 0
    if kind == "score":
        return value, max(places, KPI_SCORE_PLACES)
    if kind == "weighted":
        return round_half_up(value, WEIGHTED_PLACES), WEIGHTED_PLACES
    return value, places


def number_width(value: Decimal, places: int) -> int:
    """How wide ``#,##0.00`` (``places`` zeros) shows ``value``: the integer digits, their
    group commas, the point and places, a sign; counted, not formatted (it is per cell).

    >>> number_width(Decimal("1234567.5"), 2), len(f"{Decimal('1234567.5'):,.2f}")
    (12, 12)
    """
    digits = max(value.adjusted() + 1, 1)
    return digits + (digits - 1) // 3 + (places + 1 if places else 0) + value.is_signed()


def excel_moment(value: datetime) -> datetime:
    """``value`` as a spreadsheet holds it: Bangkok wall time, no zone, to the millisecond
    (a spreadsheet keeps no finer)."""
    local = value.astimezone(BANGKOK).replace(tzinfo=None)
    return local.replace(microsecond=local.microsecond // 1000 * 1000)


class Formats:
    """The workbook's cell formats, each made once (a workbook holds a bounded number)."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self._made: dict[str, Any] = {}

    def get(self, key: str, **properties: Any) -> Any:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._book.add_format(properties)
        return made

    def number(self, places: int) -> Any:
        places = min(places, 30)
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return self.get(f"number:{places}", num_format=pattern, valign="top")

    def header(self, last: bool) -> Any:
        return self.get(
            f"header:{last}",
            bold=True,
            bg_color="#DDE7F0",
            bottom=1 if last else 0,
            valign="top",
        )


class SheetWriter:
    """One sheet: header rows written at once, then ``add`` a row at a time. A sheet that
    reaches a spreadsheet's last row goes on in a sheet of its own named ``NAME (2)`` (and so
    on), with the same headers, placed after the sheets made so far."""

    HEADER_ROWS = 2
    # Excel's (and LibreOffice's) last row; XlsxWriter ignores a cell past it.
    max_rows = 1_048_576

    def __init__(self, book: Any, formats: Formats, name: str, columns: Sequence[Column]):
        self.name = name
        self._book = book
        self._formats = formats
        self._columns = tuple(columns)
        self._widths = [max(display_width(c.en), display_width(c.th)) for c in columns]
        self._text = formats.get("text", valign="top")
        self._prose = formats.get("prose", valign="top", text_wrap=True)
        self._date = formats.get("date", num_format=BE_DATE, valign="top")
        self._moment = formats.get("moment", num_format=BE_MOMENT, valign="top")
        self._int = formats.get("int", num_format="0", valign="top")
        # Each part: its worksheet and the rows written below its headers.
        self._parts: list[tuple[Any, int]] = []
        self._total = 0
        self.sheet: Any = None
        self.row = 0
        self._start(name)

    def _start(self, name: str) -> None:
        if self._parts:
            self._parts[-1] = (self.sheet, self.row - self.HEADER_ROWS)
        self.sheet = self._book.add_worksheet(name)
        # Row by row: in constant_memory mode a row is flushed once the next one is begun.
        for col, column in enumerate(self._columns):
            self.sheet.write_string(0, col, column.en, self._formats.header(False))
        for col, column in enumerate(self._columns):
            self.sheet.write_string(1, col, column.th, self._formats.header(True))
        self._parts.append((self.sheet, 0))
        self.row = self.HEADER_ROWS

    @property
    def rows(self) -> int:
        """Rows written below the headers, over every part."""
        return self._total

    def add(self, cells: Sequence[Cell]) -> None:
        """Write one row; requires one cell per column (None leaves a cell empty)."""
        if len(cells) != len(self._columns):
            raise ValueError(f"{self.name}: {len(cells)} cells for {len(self._columns)} columns")
        if self.row == self.max_rows:
            self._start(f"{self.name[:26]} ({len(self._parts) + 1})")
        for col, (cell, column) in enumerate(zip(cells, self._columns, strict=True)):
            if cell is not None:
                self._write(col, cell, column.kind)
        self.row += 1
        self._total += 1

    def _write(self, col: int, cell: Cell, kind: Kind) -> None:
        sheet, row = self.sheet, self.row
        # Texts and decimals first: most cells are one or the other.
        if isinstance(cell, str):
            sheet.write_string(row, col, cell, self._prose if kind == "prose" else self._text)
            self._fit(col, display_width(cell), prose=kind == "prose")
        elif isinstance(cell, Decimal):
            self._decimal(col, cell, kind)
        elif isinstance(cell, bool):
            sheet.write_boolean(row, col, cell, self._text)
            self._fit(col, 5)
        elif isinstance(cell, int):
            sheet.write_number(row, col, cell, self._int)
            self._fit(col, len(str(cell)))
        elif isinstance(cell, datetime):
            sheet.write_datetime(row, col, excel_moment(cell), self._moment)
            self._fit(col, 19)
        elif isinstance(cell, date):
            sheet.write_datetime(row, col, datetime(cell.year, cell.month, cell.day), self._date)
            self._fit(col, 10)

    def _decimal(self, col: int, value: Decimal, kind: Kind) -> None:
        stored, places = shown_places(value, kind)
        if not exact_in_a_sheet(stored):
            shown = format(stored, "f") if stored.is_finite() else str(stored)
            self.sheet.write_string(self.row, col, shown, self._text)
            self._fit(col, len(shown))
            return
        self.sheet.write_number(self.row, col, float(stored), self._formats.number(places))
        self._fit(col, number_width(stored, places))

    def _fit(self, col: int, width: int, *, prose: bool = False) -> None:
        if width > self._widths[col]:
            self._widths[col] = min(width, _PROSE_WIDTH if prose else _MAX_WIDTH)

    def finish(self) -> int:
        """Freeze each part's header rows, filter on its Thai one, set each column's width
        (the widest text of every part); returns the rows written below the headers."""
        self._parts[-1] = (self.sheet, self.row - self.HEADER_ROWS)
        last_col = len(self._columns) - 1
        for sheet, rows in self._parts:
            sheet.freeze_panes(self.HEADER_ROWS, 0)
            sheet.autofilter(self.HEADER_ROWS - 1, 0, self.HEADER_ROWS - 1 + rows, last_col)
            for col, width in enumerate(self._widths):
                sheet.set_column(col, col, max(width, _MIN_WIDTH) + _PADDING)
        return self._total


class Book:
    """A workbook being written and its formats."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.formats = Formats(workbook)

    def sheet(self, name: str, columns: Sequence[Column]) -> SheetWriter:
        """A new sheet after the others; requires a name of at most 31 characters, none of
        them ``[]:*?/\\``."""
        return SheetWriter(self.workbook, self.formats, name, columns)
