"""One command line (issue 18, point 5): AGREEMENT first everywhere, --json on every read,
"not found" with the closest known ids for an unknown one, a diff in words, and messages
in plain English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from ledger.errors import NotFound, exit_code_for
from tests.cli import beside_demo_note, ledger

NOT_FOUND = exit_code_for(NotFound("any"))

# Every read command, with the arguments that make it read one thing of the demo.
READS: dict[str, tuple[str, ...]] = {
    "scores": ("TH-81/2557",),
    "show": ("TH-81/2557",),
    "history": ("TH-81/2557",),
    "as-of": ("TH-81/2557", "2099-01-01"),
    "diff": ("TH-81/2557", "2014-01-01", "2099-01-01"),
    "audit": ("TH-81/2557",),
    "requests": ("TH-81/2557",),
    "sar": ("TH-81/2557",),
    "governor": ("TH-81/2557",),
    "warnings": ("TH-81/2557",),
    "cascade": ("TH-81/2557#G1",),
    "what-if": ("TH-81/2557#CR-2557-01",),
}
LISTS = (
    ("joint", "list"),
    ("bodies", "list"),
    ("users", "list"),
    ("frameworks", "list"),
    ("checkpoint", "list"),
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("consistent") / "demo.sqlite"
    result = ledger("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


# What each read is given for --json where READS's arguments would be refused: a diff from
# after the agreement was opened. (what-if needs a request still open, which the demo year
# does not leave: tests/e2e/test_what_if_cli.py reads its --json.)
JSON_ARGS: dict[str, tuple[str, ...]] = {"diff": ("TH-81/2557", "2557-06-01", "2600-01-01")}


@pytest.mark.parametrize(
    "command",
    [*(c for c in READS if c != "what-if"), *(" ".join(words) for words in LISTS)],
)
def test_every_read_prints_json_with_json(command: str, demo_db: Path) -> None:
    """Each read run with --json prints one JSON document on stdout and nothing else (a
    grep of --help would pass with the option gone, as long as the help mentions it)."""
    words = command.split()
    # The frameworks are not in the store: their reads take no --db.
    db = () if words[0] == "frameworks" else ("--db", str(demo_db))
    given = JSON_ARGS.get(command, READS.get(command, ()))
    result = ledger(*words, *given, "--json", *db)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert isinstance(parsed, list | dict)
    assert parsed or command == "governor", result.stdout  # FY2557 has no governor rounds


@pytest.mark.parametrize("command", ["scores", "show", "history", "as-of", "diff", "audit"])
def test_the_agreement_comes_first_in_every_usage_line(command: str) -> None:
    usage = ledger(command, "--help").stdout.splitlines()[0]
    positional = usage.split("[OPTIONS]")[1].split()
    assert positional[0].strip("[]") == "AGREEMENT", usage


def test_as_of_takes_the_agreement_first_and_still_reads_the_old_order(demo_db: Path) -> None:
    db = ["--db", str(demo_db)]
    new = ledger("as-of", "TH-82/2557", "2557-04-30", "--effective", "--json", *db)
    assert new.returncode == 0, new.stderr
    assert "old order" not in new.stderr
    old = ledger("as-of", "2557-04-30", "TH-82/2557", "--effective", "--json", *db)
    assert old.returncode == 0, old.stderr
    assert old.stdout == new.stdout
    assert "`ledger as-of AGREEMENT TIME`" in old.stderr


def test_checkpoint_list_as_json(demo_db: Path) -> None:
    result = ledger("checkpoint", "list", "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    checkpoints = json.loads(result.stdout)
    assert checkpoints
    assert checkpoints[-1]["size"] > 0
    assert checkpoints[-1]["note"].startswith(checkpoints[-1]["origin"])
    assert len(checkpoints[-1]["signed_by"]) == 2  # the log and the demo witness


@pytest.mark.parametrize("command", list(READS))
def test_an_unknown_agreement_is_not_found_with_the_closest_known(
    command: str, demo_db: Path
) -> None:
    asked = [a.replace("TH-81/2557", "th-81/2557") for a in READS[command]]
    result = ledger(command, *asked, "--db", str(demo_db))
    assert result.returncode == NOT_FOUND, result.stderr
    assert result.stdout == ""
    assert beside_demo_note(result.stderr).startswith(
        "error: not-found: agreement 'th-81/2557' not found (did you mean 'TH-81/2557'"
    ), result.stderr
    assert "none" not in result.stderr.lower()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("history", "unit:NOPE"), "error: not-found: unit 'NOPE' not found (known: 'GRP-ANDAMAN'"),
        (("history", "unit:TH-811"), "unit 'TH-811' not found (did you mean 'TH-81'?)"),
        (("history", "user:opdc-secretary"), "(did you mean 'opdc-secretariat'?)"),
        (("history", "token:nothing"), "no event about token 'nothing' is recorded"),
        (("history", "framework:fy2557-province"), "unknown framework 'fy2557-province'"),
        (("users", "show", "opdc-secretary"), "(did you mean 'opdc-secretariat'?)"),
        (("bodies", "show", "appeal-comittee"), "(did you mean 'appeal-committee'?)"),
        (("cascade", "TH-81/2557#G9"), "KPI 'G9' not found in TH-81/2557 (known: 'G1', 'G2'"),
        (
            ("what-if", "TH-81/2557#CR-1"),
            "change request 'CR-1' not found in TH-81/2557 (known: 'CR-2557-01'",
        ),
        # Read filters: an unknown round or KPI is not an empty table (issue 18, point 5).
        (("scores", "--round", "7m"), "round '7m' not found in the known frameworks (known:"),
        (
            ("scores", "--round", "12M"),
            "round '12M' not found in the known frameworks (did you mean '12m'?)",
        ),
        (("scores", "--round", "12M", "--json"), "(did you mean '12m'?)"),
        (
            ("export-xlsx", "--round", "12M", "/tmp/never-written-by-a-bad-round.xlsx"),
            "round '12M' not found in the frameworks of the year chosen (did you mean '12m'?)",
        ),
        (
            ("scores", "TH-81/2557", "--round", "h1"),
            "round 'h1' not found in TH-81/2557's framework",
        ),
        (("history", "TH-81/2557", "--kpi", "ZZ"), "KPI 'ZZ' not found in TH-81/2557 (known: 'G1'"),
        (
            ("history", "TH-81/2557", "--kpi", "g1"),
            "KPI 'g1' not found in TH-81/2557 (did you mean 'G1'?)",
        ),
        (("history", "TH-81/2557", "--kpi", "g1", "--csv"), "(did you mean 'G1'?)"),
        (
            ("joint", "show", "J-2557-TOURISN"),
            "joint KPI 'J-2557-TOURISN' not found (did you mean 'J-2557-TOURISM'?)",
        ),
    ],
)
def test_unknown_ids_say_what_was_asked_for(
    args: tuple[str, ...], said: str, demo_db: Path
) -> None:
    result = ledger(*args, "--db", str(demo_db))
    assert result.returncode == NOT_FOUND, result.stderr
    assert said in result.stderr
    assert "no agreement" not in result.stderr


def test_a_known_agreement_with_nothing_in_a_register_is_no_error(demo_db: Path) -> None:
    result = ledger("governor", "TH-81/2557", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    assert "No governor" in result.stdout


def test_a_known_round_with_no_scores_is_no_error(demo_db: Path) -> None:
    """9m is a round of the FY2557 framework; TH-81/2557's 6-month round was cancelled."""
    db = ("--db", str(demo_db))
    for asked in (("scores", "--round", "9m"), ("scores", "TH-81/2557", "--round", "6m")):
        result = ledger(*asked, *db)
        assert result.returncode == 0, result.stderr
    result = ledger("scores", "TH-81/2557", "--round", "6m", "--json", *db)
    assert json.loads(result.stdout) == []


def test_diff_prints_words_not_python_and_fits_80_columns(demo_db: Path) -> None:
    db = ["--db", str(demo_db)]
    first = json.loads(ledger("history", "TH-92/2557", "--json", *db).stdout)[0]["recorded_at"]
    result = ledger("diff", "TH-92/2557", first, "2600-01-01", *db, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    for python in ("('", "']", "False", "True", "None", "{'"):
        assert python not in result.stdout
    thresholds = next(line for line in result.stdout.splitlines() if "thresholds" in line)
    assert " / " in thresholds
    assert "weighted score" in result.stdout
    assert all(cell_len(line) <= 80 for line in result.stdout.splitlines())


def test_a_grant_missing_its_body_reads_as_english(demo_db: Path) -> None:
    tokens = demo_db.with_name("demo.keys") / "tokens"
    result = ledger(
        "users",
        "grant",
        "state-auditor",
        "appeal_body",
        "--db",
        str(demo_db),
        "--token-file",
        str(tokens / "ledger-admin.token"),
    )
    assert result.returncode == 1
    assert "an appeal_body grant names the body it sits in" in result.stderr
