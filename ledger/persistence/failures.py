"""Storage and library failures translated, in one place, into the ledger's own errors.

Every interface (the CLI's ``main``, the HTTP API) passes an exception that is not a
``LedgerError`` to ``store_failure``: what it recognises becomes one clear message in the
family the error table maps to an exit code and a status; anything else is a bug.

A corrupted SQLite file ("database disk image is malformed", "file is not a database") is an
``IntegrityViolation`` (exit 4): the store is there and answering, but its bytes are not what
the ledger wrote, which is a matter for a backup and ``ledger verify``, not for trying again.
"""

from __future__ import annotations

import errno
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from eventsourcing.persistence import PersistenceError

from ledger.errors import (
    ConflictError,
    IntegrityViolation,
    LedgerError,
    NotFound,
    StoreUnavailable,
)

if TYPE_CHECKING:
    import psycopg

__all__ = ["store_failure"]

_DB = "--db"
_SQLITE: tuple[tuple[str, Callable[[str], LedgerError]], ...] = (
    (
        "database disk image is malformed|file is not a database|malformed database schema",
        lambda said: IntegrityViolation(
            f"the store is corrupted (SQLite: {said})",
            field=_DB,
            rule="restore the store from a backup; its bytes are not what the ledger wrote",
        ),
    ),
    (
        "database or disk is full",
        lambda said: StoreUnavailable(
            f"the disk is full (SQLite: {said}); the command being written was not recorded",
            field=_DB,
            rule="free space on the store's disk, then run the command again",
        ),
    ),
    (
        "disk I/O error",
        lambda said: StoreUnavailable(
            f"the store could not be read or written (SQLite: {said}); the disk may be full "
            "or failing",
            field=_DB,
            rule="free space or repair the disk, then run the command again",
        ),
    ),
    (
        "attempt to write a readonly database",
        lambda said: StoreUnavailable(
            f"the store is read-only (SQLite: {said})",
            field=_DB,
            rule="reads and verify work on a read-only store; writes need a writable file and "
            "folder",
        ),
    ),
    (
        "unable to open database file",
        lambda said: StoreUnavailable(
            f"the store cannot be opened (SQLite: {said})",
            field=_DB,
            rule="the file and its folder must exist and be readable by this user",
        ),
    ),
    (
        "database is locked|database table is locked",
        lambda said: ConflictError(
            f"another process holds the store's lock (SQLite: {said}); nothing was recorded",
            field=_DB,
            rule="run it again when the other writer is done",
        ),
    ),
    (
        "no such table",
        lambda said: NotFound(
            f"the store holds no ledger tables (SQLite: {said})",
            field=_DB,
            rule="point --db at a ledger store, or create one with `ledger apply`",
        ),
    ),
)
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS)
_SERVER = re.compile(r'server at "([^"]+)"(?: \([^)]*\))?, port (\d+)|server on socket "([^"]+)"')


def store_failure(exc: BaseException) -> LedgerError | None:
    """The ledger error a storage failure means, or None when ``exc`` is not one (a bug).

    Looks through the exception and the ones it was raised from (the library wraps sqlite3
    and psycopg errors). Requires ``exc`` not to be a ``LedgerError`` already.

    >>> store_failure(sqlite3.DatabaseError("file is not a database")).family
    'integrity'
    >>> store_failure(ValueError("a bug")) is None
    True
    """
    chain = list(_chain(exc))
    # No psycopg error exists unless psycopg was loaded, which a SQLite store never does.
    postgres = _postgres_failure(chain) if "psycopg" in sys.modules else None
    if postgres is not None:
        return postgres
    for found in chain:
        if isinstance(found, (sqlite3.Error, PersistenceError)):
            said = _first_line(found)
            for pattern, error in _SQLITE:
                if re.search(pattern, said, re.IGNORECASE):
                    return error(said)
        if isinstance(found, OSError) and found.errno in _DISK_FULL:
            return StoreUnavailable(
                f"the disk is full ({found.strerror}: {found.filename or 'the store'}); "
                "what was being written was not recorded",
                rule="free space, then run the command again",
            )
        if isinstance(found, OSError) and found.errno in _NOT_ALLOWED:
            return StoreUnavailable(
                f"{found.strerror}: {found.filename or 'the store'}",
                rule="the store and its folder must be readable (and writable, to write)",
            )
    return None


def _postgres_failure(chain: list[BaseException]) -> LedgerError | None:
    import psycopg
    import psycopg_pool

    for found in chain:
        if isinstance(found, psycopg_pool.PoolTimeout):
            return StoreUnavailable(
                f"no connection to PostgreSQL came in time ({_first_line(found)}); the server "
                "may be down or overloaded",
                field=_DB,
                rule="add ?connect_timeout=SECONDS to the URL to wait longer",
            )
        if isinstance(found, psycopg.Error):
            return _postgres(found)
    return None


def _postgres(error: psycopg.Error) -> LedgerError:
    import psycopg

    said = _first_line(error)
    missing = re.search(r'database "([^"]+)" does not exist', said)
    if missing:
        return NotFound(
            f"PostgreSQL has no database {missing.group(1)!r}",
            field=_DB,
            rule="create it (createdb), then run `ledger db init --db URL` as its owner",
        )
    if re.search(r'role "[^"]+" does not exist|authentication failed|no password', said):
        return StoreUnavailable(
            f"PostgreSQL refused the login ({said})", field=_DB, rule="check the URL's user"
        )
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return StoreUnavailable(
            f"PostgreSQL refused: {said}",
            field=_DB,
            rule="`ledger db init` grants the application role its rights",
        )
    if isinstance(error, psycopg.OperationalError):
        server = _SERVER.search(said)
        where = (
            ""
            if server is None
            else f" at {server.group(3) or f'{server.group(1)}:{server.group(2)}'}"
        )
        reason = said.rpartition("failed: ")[2] if "failed: " in said else said
        return StoreUnavailable(
            f"cannot reach PostgreSQL{where} ({reason}); the server may be down",
            field=_DB,
            rule="start the server or correct HOST:PORT in the URL",
        )
    return StoreUnavailable(f"PostgreSQL failed: {said}", field=_DB)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        found = todo.pop(0)
        if id(found) in seen:
            continue
        seen.add(id(found))
        yield found
        todo.extend(e for e in (found.__cause__, found.__context__) if e is not None)
        todo.extend(a for a in found.args if isinstance(a, BaseException))


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
