"""The raw-rows reference of the national harness: the store's event rows, as stored, written
into a scratch table by the driver's fastest bulk path (``executemany`` on SQLite, ``COPY`` on
PostgreSQL), chunk by chunk; only the writing is timed. The scratch table has the events
table's columns and indexes, and is dropped afterwards."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

__all__ = ["copy_rows", "schema_of"]

CHUNK = 50_000


def schema_of(url: str) -> str:
    return parse_qs(urlparse(url).query)["schema"][0]


def copy_rows(database: str, table: str, scratch: str) -> tuple[float, int]:
    """(seconds writing, rows): ``database`` a SQLite path and ``scratch`` a SQLite path, or
    ``database`` a PostgreSQL owner URL (``?schema=S``) and ``scratch`` a schema to create;
    ``table`` the events table's name."""
    if database.startswith("postgresql://"):
        return _copy_postgres(database, table, scratch)
    return _copy_sqlite(Path(database.removeprefix("sqlite:///")), table, Path(scratch))


def _copy_sqlite(store: Path, table: str, scratch: Path) -> tuple[float, int]:
    source = sqlite3.connect(store)
    (create,) = source.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    indexes = [
        sql
        for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        )
    ]
    columns = len(source.execute(f"SELECT * FROM {table} LIMIT 1").description)
    target = sqlite3.connect(scratch)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute(create)
    for sql in indexes:
        target.execute(sql)
    insert = f"INSERT INTO {table} VALUES ({', '.join('?' * columns)})"
    wall, rows = 0.0, 0
    for chunk in _chunks(source.execute(f"SELECT * FROM {table} ORDER BY rowid")):
        start = time.perf_counter()
        with target:
            target.executemany(insert, chunk)
        wall += time.perf_counter() - start
        rows += len(chunk)
    source.close()
    target.close()
    scratch.unlink()
    return wall, rows


def _chunks(cursor: Any) -> Iterator[list[Any]]:
    while chunk := cursor.fetchmany(CHUNK):
        yield chunk


def _copy_postgres(owner_url: str, table: str, scratch: str) -> tuple[float, int]:
    import psycopg
    from psycopg import sql

    schema = schema_of(owner_url)
    plain = owner_url.split("?", 1)[0]
    source_table = sql.Identifier(schema, table)
    target_table = sql.Identifier(scratch, table)
    with psycopg.connect(plain, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(scratch)))
        admin.execute(
            sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING DEFAULTS INCLUDING INDEXES)").format(
                target_table, source_table
            )
        )
    wall, rows = 0.0, 0
    try:
        with psycopg.connect(plain) as reader, psycopg.connect(plain) as writer:
            cursor = reader.cursor(name="rows")  # server-side: a chunk at a time
            cursor.execute(
                sql.SQL("SELECT * FROM {} ORDER BY notification_id").format(source_table)
            )
            for chunk in _chunks(cursor):
                start = time.perf_counter()
                with (
                    writer.transaction(),
                    writer.cursor().copy(
                        sql.SQL("COPY {} FROM STDIN").format(target_table)
                    ) as copy,
                ):
                    for row in chunk:
                        copy.write_row(row)
                wall += time.perf_counter() - start
                rows += len(chunk)
    finally:
        with psycopg.connect(plain, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(scratch)))
    return wall, rows
