"""Every seed framework as a demo (`ledger demo --scenario NAME`), on SQLite and on
PostgreSQL: each records its whole year, prints scores that fit 80 columns, verifies clean
against the trust policy its witness side keeps, and reads as of the dates it suggests."""

from __future__ import annotations

import json
from pathlib import Path
from shlex import quote, split

import pytest
from rich.cells import cell_len

from commands.demo.scenarios import SCENARIOS
from ledger.demo_store import demo_notice
from tests.cli import ledger, pasted
from tests.stores import StoreMaker


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_scenario_records_its_year_and_verifies(
    name: str, stores: StoreMaker, tmp_path: Path
) -> None:
    scenario = SCENARIOS[name]
    database = stores.new(f"demo-{name}").database
    witness = tmp_path / "witness"
    shown = ledger(
        "demo", "--scenario", name, "--db", database, "--witness-dir", str(witness),
        cwd=tmp_path, env={"COLUMNS": "80"},
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "ILLUSTRATIVE" in shown.stdout
    assert f"{scenario.refused_on_purpose} attempt" in shown.stdout
    # Everything fits 80 columns but a line holding one path (never cut); a long command is
    # broken between its words with a backslash, so that a copy-paste still runs it.
    tables, closing = shown.stdout.split("\nRecorded ", 1)
    assert max(cell_len(line) for line in tables.splitlines()) <= 80
    assert all(
        cell_len(line) <= 80 or len(line.removesuffix("\\").split()) == 1
        for line in closing.splitlines()
    )
    policy = quote(str(witness / "trust.policy"))
    verify = f"  ledger verify --db {quote(database)} --trust {policy}"
    assert verify in pasted(closing)
    checked = ledger(*split(verify)[1:])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.rstrip().endswith("Everything holds. / ทุกอย่างถูกต้องครบถ้วน")
    assert demo_notice(name) in checked.stdout
    scores = ledger("scores", "--json", "--db", database)
    assert scores.returncode == 0, scores.stderr
    tables = json.loads(scores.stdout)
    certified = {t["agreement"] for t in tables if t["status"] == "certified"}
    assert scenario.featured in {t["agreement"] for t in tables}
    assert certified, "every scenario's year ends certified"
    assert {t["round_id"] for t in tables} >= set(scenario.shown_rounds)
    # The closing lines' as-of and diff work on the demo's own dates: the featured agreement's
    # recorded state differs between them.
    first, second = scenario.moments
    assert f"ledger diff {scenario.featured} {first} {second}" in shown.stdout
    diff = ledger("diff", scenario.featured, first, second, "--json", "--db", database)
    assert diff.returncode == 0, diff.stderr
    assert json.loads(diff.stdout)["changes"], f"nothing recorded between {first} and {second}"
    assert ledger("as-of", scenario.featured, first, "--db", database).returncode == 0


def test_as_of_reads_a_joint_kpi_as_its_host_had_filed_it(tmp_path: Path) -> None:
    """Loei joins the tourism KPI the Ministry's office files for three provinces: read as of
    June, the 6-month round has the shared result and the composite that was certified."""
    database = str(tmp_path / "loei.sqlite")
    made = ledger("demo", "--scenario", "loei", "--db", database, "--witness-dir", str(tmp_path))
    assert made.returncode == 0, made.stderr
    scores = ledger("scores", "TH-42/2568", "--round", "6m", "--json", "--db", database)
    certified = json.loads(scores.stdout)[0]["composite"]
    for basis in ((), ("--effective",)):
        shown = ledger("as-of", "TH-42/2568", "2025-06-30", *basis, "--json", "--db", database)
        assert shown.returncode == 0, shown.stderr
        round_6m = json.loads(shown.stdout)["scores"][0]
        joint = next(k for k in round_6m["kpis"] if k["kpi_id"] == "J1")
        assert joint["verified_actual"] is not None, basis
        assert round_6m["status"] == "certified"
        assert round_6m["composite"] == round_6m["composite_before_penalties"] == certified
