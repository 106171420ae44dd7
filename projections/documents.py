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
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

import msgspec
from eventsourcing.persistence import Tracking, TrackingRecorder
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from psycopg.sql import SQL, Identifier

__all__ = ["DocumentView", "Documents", "PostgresDocumentView", "SQLiteDocumentView"]

T = TypeVar("T")
Row = tuple[str, str, str]


class Documents(ABC):
    """Typed access to one view's documents inside one transaction."""

    def get(self, collection: str, key: str, kind: type[T]) -> T | None:
        body = self._get(collection, key)
        return None if body is None else msgspec.json.decode(body, type=kind)

    def put(self, collection: str, key: str, value: Any) -> None:
        self._put(collection, key, msgspec.json.encode(value).decode())

    def scan(self, collection: str, kind: type[T], prefix: str = "") -> list[tuple[str, T]]:
        """Documents of a collection whose key starts with ``prefix``, in key order."""
        return [
            (key, msgspec.json.decode(body, type=kind))
            for key, body in self._scan(collection, prefix)
        ]

    @abstractmethod
    def _get(self, collection: str, key: str) -> str | None: ...

    @abstractmethod
    def _put(self, collection: str, key: str, body: str) -> None: ...

    @abstractmethod
    def delete(self, collection: str, key: str) -> None: ...

    @abstractmethod
    def delete_prefix(self, collection: str, prefix: str) -> None:
        """Delete every document of a collection whose key starts with ``prefix``."""

    @abstractmethod
    def _scan(self, collection: str, prefix: str) -> list[tuple[str, str]]: ...


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
    def dump(self) -> list[Row]:
        """Every document, in (collection, key) order, as stored (for rebuild comparisons)."""


class _SQLiteDocuments(Documents):
    def __init__(self, cursor: Any) -> None:
        self._c = cursor

    def _get(self, collection: str, key: str) -> str | None:
        self._c.execute(
            "SELECT body FROM documents WHERE collection=? AND key=?", (collection, key)
        )
        row = self._c.fetchone()
        return None if row is None else str(row[0])

    def _put(self, collection: str, key: str, body: str) -> None:
        self._c.execute(
            "INSERT INTO documents VALUES (?, ?, ?) "
            "ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body",
            (collection, key, body),
        )

    def delete(self, collection: str, key: str) -> None:
        self._c.execute("DELETE FROM documents WHERE collection=? AND key=?", (collection, key))

    def delete_prefix(self, collection: str, prefix: str) -> None:
        self._c.execute(
            "DELETE FROM documents WHERE collection=? AND key>=? AND key<?",
            (collection, prefix, _prefix_end(prefix)),
        )

    def _scan(self, collection: str, prefix: str) -> list[tuple[str, str]]:
        self._c.execute(
            "SELECT key, body FROM documents WHERE collection=? AND key>=? AND key<? ORDER BY key",
            (collection, prefix, _prefix_end(prefix)),
        )
        return [(str(row[0]), str(row[1])) for row in self._c.fetchall()]


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
            yield _SQLiteDocuments(cursor)
            self._insert_tracking(cursor, tracking)

    @contextmanager
    def reading(self) -> Iterator[Documents]:
        with self.datastore.transaction(commit=False) as cursor:
            yield _SQLiteDocuments(cursor)

    def drop(self) -> None:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute("DELETE FROM documents")
            cursor.execute(
                "DELETE FROM tracking WHERE application_name != ?",
                (self.table_migration_identifier,),
            )

    def dump(self) -> list[Row]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute("SELECT collection, key, body FROM documents ORDER BY collection, key")
            return [(str(r[0]), str(r[1]), str(r[2])) for r in cursor.fetchall()]


class _PostgresDocuments(Documents):
    def __init__(self, cursor: Any, table: Any) -> None:
        self._c = cursor
        self._table = table

    def _get(self, collection: str, key: str) -> str | None:
        self._c.execute(
            SQL("SELECT body FROM {} WHERE collection=%s AND key=%s").format(self._table),
            (collection, key),
        )
        row = self._c.fetchone()
        return None if row is None else str(row["body"])

    def _put(self, collection: str, key: str, body: str) -> None:
        self._c.execute(
            SQL(
                "INSERT INTO {} VALUES (%s, %s, %s) "
                "ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body"
            ).format(self._table),
            (collection, key, body),
        )

    def delete(self, collection: str, key: str) -> None:
        self._c.execute(
            SQL("DELETE FROM {} WHERE collection=%s AND key=%s").format(self._table),
            (collection, key),
        )

    def delete_prefix(self, collection: str, prefix: str) -> None:
        self._c.execute(
            SQL("DELETE FROM {} WHERE collection=%s AND key>=%s AND key<%s").format(self._table),
            (collection, prefix, _prefix_end(prefix)),
        )

    def _scan(self, collection: str, prefix: str) -> list[tuple[str, str]]:
        self._c.execute(
            SQL(
                "SELECT key, body FROM {} WHERE collection=%s AND key>=%s AND key<%s "
                'ORDER BY key COLLATE "C"'
            ).format(self._table),
            (collection, prefix, _prefix_end(prefix)),
        )
        return [(str(row["key"]), str(row["body"])) for row in self._c.fetchall()]


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
            yield _PostgresDocuments(cursor, self.documents_table)
            self._insert_tracking(cursor, tracking)

    @contextmanager
    def reading(self) -> Iterator[Documents]:
        with self.datastore.transaction(commit=False) as cursor:
            yield _PostgresDocuments(cursor, self.documents_table)

    def drop(self) -> None:
        tracking_table = Identifier(self.datastore.schema, self.tracking_table_name)
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(SQL("DELETE FROM {}").format(self.documents_table))
            cursor.execute(
                SQL("DELETE FROM {} WHERE application_name != %s").format(tracking_table),
                (self.table_migration_identifier,),
            )

    def dump(self) -> list[Row]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                SQL("SELECT collection, key, body FROM {} ORDER BY collection, key").format(
                    self.documents_table
                )
            )
            return [(r["collection"], r["key"], r["body"]) for r in cursor.fetchall()]
