"""The evidence store and the rows kept beside the events: `ledger evidence add` reads only
regular files within their limit, and a row anyone with INSERT could add (a junk key, a
checkpoint that does not parse, evidence under a name that is not a SHA-256) is a finding
named by `ledger verify`, never a crash, and never a path an export writes to."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest

from ledger.integrity.files import EVIDENCE
from ledger.integrity.keys import generate
from tests.attacks import Demo, Outcome, make_demo, refused, run
from tests.stores import BASE_URL, app_url, owner_url, require_postgres


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return make_demo(tmp_path_factory.mktemp("hostile-evidence"))


@pytest.fixture
def demo(made: Demo, tmp_path: Path) -> Demo:
    return made.copy(tmp_path)


def _add(demo: Demo, *files: Path) -> Outcome:
    return run("evidence", "add", *map(str, files), "--db", str(demo.db))


def _verify(demo: Demo) -> Outcome:
    keys = ("--key", str(demo.log_key), "--witness", str(demo.witness_key))
    return run("verify", "--db", str(demo.db), *keys)


def _insert(demo: Demo, statement: str, *values: object) -> None:
    with sqlite3.connect(demo.db) as connection:
        connection.execute(statement, values)


def test_a_regular_file_is_stored_under_its_hash(demo: Demo, tmp_path: Path) -> None:
    (tmp_path / "minutes.txt").write_text("minutes of the meeting")
    outcome = _add(demo, tmp_path / "minutes.txt")
    assert outcome.code == 0, outcome.output
    assert "minutes.txt" in outcome.output


def test_a_fifo_is_refused_without_waiting(demo: Demo, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    refused(_add(demo, tmp_path / "pipe"), 1, "FIFO")


def test_a_device_is_refused(demo: Demo) -> None:
    refused(_add(demo, Path("/dev/zero")), 1, "character device")


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(demo: Demo, tmp_path: Path) -> None:
    (tmp_path / "small.txt").write_text("stored only if every file passes")
    with (tmp_path / "huge.bin").open("wb") as huge:
        huge.truncate(EVIDENCE.limit + 1)
    refused(_add(demo, tmp_path / "small.txt", tmp_path / "huge.bin"), 1, str(EVIDENCE.limit))
    with sqlite3.connect(demo.db) as connection:
        (count,) = connection.execute("SELECT count(*) FROM ledger_evidence").fetchone()
    assert count == 22


@pytest.mark.parametrize(
    ("vkey", "kind"),
    [("junk", "log"), ("a+b+c", "witness"), (b"\xff\x00", "log"), ("x" * 10_000, "log")],
    ids=["junk", "bad base64", "bytes", "long"],
)
def test_a_junk_key_row_is_a_finding(demo: Demo, vkey: object, kind: str) -> None:
    _insert(demo, "INSERT INTO ledger_public_keys VALUES (?, ?)", vkey, kind)
    refused(_verify(demo), 4, "stored key")


def test_a_junk_checkpoint_row_is_a_finding(demo: Demo) -> None:
    _insert(demo, "INSERT INTO ledger_checkpoints VALUES (999, 'junk', 'now')")
    refused(_verify(demo), 4, "stored checkpoint 999")


def test_evidence_named_as_a_path_is_a_finding_and_never_written(demo: Demo) -> None:
    _insert(demo, "INSERT INTO ledger_evidence VALUES ('../../escaped', x'00', 'now')")
    refused(_verify(demo), 4, "'../../escaped'", "not a SHA-256")
    outcome = run("export", str(demo.folder / "out2"), "--db", str(demo.db))
    assert outcome.code == 0, outcome.output
    assert not (demo.folder / "escaped").exists()
    assert not (demo.folder.parent / "escaped").exists()


@pytest.fixture
def pg_schema() -> Iterator[str]:
    require_postgres()
    name = f"lt_attack_{uuid4().hex[:12]}"
    yield name
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def test_what_the_postgres_app_role_can_insert_is_a_finding(pg_schema: str, tmp_path: Path) -> None:
    assert run("db", "init", "--db", owner_url(pg_schema)).code == 0
    as_app = app_url(pg_schema).split("?")[0]
    with psycopg.connect(as_app, autocommit=True) as connection:
        connection.execute(f'SET search_path TO "{pg_schema}"')
        connection.execute("INSERT INTO ledger_public_keys VALUES ('junk+00+!!', 'log')")
        connection.execute(
            "INSERT INTO ledger_evidence VALUES ('../escaped', '\\x00'::bytea, 'now')"
        )
    key = tmp_path / "log.vkey"
    key.write_text(generate("outside.example/log", "log").verifier.text() + "\n")
    outcome = run("verify", "--db", app_url(pg_schema), "--key", str(key))
    refused(outcome, 4, "stored key 'junk+00+!!'", "'../escaped'")
