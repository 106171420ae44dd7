"""What the suite does when PostgreSQL does not answer: fail under CI, skip loudly elsewhere.

Runs one small test file of this suite in a pytest of its own, pointed at a closed port.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLOSED_PORT = "postgresql://postgres@127.0.0.1:1/test"


def _pytest(ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["LEDGER_TEST_POSTGRES_URL"] = CLOSED_PORT
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/integration/test_agreement_year.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_outside_ci_postgres_tests_are_skipped_and_the_summary_says_so() -> None:
    result = _pytest(ci=False)
    assert result.returncode == 0, result.stdout
    assert "POSTGRESQL TESTS SKIPPED" in result.stdout
    assert "UNTESTED" in result.stdout
    assert "pg_ctlcluster --skip-systemctl-redirect" in result.stdout
    assert " passed" in result.stdout


def test_under_ci_an_unreachable_server_fails_the_run_saying_how_to_start_it() -> None:
    result = _pytest(ci=True)
    assert result.returncode == 1
    assert "PostgreSQL unreachable" in result.stdout
    assert "pg_ctlcluster --skip-systemctl-redirect" in result.stdout
    assert "POSTGRESQL TESTS SKIPPED" not in result.stdout
