"""Which of many aggregates the store holds events for, asked in one query per page of ids
(the library asks about one aggregate at a time)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from uuid import UUID

__all__ = ["recorded_among"]

# Ids per query: well under SQLite's limit on bound parameters.
_PAGE = 500


def recorded_among(
    datastore: Any, events_table: str, originator_ids: Collection[UUID], *, postgres: bool
) -> set[UUID]:
    # Imported here: the dialect loads psycopg, which a SQLite store never needs.
    from ledger.persistence.dialect import Dialect

    dialect = Dialect(datastore, {"events": events_table}, postgres=postgres)
    ids = list(originator_ids)
    found: set[UUID] = set()
    with dialect.transaction(commit=False) as cursor:
        for start in range(0, len(ids), _PAGE):
            page = ids[start : start + _PAGE]
            marks = ",".join("?" * len(page))
            query = "SELECT DISTINCT originator_id FROM {events} WHERE originator_id IN "
            cursor.execute(
                dialect.sql(f"{query}({marks})"),
                [i if postgres else i.hex for i in page],
            )
            found.update(_uuid(row["originator_id"]) for row in cursor.fetchall())
    return found


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)
