"""CSV on stdout for every read's table (``--csv``): one sheet a spreadsheet opens as it is.

The file Excel needs: UTF-8 with a byte-order mark first (without one Excel reads a CSV in
the machine's ANSI code page and Thai turns to mojibake), RFC 4180 quoting and CRLF line
ends (``csv``'s ``excel`` dialect), one header row of ``English / ไทย`` names. A read that
prints several tables writes one flat sheet: each row carries its grouping columns
(agreement, round, ...) and, where the tables differ in kind, a ``Part / ส่วน`` column.

Cells are complete values, never wrapped for a terminal: numbers as the ledger's exact
decimals (a quantity with fixed places through its ``commands.cli.numbers`` format), dates
and times ISO 8601 (times in Bangkok, with their offset), flags ``TRUE``/``FALSE``. Recorded
text is data: a cell a spreadsheet would take for a formula (OWASP "CSV injection") is
prefixed with a single quote, and control characters are shown as escapes.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Generic, TypeVar

from commands.cli.numbers import format_number
from commands.cli.terminal import escape_controls
from ledger.thaidate import BANGKOK

__all__ = [
    "BOM",
    "PART",
    "Cell",
    "Col",
    "Row",
    "Sheet",
    "cell_text",
    "joined",
    "neutralised",
    "part",
    "placed",
    "print_csv",
    "union",
]

T = TypeVar("T")

BOM = b"\xef\xbb\xbf"
# The first characters that make Excel, LibreOffice or Google Sheets read a cell as a
# formula (OWASP's list, with the full-width forms Excel also accepts).
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
# A cell that is a number (ours, e.g. a negative gap) is not a formula, and stays a number.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Rows are written to stdout in chunks of about this many characters.
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Col:
    """A column, named in English and Thai; columns of the same names are one column."""

    english: str
    thai: str

    @property
    def header(self) -> str:
        return f"{self.english} / {self.thai}"


Cell = str | int | Decimal | date | datetime | bool | None
Row = Mapping[Col, Cell]


@dataclass(frozen=True)
class Sheet(Generic[T]):
    """The columns of a read's CSV and the rows one item of the read gives (a score table
    gives a row per KPI, each with its agreement and round)."""

    columns: tuple[Col, ...]
    rows: Callable[[T], Iterable[Row]]


PART = Col("Part", "ส่วน")


def part(english: str, thai: str, row: Row) -> Row:
    """``row`` of a sheet that joins tables of different kinds, marked with its kind."""
    return {PART: f"{english} / {thai}", **row}


def union(*groups: Sequence[Col]) -> tuple[Col, ...]:
    """Every column of ``groups`` once, in the order first seen (``PART`` first when any
    group has it)."""
    seen: dict[Col, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return tuple(seen)


def placed(fmt: Callable[[Decimal | None], str], value: Decimal | None) -> str | None:
    """``value`` in its quantity's places (``fmt`` from ``commands.cli.numbers``); None
    stays an empty cell."""
    return None if value is None else fmt(value)


def joined(values: Iterable[object], between: str = " / ") -> str:
    """Several values in one cell, decimals exact: ``70 / 75 / 80``."""
    return between.join(format_number(v) if isinstance(v, Decimal) else str(v) for v in values)


def neutralised(text: str) -> str:
    """``text`` that no spreadsheet reads as a formula: a single quote before a formula's
    first character, unless the whole cell is a number.

    >>> neutralised("=HYPERLINK(\\"http://x\\")"), neutralised("-0.25"), neutralised("@SUM(A1)")
    ('\\'=HYPERLINK("http://x")', '-0.25', "'@SUM(A1)")
    """
    if text[:1] in _FORMULA_START and _NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


def cell_text(value: Cell) -> str:
    """One cell as written.

    >>> from datetime import UTC
    >>> cell_text(datetime(2014, 4, 30, 2, 15, tzinfo=UTC)), cell_text(Decimal("82.50"))
    ('2014-04-30T09:15:00+07:00', '82.50')
    >>> cell_text(None), cell_text(True), cell_text(date(2014, 4, 30))
    ('', 'TRUE', '2014-04-30')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(BANGKOK).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return neutralised(escape_controls(value))


def print_csv(sheet: Sheet[T], items: Iterable[T]) -> None:
    """Write ``sheet``'s header and the rows of every item to stdout, a chunk at a time
    (``items`` may stream a whole ledger). A row naming a column ``sheet`` lacks is a bug:
    ValueError."""
    write = _stdout_bytes()
    write(BOM)
    for chunk in _chunks(sheet, items):
        write(chunk.encode("utf-8"))


def _chunks(sheet: Sheet[T], items: Iterable[T]) -> Iterator[str]:
    text = io.StringIO()
    writer = csv.writer(text, dialect="excel")  # RFC 4180 quoting, CRLF line ends
    writer.writerow([column.header for column in sheet.columns])
    known = frozenset(sheet.columns)
    for item in items:
        for row in sheet.rows(item):
            if not known.issuperset(row):
                unknown = ", ".join(c.header for c in row if c not in known)
                raise ValueError(f"a row names columns its sheet lacks: {unknown}")
            writer.writerow([cell_text(row.get(column)) for column in sheet.columns])
        if text.tell() > _CHUNK:
            yield text.getvalue()
            text.seek(0)
            text.truncate()
    yield text.getvalue()


def _stdout_bytes() -> Callable[[bytes], object]:
    """Bytes straight to stdout's buffer (text mode would translate line ends on some
    systems), after whatever was written to it as text."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stdout that takes text only (a test runner's)
        return lambda data: sys.stdout.write(data.decode("utf-8"))
    return buffer.write  # type: ignore[no-any-return]
