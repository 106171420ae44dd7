"""The demo never destroys or breaks anything: --force replaces only a demo store (or an empty
one), never a store in use; every place it writes is checked before it records a line, so a
folder left by another store is a clean refusal, not a crash after the year; and each store
gets a witness folder of its own, so a later demo never breaks an earlier one's verification."""

from __future__ import annotations

import hashlib
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse
from uuid import uuid4

import psycopg
import pytest

from commands.database import DEFAULT_APP_ROLE, initialise_database
from ledger.application import LedgerApplication
from ledger.persistence.settings import Settings
from tests.cli import ledger, pasted
from tests.stores import BASE_URL, StoreMaker, require_postgres


def _files(folder: Path) -> dict[str, str]:
    """Every file under ``folder``, by path, to the SHA-256 of its bytes; not SQLite's
    write-ahead log and shared-memory index, which any read of a store opens beside it."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(("-wal", "-shm"))
    }


def _head(settings: Settings) -> int:
    app = LedgerApplication(settings)
    try:
        return app.head()
    finally:
        app.close()


def _verify_line(stdout: str) -> list[str]:
    """The closing's `ledger verify ... --trust ...` line, as the shell would split it."""
    lines = [line for line in pasted(stdout) if line.startswith("  ledger verify ")]
    assert len(lines) == 1, stdout
    return shlex.split(lines[0])


def _refused(result: subprocess.CompletedProcess[str], *said: str) -> None:
    """Exit 1, no traceback, and each of ``said`` in what it printed."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal" not in result.stderr, result.stderr
    for text in said:
        assert text in result.stderr, result.stderr


def test_force_never_replaces_a_store_in_use(stores: StoreMaker, tmp_path: Path) -> None:
    """A store recorded on the real clock is not marked as a demo: `demo --force` refuses it,
    naming --force and the rule, and every file of it (store, views, keys) is as it was."""
    settings = stores.new("in-use")
    database = settings.database
    made = ledger(
        "demo", "--real-clock", "--db", database, "--witness-dir", str(tmp_path / "w1"),
        cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    before, head = _files(tmp_path), _head(settings)
    again = ledger(
        "demo", "--force", "--scenario", "loei", "--db", database,
        "--witness-dir", str(tmp_path / "w2"), cwd=tmp_path,
    )  # fmt: skip
    if settings.is_postgres:
        _refused(again, "--db", "empty store only", "--force empties nothing")
    else:
        _refused(again, "field: --force", "not marked as a demo", "Nothing was changed")
    assert _files(tmp_path) == before
    assert _head(settings) == head
    checked = ledger("verify", *_verify_line(made.stdout)[2:], cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_force_replaces_a_demo_store_or_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    made = ledger("demo", "--force", "--db", str(empty), "--witness-dir", str(tmp_path / "w"))
    assert made.returncode == 0, made.stderr
    again = ledger("demo", "--force", "--db", str(empty), "--witness-dir", str(tmp_path / "w"))
    assert again.returncode == 0, again.stderr
    checked = ledger("verify", *_verify_line(again.stdout)[2:])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    other = tmp_path / "notes.sqlite"
    other.write_text("not a ledger\n", encoding="utf-8")
    refused = ledger("demo", "--force", "--db", str(other))
    _refused(refused, "field: --force", "not a ledger store")
    assert other.read_text(encoding="utf-8") == "not a ledger\n"


def _keys_folder(settings: Settings, cwd: Path) -> Path:
    """Where the demo puts the operator's keys: beside a SQLite store, else in the current
    folder, named after the database and the schema."""
    if not settings.is_postgres:
        path = settings.sqlite_path()
        return path.with_name(f"{path.stem}.keys")
    env = settings.eventsourcing_env()
    return cwd / f"ledger-demo-{env['POSTGRES_DBNAME']}-{env['POSTGRES_SCHEMA']}.keys"


def test_a_folder_left_by_another_store_is_refused_before_anything_is_recorded(
    stores: StoreMaker, tmp_path: Path
) -> None:
    settings = stores.new("leftover")
    keys = _keys_folder(settings, tmp_path)
    keys.mkdir()
    (keys / "log.key").write_text("another store's key\n", encoding="utf-8")
    shown = ledger(
        "demo", "--db", settings.database, "--witness-dir", str(tmp_path / "w"), cwd=tmp_path
    )
    _refused(shown, "field: --db", f"{keys.name} is already there")
    assert (keys / "log.key").read_text(encoding="utf-8") == "another store's key\n"
    if settings.is_postgres:
        assert _head(settings) == 0
    else:
        assert not settings.sqlite_path().exists()
    assert not (tmp_path / "w").exists()


@pytest.fixture
def two_databases() -> Iterator[list[str]]:
    """Two fresh PostgreSQL databases, each with its store in the default schema (public),
    as the application role's URLs; dropped at the end."""
    require_postgres()
    parts = urlparse(BASE_URL)
    names = [f"ledger_demo_{uuid4().hex[:10]}" for _ in range(2)]
    app = f"{DEFAULT_APP_ROLE}@{parts.hostname}:{parts.port or 5432}"
    urls = []
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
            owner = urlunparse(parts._replace(path=f"/{name}", query=""))
            initialise_database(Settings(database=owner))
            urls.append(urlunparse(parts._replace(netloc=app, path=f"/{name}", query="")))
    try:
        yield urls
    finally:
        with psycopg.connect(BASE_URL, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_postgresql_demos_from_one_folder_each_keep_their_keys(
    two_databases: list[str], tmp_path: Path
) -> None:
    """Two databases whose stores are both in schema public: each demo gets a keys folder and
    a witness folder of its own, and both verify afterwards."""
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "COLUMNS": "1000"}
    verify_lines = []
    for url, scenario in zip(two_databases, ("andaman", "loei"), strict=True):
        shown = ledger("demo", "--scenario", scenario, "--db", url, cwd=tmp_path, env=env)
        assert shown.returncode == 0, shown.stderr
        verify_lines.append(_verify_line(shown.stdout))
    assert len(list(tmp_path.glob("ledger-demo-*-public.keys"))) == 2
    for line in verify_lines:
        checked = ledger(*line[1:], cwd=tmp_path, env=env)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert checked.stdout.rstrip().endswith("Everything holds. / ทุกอย่างถูกต้องครบถ้วน")


def test_a_later_demo_leaves_an_earlier_ones_trust_policy(tmp_path: Path) -> None:
    """With the default witness folder, the Andaman store still verifies against the policy
    its demo printed after a Loei demo has run (each store has a witness folder of its own)."""
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "COLUMNS": "1000"}
    first = ledger("demo", "--db", "a.sqlite", cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    second = ledger("demo", "--scenario", "loei", "--db", "b.sqlite", cwd=tmp_path, env=env)
    assert second.returncode == 0, second.stderr
    trust = [_verify_line(shown.stdout)[-1] for shown in (first, second)]
    assert trust[0] != trust[1]
    assert all(Path(t).is_relative_to(tmp_path / "state") for t in trust)
    for shown in (first, second):
        checked = ledger(*_verify_line(shown.stdout)[1:], cwd=tmp_path, env=env)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert checked.stdout.rstrip().endswith("Everything holds. / ทุกอย่างถูกต้องครบถ้วน")
