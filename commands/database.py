"""``ledger db init``: create every table of a PostgreSQL store, hand it to its owner role, then
secure it.

Creating tables is done once (and again after an upgrade) by an administrator's login; the
schema and everything in it then belong to a NOLOGIN owner role that nobody logs in as, because
a table's owner could disable or drop its append-only triggers. The application role that writes
commands afterwards cannot create, rewrite or remove anything recorded.
"""

from __future__ import annotations

import msgspec
import psycopg
from eventsourcing.persistence import TrackingRecorder
from psycopg.sql import SQL, Identifier

from commands.wiring import framework_resolver
from ledger.application import LedgerApplication
from ledger.errors import InvalidInput, RuleRefused
from ledger.integrity import records, tree_store
from ledger.integrity.log import open_tree
from ledger.integrity.records import IntegrityRecords
from ledger.persistence.schema import acting_for_owner, secure_schema, transfer_ownership
from ledger.persistence.settings import Settings
from projections.registry import PROJECTIONS, open_projection

__all__ = ["DEFAULT_APP_ROLE", "DEFAULT_OWNER_ROLE", "SchemaReport", "initialise_database"]

DEFAULT_APP_ROLE = "ledger_app"
DEFAULT_OWNER_ROLE = "ledger_owner"
_WHO_MAY_INIT = (
    "run ledger db init as a superuser, or as a login with CREATEROLE and CREATE on the database"
)


class SchemaReport(msgspec.Struct, frozen=True, kw_only=True):
    schema: str
    app_role: str
    owner_role: str
    append_only: tuple[str, ...]
    rewritable: tuple[str, ...]


def initialise_database(
    settings: Settings,
    app_role: str = DEFAULT_APP_ROLE,
    app_password: str | None = None,
    *,
    owner_role: str = DEFAULT_OWNER_ROLE,
) -> SchemaReport:
    """Create the schema and every table the ledger uses, make ``owner_role`` (NOLOGIN) own
    them, install the lock function and the append-only triggers, and grant ``app_role`` what
    it needs. Safe to run again; an older schema owned by the login is handed over.

    Requires the URL's login to be a superuser, or to have CREATEROLE and CREATE on the
    database; it is left with no membership in ``owner_role``. Raises InvalidInput for a
    SQLite store or roles that would let a login own the schema (see ``acting_for_owner``),
    RuleRefused when PostgreSQL refuses the login a step.
    """
    if not settings.is_postgres:
        raise InvalidInput(
            "db init prepares a PostgreSQL store; a SQLite file is created on first use",
            field="--db",
            rule="a postgresql:// URL",
        )
    owner = msgspec.structs.replace(settings, create_tables=True)
    schema = owner.postgres_schema
    with psycopg.connect(owner.postgres_conninfo(), autocommit=True) as conn:
        try:
            with acting_for_owner(conn, owner_role, app_role):
                append_only, rewritable = _build(conn, owner, owner_role, app_role, app_password)
        except psycopg.errors.InsufficientPrivilege as error:
            reason = error.diag.message_primary or type(error).__name__
            raise RuleRefused(
                f"PostgreSQL refused db init: {reason}", field="--db", rule=_WHO_MAY_INIT
            ) from error
    return SchemaReport(
        schema=schema,
        app_role=app_role,
        owner_role=owner_role,
        append_only=append_only,
        rewritable=rewritable,
    )


def _build(
    conn: psycopg.Connection[object],
    owner: Settings,
    owner_role: str,
    app_role: str,
    app_password: str | None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    schema = owner.postgres_schema
    conn.execute(
        SQL("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}").format(
            Identifier(schema), Identifier(owner_role)
        )
    )
    app = _create_tables(owner)
    transfer_ownership(conn, schema, owner_role)
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
        owner_role=owner_role,
        events_table=app.events_table,
        append_only=append_only,
        rewritable=rewritable,
        app_role=app_role,
        app_password=app_password,
    )
    return append_only, rewritable


def _create_tables(owner: Settings) -> LedgerApplication:
    """Open everything that keeps tables, as the initialising login, so each creates its own
    (``transfer_ownership`` then hands them to the owner role)."""
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
