"""The `ledger` command against the real PostgreSQL server: `ledger db init` as the owner,
then the same year applied as the application role gives the same scores as on SQLite, and
the same commands sent again (same ids) record nothing new."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from uuid import NAMESPACE_URL, uuid4, uuid5

import psycopg
import pytest

from tests.cli import ledger, provision_demo
from tests.stores import BASE_URL, app_url, owner_url, require_postgres


@pytest.fixture
def schema() -> Iterator[str]:
    require_postgres()
    name = f"lt_cli_{uuid4().hex[:12]}"
    yield name
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def _with_ids(lines: list[str]) -> str:
    """The demo's commands, each with an id of its own (derived, so the same on a resend)."""
    return "\n".join(
        json.dumps({**json.loads(line), "command_id": str(uuid5(NAMESPACE_URL, f"demo:{n}"))})
        for n, line in enumerate(lines)
    )


def test_db_init_then_the_year_as_the_app_role_scores_as_on_sqlite(
    schema: str, tmp_path: Path
) -> None:
    not_yet = ledger("scores", "--db", app_url(schema))
    assert not_yet.returncode == 1
    assert "ledger db init" in not_yet.stderr

    init = ledger("db", "init", "--db", owner_url(schema))
    assert init.returncode == 0, init.stderr
    assert f"initialised schema {schema}: 8 append-only tables" in init.stdout
    assert "UPDATE, DELETE, TRUNCATE" in init.stdout
    assert ledger("db", "init", "--db", owner_url(schema)).returncode == 0

    emitted = ledger("demo", "--emit").stdout.splitlines()
    # The cast signs in and registers the units on each store; the rest is applied.
    pg_tokens, rest = provision_demo(app_url(schema), emitted)
    sqlite_tokens, _ = provision_demo(tmp_path / "l.sqlite", emitted)
    commands = _with_ids(rest)
    pg_signed_in = ("--token-file", str(pg_tokens))
    on_postgres = ledger(
        "apply", "-", "--keep-going", "--db", app_url(schema), *pg_signed_in, stdin=commands
    )
    on_sqlite = ledger(
        "apply", "-", "--keep-going", "--db", str(tmp_path / "l.sqlite"),
        "--token-file", str(sqlite_tokens), stdin=commands,
    )  # fmt: skip
    assert on_postgres.stdout == on_sqlite.stdout
    assert "applied" in on_postgres.stdout

    scores = [
        json.loads(ledger("scores", "--json", "--db", db).stdout)
        for db in (app_url(schema), str(tmp_path / "l.sqlite"))
    ]
    assert scores[0] == scores[1]
    assert scores[0]

    with psycopg.connect(BASE_URL) as conn:
        count = f'SELECT count(*) FROM "{schema}".assessmentledger_events'
        before = conn.execute(count).fetchone()
        again = ledger(
            "apply", "-", "--keep-going", "--db", app_url(schema), *pg_signed_in, stdin=commands
        )
        after = conn.execute(count).fetchone()
    assert before == after
    assert "recorded 0 events" in again.stdout
    assert "already recorded under the same command_id" in again.stdout


def test_db_init_refuses_a_sqlite_store_naming_the_option(tmp_path: Path) -> None:
    result = ledger("db", "init", "--db", str(tmp_path / "l.sqlite"))
    assert result.returncode == 1
    assert "field: --db" in result.stderr
    assert not (tmp_path / "l.sqlite").exists()
