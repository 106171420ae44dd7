"""Every table the CLI prints fits the terminal it is given (80 columns is what a pipe
gets) without cutting a number, a date, an id, a composite or a band."""

from __future__ import annotations

import json
import os
import subprocess
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
from icu4py.breakers import LineBreaker
from rich.cells import cell_len

from commands.cli.numbers import format_score, format_weighted
from tests.cli import LEDGER, ledger

WIDTHS = ("80", "120")

# Each read command that prints a table, run against the demo year.
READS: dict[str, tuple[str, ...]] = {
    "scores": ("scores",),
    "scores-12m": ("scores", "--round", "12m"),
    "sar": ("sar",),
    "requests": ("requests",),
    "history": ("history", "TH-83/2557"),
    "audit": ("audit", "--all"),
    "warnings": ("warnings",),
    "show": ("show", "TH-83/2557"),
    "users": ("users", "list"),
    "joints": ("joint", "list"),
    "joint": ("joint", "show", "J-2557-TOURISM"),
    "as-of": ("as-of", "TH-81/2557", "2557-04-30", "--effective"),
    "checkpoints": ("checkpoint", "list"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo year in a scratch store, and what the demo printed at 80 columns."""
    folder = tmp_path_factory.mktemp("fits")
    store = folder / "demo.sqlite"
    made = ledger(
        "demo",
        "--db",
        str(store),
        "--witness-dir",
        str(folder / "witness"),
        env={"COLUMNS": "80"},
    )
    assert made.returncode == 0, made.stderr
    return store, made.stdout


@pytest.fixture(scope="module")
def year_end(demo: tuple[Path, str]) -> list[dict[str, Any]]:
    """The 12-month round's score tables as JSON (exact decimals as strings)."""
    found = ledger("scores", "--round", "12m", "--json", "--db", str(demo[0]))
    assert found.returncode == 0, found.stderr
    tables: list[dict[str, Any]] = json.loads(found.stdout)
    assert len(tables) == 6
    return tables


def assert_fits(text: str, width: int) -> None:
    """No line wider than ``width`` but one holding a single word (a path to copy, which is
    never cut; perhaps continued with a backslash), and nothing cut with an ellipsis."""
    too_wide = [
        line
        for line in text.splitlines()
        if cell_len(line) > width and len(line.removesuffix("\\").split()) > 1
    ]
    assert not too_wide, f"{len(too_wide)} lines wider than {width}, e.g. {too_wide[0]!r}"
    assert "…" not in text, next(line for line in text.splitlines() if "…" in line)


def assert_composites_and_bands_shown(text: str, tables: list[dict[str, Any]]) -> None:
    for table in tables:
        assert table["composite"] in text, (table["agreement"], table["composite"])
        for band in (table["band_th"], table["band_en"]):
            assert band is None or band in text, (table["agreement"], band)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("read", sorted(READS))
def test_each_read_fits_the_terminal_without_cutting_anything(
    demo: tuple[Path, str], read: str, width: str
) -> None:
    shown = ledger(*READS[read], "--db", str(demo[0]), env={"COLUMNS": width})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip()
    assert_fits(shown.stdout, int(width))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_score_tables_show_every_score_weighted_score_and_composite_whole(
    demo: tuple[Path, str], year_end: list[dict[str, Any]], width: str
) -> None:
    shown = ledger("scores", "--round", "12m", "--db", str(demo[0]), env={"COLUMNS": width})
    assert shown.returncode == 0, shown.stderr
    assert_composites_and_bands_shown(shown.stdout, year_end)
    for table in year_end:
        for kpi in table["kpis"]:
            if kpi["score"] is not None:
                assert format_score(Decimal(kpi["score"])) in shown.stdout
                assert format_weighted(Decimal(kpi["weighted_score"])) in shown.stdout
    # One format per quantity: every score to 4 places (the appeal's 2.6 too), every
    # weighted score to 4 (7.5 x 3.8000 / 100 is 0.2850, not 0.28500).
    assert "2.6000" in shown.stdout
    assert "0.2850" in shown.stdout
    assert "0.28500" not in shown.stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_the_demo_summary_fits_and_shows_each_composite_and_band(
    demo: tuple[Path, str],
    year_end: list[dict[str, Any]],
    tmp_path: Path,
    width: str,
) -> None:
    if width == "80":
        printed = demo[1]
    else:
        made = ledger(
            "demo",
            "--db",
            str(tmp_path / "demo.sqlite"),
            "--witness-dir",
            str(tmp_path / "witness"),
            env={"COLUMNS": width},
        )
        assert made.returncode == 0, made.stderr
        printed = made.stdout
    assert_fits(printed, int(width))
    summary = printed[printed.index("Scores / ผลคะแนน") :]
    assert_composites_and_bands_shown(summary, year_end)
    for table in year_end:
        assert table["agreement"] in summary


def test_a_pipe_without_columns_gets_80(demo: tuple[Path, str]) -> None:
    env = {name: value for name, value in os.environ.items() if name != "COLUMNS"}
    piped = subprocess.run(
        [LEDGER, "scores", "--round", "12m", "--db", str(demo[0])],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert piped.returncode == 0, piped.stderr
    widest = max(cell_len(line) for line in piped.stdout.splitlines())
    assert widest == 80  # the score tables fill what they are given
    assert_fits(piped.stdout, 80)


def _second_cells(text: str) -> list[list[str]]:
    """The lines of each body cell of the tables' second column (a score table's title, the
    summary's unit), a cell per row: a row starts where its first column is not empty."""
    cells: list[list[str]] = []
    for line in text.splitlines():
        if not line.startswith("│") or line.count("│") < 4:
            continue
        first, second = (part.strip() for part in line.split("│")[1:3])
        if first or not cells:
            cells.append([])
        if second:
            cells[-1].append(second)
    return cells


def _starts(text: str, lines: list[str]) -> list[int] | None:
    """Where in ``text`` each of ``lines`` after the first starts, if the lines are ``text``
    broken into lines (the spaces at a break dropped); else None."""
    at, starts = 0, []
    for number, line in enumerate(lines):
        if number:
            starts.append(at)
        if not text.startswith(line, at):
            return None
        at += len(line)
        while at < len(text) and text[at].isspace():
            at += 1
    return starts if at == len(text) else None


@pytest.mark.parametrize("source", ["demo", "scores-12m", "docs/demo-80-columns.txt"])
def test_thai_titles_and_names_break_between_words(
    demo: tuple[Path, str], year_end: list[dict[str, Any]], source: str
) -> None:
    """At 80 columns a Thai title that does not fit its column is broken where ICU's line
    breaker (the one browsers and the PDF's Pango use) allows, never inside a word as rich
    alone folds it ("...ปฏิบัติราชก" / "าร")."""
    if source == "demo":
        printed = demo[1]
    elif source.startswith("docs/"):  # the capture the README shows
        printed = (Path(__file__).parents[2] / source).read_text(encoding="utf-8")
    else:
        shown = ledger(*READS[source], "--db", str(demo[0]), env={"COLUMNS": "80"})
        assert shown.returncode == 0, shown.stderr
        printed = shown.stdout
    thai = {kpi["title_th"] for table in year_end for kpi in table["kpis"]}
    thai |= {table["unit_name_th"] for table in year_end}
    broken = 0
    for cell in _second_cells(printed):
        first_thai = next(i for i, line in enumerate(cell) if not line.isascii())
        lines = cell[first_thai:]
        found = {name: starts for name in thai if (starts := _starts(name, lines)) is not None}
        assert len(found) == 1, (lines, sorted(found))
        [(name, starts)] = found.items()
        allowed = set(accumulate(len(piece) for piece in LineBreaker(name, "th")))
        inside = [(name[:at], name[at:]) for at in starts if at not in allowed]
        assert not inside, f"{name!r} broken inside a word: {inside}"
        broken += bool(starts)
    assert broken >= 10  # the 80 columns do break titles and names: what this is about
    for word in ("ราชการ", "อาชญากรรม", "อันดามัน"):
        assert word in printed
