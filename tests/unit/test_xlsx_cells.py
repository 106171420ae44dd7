"""The Excel export's pieces that need no workbook: how wide Thai text is, what a number cell
stores and shows, how a moment becomes a spreadsheet time, and what a selection reads."""

from __future__ import annotations

import doctest
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commands.reports import cells, columns, selection
from commands.reports.cells import (
    display_width,
    exact_in_a_sheet,
    excel_moment,
    number_width,
    shown_places,
)
from commands.reports.selection import Selection
from commands.web import downloads
from ledger.errors import InvalidInput, NotFound
from ledger.frameworks.loader import builtin_frameworks


@pytest.mark.parametrize("module", [cells, columns, selection, downloads])
def test_the_examples_in_the_docstrings_hold(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("TH-81", 5),
        ("จังหวัดกระบี่", 9),  # ั ั ี ่ sit on their letters
        ("ตัวชี้วัด", 5),  # ั ี ้ ั
        ("ผู้ใช้", 3),  # ู ้ ้
        ("KPI\nตัวชี้วัด", 5),  # the widest line
        ("e\u0301", 1),  # any combining mark
        ("表", 2),  # wide East Asian letters take two
        ("", 0),
    ],
)
def test_thai_marks_take_no_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_each_quantity_keeps_its_places() -> None:
    assert shown_places(Decimal("7.5"), "number") == (Decimal("7.5"), 1)
    assert shown_places(Decimal("22.50"), "number") == (Decimal("22.50"), 2)
    assert shown_places(Decimal("15"), "number") == (Decimal("15"), 0)
    # A score is shown to 4 places, padded, never rounded; a weighted score rounded half up.
    assert shown_places(Decimal("2.6"), "score") == (Decimal("2.6"), 4)
    assert shown_places(Decimal("3.812345"), "score") == (Decimal("3.812345"), 6)
    assert shown_places(Decimal("0.28585"), "weighted") == (Decimal("0.2859"), 4)
    assert shown_places(Decimal("-0.28585"), "weighted") == (Decimal("-0.2859"), 4)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, max_value=10**8))
def test_a_number_a_sheet_holds_reads_back_exactly(value: Decimal) -> None:
    """What ``exact_in_a_sheet`` accepts survives the trip through a double and the 16
    significant digits XlsxWriter writes."""
    if exact_in_a_sheet(value):
        assert Decimal(str(float(f"{float(value):.16G}"))) == value


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, max_value=10**12))
def test_a_numbers_width_is_counted_as_its_format_shows_it(value: Decimal) -> None:
    """The column width counted per number cell is the length of ``#,##0.0000``'s text
    (for a value already at the places shown: nothing rounds up a digit)."""
    stored, places = shown_places(value, "number")
    assert number_width(stored, places) == len(f"{stored:,.{places}f}")


def test_more_digits_than_a_sheet_holds_are_not_a_number() -> None:
    assert exact_in_a_sheet(Decimal("123456789012345"))
    assert not exact_in_a_sheet(Decimal("1234567890123456"))
    assert not exact_in_a_sheet(Decimal("0.1234567890123456"))
    assert exact_in_a_sheet(Decimal("1.50000000000000000000"))  # trailing zeros hold nothing


def test_a_moment_is_bangkok_wall_time_to_the_millisecond() -> None:
    moment = datetime(2014, 4, 30, 2, 15, 3, 123456, tzinfo=UTC)
    assert excel_moment(moment) == datetime(2014, 4, 30, 9, 15, 3, 123000)


def test_the_round_sheets_come_from_the_registry_of_the_year() -> None:
    registry = builtin_frameworks()
    every = Selection().round_sheets(registry, lambda _: True)
    assert [s.round_id for s in every] == ["6m", "9m", "12m", "h1", "h2"]
    fy2568 = Selection(year=2568).round_sheets(registry, lambda _: True)
    assert [s.round_id for s in fy2568] == ["6m", "12m"]
    in_use = Selection().round_sheets(registry, lambda f: f == "fy2557-provinces")
    assert [s.round_id for s in in_use] == ["6m", "9m", "12m"]
    assert Selection(round_id="h1").round_sheets(registry, lambda _: False)[0].label_en
    with pytest.raises(InvalidInput) as year:
        Selection(year=2999).round_sheets(registry, lambda _: True)
    assert (year.value.field, "2557" in year.value.message) == ("--year", True)
    with pytest.raises(NotFound) as round_:
        Selection(year=2568, round_id="9m", flag="").round_sheets(registry, lambda _: True)
    assert round_.value.field == "round"
    assert "(known: '12m', '6m')" in round_.value.message


def test_a_reader_limited_to_units_reads_their_agreements_by_key() -> None:
    registry = builtin_frameworks()
    assert Selection().agreements(registry) is None
    assert Selection(unit="TH-81", year=2557).agreements(registry) == ["TH-81/2557"]
    office = Selection(units=frozenset({"TH-81"}))
    assert office.agreements(registry) == [
        "TH-81/2552",
        "TH-81/2554",
        "TH-81/2557",
        "TH-81/2568",
    ]
    assert Selection(unit="TH-82", units=frozenset({"TH-81"})).agreements(registry) == []
    assert office.takes_ref("TH-81/2557")
    assert not office.takes_ref("TH-81-00000/2557")
    granted = Selection(readable=lambda unit, framework, year: framework == "fy2557-provinces")
    assert granted.takes("TH-81/2557", "fy2557-provinces")
    assert not granted.takes("TH-42/2568", "fy2568-provinces")
    assert not Selection(year=2568).takes("TH-81/2557", "fy2557-provinces")
