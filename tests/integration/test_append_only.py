"""Append-only by construction on PostgreSQL: what ``ledger db init`` lets each role do.

The application role may read and append recorded rows and nothing more; the owner role
(NOLOGIN, reached by ``SET ROLE`` from the server's superuser) and the superuser itself are
stopped by the triggers unless the maintenance switch is set. Who could disable the triggers
instead is in test_schema_ownership.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors
from psycopg.sql import SQL, Composed, Identifier

from commands.database import DEFAULT_APP_ROLE, DEFAULT_OWNER_ROLE, initialise_database
from commands.wiring import build_context
from ledger.application import LedgerApplication
from ledger.errors import NotFound
from ledger.integrity import records, tree_store
from ledger.integrity.keys import generate
from ledger.integrity.log import TransparencyLog
from ledger.persistence.settings import Settings
from tests.builders import fy2568_signed, run, ticking_clock
from tests.stores import BASE_URL, app_url, owner_url

EVENTS = "assessmentledger_events"
APPEND_ONLY = (
    EVENTS,
    "assessmentledger_snapshots",
    *tree_store.TABLES.values(),
    *records.TABLES.values(),
)
REWRITES = (
    "UPDATE {table} SET {column} = {column}",
    "DELETE FROM {table}",
    "TRUNCATE {table}",
)


@pytest.fixture
def recorded(pg_settings: Settings) -> str:
    """A store holding a signed agreement, its Merkle log and a signed checkpoint."""
    ctx = build_context(pg_settings, clock=ticking_clock())
    for command in fy2568_signed():
        run(ctx, command)
    log = TransparencyLog(ctx.app)
    log.sign_head(generate("append-only.test/log", "log"))
    log.records.add_evidence(b"minutes of the meeting")
    ctx.app.close()
    return pg_settings.postgres_schema


def _first_column(conn: psycopg.Connection[object], schema: str, table: str) -> str:
    row = conn.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position LIMIT 1",
        (schema, table),
    ).fetchone()
    assert row is not None
    return str(row[0])  # type: ignore[index]


def _rewrites(conn: psycopg.Connection[object], schema: str) -> Iterator[tuple[str, Composed]]:
    for table in APPEND_ONLY:
        column = Identifier(_first_column(conn, schema, table))
        for template in REWRITES:
            statement = SQL(template).format(table=Identifier(schema, table), column=column)
            yield f"{template.split()[0]} {table}", statement


def test_the_application_role_cannot_update_delete_or_truncate(recorded: str) -> None:
    refused = []
    with psycopg.connect(app_url(recorded).split("?")[0], autocommit=True) as conn:
        for name, statement in _rewrites(conn, recorded):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)
            refused.append(name)
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(SQL("CREATE TABLE {}.x (y int)").format(Identifier(recorded)))
    assert len(refused) == len(APPEND_ONLY) * 3


@pytest.mark.parametrize("role", ["superuser", DEFAULT_OWNER_ROLE])
def test_the_owner_and_a_superuser_are_refused_by_the_triggers_even_as_a_replica(
    recorded: str, role: str
) -> None:
    with psycopg.connect(BASE_URL, autocommit=True) as conn:
        # Only a superuser may set the replication role; it stays set after SET ROLE.
        for replica in (False, True):
            if replica:
                conn.execute("SET session_replication_role = replica")
            if role != "superuser":
                conn.execute(SQL("SET ROLE {}").format(Identifier(role)))
            for name, statement in _rewrites(conn, recorded):
                with pytest.raises(errors.RaiseException, match="append-only") as refused:
                    conn.execute(statement)
                assert name.split()[1] in str(refused.value)
            conn.execute("RESET ROLE")
        count = conn.execute(
            SQL("SELECT count(*) FROM {}").format(Identifier(recorded, EVENTS))
        ).fetchone()
    assert count is not None
    assert count[0] > 0


def test_the_documented_maintenance_switch_lets_the_owner_through(recorded: str) -> None:
    table = Identifier(recorded, "ledger_evidence")
    with psycopg.connect(BASE_URL, autocommit=True) as conn:
        with conn.transaction():
            conn.execute(SQL("SET LOCAL ROLE {}").format(Identifier(DEFAULT_OWNER_ROLE)))
            conn.execute("SET LOCAL ledger.maintenance = 'on'")
            deleted = conn.execute(SQL("DELETE FROM {}").format(table)).rowcount
            assert deleted == 1
            raise psycopg.Rollback()
        # The switch was local to that transaction: refused again now.
        with pytest.raises(errors.RaiseException, match="append-only"):
            conn.execute(SQL("DELETE FROM {}").format(table))


def test_db_init_runs_again_safely_and_a_store_without_it_is_named(recorded: str) -> None:
    report = initialise_database(Settings(database=owner_url(recorded)))
    assert report.append_only == APPEND_ONLY
    assert (report.app_role, report.owner_role) == (DEFAULT_APP_ROLE, DEFAULT_OWNER_ROLE)
    assert {"scores_documents", "scores_tracking", "merkle_tracking"} <= set(report.rewritable)
    app = LedgerApplication(Settings(database=app_url(recorded)))
    assert app.agreement("TH-42/2568").agreement_ref == "TH-42/2568"
    app.close()
    with pytest.raises(NotFound, match="no ledger tables") as missing:
        LedgerApplication(Settings(database=app_url("never_initialised")))
    assert missing.value.rule is not None
    assert "ledger db init" in missing.value.rule
