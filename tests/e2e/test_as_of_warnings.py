"""The June early warning, seen as it was: ``ledger as-of`` carries each KPI's latest result
at that moment against its target. In the Loei demo (FY2568), by 30 June 2568 BE the
6-month SAR had reported 28 days above the PM2.5 standard (KPI A3) against 35 allowed in the
year: 17.5 by March, off track; by the end of the year the 12-month result replaced it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli import ledger


@pytest.fixture(scope="module")
def loei(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("loei")
    made = ledger(
        "demo", "--scenario", "loei", "--db", str(folder / "l.sqlite"),
        "--witness-dir", str(folder / "w"),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return folder / "l.sqlite"


def warnings_at(db: Path, moment: str, *flags: str) -> dict[str, Any]:
    read = ledger("as-of", "TH-42/2568", moment, *flags, "--json", "--db", str(db))
    assert read.returncode == 0, read.stderr
    return {w["kpi_id"]: w for w in json.loads(read.stdout)["warnings"]}


@pytest.mark.parametrize("flags", [(), ("--effective",)], ids=["recorded", "effective"])
def test_as_of_june_shows_the_pm25_kpi_off_track_against_the_pro_rated_limit(
    loei: Path, flags: tuple[str, ...]
) -> None:
    june = warnings_at(loei, "2025-06-30", *flags)["A3"]
    assert (june["round_id"], june["check"]["value"], june["check"]["status"]) == (
        "6m",
        "28",
        "off track",
    )
    assert (june["check"]["comparison"], june["check"]["pro_rated_target"]) == (
        "pro-rated",
        "17.5",
    )


def test_the_year_end_reading_holds_the_12_month_result_instead(loei: Path) -> None:
    assert warnings_at(loei, "2026-06-30")["A3"]["round_id"] == "12m"


def test_the_table_lists_the_kpis_off_track_then(loei: Path) -> None:
    read = ledger("as-of", "TH-42/2568", "2025-06-30", "--db", str(loei), env={"COLUMNS": "80"})
    assert read.returncode == 0, read.stderr
    warned = read.stdout[read.stdout.index("Early warning / การแจ้งเตือนล่วงหน้า") :]
    assert "TH-42/2568#A3" in warned
    assert "pro-rated 17.5" in warned
    assert "on track" not in warned.replace("off track", "")
