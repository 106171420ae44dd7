"""One cell of a KPI template as the command's JSON value: text with its ends stripped, a
number as its exact decimal text, a monitor flag as a boolean; a formula, a date or an
error value refused, naming the cell.

>>> from commands.kpi_templates.columns import Column
>>> from commands.kpi_templates.locating import Place
>>> from ledger.frameworks.loader import framework_by_id
>>> lists = Choices.of(framework_by_id("fy2557-provinces"), None)
>>> weight = Column("weight", "น้ำหนัก", "Weight", "number")
>>> cell_value(Cell(0.1), weight, lists, Place("KPIs", 2).at(6, "weight"))
'0.1'
>>> cell_value(Cell("x"), weight, lists, Place("KPIs", 2).at(6, "weight"))
Traceback (most recent call last):
ledger.errors.InvalidInput: sheet KPIs, row 2, column G (weight): 'x' is not a number
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from commands.kpi_templates.choices import Choices, flag_value
from commands.kpi_templates.columns import Column
from commands.kpi_templates.locating import Place
from ledger.errors import InvalidInput

__all__ = ["Cell", "blank", "cell_value", "spaced"]

_VALUE_RULE = "a KPI template's cells hold typed text or numbers, not formulas, dates or errors"
_NUMBER_RULE = "a number cell holds a decimal number (104.5, -3, 0.25)"
_FLAG_RULE = "a monitor cell says yes or no"


@dataclass(frozen=True)
class Cell:
    """A cell as openpyxl gives it: its value and its type (``f`` a formula, ``e`` an
    error, ``s`` text, ``n`` a number, ``b`` a boolean, ``d`` a date)."""

    value: Any
    data_type: str = "n"


def cell_value(cell: Any, column: Column, choices: Choices, at: Place) -> str | bool | None:
    """The cell as the command's JSON value (text; a number as its exact text; a flag as a
    boolean), or None when empty."""
    raw = None if cell is None else cell.value
    kind = None if cell is None else getattr(cell, "data_type", None)
    if blank(raw):
        return None
    if kind in ("f", "e") or isinstance(raw, (datetime, date, time, timedelta)):
        what = {"f": "a formula", "e": "an error value"}.get(str(kind), "a date or time")
        raise InvalidInput(
            f"{at.words}: the cell holds {what}; type the value itself",
            field=at.reference,
            rule=_VALUE_RULE,
            actual=str(raw)[:80],
        )
    if column.kind == "number":
        return _number(raw, at)
    if column.kind == "flag":
        said = choices.code("monitor", _text(raw))
        flag = True if raw is True else False if raw is False else flag_value(said)
        if flag is None:
            raise InvalidInput(
                f"{at.words}: {_text(raw)[:40]!r} is neither yes nor no",
                field=at.reference,
                rule=_FLAG_RULE,
                expected="yes, no",
                actual=_text(raw)[:40],
            )
        return flag
    text = _text(raw)
    return choices.code(column.key, text) if column.kind == "choice" else text


def _number(raw: Any, at: Place) -> str:
    if isinstance(raw, bool):
        value = Decimal("NaN")
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        # The shortest text that reads back as the same double: what the spreadsheet showed.
        value = Decimal(repr(raw))
    else:
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            value = Decimal("NaN")
    if not value.is_finite():
        raise InvalidInput(
            f"{at.words}: {str(raw)[:40]!r} is not a number",
            field=at.reference,
            rule=_NUMBER_RULE,
            actual=str(raw)[:40],
        )
    return str(value)


def _text(raw: Any) -> str:
    """A text cell's value, its ends stripped; a number typed in a text cell as its
    shortest exact text (``2`` rather than ``2.0``)."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return (repr(raw) if isinstance(raw, float) else str(raw)).strip()


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def spaced(value: Any) -> str:
    """A header's words with every run of white space made one space."""
    return " ".join(str(value).split()) if value is not None else ""
