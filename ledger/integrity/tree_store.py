"""The persisted Merkle log: every leaf and every perfect subtree, next to a tracking position.

It is a tracked projection of the event log (the library's tracking recorder plus two tables),
not part of the writers' transaction: the library serialises writers on a table lock and its
save does not let us add rows to that transaction, while a projection records its position in
the same transaction as its rows, so each event becomes exactly one leaf, in log order,
however often catch-up is interrupted. Leaves are numbered 0, 1, 2... in notification order,
so gaps in the store's notification ids leave no gaps in the tree.

Each appended leaf completes at most log2(n) perfect subtrees, which are stored once. The tree
over 10 million events is about 20 million 32-byte hashes; any root or proof then reads
O(log n) of them by primary key and nothing is recomputed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking, TrackingRecorder
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from psycopg.sql import Composable

from ledger.integrity.merkle import node_hash
from ledger.persistence.dialect import Dialect

__all__ = ["TABLES", "Leaf", "PostgresTreeStore", "SQLiteTreeStore", "TreeStore"]


@dataclass(frozen=True)
class Leaf:
    index: int
    position: int
    originator_id: UUID
    originator_version: int
    hash: bytes


TABLES = {"merkle_leaves": "merkle_leaves", "merkle_nodes": "merkle_nodes"}
_CREATE = (
    "CREATE TABLE IF NOT EXISTS {merkle_leaves} (leaf {int} PRIMARY KEY, "
    "position {int} NOT NULL UNIQUE, originator_id text NOT NULL, "
    "originator_version {int} NOT NULL, hash {bytes} NOT NULL, "
    "UNIQUE (originator_id, originator_version))",
    "CREATE TABLE IF NOT EXISTS {merkle_nodes} (level {int} NOT NULL, "
    "idx {int} NOT NULL, hash {bytes} NOT NULL, PRIMARY KEY (level, idx))",
)


class TreeStore(TrackingRecorder, ABC):
    """Leaves and perfect subtrees in SQL, one text for both backends (see ``Dialect``)."""

    table_migration_identifier: str

    @property
    @abstractmethod
    def dialect(self) -> Dialect: ...

    @abstractmethod
    def _insert_tracking(self, cursor: Any, tracking: Tracking) -> None: ...

    def _transaction(self, commit: bool) -> AbstractContextManager[Any]:
        return self.dialect.transaction(commit=commit)

    def _sql(self, template: str) -> str | Composable:
        return self.dialect.sql(template)

    def size(self) -> int:
        with self._transaction(commit=False) as cursor:
            return self._size(cursor)

    def _size(self, cursor: Any) -> int:
        cursor.execute(self._sql("SELECT COALESCE(MAX(leaf) + 1, 0) AS n FROM {merkle_leaves}"))
        return int(cursor.fetchone()["n"])

    def append(self, tracking: Tracking, leaves: Sequence[Leaf]) -> None:
        """Add leaves (numbered from the current size) and record ``tracking``, atomically."""
        with self._transaction(commit=True) as cursor:
            size = self._size(cursor)
            if leaves and leaves[0].index != size:
                raise ValueError(f"leaf {leaves[0].index} appended to a tree of {size}")
            pending = {
                level: self._perfect(cursor, level, (size >> level) - 1)
                for level in range(size.bit_length())
                if (size >> level) & 1
            }
            nodes: list[tuple[int, int, bytes]] = []
            for leaf in leaves:
                value, level, index = leaf.hash, 0, leaf.index
                while index & 1:
                    value = node_hash(pending.pop(level), value)
                    level, index = level + 1, index >> 1
                    nodes.append((level, index, value))
                pending[level] = value
            cursor.executemany(
                self._sql("INSERT INTO {merkle_leaves} VALUES (?, ?, ?, ?, ?)"),
                [
                    (x.index, x.position, str(x.originator_id), x.originator_version, x.hash)
                    for x in leaves
                ],
            )
            if nodes:
                cursor.executemany(self._sql("INSERT INTO {merkle_nodes} VALUES (?, ?, ?)"), nodes)
            self._insert_tracking(cursor, tracking)

    def perfect(self, level: int, index: int) -> bytes:
        with self._transaction(commit=False) as cursor:
            return self._perfect(cursor, level, index)

    def _perfect(self, cursor: Any, level: int, index: int) -> bytes:
        if level == 0:
            cursor.execute(self._sql("SELECT hash FROM {merkle_leaves} WHERE leaf = ?"), (index,))
        else:
            cursor.execute(
                self._sql("SELECT hash FROM {merkle_nodes} WHERE level = ? AND idx = ?"),
                (level, index),
            )
        row = cursor.fetchone()
        if row is None:
            raise LookupError(f"the Merkle log has no subtree ({level}, {index})")
        return bytes(row["hash"])

    def perfect_run(self, level: int, first: int, count: int) -> list[bytes]:
        """``perfect(level, i)`` for i in [first, first + count) in one query (a tile's
        hashes): as many as the tree holds."""
        if level == 0:
            query = "SELECT hash FROM {merkle_leaves} WHERE leaf >= ? AND leaf < ? ORDER BY leaf"
            args: tuple[int, ...] = (first, first + count)
        else:
            query = (
                "SELECT hash FROM {merkle_nodes} WHERE level = ? AND idx >= ? AND idx < ? "
                "ORDER BY idx"
            )
            args = (level, first, first + count)
        with self._transaction(commit=False) as cursor:
            cursor.execute(self._sql(query), args)
            return [bytes(row["hash"]) for row in cursor.fetchall()]

    def leaf_at(self, position: int) -> Leaf | None:
        """The leaf of the event at notification id ``position``."""
        return self._one("position = ?", (position,))

    def leaf_of(self, originator_id: UUID, originator_version: int) -> Leaf | None:
        return self._one(
            "originator_id = ? AND originator_version = ?",
            (str(originator_id), originator_version),
        )

    def _one(self, condition: str, args: tuple[Any, ...]) -> Leaf | None:
        with self._transaction(commit=False) as cursor:
            cursor.execute(self._sql("SELECT * FROM {merkle_leaves} WHERE " + condition), args)
            row = cursor.fetchone()
        return None if row is None else _leaf(row)

    def leaves(self, start: int, limit: int) -> list[Leaf]:
        """Up to ``limit`` leaves from index ``start``, in order."""
        with self._transaction(commit=False) as cursor:
            cursor.execute(
                self._sql("SELECT * FROM {merkle_leaves} WHERE leaf >= ? ORDER BY leaf LIMIT ?"),
                (start, limit),
            )
            return [_leaf(row) for row in cursor.fetchall()]

    def iter_leaves(self, page: int = 5000) -> Iterator[Leaf]:
        start = 0
        while batch := self.leaves(start, page):
            yield from batch
            start = batch[-1].index + 1


def _leaf(row: Any) -> Leaf:
    return Leaf(
        index=int(row["leaf"]),
        position=int(row["position"]),
        originator_id=UUID(str(row["originator_id"])),
        originator_version=int(row["originator_version"]),
        hash=bytes(row["hash"]),
    )


class SQLiteTreeStore(SQLiteTrackingRecorder, TreeStore):
    """The Merkle log in its own SQLite file beside the views."""

    @cached_property
    def dialect(self) -> Dialect:
        return Dialect(self.datastore, {**TABLES, "tracking": "tracking"}, postgres=False)

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            *(str(self.dialect.sql(statement)) for statement in _CREATE),
        ]


class PostgresTreeStore(PostgresTrackingRecorder, TreeStore):
    """The Merkle log as ``merkle_leaves`` and ``merkle_nodes`` in the store's schema."""

    def __init__(self, datastore: Any, *, tracking_table_name: str, **kwargs: Any) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)
        self.sql_create_statements.extend(self.dialect.sql(x) for x in _CREATE)  # type: ignore[misc]

    @cached_property
    def dialect(self) -> Dialect:
        tables = {**TABLES, "tracking": self.tracking_table_name}
        return Dialect(self.datastore, tables, postgres=True)
