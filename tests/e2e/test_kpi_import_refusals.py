"""Each kind of bad row or bad file in a KPI template is refused naming its sheet, row and
column (the rule in English and Thai), and nothing of the file is recorded: the store's head
stays where it was, though the rows before the bad one were accepted by the handler.

Every case runs through ``import_kpis``, the function `ledger import-kpis` and the web page
call, over the real store and handlers; a few run through the `ledger` process as well, to
show the one line it prints.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl.workbook.workbook import Workbook

from commands.handlers import HandlerContext
from commands.kpi_templates import import_kpis
from commands.rules_th import rule_in_thai
from commands.wiring import build_context
from ledger.domain.values import Actor
from ledger.errors import LedgerError
from ledger.persistence.settings import Settings
from tests.e2e.kpi_year import (
    KEYS,
    Year,
    build_year,
    fill,
    head,
    import_file,
    kpis_of,
    own,
)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    return build_year(tmp_path_factory.mktemp("kpi-templates"))


def _bad_rows(**row3: Any) -> Callable[[Year], Path]:
    def make(year: Year) -> Path:
        return fill(year, "bad", {2: own("K1"), 3: own("K2", **row3)})

    return make


def _bad_book(change: Callable[[Workbook], None], **options: Any) -> Callable[[Year], Path]:
    def make(year: Year) -> Path:
        return fill(year, "bad", {2: own("K1"), 3: own("K2")}, change=change, **options)

    return make


def _bad_bytes(content: bytes) -> Callable[[Year], Path]:
    def make(year: Year) -> Path:
        path = year.folder / "bad.xlsx"
        path.write_bytes(content)
        return path

    return make


def _many_rows(book: Workbook) -> None:
    sheet = book["KPIs"]
    for number in range(2, 63):
        for key, value in own(f"K{number}").items():
            sheet.cell(row=number, column=KEYS.index(key) + 1, value=value)


def _bomb() -> bytes:
    """A zip that unpacks to 5 MiB of zeros from a few kilobytes."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (5 << 20))
    return packed.getvalue()


def _empty_header(book: Workbook) -> None:
    for cell in book["KPIs"][1]:
        cell.value = None


def _cell(address: str, value: Any) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        book["KPIs"][address] = value

    return change


BAD: dict[str, tuple[Callable[[Year], Path], str, str]] = {
    "missing required cell": (
        _bad_rows(unit_of_measure=None),
        "sheet KPIs, row 3, column E (unit_of_measure)",
        "the cell is empty",
    ),
    "bad number": (
        _bad_rows(weight="ten"),
        "sheet KPIs, row 3, column G (weight)",
        "'ten' is not a number",
    ),
    "unknown component": (
        _bad_rows(component="9.9"),
        "sheet KPIs, row 3, column D (component)",
        "component '9.9' is not in framework fy2557-provinces",
    ),
    "bad direction": (
        _bad_rows(direction="sideways"),
        "sheet KPIs, row 3, column F (direction)",
        "sideways",
    ),
    "thresholds in the wrong order": (
        _bad_rows(direction="lower"),
        "sheet KPIs, row 3, columns H-L (thresholds)",
        "thresholds must strictly decrease",
    ),
    "thresholds in the wrong count": (
        _bad_rows(**{"thresholds[3]": None, "thresholds[4]": None}),
        "sheet KPIs, row 3, columns H-L (thresholds)",
        "five_level scoring needs 5 thresholds, got 3",
    ),
    "monitor KPI with a weight": (
        _bad_rows(monitor="yes"),
        "sheet KPIs, row 3, column G (weight)",
        "a monitor KPI is tracked, not scored",
    ),
    "bad monitor flag": (
        _bad_rows(monitor="maybe"),
        "sheet KPIs, row 3, column Q (monitor)",
        "'maybe' is neither yes nor no",
    ),
    "duplicate KPI id": (
        _bad_rows(kpi_id="K1"),
        "sheet KPIs, row 3, column A (kpi_id)",
        "KPI id 'K1' is already given in row 2",
    ),
    "too long text": (
        _bad_rows(title_th="ก" * 201),
        "sheet KPIs, row 3, column B (title_th)",
        "1-200 characters",
    ),
    "bad KPI reference": (
        _bad_rows(cascaded_from="GRP-ANDAMAN#G1"),
        "sheet KPIs, row 3, column R (cascaded_from)",
        "a KPI ref",
    ),
    "a formula": (
        _bad_rows(weight="=2+5.5"),
        "sheet KPIs, row 3, column G (weight)",
        "the cell holds a formula",
    ),
    "a date": (
        _bad_rows(baseline=datetime(2014, 3, 20)),
        "sheet KPIs, row 3, column M (baseline)",
        "the cell holds a date or time",
    ),
    "a value right of the last column": (
        _bad_book(_cell("V3", "note")),
        "sheet KPIs, row 3, column V",
        "the template has no column here",
    ),
    "an extra sheet": (
        _bad_book(lambda book: book.create_sheet("Notes")),
        "sheet 'Notes'",
        "is not part of a KPI template",
    ),
    "a missing header": (
        _bad_book(lambda book: book["KPIs"].delete_rows(1)),
        "sheet KPIs, row 1, column A (kpi_id)",
        "the header is 'K1'",
    ),
    "an empty header row": (
        _bad_book(_empty_header),
        "sheet KPIs, row 1",
        "the header row is missing",
    ),
    "merged cells": (
        _bad_book(lambda book: book["KPIs"].merge_cells("B3:C3")),
        "sheet KPIs: cells B3:C3 are merged",
        "unmerge them",
    ),
    "too many rows": (
        _bad_book(_many_rows),
        "sheet KPIs, row 62",
        "a KPI template holds at most 60 KPI rows",
    ),
    "a row past the last one read": (
        _bad_book(_cell("A1500", "K9")),
        "sheet KPIs, row 1500",
        "a KPI template holds at most 60 KPI rows",
    ),
    "another framework's template": (
        _bad_book(lambda book: None, framework="fy2568-provinces"),
        "field: Lists!F1",
        "the template was written for framework 'fy2568-provinces'",
    ),
    "no KPI rows": (
        lambda year: fill(year, "bad", {}),
        "sheet KPIs holds no KPI rows",
        "a KPI template holds at least one KPI row",
    ),
    "not a workbook": (
        _bad_bytes("รหัส,ชื่อ\nK1,x\n".encode()),
        "the file is not an .xlsx workbook",
        "field: file",
    ),
    "too large a file": (
        _bad_bytes(b"PK" + b"\0" * ((2 << 20) - 1)),  # one byte over
        "error: too-large: the file holds 2,097,153 bytes",
        "at most 2 MiB",
    ),
    "a zip bomb": (
        _bad_bytes(_bomb()),
        "error: too-large: the workbook unpacks to 5,242,880 bytes",
        "at most 4 MiB",
    ),
}


@pytest.fixture(scope="module")
def office(year: Year) -> Iterator[HandlerContext]:
    """Krabi's office signed in, in this process, over the same store."""
    ctx = build_context(Settings(database=str(year.db), access="write"))
    yield replace(ctx, enterer="TH-81-office")
    ctx.app.close()


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_row_or_file_is_refused_where_it_is_and_records_nothing(
    year: Year, office: HandlerContext, case: str
) -> None:
    """Through ``import_kpis``, the function the CLI and the web page call, on the real
    store and handlers (a process per case would cost a second each)."""
    make, place, said = BAD[case]
    unchanged = head(year.db)
    actor = Actor(id="TH-81-office", role="assessed_unit")
    with pytest.raises(LedgerError) as refused:
        import_kpis(office, make(year).read_bytes(), "TH-81/2557", actor, lambda _: office)
    error = refused.value
    line = f"error: {error.family}: {error.describe()}"  # as the CLI prints it
    assert place in line
    assert said in line
    assert error.rule is not None
    assert rule_in_thai(error.rule) != error.rule
    assert head(year.db) == unchanged


@pytest.mark.parametrize(
    "case", ["bad number", "thresholds in the wrong order", "merged cells", "a zip bomb"]
)
def test_the_cli_names_the_place_in_one_line_and_records_nothing(year: Year, case: str) -> None:
    make, place, said = BAD[case]
    unchanged = head(year.db)
    refused = import_file(year, make(year), "TH-81/2557", "TH-81")
    assert refused.returncode == 1, refused.stdout
    assert place in refused.stderr
    assert said in refused.stderr
    assert refused.stderr.count("\n") == 1  # one line, no traceback
    assert "กฎ: " in refused.stderr  # the rule in Thai too
    assert head(year.db) == unchanged
    assert kpis_of(year, "TH-81/2557") == {}


def test_every_bad_cell_of_the_file_is_named_at_once(year: Year, office: HandlerContext) -> None:
    """A unit fixing its file learns of every bad cell in one import, not one per try."""
    path = fill(
        year,
        "bad",
        {
            2: own("K1", weight="ten"),
            3: own("K2", unit_of_measure=None, monitor="maybe"),
            4: own("K3"),
            5: own("K3"),
        },
    )
    unchanged = head(year.db)
    actor = Actor(id="TH-81-office", role="assessed_unit")
    with pytest.raises(LedgerError) as refused:
        import_kpis(office, path.read_bytes(), "TH-81/2557", actor, lambda _: office)
    error = refused.value
    assert error.field == "KPIs!G2"  # the first, with its rule
    for said in (
        "row 2, column G (weight): 'ten' is not a number",
        "row 3, column E (unit_of_measure): the cell is empty",
        "'maybe' is neither yes nor no",
        "row 5, column A (kpi_id): KPI id 'K3' is already given in row 4",
        "(and 3 more problems:",
    ):
        assert said in error.message, error.message
    assert head(year.db) == unchanged
