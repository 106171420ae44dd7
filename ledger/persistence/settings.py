"""Where the ledger keeps its events, read once into a frozen settings object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import msgspec

from ledger.errors import InvalidInput

__all__ = ["DEFAULT_DATABASE", "Settings"]

DEFAULT_DATABASE = "./ledger.sqlite"
_SQLITE_SCHEMES = ("sqlite:///", "sqlite://")


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """``database``: a SQLite file path (or ``sqlite:///path``) or a ``postgresql://`` URL."""

    database: str = DEFAULT_DATABASE
    frameworks_dir: str | None = None
    snapshot_interval: int = 50

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
            return _postgres_env(self.database)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(self.sqlite_path()),
            "SQLITE_LOCK_TIMEOUT": "10",
        }

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
            return _postgres_env(self.database)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(self.projections_dir() / f"{name}.sqlite"),
            "SQLITE_LOCK_TIMEOUT": "10",
        }


def _postgres_env(url: str) -> dict[str, str]:
    parts = urlparse(url)
    query = parse_qs(parts.query)
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(parts.path.lstrip("/")) or "postgres",
        "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    return env
