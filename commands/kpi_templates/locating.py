"""Naming where in a workbook a refusal belongs: its sheet, row and column, in words
(``sheet KPIs, row 7, column G (weight)``) and as the spreadsheet's own reference
(``KPIs!G7``), which becomes the refusal's field.

A refusal from the command's decoding or its handler names a command field (``$.weight``,
``criteria.thresholds``); ``Place.of_field`` turns it into the column that field was read
from, so the rules stay in the ledger and only their place is told here.

>>> from commands.kpi_templates.columns import columns_for
>>> from ledger.frameworks.loader import framework_by_id
>>> columns = columns_for(framework_by_id("fy2557-provinces"))
>>> Place("KPIs", 7).of_field("$.weight", columns).words
'sheet KPIs, row 7, column G (weight)'
>>> Place("KPIs", 7).of_field("criteria.thresholds", columns).reference
'KPIs!H7:L7'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from commands.kpi_templates.columns import Column, column_letter
from ledger.errors import LedgerError

__all__ = ["Place", "located"]

_PREFIXES = re.compile(r"^(?:\$\.|criteria\.|terms\.|amendments\.)+")


@dataclass(frozen=True)
class Place:
    """A sheet, and in it a row, and a column or a span of columns (0 is A); a cell's key
    names what the column holds."""

    sheet: str
    row: int | None = None
    first: int | None = None
    last: int | None = None
    key: str | None = None

    def at(self, index: int, key: str | None = None) -> Place:
        return Place(self.sheet, self.row, index, index, key)

    def of_field(self, field: str | None, columns: list[Column]) -> Place:
        """The column a command field was read from (a threshold's own column, or all of
        them for the thresholds as a whole); the row alone when no column holds it."""
        name = _PREFIXES.sub("", field or "")
        keys = [c.key for c in columns]
        if name in keys:
            return self.at(keys.index(name), name)
        spread = [i for i, key in enumerate(keys) if key.startswith(f"{name}[")]
        if name and spread:
            return Place(self.sheet, self.row, spread[0], spread[-1], name)
        return self

    @property
    def words(self) -> str:
        said = f"sheet {self.sheet}"
        if self.row is not None:
            said += f", row {self.row}"
        if self.first is not None and self.last is not None:
            letters = column_letter(self.first)
            if self.last != self.first:
                said += f", columns {letters}-{column_letter(self.last)}"
            else:
                said += f", column {letters}"
            if self.key:
                said += f" ({self.key})"
        return said

    @property
    def reference(self) -> str:
        """``KPIs!G7``, ``KPIs!H7:L7``, ``KPIs!7:7`` or the sheet's name alone."""
        sheet = self.sheet if re.fullmatch(r"\w+", self.sheet) else f"'{self.sheet}'"
        if self.row is None:
            return sheet
        if self.first is None or self.last is None:
            return f"{sheet}!{self.row}:{self.row}"
        cell = f"{column_letter(self.first)}{self.row}"
        if self.last == self.first:
            return f"{sheet}!{cell}"
        return f"{sheet}!{cell}:{column_letter(self.last)}{self.row}"


def located(error: LedgerError, place: Place) -> LedgerError:
    """The same refusal (its class, rule, expected and actual), its message led by the
    place in words and its field the place's reference."""
    moved = type(error).__new__(type(error))
    moved.__dict__.update(error.__dict__)
    moved.message = f"{place.words}: {error.message}"
    moved.field = place.reference
    Exception.__init__(moved, moved.message)
    return moved
