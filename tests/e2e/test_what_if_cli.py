"""``ledger what-if`` as a user runs it: a separate process over a real SQLite store. The
digest it prints is the one the decision records when the committee sends it; a stale one is
refused and nothing is recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from rich.cells import cell_len

from commands.wiring import build_context
from ledger.domain.values import Actor
from ledger.persistence.settings import Settings
from tests.builders import (
    CHANGE_COMMITTEE,
    at,
    decide_change,
    fy2557_signed,
    request_change,
    run,
    sar,
)
from tests.cli import ledger
from tests.http.people import token_for
from tests.identity import admit

REF = "TH-81/2557"
HARDER = ["72", "77", "82", "87", "92"]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """TH-81 signed, a 6m SAR (P1 78, P2 81), requests CR-1 (P1 harder) and CR-2 (P2 easier,
    which would cross the known 81), and a token for the change committee's secretariat."""
    db = tmp_path / "ledger.sqlite"
    ctx = build_context(Settings.from_environment(str(db), access="create"))
    for command in fy2557_signed("TH-81"):
        run(ctx, command)
    run(ctx, sar(REF, "6m", {"P1": "78", "P2": "81"}, effective_at=at("2014-04-20")))
    run(ctx, request_change(REF, "CR-1", "P1", "2014-04-28", proposal={"thresholds": HARDER}))
    easier = {"thresholds": ["60", "65", "70", "75", "80"]}
    run(ctx, request_change(REF, "CR-2", "P2", "2014-04-28", proposal=easier))
    # The committee's secretariat enters its decisions; it signs in with this token.
    secretariat = admit(ctx, msgspec.convert(CHANGE_COMMITTEE, Actor)).enterer
    assert secretariat is not None
    (tmp_path / "secretariat.token").write_text(token_for(ctx, secretariat))
    ctx.app.close()
    return db


def what_if_json(db: Path, request: str, *extra: str) -> dict[str, Any]:
    shown = ledger("what-if", request, "--db", str(db), "--json", *extra)
    assert shown.returncode == 0, shown.stderr
    loaded: dict[str, Any] = json.loads(shown.stdout)
    return loaded


def decide(db: Path, digest: str) -> Any:
    command = decide_change(REF, "CR-1", "2014-04-29", what_if_sha256=digest)
    token = (db.parent / "secretariat.token").read_text()
    return ledger(
        "apply", "-", "--db", str(db), stdin=json.dumps(command), env={"LEDGER_TOKEN": token}
    )


def decisions(db: Path) -> list[dict[str, Any]]:
    history = ledger("history", REF, "--db", str(db), "--json")
    assert history.returncode == 0, history.stderr
    return [row for row in json.loads(history.stdout) if row["event"] == "ChangeDecided"]


def test_the_printed_digest_is_the_one_the_decision_records_as_shown(store: Path) -> None:
    shown = ledger("what-if", f"{REF}#CR-1", "--db", str(store), env={"COLUMNS": "80"})
    assert shown.returncode == 0, shown.stderr
    assert all(cell_len(line) <= 80 for line in shown.stdout.splitlines())
    assert "72 / 77 / 82 / 87 / 92" in shown.stdout
    assert "clear" in shown.stdout
    digest = shown.stdout.split("what-if sha256:")[1].split()[0]
    assert '"what_if_sha256"' in shown.stdout
    assert what_if_json(store, f"{REF}#CR-1")["what_if_sha256"] == digest
    decided = decide(store, digest)
    assert decided.returncode == 0, decided.stderr
    (row,) = decisions(store)
    assert row["details"]["what_if_sha256"] == digest
    assert row["details"]["what_if_shown"] is True
    audit = ledger("history", REF, "--db", str(store), env={"COLUMNS": "160"})
    assert f"what-if shown: sha256:{digest[:8]}" in audit.stdout


def test_a_stale_digest_is_refused_and_nothing_is_recorded(store: Path) -> None:
    stale = what_if_json(
        store, f"{REF}#CR-1", "--amendments", '{"thresholds": ["71", "76", "81", "86", "91"]}'
    )
    refused = decide(store, stale["what_if_sha256"])
    assert refused.returncode == 1
    assert "what_if_sha256" in refused.stderr
    assert decisions(store) == []
    assert what_if_json(store, f"{REF}#CR-1")["verdict"] == "clear"


def test_the_what_if_of_a_crossing_request_names_rule_1(store: Path) -> None:
    shown = what_if_json(store, f"{REF}#CR-2")
    assert shown["verdict"] == "refused"
    assert shown["refusal"].startswith("rule 1")
    assert [(r["score_before"], r["score_after"]) for r in shown["results"]] == [
        ("3.2000", "5.0000")
    ]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["TH-81/2557"], "REQUEST"),
        (["TH-81/2557#CR-1", "--amendments", "{not json"], "--amendments"),
        (["TH-81/2557#CR-1", "--amendments", '{"weight": "x"}'], "--amendments"),
    ],
)
def test_bad_input_is_refused_naming_what_was_wrong(
    store: Path, args: list[str], field: str
) -> None:
    refused = ledger("what-if", *args, "--db", str(store))
    assert refused.returncode == 1
    assert f"field: {field}" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_an_unknown_request_is_not_found(store: Path) -> None:
    refused = ledger("what-if", f"{REF}#CR-9", "--db", str(store))
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: not-found")
