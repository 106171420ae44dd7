"""The national harness (bench/national.py) at a tiny size on each backend, so that it cannot
rot: every figure of its table is produced and every command it times ran. No speed is
asserted (a test machine's timings say nothing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.national import main
from bench.national_report import ROWS, extrapolation, ratios
from tests.stores import BACKENDS, BASE_URL, require_postgres


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_harness_produces_every_figure(backend: str, tmp_path: Path) -> None:
    if backend == "postgresql":
        require_postgres()
    out = tmp_path / "national.json"
    main(
        [
            *("--events", "400", "--backends", backend, "--pg-url", BASE_URL),
            *("--out", str(out), "--startup-runs", "2", "--folder", str(tmp_path)),
        ]
    )
    (run,) = json.loads(out.read_text())["runs"]
    missing = [label for label, path, _ in ROWS if _get(run, path) is None]
    assert missing == []
    assert run["ingest"]["events"] > 400 / 2
    assert run["ingest"]["refused"] > 0
    assert run["one_command"]["commands"] > 0
    assert run["seal"]["signed"]
    for name in ("rebuild", "scores_all", "audit_all"):
        assert run[name]["ok"], run[name]
    assert run["seal"]["evidence"] > 0
    assert run["verify"]["ok"], run["verify"]
    assert all("p95_ms" in timing for timing in run["startup"].values()), run["startup"]
    assert len(run["startup"]) == 5
    found = ratios(run)
    assert all(value is not None for key, value in found.items() if "PostgreSQL" not in key)
    assert (found["PostgreSQL view tables / events table (goal <= 3)"] is None) == (
        backend == "sqlite"
    )
    assert all(minutes is not None for minutes in extrapolation(run).values())


def _get(run: dict[str, object], path: tuple[str, ...]) -> object:
    value: object = run
    for key in path:
        assert isinstance(value, dict), path
        value = value.get(key)
    return value
