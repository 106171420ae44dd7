"""Where a projection keeps its view: typed JSON documents next to the library's tracking table.

Each view is an ``eventsourcing`` tracking recorder with one extra table of documents keyed by
(collection, key). ``writing(tracking)`` opens one transaction in which the projection updates
its documents and the library records the tracking position, so a view is never ahead of or
behind its own position: an interrupted batch leaves nothing and is processed again in full.
The single-row tracking upsert refuses a position that is not past the recorded one, so an
event can never be applied twice.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Generator, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from eventsourcing.persistence import Tracking, TrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder

from projections.buffered import Documents, DocumentStore, Reading, WriteBack

__all__ = [
    "DocumentView",
    "Documents",
    "Row",
    "SQLiteDocumentView",
]

Row = tuple[str, str, str]
# Upserted per statement: one round trip carries this many documents.
_CHUNK = 1000


def _prefix_end(prefix: str) -> str:
    """The smallest string after every string starting with ``prefix`` (for range scans)."""
    return prefix + "\U0010ffff"


class DocumentView(TrackingRecorder, ABC):
    """A tracking recorder that also stores a projection's documents."""

    @abstractmethod
    def writing(self, tracking: Tracking) -> AbstractContextManager[Documents]:
        """Context manager: Documents in one transaction that ends by recording ``tracking``."""

    @abstractmethod
    def reading(self) -> AbstractContextManager[Documents]:
        """Context manager: Documents in a read-only transaction."""

    @abstractmethod
    def drop(self) -> None:
        """Forget every document and the tracking position (before a rebuild)."""

    @abstractmethod
    def rows(self) -> Iterator[Row]:
        """Every document, in (collection, key) order, as stored, read in one transaction a
        chunk at a time (a view can be larger than memory)."""

    def dump(self) -> list[Row]:
        """Every document, in (collection, key) order, as stored (for rebuild comparisons)."""
        return list(self.rows())


class _SQLiteStore(DocumentStore):
    def __init__(self, cursor: Any) -> None:
        self._c = cursor

    def fetch(self, collection: str, key: str) -> str | None:
        self._c.execute(
            "SELECT body FROM documents WHERE collection=? AND key=?", (collection, key)
        )
        row = self._c.fetchone()
        return None if row is None else str(row[0])

    def fetch_range(self, collection: str, prefix: str) -> list[tuple[str, str]]:
        self._c.execute(
            "SELECT key, body FROM documents WHERE collection=? AND key>=? AND key<? ORDER BY key",
            (collection, prefix, _prefix_end(prefix)),
        )
        return [(str(row[0]), str(row[1])) for row in self._c.fetchall()]

    def stream_range(self, collection: str, prefix: str) -> Generator[tuple[str, str]]:
        # Its own cursor on the transaction's connection: a get() between two chunks must not
        # reset the range being read.
        rows = self._c.sqlite_cursor.connection.cursor()
        try:
            rows.execute(
                "SELECT key, body FROM documents WHERE collection=? AND key>=? AND key<? "
                "ORDER BY key",
                (collection, prefix, _prefix_end(prefix)),
            )
            while chunk := rows.fetchmany(_CHUNK):
                for key, body in chunk:
                    yield str(key), str(body)
        finally:
            rows.close()

    def write(
        self,
        ranges: Sequence[tuple[str, str]],
        deleted: Sequence[tuple[str, str]],
        upserts: Sequence[Row],
    ) -> None:
        self._c.executemany(
            "DELETE FROM documents WHERE collection=? AND key>=? AND key<?",
            [(collection, prefix, _prefix_end(prefix)) for collection, prefix in ranges],
        )
        self._c.executemany("DELETE FROM documents WHERE collection=? AND key=?", deleted)
        self._c.executemany(
            "INSERT INTO documents VALUES (?, ?, ?) "
            "ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body",
            upserts,
        )


class SQLiteDocumentView(SQLiteTrackingRecorder, DocumentView):
    """A view in its own SQLite file (one file per projection, never the event store's)."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            "CREATE TABLE IF NOT EXISTS documents ("
            "collection TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, "
            "PRIMARY KEY (collection, key)) WITHOUT ROWID",
        ]

    @contextmanager
    def writing(self, tracking: Tracking) -> Iterator[Documents]:
        with self.datastore.transaction(commit=True) as cursor:
            docs = WriteBack(_SQLiteStore(cursor))
            yield docs
            docs.flush()
            self._insert_tracking(cursor, tracking)

    @contextmanager
    def reading(self) -> Iterator[Documents]:
        with self.datastore.transaction(commit=False) as cursor:
            docs = Reading(_SQLiteStore(cursor))
            try:
                yield docs
            finally:
                docs.close()

    def drop(self) -> None:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute("DELETE FROM documents")
            cursor.execute(
                "DELETE FROM tracking WHERE application_name != ?",
                (self.table_migration_identifier,),
            )

    def rows(self) -> Iterator[Row]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute("SELECT collection, key, body FROM documents ORDER BY collection, key")
            # The library's cursor wraps sqlite3's, which streams the rows it is iterated over.
            for row in cursor.sqlite_cursor:
                yield (str(row[0]), str(row[1]), str(row[2]))
