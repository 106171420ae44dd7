"""The events table on PostgreSQL, written by a role that may only read and append.

The library serialises writers with ``LOCK TABLE ... IN EXCLUSIVE MODE`` so notification ids
commit in order. PostgreSQL lets a role take that lock only if it may UPDATE, DELETE or
TRUNCATE the table, which the application role must not. So ``ledger db init`` installs
``ledger_lock_events()``, a SECURITY DEFINER function owned by the schema's NOLOGIN owner
role that takes the same lock inside the caller's transaction, and this recorder calls it instead.
"""

from __future__ import annotations

import psycopg
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg.sql import SQL, Identifier

from ledger.errors import NotFound
from ledger.persistence.failures import store_failure
from ledger.persistence.settings import Settings

__all__ = ["LOCK_FUNCTION", "AppendOnlyRecorder", "probe_server", "require_initialised"]

LOCK_FUNCTION = "ledger_lock_events"


class AppendOnlyRecorder(PostgresApplicationRecorder):
    def __init__(
        self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"
    ) -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self.lock_table_statements = [
            SQL("SET LOCAL lock_timeout = '{0}s'").format(datastore.lock_timeout),
            SQL("SELECT {0}.{1}()").format(Identifier(datastore.schema), Identifier(LOCK_FUNCTION)),
        ]


def require_initialised(datastore: PostgresDatastore, events_table: str) -> None:
    """NotFound, saying what to run, when ``ledger db init`` has not created the schema."""
    with datastore.get_connection() as conn:
        row = conn.execute(
            "SELECT to_regclass(%s) AS found", (f'"{datastore.schema}"."{events_table}"',)
        ).fetchone()
    if row is None or row["found"] is None:
        raise NotFound(
            f"schema {datastore.schema!r} holds no ledger tables",
            field="--db",
            rule="on PostgreSQL, run `ledger db init --db URL` first (as a superuser, or a "
            "login with CREATEROLE)",
        )


def probe_server(settings: Settings) -> None:
    """Connect once, directly, before the library's pool does: a server that refuses at once
    (down, wrong port, no such database or role) is reported at once, with HOST:PORT, instead
    of after the pool's whole wait. Raises the ``store_failure`` of what went wrong."""
    try:
        psycopg.connect(settings.postgres_conninfo()).close()
    except psycopg.Error as error:
        failure = store_failure(error)
        if failure is None:
            raise
        if "cannot reach" in failure.message and settings.postgres_address not in failure.message:
            failure.message += f" [{settings.postgres_address}]"
        raise failure from error
