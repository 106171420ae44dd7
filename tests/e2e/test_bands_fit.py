"""The bands a composite is rated in are shown whole at 80 and 120 columns, in both
languages: checked on Loei (FY2568, `ledger demo --scenario loei`), whose framework has
bands; the Andaman year's has none, so a band check there can never fail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.cli import ledger

WIDTHS = ("80", "120")


@pytest.fixture(scope="module")
def loei(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Loei's year in a scratch store, and what the demo printed at 80 columns."""
    folder = tmp_path_factory.mktemp("bands")
    store = folder / "loei.sqlite"
    made = ledger(
        "demo",
        "--scenario",
        "loei",
        "--db",
        str(store),
        "--witness-dir",
        str(folder / "witness"),
        env={"COLUMNS": "80"},
        cwd=folder,
    )
    assert made.returncode == 0, made.stderr
    return store, made.stdout


@pytest.fixture(scope="module")
def tables(loei: tuple[Path, str]) -> list[dict[str, Any]]:
    found = ledger("scores", "--json", "--db", str(loei[0]))
    assert found.returncode == 0, found.stderr
    scores: list[dict[str, Any]] = json.loads(found.stdout)
    return scores


def test_loei_has_bands_to_check(tables: list[dict[str, Any]]) -> None:
    rated = [t for t in tables if t["band_th"] and t["band_en"]]
    assert len(rated) >= 6  # three provinces, the 6- and 12-month rounds
    assert len({t["band_en"] for t in rated}) >= 2  # more than one band, so each is looked for


def _fits(text: str, width: int) -> None:
    too_wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_wide, too_wide[0]
    assert "…" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_each_round_shows_its_composite_and_band_in_both_languages(
    loei: tuple[Path, str], tables: list[dict[str, Any]], width: str
) -> None:
    shown = ledger("scores", "--db", str(loei[0]), env={"COLUMNS": width})
    assert shown.returncode == 0, shown.stderr
    _fits(shown.stdout, int(width))
    captions = [" ".join(part.split()) for part in shown.stdout.split("Composite / คะแนนรวม: ")[1:]]
    assert len(captions) == len(tables)
    for table, caption in zip(tables, captions, strict=True):
        # Tables print in the order --json lists them; each caption rates its composite.
        expected = f"{table['composite']} · {table['band_th']} ({table['band_en']})"
        assert caption.startswith(expected), (table["agreement"], table["round_id"], caption)
        assert ("provisional" in caption.split("·", 1)[1]) is (table["status"] != "certified")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_demo_summary_and_the_governor_show_every_band(
    loei: tuple[Path, str], tables: list[dict[str, Any]], tmp_path: Path, width: str
) -> None:
    if width == "80":
        printed = loei[1]
    else:
        made = ledger(
            "demo",
            "--scenario",
            "loei",
            "--db",
            str(tmp_path / "loei.sqlite"),
            "--witness-dir",
            str(tmp_path / "witness"),
            env={"COLUMNS": width},
            cwd=tmp_path,
        )
        assert made.returncode == 0, made.stderr
        printed = made.stdout
    summary = printed[printed.index("Scores / ผลคะแนน") : printed.index("\nRecorded ")]
    _fits(summary, int(width))
    shown = [t for t in tables if t["agreement"] in summary and t["round_id"] == "12m"]
    assert len(shown) == 3
    rows = summary.split("\n│ TH-")[1:]
    assert len(rows) == len(shown)
    for table, row in zip(shown, rows, strict=True):
        assert row.startswith(table["agreement"][3:])
        cells = [line.split("│")[-2].strip() for line in row.splitlines() if line.count("│") > 2]
        assert cells[:2] == [table["band_en"], table["band_th"]], cells
    governor = ledger("governor", "--db", str(loei[0]), env={"COLUMNS": width})
    assert governor.returncode == 0, governor.stderr
    _fits(governor.stdout, int(width))
    words = " ".join(governor.stdout.split())
    for table in tables:
        assert table["band_th"] in words
        assert table["band_en"] in words
    assert "Points / weight" in words
