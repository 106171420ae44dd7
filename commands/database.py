"""``ledger db init``: create every table of a PostgreSQL store as its owner, then secure it.

Creating tables is the owner's job, done once (and again after an upgrade); the application
role that writes commands afterwards cannot create, rewrite or remove anything recorded.
"""

from __future__ import annotations

import msgspec
import psycopg
from eventsourcing.persistence import TrackingRecorder
from psycopg.sql import SQL, Identifier

from commands.wiring import framework_resolver
from ledger.application import LedgerApplication
from ledger.errors import InvalidInput
from ledger.integrity import records, tree_store
from ledger.integrity.log import open_tree
from ledger.integrity.records import IntegrityRecords
from ledger.persistence.schema import secure_schema
from ledger.persistence.settings import Settings
from projections.registry import PROJECTIONS, open_projection

__all__ = ["DEFAULT_APP_ROLE", "SchemaReport", "initialise_database"]

DEFAULT_APP_ROLE = "ledger_app"


class SchemaReport(msgspec.Struct, frozen=True, kw_only=True):
    schema: str
    app_role: str
    append_only: tuple[str, ...]
    rewritable: tuple[str, ...]


def initialise_database(
    settings: Settings, app_role: str = DEFAULT_APP_ROLE, app_password: str | None = None
) -> SchemaReport:
    """Create the schema and every table the ledger uses, install the lock function and the
    append-only triggers, and grant ``app_role`` what it needs. Safe to run again."""
    if not settings.is_postgres:
        raise InvalidInput(
            "db init prepares a PostgreSQL store; a SQLite file is created on first use",
            field="--db",
            rule="a postgresql:// URL",
        )
    owner = msgspec.structs.replace(settings, create_tables=True)
    schema = owner.postgres_schema
    with psycopg.connect(owner.postgres_conninfo(), autocommit=True) as conn:
        conn.execute(SQL("CREATE SCHEMA IF NOT EXISTS {}").format(Identifier(schema)))
        app = _create_tables(owner)
        append_only = (
            app.events_table,
            app.snapshots_table,
            *tree_store.TABLES.values(),
            *records.TABLES.values(),
        )
        rewritable = tuple(t for t in _tables(conn, schema) if t not in append_only)
        secure_schema(
            conn,
            schema,
            events_table=app.events_table,
            append_only=append_only,
            rewritable=rewritable,
            app_role=app_role,
            app_password=app_password,
        )
    return SchemaReport(
        schema=schema, app_role=app_role, append_only=append_only, rewritable=rewritable
    )


def _create_tables(owner: Settings) -> LedgerApplication:
    """Open everything that keeps tables, as the owner, so each creates its own."""
    app = LedgerApplication(owner)
    try:
        frameworks = framework_resolver(owner)
        recorders: list[TrackingRecorder] = [
            open_projection(owner, name, frameworks).view for name in PROJECTIONS
        ]
        recorders.append(open_tree(app))
        IntegrityRecords.of(app)
        for recorder in recorders:
            recorder.datastore.close()  # type: ignore[attr-defined]
    finally:
        app.close()
    return app


def _tables(conn: psycopg.Connection[object], schema: str) -> list[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = %s AND table_type = 'BASE TABLE' ORDER BY table_name",
        (schema,),
    ).fetchall()
    return [str(row[0]) for row in rows]  # type: ignore[index]
