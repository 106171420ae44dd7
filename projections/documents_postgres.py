"""A view on PostgreSQL: the documents table beside the library's tracking table, in the
event store's schema (projections.documents says how a view works).

Its own module so that only a PostgreSQL store loads psycopg and the library's PostgreSQL
driver: a SQLite read would pay a tenth of a second for them at every start-up.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier

from projections.buffered import Documents, DocumentStore, Reading, WriteBack
from projections.documents import _CHUNK, DocumentView, Row, _prefix_end

__all__ = ["PostgresDocumentView"]


class _PostgresStore(DocumentStore):
    def __init__(self, cursor: Any, table: Any) -> None:
        self._c = cursor
        self._table = table
        self._streams = 0

    def fetch(self, collection: str, key: str) -> str | None:
        self._c.execute(
            SQL("SELECT body FROM {} WHERE collection=%s AND key=%s").format(self._table),
            (collection, key),
            prepare=True,
        )
        row = self._c.fetchone()
        return None if row is None else str(row["body"])

    def fetch_many(self, collection: str, keys: Sequence[str]) -> list[tuple[str, str]]:
        self._c.execute(
            SQL("SELECT key, body FROM {} WHERE collection=%s AND key = ANY(%s)").format(
                self._table
            ),
            (collection, list(keys)),
            prepare=True,
        )
        return [(str(row["key"]), str(row["body"])) for row in self._c.fetchall()]

    def fetch_range(self, collection: str, prefix: str) -> list[tuple[str, str]]:
        self._c.execute(
            SQL(
                "SELECT key, body FROM {} WHERE collection=%s AND key>=%s AND key<%s "
                'ORDER BY key COLLATE "C"'
            ).format(self._table),
            (collection, prefix, _prefix_end(prefix)),
            prepare=True,
        )
        return [(str(row["key"]), str(row["body"])) for row in self._c.fetchall()]

    def stream_range(self, collection: str, prefix: str) -> Generator[tuple[str, str]]:
        query = SQL(
            "SELECT key, body FROM {} WHERE collection=%s AND key>=%s AND key<%s "
            'ORDER BY key COLLATE "C"'
        ).format(self._table)
        self._streams += 1
        # A server-side cursor in the reading transaction: the rows come a chunk at a time.
        # Named per stream, so two open streams of one read do not collide.
        with self._c.connection.cursor(name=f"ledger_view_stream_{self._streams}") as rows:
            rows.itersize = _CHUNK
            rows.execute(query, (collection, prefix, _prefix_end(prefix)))
            for row in rows:
                yield str(row["key"]), str(row["body"])

    def write(
        self,
        ranges: Sequence[tuple[str, str]],
        deleted: Sequence[tuple[str, str]],
        upserts: Sequence[Row],
    ) -> None:
        # executemany pipelines its statements (psycopg 3): one round trip, not one per row.
        if ranges:
            self._c.executemany(
                SQL("DELETE FROM {} WHERE collection=%s AND key>=%s AND key<%s").format(
                    self._table
                ),
                [(collection, prefix, _prefix_end(prefix)) for collection, prefix in ranges],
            )
        if deleted:
            self._c.executemany(
                SQL("DELETE FROM {} WHERE collection=%s AND key=%s").format(self._table), deleted
            )
        upsert = SQL(
            "INSERT INTO {} SELECT * FROM unnest(%s::text[], %s::text[], %s::text[]) "
            "ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body"
        ).format(self._table)
        for start in range(0, len(upserts), _CHUNK):
            columns = [
                list(column) for column in zip(*upserts[start : start + _CHUNK], strict=True)
            ]
            self._c.execute(upsert, columns)


def _empty(cursor: Any, table: Any) -> None:
    """TRUNCATE when the role may (a rebuild then starts from an empty file, not from a table
    of dead rows waiting for VACUUM), else DELETE; the savepoint keeps the transaction usable."""
    try:
        with cursor.connection.transaction():
            cursor.execute(SQL("TRUNCATE {}").format(table))
    except psycopg.errors.InsufficientPrivilege:
        cursor.execute(SQL("DELETE FROM {}").format(table))


class PostgresDocumentView(PostgresTrackingRecorder, DocumentView):
    """A view as two tables in the event store's schema: ``NAME_tracking``, ``NAME_documents``."""

    def __init__(self, datastore: Any, *, tracking_table_name: str, **kwargs: Any) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)
        documents_table = tracking_table_name.removesuffix("_tracking") + "_documents"
        self.check_identifier_length(documents_table)
        self.documents_table = Identifier(self.datastore.schema, documents_table)
        self.sql_create_statements.append(
            SQL(
                'CREATE TABLE IF NOT EXISTS {} (collection text COLLATE "C" NOT NULL, '
                'key text COLLATE "C" NOT NULL, body text NOT NULL, '
                "PRIMARY KEY (collection, key))"
            ).format(self.documents_table)
        )

    @contextmanager
    def writing(self, tracking: Tracking) -> Iterator[Documents]:
        with self.datastore.transaction(commit=True) as cursor:
            docs = WriteBack(_PostgresStore(cursor, self.documents_table))
            yield docs
            docs.flush()
            self._insert_tracking(cursor, tracking)

    @contextmanager
    def reading(self) -> Iterator[Documents]:
        with self.datastore.transaction(commit=False) as cursor:
            docs = Reading(_PostgresStore(cursor, self.documents_table))
            try:
                yield docs
            finally:
                docs.close()

    def drop(self) -> None:
        tracking_table = Identifier(self.datastore.schema, self.tracking_table_name)
        with self.datastore.transaction(commit=True) as cursor:
            _empty(cursor, self.documents_table)
            cursor.execute(
                SQL("DELETE FROM {} WHERE application_name != %s").format(tracking_table),
                (self.table_migration_identifier,),
            )

    def rows(self) -> Iterator[Row]:
        query = SQL("SELECT collection, key, body FROM {} ORDER BY collection, key")
        with (
            self.datastore.transaction(commit=False) as cursor,
            # A server-side cursor: the rows come a chunk at a time, not all at once.
            cursor.connection.cursor(name="ledger_view_rows") as rows,
        ):
            rows.itersize = _CHUNK
            rows.execute(query.format(self.documents_table))
            for row in rows:
                yield (row["collection"], row["key"], row["body"])
