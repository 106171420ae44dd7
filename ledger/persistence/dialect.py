"""One SQL text for SQLite and PostgreSQL: table names and placeholders filled in per backend.

Templates name tables as ``{name}``, column types as ``{int}`` (64-bit) and ``{bytes}``, and
use ``?`` placeholders. On SQLite the names are used as written; on PostgreSQL they are
schema-qualified identifiers and ``?`` becomes ``%s``.
Both datastores hand back rows that can be read by column name.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Any

from psycopg.sql import SQL, Composable, Identifier

__all__ = ["Dialect"]


class Dialect:
    def __init__(self, datastore: Any, tables: Mapping[str, str], *, postgres: bool) -> None:
        """``tables`` maps each ``{name}`` of the templates to its table."""
        self.datastore = datastore
        self.postgres = postgres
        if postgres:
            schema = datastore.schema
            self._names: dict[str, Any] = {k: Identifier(schema, t) for k, t in tables.items()}
            self._names.update(int=SQL("bigint"), bytes=SQL("bytea"))
        else:
            self._names = dict(tables)
            self._names.update(int="INTEGER", bytes="BLOB")

    def sql(self, template: str) -> str | Composable:
        if self.postgres:
            return SQL(template.replace("?", "%s")).format(**self._names)
        return template.format(**self._names)

    def transaction(self, *, commit: bool) -> AbstractContextManager[Any]:
        return self.datastore.transaction(commit=commit)  # type: ignore[no-any-return]
