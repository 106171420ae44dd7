"""Projections from the command line: catch up, rebuild, as-of, diff, registers, and a
projection process killed mid-way that resumes to the same views."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from projections.registry import PROJECTIONS
from tests.cli import LEDGER, ledger


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("views-demo") / "demo.sqlite"
    result = ledger("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def _store_copy(demo_db: Path, folder: Path) -> Path:
    """The demo's event store without its views."""
    target = folder / "copy.sqlite"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{demo_db}{suffix}").exists():
            shutil.copyfile(f"{demo_db}{suffix}", f"{target}{suffix}")
    return target


def _view_rows(db: Path, name: str) -> list[tuple[str, str, str]]:
    path = db.with_name(f"{db.stem}.projections") / f"{name}.sqlite"
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM documents ORDER BY collection, key").fetchall()


def _position(db: Path, name: str) -> int:
    path = db.with_name(f"{db.stem}.projections") / f"{name}.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute(
                "SELECT notification_id FROM tracking WHERE application_name='AssessmentLedger'"
            ).fetchone()
    except sqlite3.OperationalError:  # the table is not created yet
        return 0
    return int(row[0]) if row else 0


def test_project_rebuild_and_reads_agree(demo_db: Path) -> None:
    db = ["--db", str(demo_db)]
    before = ledger("scores", "--json", *db)
    assert before.returncode == 0, before.stderr
    status = ledger("project", "--status", *db)
    assert status.returncode == 0
    assert all(name in status.stdout for name in PROJECTIONS)
    rebuilt = ledger("rebuild", "--all", "--batch", "7", *db)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.count("rebuilt ") == len(PROJECTIONS)
    after = ledger("scores", "--json", *db)
    assert after.stdout == before.stdout


def test_a_stale_read_says_how_far_behind_it_is(demo_db: Path, tmp_path: Path) -> None:
    copy = _store_copy(demo_db, tmp_path)
    stale = ledger("scores", "--no-catch-up", "--db", str(copy))
    assert stale.returncode == 0
    assert "behind" in stale.stderr
    assert "ledger project" in stale.stderr
    fresh = ledger("scores", "--db", str(copy))
    assert "Krabi" in fresh.stdout


def test_as_of_takes_buddhist_era_dates_and_names_a_bad_time(demo_db: Path) -> None:
    db = ["--db", str(demo_db)]
    result = ledger("as-of", "TH-82/2557", "2557-04-30", "--effective", "--json", *db)
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)
    assert view["state"]["kpis"]["P3"]["status"] == "cancelled"
    table = ledger("as-of", "TH-82/2557", "30/04/2557", "--effective", *db)
    assert "มีผลบังคับ" in table.stdout
    assert "30/04/2557" in table.stdout
    bad = ledger("as-of", "TH-82/2557", "last spring", *db)
    assert bad.returncode == 1
    assert "TIME" in bad.stderr
    assert "2557-04-30" in bad.stderr
    # The demo's year is recorded on its simulated clock, from March 2014 (2557).
    early = ledger("as-of", "TH-82/2557", "2556-12-31", *db)
    assert early.returncode == 1
    assert "not yet recorded" in early.stderr


def test_diff_between_the_first_record_and_now(demo_db: Path) -> None:
    db = ["--db", str(demo_db)]
    history = json.loads(ledger("history", "TH-92/2557", "--json", *db).stdout)
    first = history[0]["recorded_at"]
    result = ledger("diff", "TH-92/2557", first, "2600-01-01", "--json", *db)
    assert result.returncode == 0, result.stderr
    diff = json.loads(result.stdout)
    subjects = {change["subject"] for change in diff["changes"]}
    assert {"KPI P1", "round 12m", "appeal AP-2557-01"} <= subjects
    assert len(diff["events_between"]) == len(history) - 1
    table = ledger("diff", "TH-92/2557", first, "2600-01-01", *db)
    assert "What changed" in table.stdout


def test_registers_and_warnings_from_the_command_line(demo_db: Path) -> None:
    db = ["--db", str(demo_db)]
    sar = json.loads(ledger("sar", "--today", "2557-12-31", "--json", *db).stdout)
    assert {(r["entry"]["agreement"], r["entry"]["round_id"], r["status"]) for r in sar} >= {
        ("TH-85/2557", "12m", "filed late"),
        ("TH-81/2557", "6m", "cancelled"),
    }
    requests = json.loads(ledger("requests", "--json", *db).stdout)
    assert [r["request_id"] for r in requests if r["agreement"] == "TH-83/2557"] == ["CR-2557-03"]
    warnings = ledger("warnings", "--all", *db)
    assert "Early warning" in warnings.stdout
    governor = ledger("governor", *db)
    assert "No governor" in governor.stdout
    kpi = json.loads(ledger("history", "TH-85/2557", "--kpi", "P1", "--json", *db).stdout)
    assert kpi
    assert all("P1" in row["kpi_ids"] for row in kpi)
    unknown = ledger("rebuild", "nothing", *db)
    assert unknown.returncode == 1
    assert "NAME" in unknown.stderr


def _log_head(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT MAX(rowid) FROM stored_events").fetchone()[0])


def test_a_projection_killed_mid_way_resumes_to_the_same_views(
    demo_db: Path, tmp_path: Path
) -> None:
    (tmp_path / "killed").mkdir()
    (tmp_path / "clean").mkdir()
    killed = _store_copy(demo_db, tmp_path / "killed")
    clean = _store_copy(demo_db, tmp_path / "clean")
    head = _log_head(killed)
    # One event per transaction, so the process is caught with work done and work to do.
    process = subprocess.Popen(
        [LEDGER, "project", "--batch", "1", "--db", str(killed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while _position(killed, "scores") == 0 and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    positions = {name: _position(killed, name) for name in PROJECTIONS}
    assert positions["scores"] > 0
    assert any(p < head for p in positions.values()), positions
    resumed = ledger("project", "--db", str(killed))
    assert resumed.returncode == 0, resumed.stderr
    assert ledger("project", "--db", str(clean)).returncode == 0
    for name in PROJECTIONS:
        assert _position(killed, name) == head
        assert _view_rows(killed, name) == _view_rows(clean, name), name
