"""Thai text in terminal tables wraps between words, where ICU's line breaker (UAX #14 with
its Thai dictionary, as browsers and the PDF's Pango do) allows a break, and folds inside a
word only when the word is wider than the line; English wraps as rich wraps it."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from itertools import accumulate
from typing import Any

import pytest
from icu4py.breakers import LineBreaker
from rich.cells import cell_len
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from commands.cli.line_breaks import BreakingText, breaking
from commands.cli.tables import column, fit
from commands.cli.terminal import SafeConsole
from commands.demo.scenarios import SCENARIOS
from ledger.frameworks.loader import builtin_frameworks

CONSOLE = SafeConsole(file=io.StringIO(), width=80, color_system=None)
ENGLISH = "Value of key agricultural output (rubber, oil palm) and re-certification"


def _title_th(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "title_th" and isinstance(item, str):
                yield item
            else:
                yield from _title_th(item)
    elif isinstance(value, list):
        for item in value:
            yield from _title_th(item)


@cache
def demo_titles() -> tuple[str, ...]:
    """Every Thai KPI title the demo's scenarios propose."""
    frameworks = builtin_frameworks()
    found = {
        title
        for scenario in SCENARIOS.values()
        for command in scenario.commands(frameworks[scenario.framework_id])
        for title in _title_th(command)
    }
    return tuple(sorted(found))


def segments(text: str) -> list[str]:
    return list(LineBreaker(text, "th"))


def wrapped(text: str, width: int) -> list[str]:
    return [line.plain for line in BreakingText(text).wrap(CONSOLE, width)]


def break_points(text: str, lines: list[str]) -> list[int]:
    """Where in ``text`` each line after the first starts; fails unless the lines are
    ``text`` in order with nothing lost but the spaces at a break."""
    at = 0
    starts = []
    for number, line in enumerate(lines):
        if number:
            starts.append(at)
        body = line.rstrip()
        assert text.startswith(body, at), (text, lines)
        at += len(body)
        while at < len(text) and text[at].isspace():
            at += 1
    assert at == len(text), (text, lines)
    return starts


def test_the_demo_has_thai_titles_that_rich_alone_would_fold_inside_a_word() -> None:
    titles = demo_titles()
    assert len(titles) > 50
    assert "การสร้างความโปร่งใสในการปฏิบัติราชการ" in titles
    assert "การป้องกันและปราบปรามคดีอาชญากรรม" in titles
    folded = [line.plain for line in Text(titles[0] * 3).wrap(CONSOLE, 20)]
    assert len(folded) > 1  # rich's wrap has no break but to fold at a character


@pytest.mark.parametrize("width", range(10, 41))
def test_thai_titles_break_only_where_icu_allows_or_inside_a_word_too_wide(width: int) -> None:
    for title in demo_titles():
        lines = wrapped(title, width)
        assert all(cell_len(line) <= width for line in lines), (title, lines)
        pieces = segments(title)
        allowed = set(accumulate(len(piece) for piece in pieces))
        starts = list(accumulate(len(piece) for piece in pieces[:-1]))
        for point in break_points(title, lines):
            if point in allowed:
                continue
            # Inside a word: only when that word is wider than the line.
            inside = max(i for i, start in enumerate([0, *starts]) if start <= point)
            assert cell_len(pieces[inside].strip()) > width, (title, lines, point)


def test_the_words_of_the_demo_scores_table_stay_whole() -> None:
    title = "การสร้างความโปร่งใสในการปฏิบัติราชการ"
    assert wrapped(title, 31) == ["การสร้างความโปร่งใสในการปฏิบัติ", "ราชการ"]
    assert wrapped("การป้องกันและปราบปรามคดีอาชญากรรม", 29) == [
        "การป้องกันและปราบปรามคดี",
        "อาชญากรรม",
    ]
    assert wrapped("กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน", 20) == ["กลุ่มจังหวัดภาคใต้ฝั่ง", "อันดามัน"]


def test_english_wraps_at_spaces_as_rich_wraps_it() -> None:
    for width in range(8, 40):
        expected = [line.plain for line in Text(ENGLISH).wrap(CONSOLE, width)]
        assert wrapped(ENGLISH, width) == expected
        # An English line beside a Thai one wraps the same: ICU's break after "re-" is not
        # taken, nor one inside an id or a number in a Thai line.
        beside = wrapped(f"{ENGLISH}\nมูลค่าผลผลิตทางการเกษตรสำคัญ", width)
        assert beside[: len(expected)] == expected
    lines = wrapped("ค่าเฉลี่ย O-NET ของ GRP-ANDAMAN/2557 ร้อยละ 12.50", 18)
    for whole in ("O-NET", "GRP-ANDAMAN/2557", "12.50"):
        assert any(whole in line for line in lines), lines


def test_a_word_wider_than_the_line_still_folds_and_nothing_is_lost() -> None:
    for text in ("อาชญากรรม", "ปฏิบัติราชการ", "ความ supercalifragilistic การ"):
        for width in range(3, 9):
            lines = wrapped(text, width)
            assert all(cell_len(line) <= width for line in lines), (text, lines)
            break_points(text, lines)
    assert wrapped("อาชญากรรม", 4) == ["อาชญ", "ากรร", "ม"]


def test_the_narrowest_is_the_widest_segment() -> None:
    options = CONSOLE.options.update_width(10_000)
    for title in demo_titles():
        measured = Measurement.get(CONSOLE, options, BreakingText(title))
        widest = max(cell_len(piece.strip()) for piece in segments(title))
        if "O-NET" in title:  # kept whole: ICU would break after "O-"
            widest = max(widest, cell_len("O-NET"))
        assert measured == Measurement(widest, cell_len(title)), title
    two_lines = BreakingText(f"{ENGLISH}\nการสร้างความโปร่งใส")
    assert Measurement.get(CONSOLE, options, two_lines).minimum == len("re-certification")
    english = Measurement.get(CONSOLE, options, BreakingText(ENGLISH))
    assert english == Measurement.get(CONSOLE, options, Text(ENGLISH))


def test_strings_become_breaking_text_as_the_console_makes_them() -> None:
    made = breaking(CONSOLE, "การ\x1b[2Jทดสอบ [red]x[/red]")
    assert isinstance(made, BreakingText)
    assert made.plain == "การ\\x1b[2Jทดสอบ [red]x[/red]"  # SafeConsole: escaped, no markup
    styled = breaking(CONSOLE, Text("ก", style="bold"))
    assert isinstance(styled, BreakingText)
    assert styled.style == "bold"
    table = Table()
    assert breaking(CONSOLE, table) is table


def _printed(width: int, table: Table) -> list[str]:
    out = io.StringIO()
    console = SafeConsole(file=out, width=width, color_system=None)
    console.print(fit(console, table))
    return out.getvalue().splitlines()


def _kpis(title: str) -> Table:
    table = Table(
        column("KPI\nตัวชี้วัด"),
        column("Title\nชื่อตัวชี้วัด", prose=True),
        column("Decided by\nผู้พิจารณา"),
        column("Weighted\nถ่วงน้ำหนัก", right=True),
        title=title,
        title_justify="left",
    )
    for kpi in ("K6", "P3"):
        table.add_row(
            kpi,
            "Transparency in government work\nการสร้างความโปร่งใสในการปฏิบัติราชการ",
            "negotiation-committee",
            "0.2850",
        )
    return table


@pytest.mark.parametrize("width", [60, 36])
def test_tables_side_by_side_and_stacked_wrap_thai_between_words(width: int) -> None:
    heading = "จังหวัดกระบี่ (Krabi) · TH-81/2557 · รอบ 12 เดือน · รับรองผลแล้ว"
    lines = _printed(width, _kpis(heading))
    assert max(cell_len(line) for line in lines) <= width
    shown = "\n".join(lines)
    assert shown.count("ราชการ") == 2, shown  # never "ราชก" / "าร"
    assert "จังหวัดกระบี่" in shown
    assert "เดือน" in shown
    assert "negotiation-committee" in shown
    assert "0.2850" in shown
    parts = [part.strip() for line in lines for part in line.split("│")]
    if width == 60:
        assert lines[2].count("┃") == 5  # side by side, the title folded to 15 cells
        expected = ["การสร้างความ", "โปร่งใสในการ", "ปฏิบัติราชการ"]
    else:
        assert sum("Decided by" in line for line in lines) == 2  # stacked: a label per row
        expected = ["การสร้างความโปร่งใสใน", "การปฏิบัติราชการ"]
    assert all(parts.count(line) == 2 for line in expected), shown


def test_english_and_thai_that_fit_do_not_load_icu() -> None:
    script = """
import io, sys
from rich.table import Table
from commands.cli.tables import column, fit
from commands.cli.terminal import SafeConsole
console = SafeConsole(file=io.StringIO(), width=80, color_system=None)
table = Table(column("KPI"), column("Title", prose=True), title="จังหวัดกระบี่ (Krabi)")
table.add_row("K6", "Transparency in government work\\nการสร้างความโปร่งใสในการปฏิบัติราชการ")
table.add_row("K7", "Value of key agricultural output (rubber, oil palm) " * 3)
console.print(fit(console, table))
assert "ราชการ" in console.file.getvalue()
print("icu4py" in " ".join(sys.modules))
"""
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert ran.stdout.strip() == "False", ran.stderr
