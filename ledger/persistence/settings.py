"""Where the ledger keeps its events, read once into a frozen settings object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import msgspec
from psycopg.conninfo import make_conninfo

from ledger.errors import InvalidInput

__all__ = ["DEFAULT_DATABASE", "Settings"]

DEFAULT_DATABASE = "./ledger.sqlite"
APPEND_ONLY_RECORDER_TOPIC = "ledger.persistence.postgres:AppendOnlyRecorder"
_SQLITE_SCHEMES = ("sqlite:///", "sqlite://")


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """``database``: a SQLite file path (or ``sqlite:///path``) or a ``postgresql://`` URL.

    On PostgreSQL the ledger never creates tables as it goes: ``ledger db init`` creates them
    (``create_tables``) as the schema's owner, and the application role only reads and appends.
    A URL's query may set ``schema``, ``pool_size`` and ``max_overflow``.
    """

    database: str = DEFAULT_DATABASE
    frameworks_dir: str | None = None
    snapshot_interval: int = 50
    create_tables: bool = False

    @classmethod
    def from_environment(
        cls, database: str | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Settings from ``--db``, else ``LEDGER_DATABASE_URL``, else the default path."""
        env = os.environ if environ is None else environ
        chosen = database or env.get("LEDGER_DATABASE_URL") or DEFAULT_DATABASE
        return cls(database=chosen, frameworks_dir=env.get("LEDGER_FRAMEWORKS_DIR") or None)

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
            "SQLITE_DBNAME": str(self.sqlite_path()),
            "SQLITE_LOCK_TIMEOUT": "10",
        }

    def postgres_conninfo(self) -> str:
        """A libpq connection string for a direct connection to the same server and database."""
        env = _postgres_env(self.database, self.create_tables)
        return make_conninfo(
            dbname=env["POSTGRES_DBNAME"],
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"],
        )

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

    def projection_env(self, name: str) -> dict[str, str]:
        """The environment the library reads to open the view of projection ``name``."""
        if self.is_postgres:
            return _postgres_env(self.database, self.create_tables)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(self.projections_dir() / f"{name}.sqlite"),
            "SQLITE_LOCK_TIMEOUT": "10",
        }


def _postgres_env(url: str, create_tables: bool) -> dict[str, str]:
    parts = urlparse(url)
    query = parse_qs(parts.query)
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(parts.path.lstrip("/")) or "postgres",
        "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_SCHEMA": query.get("schema", ["public"])[0],
        # One connection kept open per store and view; more opened under concurrent use.
        "POSTGRES_POOL_SIZE": query.get("pool_size", ["1"])[0],
        "POSTGRES_MAX_OVERFLOW": query.get("max_overflow", ["4"])[0],
        # A pooled connection is checked before use, so a restarted server is reconnected to.
        "POSTGRES_PRE_PING": "y",
        "POSTGRES_CONNECT_TIMEOUT": "5",
        # Wait at most this long for the events table's write lock, then report a conflict.
        "POSTGRES_LOCK_TIMEOUT": "30",
        "CREATE_TABLE": "y" if create_tables else "n",
    }
    return env
