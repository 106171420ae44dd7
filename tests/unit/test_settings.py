from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import psycopg
import psycopg_pool
import pytest
from eventsourcing.persistence import OperationalError as PersistenceOperationalError

from ledger.errors import InvalidInput, NotFound
from ledger.persistence.failures import store_failure
from ledger.persistence.settings import Settings


def test_db_option_beats_the_environment_which_beats_the_default() -> None:
    env = {"LEDGER_DATABASE_URL": "/data/env.sqlite"}
    assert Settings.from_environment("/x.sqlite", env).database == "/x.sqlite"
    assert Settings.from_environment(None, env).database == "/data/env.sqlite"
    assert Settings.from_environment(None, {}).database == "./ledger.sqlite"


def test_sqlite_paths_and_urls_select_the_sqlite_module() -> None:
    for value in ("/tmp/a.sqlite", "sqlite:////tmp/a.sqlite"):
        env = Settings(database=value).eventsourcing_env()
        assert env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"
        assert env["SQLITE_DBNAME"] == "/tmp/a.sqlite"


def test_a_postgres_url_selects_the_postgres_module_with_its_schema() -> None:
    env = Settings(
        database="postgresql://app:s%40cret@db.local:6543/ledger?schema=fy"
    ).eventsourcing_env()
    expected = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": "ledger",
        "POSTGRES_HOST": "db.local",
        "POSTGRES_PORT": "6543",
        "POSTGRES_USER": "app",
        "POSTGRES_PASSWORD": "s@cret",
        "POSTGRES_SCHEMA": "fy",
        "POSTGRES_POOL_SIZE": "1",
        "POSTGRES_PRE_PING": "y",
        "CREATE_TABLE": "n",
    }
    assert expected.items() <= env.items()
    # The library's one schema-wide insert function would serve only the last application.
    assert "POSTGRES_ENABLE_DB_FUNCTIONS" not in env
    assert env["APPLICATION_RECORDER_TOPIC"] == "ledger.persistence.postgres:AppendOnlyRecorder"


def test_a_postgres_url_may_size_the_pool_and_db_init_creates_tables() -> None:
    settings = Settings(database="postgresql://app@db/ledger?pool_size=8&max_overflow=2")
    env = settings.eventsourcing_env()
    assert (env["POSTGRES_POOL_SIZE"], env["POSTGRES_MAX_OVERFLOW"]) == ("8", "2")
    assert env["POSTGRES_SCHEMA"] == "public"
    assert env["CREATE_TABLE"] == "n"
    owner = Settings(database=settings.database, create_tables=True)
    assert owner.projection_env("scores")["CREATE_TABLE"] == "y"


def test_an_unknown_scheme_is_refused_naming_the_option() -> None:
    with pytest.raises(InvalidInput) as refused:
        Settings(database="mysql://x/y").eventsourcing_env()
    assert refused.value.field == "--db"


def test_a_read_never_creates_a_store_and_opens_it_read_only(tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.sqlite"
    for access in ("read", "write"):
        with pytest.raises(NotFound) as refused:
            Settings(database=str(missing), access=access).eventsourcing_env()
        assert refused.value.field == "--db"
        assert "no ledger at" in refused.value.message
    assert not missing.exists()
    assert Settings(database=str(missing)).eventsourcing_env()["SQLITE_DBNAME"] == str(missing)
    store = tmp_path / "a b?.sqlite"
    store.touch()
    env = Settings(database=str(store), access="read").eventsourcing_env()
    assert env["SQLITE_DBNAME"].startswith("file:")
    assert env["SQLITE_DBNAME"].endswith("?mode=ro")
    assert "%20b%3F.sqlite" in env["SQLITE_DBNAME"]
    assert env["CREATE_TABLE"] == "n"
    written = Settings(database=str(store), access="write").eventsourcing_env()
    assert written["SQLITE_DBNAME"].endswith("?mode=rw")


def test_postgres_waits_thirty_seconds_unless_the_url_says_otherwise() -> None:
    env = Settings(database="postgresql://app@db/ledger").eventsourcing_env()
    assert env["POSTGRES_CONNECT_TIMEOUT"] == "30"
    env = Settings(database="postgresql://app@db/ledger?connect_timeout=90").eventsourcing_env()
    assert env["POSTGRES_CONNECT_TIMEOUT"] == "90"


def test_a_malformed_postgres_url_is_refused_naming_the_option() -> None:
    for url in ("postgresql://h:notaport/x", "postgresql://h/x?pool_size=many"):
        with pytest.raises(InvalidInput) as refused:
            Settings(database=url).eventsourcing_env()
        assert refused.value.field == "--db"


def test_storage_failures_become_one_family_each() -> None:
    cases: list[tuple[BaseException, str]] = [
        (sqlite3.DatabaseError("file is not a database"), "integrity"),
        (sqlite3.DatabaseError("database disk image is malformed"), "integrity"),
        (sqlite3.OperationalError("unable to open database file"), "store-unavailable"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "store-unavailable"),
        (sqlite3.OperationalError("database or disk is full"), "store-unavailable"),
        (sqlite3.OperationalError("database is locked"), "conflict"),
        (OSError(errno.ENOSPC, "No space left on device", "x.sqlite"), "store-unavailable"),
        (
            psycopg_pool.PoolTimeout("couldn't get a connection after 30.00 sec"),
            "store-unavailable",
        ),
        (
            psycopg.OperationalError(
                'connection failed: connection to server at "10.0.0.9", port 6543 failed: '
                "Connection refused"
            ),
            "store-unavailable",
        ),
        (psycopg.OperationalError('FATAL:  database "fy" does not exist'), "not-found"),
    ]
    for exc, family in cases:
        try:  # wrapped as the library wraps them
            raise PersistenceOperationalError(exc) from exc
        except PersistenceOperationalError as wrapped:
            failure = store_failure(wrapped)
        assert failure is not None, exc
        assert failure.family == family, exc
    unreachable = store_failure(cases[8][0])
    assert unreachable is not None
    assert "10.0.0.9:6543" in unreachable.message
    assert store_failure(KeyError("a bug")) is None
