"""The events table on PostgreSQL, written by a role that may only read and append.

The library serialises writers with ``LOCK TABLE ... IN EXCLUSIVE MODE`` so notification ids
commit in order. PostgreSQL lets a role take that lock only if it may UPDATE, DELETE or
TRUNCATE the table, which the application role must not. So ``ledger db init`` installs
``ledger_lock_events()``, a SECURITY DEFINER function owned by the schema's owner that takes the
same lock inside the caller's transaction, and this recorder calls it instead.
"""

from __future__ import annotations

from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg.sql import SQL, Identifier

from ledger.errors import NotFound

__all__ = ["LOCK_FUNCTION", "AppendOnlyRecorder", "require_initialised"]

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
            rule="on PostgreSQL, run `ledger db init --db URL` as the schema's owner first",
        )
