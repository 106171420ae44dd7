from __future__ import annotations

import pytest

from ledger.errors import InvalidInput
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
