"""Recorded text is data, never instructions to the terminal: hostile but accepted text in
names, titles, narratives and notes leaves every read, export and verification working, shows
escaped, and never reaches the terminal as a control sequence."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from commands.demo.cast import ADMINISTRATOR
from tests.cli import add_signed_in_user

LEDGER = str(Path(sys.executable).parent / "ledger")
UNIT = "HX-81"
AGREEMENT = f"{UNIT}/2557"
MARKUP = "[/] [bold]x [link=file:///etc/passwd]x[/link] :smile:"
CONTROLS = "\x1b[2J\x1b]0;pwned\x07"
BIDI = "\u202eevil"
HOSTILE = f"{MARKUP} {CONTROLS} {BIDI}"
# Free text and names, per command: hostile text where decoding accepts it, markup else.
TEXT_FIELDS = {
    "register_unit": ("name_en", "name_th"),
    "propose_kpi": ("title_en", "title_th", "unit_of_measure"),
    "file_sar": ("narrative",),
    "request_change": ("justification",),
    "decide_change": ("rationale",),
    "record_negotiation_decision": ("committee",),
}


def ledger(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [LEDGER, *args],
        input=None if stdin is None else stdin.encode(),
        capture_output=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200", "FORCE_COLOR": "1", "TERM": "xterm-256color"},
        check=False,
    )


def _krabi_as_hostile_unit(tame: set[tuple[int, str]]) -> list[dict[str, object]]:
    """The demo's Krabi year recorded again as unit HX-81, with hostile text in every
    free-text field and name, except markup only in the (line, field)s of ``tame``."""
    emitted = ledger("demo", "--emit").stdout.decode()
    commands = [json.loads(line.replace("TH-81", UNIT)) for line in emitted.splitlines()]
    chosen = [c for c in commands if UNIT in json.dumps(c)]
    for number, command in enumerate(chosen, start=1):
        # A KPI joining a joint KPI measures what the joint KPI does, in its very words.
        fields = () if "joint_id" in command else TEXT_FIELDS.get(str(command["type"]), ())
        for field in fields:
            text = MARKUP if (number, field) in tame else HOSTILE
            command[field] = f"{text} {command.get(field, '')}"
    return chosen


def _refused_for_controls(stderr: str) -> set[tuple[int, str]]:
    """The (line, field)s refused for holding control or bidi characters."""
    found = re.findall(r"refused: line (\d+): invalid-input: (.*?); field: \$\.(\w+)", stderr)
    return {
        (int(line), field)
        for line, message, field in found
        if "control" in message or "bidi" in message
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The demo store with the hostile year added: fields whose decoding refuses control
    characters are asked again with markup only, until every refusal left is one the
    demo's year means (attempts the rules refuse and record for the audit). Returns the
    store and how many fields kept their control characters."""
    folder = tmp_path_factory.mktemp("hostile")
    pristine = folder / "demo"
    pristine.mkdir()
    assert ledger("demo", "--db", str(pristine / "x.sqlite")).returncode == 0
    tame: set[tuple[int, str]] = set()
    for attempt in range(6):
        path = shutil.copytree(pristine, folder / f"try{attempt}") / "x.sqlite"
        tokens = ("--token-file", str(path.with_name("x.keys") / "tokens"))
        unit, *rest = (json.dumps(c) for c in _krabi_as_hostile_unit(tame))
        registered = ledger("apply", "--keep-going", "--db", str(path), *tokens, "-", stdin=unit)
        if registered.returncode == 0:  # the unit's office acts for it once it is registered
            add_signed_in_user(
                path, Path(tokens[1]), f"{UNIT}-office", "assessed_unit",
                admin=ADMINISTRATOR[0], unit_id=UNIT,
            )  # fmt: skip
        # A blank first line keeps the line numbers of the whole year.
        lines = "\n".join(["", *rest]) + "\n"
        applied = ledger("apply", "--keep-going", "--db", str(path), *tokens, "-", stdin=lines)
        stderr = registered.stderr.decode() + applied.stderr.decode()
        assert applied.returncode in (0, 1), stderr
        assert "Traceback" not in stderr
        refused = _refused_for_controls(stderr)
        if not refused - tame:
            break
        tame |= refused
    assert "\x1b" not in stderr
    assert b"applied 3" in applied.stdout, applied.stdout
    fields = sum(
        len(TEXT_FIELDS.get(str(c["type"]), ()))
        for c in _krabi_as_hostile_unit(tame)
        if "joint_id" not in c
    )
    return path, fields - len(tame)


@pytest.fixture(scope="module")
def hostile_db(hostile: tuple[Path, int]) -> Path:
    return hostile[0]


def _first_recorded(db: Path) -> str:
    trail = json.loads(ledger("history", AGREEMENT, "--json", "--db", str(db)).stdout)
    return str(trail[0]["recorded_at"])


def _reads(db: Path) -> list[list[str]]:
    key = str(db.parent / "x.keys" / "log.vkey")
    export = str(db.parent / "export")
    base = ["--db", str(db)]
    return [
        ["show", AGREEMENT, *base],
        ["show", AGREEMENT, "--json", *base],
        ["history", AGREEMENT, *base],
        ["history", f"unit:{UNIT}", *base],
        ["history", AGREEMENT, "--json", *base],
        ["scores", *base],
        ["scores", AGREEMENT, *base],
        ["scores", "--json", *base],
        ["audit", AGREEMENT, *base],
        ["audit", "--all", "--json", *base],
        ["requests", *base],
        ["sar", *base],
        ["governor", *base],
        ["warnings", *base],
        ["as-of", AGREEMENT, "2014-09-30", "--effective", *base],
        ["as-of", AGREEMENT, "2100-01-01", *base],
        ["diff", AGREEMENT, _first_recorded(db), "2100-01-01", *base],
        ["project", *base],
        ["rebuild", "--all", *base],
        ["export", export, *base],
        ["verify", "--key", key, *base],
    ]


def test_hostile_text_in_every_free_text_field_is_accepted(hostile_db: Path) -> None:
    shown = ledger("history", AGREEMENT, "--json", "--db", str(hostile_db))
    assert shown.returncode == 0
    assert json.loads(shown.stdout)


def test_every_read_survives_hostile_text_and_shows_it_escaped(
    hostile: tuple[Path, int],
) -> None:
    hostile_db, kept = hostile
    seen = b""
    for args in _reads(hostile_db):
        result = ledger(*args)
        said = f"{args}: exit {result.returncode}\n{result.stderr.decode()[-2000:]}"
        # verify may say the new events are unsealed (5); nothing may fail or be a bug.
        assert result.returncode in ((0, 5) if args[0] == "verify" else (0,)), said
        assert b"Traceback" not in result.stderr + result.stdout, said
        for raw in (b"\x1b]", b"\x1b[2J", b"\x07", "\u202e".encode()):
            assert raw not in result.stdout, said
            assert raw not in result.stderr, said
        seen += result.stdout
    table = ledger("show", AGREEMENT, "--db", str(hostile_db)).stdout.decode()
    assert "[/] [bold]x [link=file:///etc/passwd]x[/link] :smile:" in table
    if kept:  # what decoding let through is shown escaped, in tables and in JSON
        assert b"\\x1b[2J" in seen
        assert b"\\u202e" in seen
        assert b"\\u001b" in seen


def test_control_characters_and_markup_in_ids_are_refused_or_shown_escaped(
    hostile_db: Path,
) -> None:
    for unit_id in (f"HX-{CONTROLS}", "HX-[/]", f"HX-{BIDI}"):
        command = {
            "type": "register_unit",
            "actor": {"id": f"opdc{CONTROLS}[/]", "role": "opdc"},
            "effective_at": "2014-03-01T10:00:00+07:00",
            "unit_id": unit_id,
            "name_th": "ทดสอบ",
            "name_en": f"Test {CONTROLS}",
            "level": "province",
        }
        tokens = str(hostile_db.with_name("x.keys") / "tokens")
        applied = ledger(
            "apply", "--db", str(hostile_db), "--token-file", tokens, "-", stdin=json.dumps(command)
        )
        assert b"Traceback" not in applied.stderr
        assert b"\x1b" not in applied.stderr + applied.stdout
        if applied.returncode != 0:
            # Refused as invalid input (1), or as no signed-in user's to enter (8).
            assert applied.returncode in (1, 8), applied.stderr
            assert applied.stderr.decode().count("error:") == 1, applied.stderr
            continue
        history = ledger("history", f"unit:{unit_id}", "--db", str(hostile_db))
        assert history.returncode == 0, history.stderr
        assert b"\x1b" not in history.stdout.replace(b"\x1b[", b"")


def _tampered_copy(
    tmp_path_factory: pytest.TempPathFactory, hostile_db: Path, edits: dict[str, str]
) -> Path:
    """A copy of the store with recorded JSON rewritten in place (what decoding would refuse,
    as a hostile operator could leave it), and no views, so reads rebuild them from it."""
    folder = tmp_path_factory.mktemp("tampered")
    store = folder / "x.sqlite"
    with closing(sqlite3.connect(hostile_db)) as source, closing(sqlite3.connect(store)) as copy:
        source.backup(copy)
    with closing(sqlite3.connect(store)) as db, db:
        for before, after in edits.items():
            db.execute(
                "UPDATE stored_events SET state = CAST(replace(CAST(state AS TEXT), ?, ?) AS BLOB)"
                " WHERE instr(CAST(state AS TEXT), ?) > 0",
                (before, after, before),
            )
    return store


TAMPERED_READS = [
    ["show", "TH-81/2557"],
    ["history", "unit:TH-81"],
    ["scores", "TH-81/2557"],
    ["scores", "--json"],
    ["governor"],
    ["as-of", "TH-81/2557", "2100-01-01"],
    ["audit", "TH-81/2557"],
]


def test_control_characters_left_in_a_tampered_store_are_shown_escaped(
    tmp_path_factory: pytest.TempPathFactory, hostile_db: Path
) -> None:
    name = '"name_en":"Kr\\u001b]0;pwned\\u0007abi\\u202e\\u009b [/]"'
    store = _tampered_copy(tmp_path_factory, hostile_db, {'"name_en":"Krabi"': name})
    for args in TAMPERED_READS:
        result = ledger(*args, "--db", str(store))
        said = f"{args}: exit {result.returncode}\n{result.stderr.decode()[-2000:]}"
        assert result.returncode == 0, said
        for raw in (b"\x1b]", b"\x07", "\u202e".encode(), "\x9b".encode()):
            assert raw not in result.stdout, said
    shown = ledger("show", "TH-81/2557", "--db", str(store)).stdout.decode()
    assert "Kr\\x1b]0;pwned\\x07abi\\u202e\\x9b [/]" in shown


def test_a_huge_number_left_in_a_tampered_store_neither_hangs_nor_crashes_a_read(
    tmp_path_factory: pytest.TempPathFactory, hostile_db: Path
) -> None:
    store = _tampered_copy(
        tmp_path_factory, hostile_db, {'"actual":"3050"': '"actual":"1e1000000"'}
    )
    for args in [*TAMPERED_READS, ["warnings"]]:
        result = ledger(*args, "--db", str(store))
        said = f"{args}: exit {result.returncode}\n{result.stderr.decode()[-2000:]}"
        assert result.returncode in (0, 4), said
        assert b"Traceback" not in result.stderr, said
