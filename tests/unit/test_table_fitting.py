"""Tables fit the terminal's width: prose folds, numbers, dates and ids stay whole, and
rows are stacked when the columns cannot stand side by side."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.table import Table

from commands.cli.tables import column, fit
from commands.cli.terminal import SafeConsole

IDS = ("negotiation-committee", "GRP-ANDAMAN/2557#G2", "CR-2557-05")
PROSE = "Value of key agricultural output (rubber, oil palm) มูลค่าผลผลิตทางการเกษตรสำคัญ " * 2


def _table() -> Table:
    table = Table(
        column("Agreement\nคำรับรอง"),
        column("Title\nชื่อตัวชี้วัด", prose=True),
        column("Decided by\nผู้พิจารณา"),
        column("Closes\nปิดรอบ (พ.ศ.)"),
        column("Weighted\nถ่วงน้ำหนัก", right=True),
        title="A register / ทะเบียน",
    )
    for ref in IDS:
        table.add_row(ref, PROSE, IDS[0], "30/04/2557 10:00:00", "0.2850")
    return table


def _narrow() -> Table:
    table = Table(column("Agreement · closes"), column("Title", prose=True))
    for ref in IDS:
        table.add_row(f"{ref}\n30/04/2557", PROSE)
    return table


def _printed(width: int, *layouts: Table) -> list[str]:
    out = io.StringIO()
    console = SafeConsole(file=out, width=width, color_system=None)
    console.print(fit(console, *layouts))
    return out.getvalue().splitlines()


def _whole(lines: list[str], *words: str) -> None:
    assert all(cell_len(line) <= len(lines[0]) for line in lines)
    assert not any("…" in line for line in lines)
    for word in words:
        assert any(word in line for line in lines), word


def test_prose_folds_while_ids_dates_and_numbers_stay_whole() -> None:
    lines = _printed(110, _table())
    assert max(cell_len(line) for line in lines) <= 110
    _whole(lines, *IDS, "30/04/2557", "0.2850")
    assert lines[2].count("┃") == 6  # all five columns side by side


def test_the_first_layout_that_fits_is_printed() -> None:
    lines = _printed(60, _table(), _narrow())
    assert max(cell_len(line) for line in lines) <= 60
    assert lines[0].count("┳") == 1  # the narrow layout's two columns
    _whole(lines, *IDS[1:], "30/04/2557")


def test_rows_are_stacked_when_no_layout_fits_and_nothing_is_cut() -> None:
    lines = _printed(50, _table())
    assert max(cell_len(line) for line in lines) <= 50
    _whole(lines, *IDS, "0.2850", "10:00:00")
    assert sum("Decided by" in line for line in lines) == len(IDS)  # a label per row


def test_a_table_that_fits_is_left_as_it_is() -> None:
    table = Table(column("KPI"), column("Score", right=True))
    table.add_row("G1", "3.8000")
    assert fit(SafeConsole(file=io.StringIO(), width=80), table) is table
    assert [c.width for c in table.columns] == [None, None]
