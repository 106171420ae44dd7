"""`ledger apply` on hostile input: one line on stderr naming the line, the field and the bound,
exit code 1, no traceback, and nothing of the bad line recorded (the lines before it are)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.bounds import MAX_LINE_BYTES
from tests.cli import provision

LEDGER = str(Path(sys.executable).parent / "ledger")

UNIT = {
    "type": "register_unit",
    "actor": {"id": "opdc-1", "role": "opdc"},
    "unit_id": "TH-81",
    "name_th": "จังหวัดกระบี่",
    "name_en": "Krabi",
    "level": "province",
}
FIRST = json.dumps(UNIT, ensure_ascii=False).encode()


def second(**changes: object) -> bytes:
    return json.dumps({**UNIT, "unit_id": "TH-92", **changes}, ensure_ascii=False).encode()


def recorded(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute("SELECT count(*) FROM stored_events").fetchone()
    return int(count)


@pytest.mark.parametrize(
    ("bad_line", "words"),
    [
        (second(name_en="Tr\xe1ng").replace("á".encode(), b"\xe1"), ["UTF-8", "byte"]),
        (second() + b" " * (MAX_LINE_BYTES + 1 - len(second())), ["1 MiB"]),
        (second()[:-1] + b', "unit_id": "TH-93"}', ["$.unit_id", "each key appears once"]),
        (
            second(actor={"id": "y", "role": "opdc"}).replace(
                b'"id": "y"', b'"id": "y", "id": "z"'
            ),
            ["$.actor.id", "each key appears once"],
        ),
        (second(unit_id="TH/92"), ["$.unit_id", "'/'", "an id: 1-64"]),
        (second(name_en="Tr\u202eang"), ["$.name_en", "U+202E", "a name: 1-200"]),
        (second(name_en="T" * 201), ["$.name_en", "201 characters", "a name: 1-200"]),
    ],
)
def test_a_bad_line_is_one_line_on_stderr_and_records_nothing(
    tmp_path: Path, bad_line: bytes, words: list[str]
) -> None:
    db = tmp_path / "ledger.sqlite"
    commands = tmp_path / "commands.jsonl"
    commands.write_bytes(FIRST + b"\n" + bad_line + b"\n" + second(unit_id="TH-83") + b"\n")
    tokens = provision(db, {"opdc-1": "opdc"})
    before = recorded(db)
    result = subprocess.run(
        [LEDGER, "apply", str(commands), "--db", str(db), "--token-file", str(tokens)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "line 2" in stderr
    for word in words:
        assert word in stderr, stderr
    assert recorded(db) == before + 1, "only the line before the bad one is recorded"


def test_a_line_of_exactly_one_mebibyte_is_applied(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    commands = tmp_path / "commands.jsonl"
    commands.write_bytes(FIRST + b" " * (MAX_LINE_BYTES - len(FIRST)) + b"\n")
    tokens = provision(db, {"opdc-1": "opdc"})
    before = recorded(db)
    result = subprocess.run(
        [LEDGER, "apply", str(commands), "--db", str(db), "--token-file", str(tokens)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert recorded(db) == before + 1
