"""Where the ledger keeps its events, read once into a frozen settings object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, quote, unquote, urlparse

import msgspec

from ledger.errors import InvalidInput, NotFound

__all__ = ["DEFAULT_DATABASE", "DEFAULT_TIMEOUT", "Access", "Settings"]

Access = Literal["read", "write", "create"]
# Seconds to wait for a PostgreSQL connection (connecting, or a free one from the pool):
# a loaded server is not a broken one. A URL's ``connect_timeout`` query overrides it.
DEFAULT_TIMEOUT = "30"

DEFAULT_DATABASE = "./ledger.sqlite"
APPEND_ONLY_RECORDER_TOPIC = "ledger.persistence.postgres:AppendOnlyRecorder"
_SQLITE_SCHEMES = ("sqlite:///", "sqlite://")
_NUMERIC_QUERY = ("pool_size", "max_overflow", "connect_timeout")


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """``database``: a SQLite file path (or ``sqlite:///path``) or a ``postgresql://`` URL.

    On PostgreSQL the ledger never creates tables as it goes: ``ledger db init`` creates them
    (``create_tables``) for the NOLOGIN role ``ledger_owner``, and the application role only
    reads and appends.
    A URL's query may set ``schema``, ``pool_size``, ``max_overflow`` and
    ``connect_timeout`` (seconds; default 30, also the wait for a pooled connection).

    ``access`` says what the command may do to a SQLite store: ``"read"`` opens an existing
    file read-only (``immutable`` when its folder cannot be written either) and never creates
    tables; ``"write"`` opens an existing file; ``"create"`` (``apply``, ``demo``,
    ``db init``) may create it. A missing file is ``NotFound`` naming ``--db`` unless
    ``"create"``.
    """

    database: str = DEFAULT_DATABASE
    frameworks_dir: str | None = None
    snapshot_interval: int = 50
    create_tables: bool = False
    access: Access = "create"
    # The operator's log signing key file (LEDGER_LOG_KEY): every write ends by sealing.
    log_key: str | None = None
    # ``--read-db``: a PostgreSQL standby that reads (and catch-up's log pages) come from.
    read_database: str | None = None

    @classmethod
    def from_environment(
        cls,
        database: str | None = None,
        environ: Mapping[str, str] | None = None,
        *,
        access: Access = "create",
        read_database: str | None = None,
    ) -> Settings:
        """Settings from ``--db``, else ``LEDGER_DATABASE_URL``, else the default path.

        >>> Settings.from_environment("x.sqlite", {}, access="read").access
        'read'
        """
        env = os.environ if environ is None else environ
        chosen = database or env.get("LEDGER_DATABASE_URL") or DEFAULT_DATABASE
        return cls(
            database=chosen,
            frameworks_dir=env.get("LEDGER_FRAMEWORKS_DIR") or None,
            access=access,
            log_key=env.get("LEDGER_LOG_KEY") or None,
            read_database=_checked_read_url(read_database),
        )

    def reading(self) -> Settings:
        """The settings reads go to: the ``--read-db`` standby's when one is named (read-only,
        nothing created there), else these."""
        if self.read_database is None:
            return self
        return msgspec.structs.replace(
            self,
            database=self.read_database,
            access="read",
            create_tables=False,
            read_database=None,
        )

    @property
    def is_postgres(self) -> bool:
        return self.database.startswith(("postgresql://", "postgres://"))

    def sqlite_path(self) -> Path:
        for scheme in _SQLITE_SCHEMES:
            if self.database.startswith(scheme):
                return Path(self.database.removeprefix(scheme))
        if "://" in self.database:
            raise InvalidInput(
                f"unsupported database URL {self.database!r}",
                field="--db",
                rule="a SQLite path, sqlite:///PATH or postgresql://USER@HOST:PORT/DB",
            )
        return Path(self.database)

    def eventsourcing_env(self) -> dict[str, str]:
        """The environment the eventsourcing library reads to pick and open the store."""
        if self.is_postgres:
            return {
                **_postgres_env(self.database, self.create_tables),
                "APPLICATION_RECORDER_TOPIC": APPEND_ONLY_RECORDER_TOPIC,
            }
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": self.sqlite_dbname(),
            "SQLITE_LOCK_TIMEOUT": "10",
            "CREATE_TABLE": "n" if self.access == "read" else "y",
        }

    def sqlite_dbname(self) -> str:
        """The name the library opens: the path itself when the store may be created, else a
        SQLite URI that will not create it (``mode=ro`` or ``mode=rw``).

        Raises NotFound (field ``--db``) when the file does not exist and may not be created.
        """
        path = self.sqlite_path()
        if self.access == "create":
            return str(path)
        if not path.is_file():
            raise NotFound(
                f"no ledger at {str(path)!r}",
                field="--db",
                rule="only `ledger apply`, `ledger demo` and `ledger db init` create a store",
            )
        uri = f"file:{quote(str(path.resolve()))}"
        if self.access == "write":
            return f"{uri}?mode=rw"
        if not os.access(path.resolve().parent, os.W_OK):
            # SQLite cannot make its shared-memory file beside the store: read it as a file
            # nothing writes to (a store at rest has no write-ahead log left to miss).
            return f"{uri}?mode=ro&immutable=1"
        return f"{uri}?mode=ro"

    def postgres_conninfo(self) -> str:
        """A libpq connection string for a direct connection to the same server and database."""
        # Imported here: psycopg costs a SQLite store's every start-up a tenth of a second.
        from psycopg.conninfo import make_conninfo

        env = _postgres_env(self.database, self.create_tables)
        return make_conninfo(
            dbname=env["POSTGRES_DBNAME"],
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"],
            connect_timeout=env["POSTGRES_CONNECT_TIMEOUT"],
        )

    @property
    def postgres_address(self) -> str:
        """``HOST:PORT`` of the server, as said in messages."""
        env = _postgres_env(self.database, self.create_tables)
        return f"{env['POSTGRES_HOST']}:{env['POSTGRES_PORT']}"

    @property
    def postgres_schema(self) -> str:
        return _postgres_env(self.database, self.create_tables)["POSTGRES_SCHEMA"]

    def projections_dir(self) -> Path:
        """SQLite only: the folder of view files next to the store (``ledger.projections/``).

        Each view has its own file: the library's tracking table is keyed by application name,
        and two writers must never share one SQLite file.
        """
        path = self.sqlite_path()
        return path.with_name(f"{path.stem}.projections")

    def projection_env(self, name: str, folder: Path | None = None) -> dict[str, str]:
        """The environment the library reads to open the view of projection ``name``
        (on SQLite, in ``folder``, by default ``projections_dir()``)."""
        if self.is_postgres:
            return _postgres_env(self.database, self.create_tables)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str((folder or self.projections_dir()) / f"{name}.sqlite"),
            "SQLITE_LOCK_TIMEOUT": "10",
        }


def _checked_read_url(url: str | None) -> str | None:
    """A standby's URL, refused early (naming ``--read-db``) unless it is PostgreSQL."""
    rule = "postgresql://USER@HOST:PORT/DB?schema=S of a streaming-replication standby"
    if url is None:
        return None
    if not url.startswith(("postgresql://", "postgres://")):
        raise InvalidInput(
            "--read-db must be a PostgreSQL URL: a replica of the --db store",
            field="--read-db",
            rule=rule,
        )
    try:
        _postgres_env(url, create_tables=False)
    except InvalidInput as error:
        raise InvalidInput(error.message, field="--read-db", rule=rule) from None
    return url


def _url_error(url: str, problem: str) -> InvalidInput:
    parts = urlparse(url)
    shown = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
    return InvalidInput(
        f"malformed database URL {shown!r}: {problem}",
        field="--db",
        rule="postgresql://USER@HOST:PORT/DB?schema=S&pool_size=N&connect_timeout=SECONDS",
    )


def _postgres_env(url: str, create_tables: bool) -> dict[str, str]:
    parts = urlparse(url)
    query = parse_qs(parts.query)
    try:
        port = parts.port
    except ValueError:
        raise _url_error(url, "the port is not a number from 0 to 65535") from None
    numbers = {name: query.get(name, [""])[0] for name in _NUMERIC_QUERY}
    for name, value in numbers.items():
        if value and not value.isdigit():
            raise _url_error(url, f"{name} must be a whole number, not {value!r}")
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(parts.path.lstrip("/")) or "postgres",
        "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_SCHEMA": query.get("schema", ["public"])[0],
        # One connection kept open per store and view; more opened under concurrent use.
        "POSTGRES_POOL_SIZE": numbers["pool_size"] or "1",
        "POSTGRES_MAX_OVERFLOW": numbers["max_overflow"] or "4",
        # A pooled connection is checked before use, so a restarted server is reconnected to.
        "POSTGRES_PRE_PING": "y",
        # The library waits this long both to connect and for a free pooled connection.
        "POSTGRES_CONNECT_TIMEOUT": numbers["connect_timeout"] or DEFAULT_TIMEOUT,
        # Wait at most this long for the events table's write lock, then report a conflict.
        "POSTGRES_LOCK_TIMEOUT": "30",
        "CREATE_TABLE": "y" if create_tables else "n",
    }
    return env
