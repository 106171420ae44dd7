"""Crashes: a writer and a projection process killed (SIGKILL) mid-batch and started again,
and, on PostgreSQL, the server restarted under four writers.

Afterwards: no partial command (every proposal has its receipt, in the same transaction),
nothing acknowledged is lost, every command is recorded exactly once, the views resume
exactly once (they equal a rebuild) and verification holds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commands.wiring import build_context
from ledger.persistence.settings import Settings
from tests.load.runner import (
    acknowledged,
    check_ledger,
    start_writer,
    store_with_agreements,
    summary_of,
)
from tests.load.workload import command_ids, write_command_files
from tests.stores import StoreMaker
from tests.views import dumps, open_all, rebuilt

ROOT = Path(__file__).resolve().parents[2]
# Enough agreements that no one draws more than the 60 KPI proposals an agreement may hold
# (at most 58 for the 2,000 commands below), few enough that writers meet on them all the time.
AGREEMENTS = 50


def _wait_for_lines(path: Path, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not (path.exists() and len(path.read_text().split()) >= count):
        assert process.poll() is None, "the writer ended before it could be killed"
        assert time.monotonic() < deadline, f"fewer than {count} lines in {path.name}"
        time.sleep(0.01)


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    if process.stdout is not None:
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL


def _assert_each_command_once(settings: Settings, expected: list[str]) -> None:
    check = check_ledger(settings)
    assert "no receipt" not in check.proposals, "a proposal was recorded without its command"
    assert check.proposals == dict.fromkeys(expected, 1)
    assert check.version_gaps == []
    assert check.verified, check.failures


def test_a_killed_writer_started_again_records_each_command_once(
    stores: StoreMaker, tmp_path: Path
) -> None:
    settings = store_with_agreements(stores, "crash", AGREEMENTS)
    (commands,) = write_command_files(tmp_path, 1, 1200, AGREEMENTS)
    acks = tmp_path / "acks"
    writer = start_writer(settings.database, commands, acks)
    _wait_for_lines(acks, 250, writer)
    _kill(writer)
    before_crash = acknowledged([acks])
    assert 250 <= len(before_crash) < 1200
    # Started again, it sends its whole list: what was recorded is recognised, not repeated.
    summary = summary_of(start_writer(settings.database, commands, acks), timeout=300)
    assert summary.answered == 1200
    _assert_each_command_once(settings, command_ids(commands))
    assert set(before_crash) <= set(command_ids(commands))


def _projector(settings: Settings) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.load.projector", settings.database],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_killed_projection_process_resumes_exactly_once(
    stores: StoreMaker, tmp_path: Path
) -> None:
    settings = store_with_agreements(stores, "crash", AGREEMENTS)
    (commands,) = write_command_files(tmp_path, 1, 600, AGREEMENTS)
    summary_of(start_writer(settings.database, commands, tmp_path / "acks"), timeout=300)
    projector = _projector(settings)
    assert projector.stdout is not None
    committed = [projector.stdout.readline() for _ in range(3)]
    assert all(line.startswith("at ") for line in committed), committed
    _kill(projector)  # in its fourth batch (or between batches): never half of one
    ctx = build_context(settings)
    views = open_all(settings, ctx)
    positions = {name: view.view.max_tracking_id(ctx.app.name) or 0 for name, view in views.items()}
    assert all(p % 40 == 0 or p == ctx.app.head() for p in positions.values()), positions
    out, _ = _projector(settings).communicate(timeout=300)
    assert out.strip().endswith("done")
    resumed = dumps(views)
    assert rebuilt(ctx, views, batch=1000) == resumed
    ctx.app.close()
    _assert_each_command_once(settings, command_ids(commands))


def _restart_postgres() -> None:
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"],
        check=True,
        timeout=120,
    )


@pytest.mark.alone
def test_writers_reconnect_and_continue_across_a_postgres_restart(tmp_path: Path) -> None:
    if shutil.which("pg_ctlcluster") is None and os.environ.get("CI") != "true":
        pytest.skip("pg_ctlcluster is not installed: cannot restart the server")
    stores = StoreMaker("postgresql", tmp_path)
    settings = store_with_agreements(stores, "crash", AGREEMENTS)
    files = write_command_files(tmp_path, 4, 2000, AGREEMENTS)
    acks = [tmp_path / f"acks-{n}" for n in range(4)]
    writers = [start_writer(settings.database, f, a) for f, a in zip(files, acks, strict=True)]
    _wait_for_lines(acks[0], 100, writers[0])
    _restart_postgres()
    summaries = [summary_of(w, timeout=300) for w in writers]
    assert sum(s.answered for s in summaries) == 2000
    expected = [command_id for path in files for command_id in command_ids(path)]
    assert sorted(acknowledged(acks)) == sorted(expected)
    _assert_each_command_once(settings, expected)
    stores.close()
