"""`ledger frameworks list` and `ledger frameworks show ID` as a newcomer meets them (issue 18,
points 3 and 4): every shipped framework readable in Thai and English at 80 and 120 columns
with no value cut, its JSON the framework the ledger holds, and an unknown id answered with
the ids it was probably meant to be."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import msgspec
import pytest

from ledger.errors import NotFound, exit_code_for
from ledger.frameworks.loader import builtin_frameworks
from ledger.frameworks.model import Framework
from ledger.thaidate import format_be_date
from tests.cli import ledger

SHIPPED = sorted(builtin_frameworks())
WIDTHS = (80, 120)


def display_width(line: str) -> int:
    """Terminal cells a line takes, measured apart from rich: Thai vowel and tone marks
    (combining) take none, wide East Asian characters two."""
    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in line
    )


def run(*args: str, columns: int = 80) -> str:
    result = ledger("frameworks", *args, env={"COLUMNS": str(columns)})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def assert_fits(output: str, columns: int) -> None:
    widest = max(output.splitlines(), key=display_width)
    assert display_width(widest) <= columns, widest
    assert "…" not in output  # wrapped, never cut


def row_with(output: str, *pattern: str) -> str:
    """The one line that holds every ``pattern`` (regular expressions), in order."""
    found = [line for line in output.splitlines() if re.search(".*".join(pattern), line)]
    assert len(found) == 1, (pattern, found)
    return found[0]


def test_the_four_seed_frameworks_are_shipped() -> None:
    assert len(SHIPPED) == 4


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_list_has_headers_in_both_languages_and_fits(columns: int) -> None:
    output = run("list", columns=columns)
    assert_fits(output, columns)
    for header in ("Framework", "กรอบการประเมิน", "FY", "ปีงบฯ", "Unit levels", "Scoring"):
        assert header in output
    for framework_id, fw in builtin_frameworks().items():
        row = row_with(output, re.escape(framework_id), str(fw.fiscal_year), fw.levels[0])
        assert fw.scoring in row
        assert fw.name_en.split()[0] in output


def test_the_list_as_json_is_the_shipped_frameworks() -> None:
    listed = msgspec.json.decode(run("list", "--json"), type=list[Framework])
    assert listed == list(builtin_frameworks().values())


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("framework_id", SHIPPED)
def test_every_shipped_framework_shows_within_the_terminal(framework_id: str, columns: int) -> None:
    output = run("show", framework_id, columns=columns)
    assert_fits(output, columns)
    fw = builtin_frameworks()[framework_id]
    for part_id in [d.id for d in fw.dimensions] + [c.id for c in fw.components]:
        assert re.search(rf"│\s*{re.escape(part_id)}\s", output), part_id
    for kpi in fw.mandatory_kpis:
        row_with(output, rf"│ {re.escape(kpi.code)}\s+│")
    for section in ("Dimensions and components / มิติและองค์ประกอบ", "Rounds / รอบการประเมิน"):
        assert section in output
    for r in fw.rounds:
        assert all(word in output for word in r.label_en.split()), r.label_en  # may wrap
        row_with(output, rf"│ {re.escape(r.id)}\s+│", format_be_date(r.period_start))


def test_the_fy2568_province_shows_its_two_bases_and_both_rounds() -> None:
    output = run("show", "fy2568-provinces")
    assert "Performance Base" in output
    assert "Potential Base" in output
    row_with(output, r"│ performance\s+│", r"│\s+70 │")
    row_with(output, r"│ potential\s+│", r"│\s+30 │")
    row_with(output, r"│ 6m\s+│ รอบ 6 เดือน", "01/10/2567")
    row_with(output, r"│ 12m\s+│ รอบ 12 เดือน", "01/10/2567")
    assert "Governor's evaluation, round 2" in output
    assert "three_level" in output
    assert "50, 75, 100" in output
    row_with(output, r"≥ 90\.00", "ดีมาก")


def test_fy2557_shows_its_change_windows_closing_dates_and_weights_by_level() -> None:
    output = run("show", "fy2557-provinces")
    row_with(output, r"│ round1\s+│", "30/04/2557")
    row_with(output, r"│ final\s+│", "31/10/2557")
    assert "2014-04-30" in output
    assert "2014-10-31" in output
    # The group strategy component: 15 in a province's agreement, 60 in a group's own.
    row_with(output, r"│\s+1\.1\s+│", r"│\s+15 │\s+60 │")
    row_with(output, r"│ late-esar-12m\s+│", r"│ 12m\s+│ 0\.0500 │")
    assert "per working day late" in output
    row_with(output, r"│ budget\s+│")
    assert "Uncontrollable external factors" in output


def test_levels_that_do_not_share_a_weight_get_a_column_each() -> None:
    output = run("show", "fy2554-rayong-agencies-individuals")
    row_with(output, r"│ individual\s+│", r"│\s+— │\s+100 │")
    row_with(output, r"│ h2\s+│", r"individual")
    assert "Penalties / การหักคะแนน: none / ไม่มี" in output


@pytest.mark.parametrize("framework_id", SHIPPED)
def test_show_as_json_is_the_framework_the_ledger_loads(framework_id: str) -> None:
    shown = msgspec.json.decode(run("show", framework_id, "--json"), type=Framework)
    assert shown == builtin_frameworks()[framework_id]


def test_an_unknown_framework_is_not_found_with_a_suggestion() -> None:
    result = ledger("frameworks", "show", "fy2557")
    assert result.returncode == exit_code_for(NotFound("x"))
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: not-found: no framework 'fy2557'")
    assert "did you mean 'fy2557-provinces'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_framework_nothing_resembles_is_answered_with_the_known_ids() -> None:
    result = ledger("frameworks", "show", "zzz")
    assert result.returncode == exit_code_for(NotFound("x"))
    assert "did you mean" not in result.stderr
    assert all(framework_id in result.stderr for framework_id in SHIPPED)


def test_the_operators_own_frameworks_are_listed_and_shown(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "ledger/frameworks/data/fy2568-provinces.toml"
    text = source.read_text(encoding="utf-8")
    text = text.replace('id = "fy2568-provinces"', 'id = "fy2569-provinces"')
    (tmp_path / "fy2569.toml").write_text(text.replace("2568", "2569"), encoding="utf-8")
    env = {"LEDGER_FRAMEWORKS_DIR": str(tmp_path), "COLUMNS": "80"}
    listed = ledger("frameworks", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "fy2569-provinces" in listed.stdout
    shown = ledger("frameworks", "show", "fy2569-provinces", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "FY2569 performance framework for provinces" in shown.stdout
