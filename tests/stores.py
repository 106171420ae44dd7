"""Fresh event stores for tests, on SQLite or on the machine's real PostgreSQL server.

A PostgreSQL store is a schema of its own, created and secured by ``ledger db init`` as the
server's owner role and then written as the application role, as in production; it is dropped
when the test (or module) ends. With CI=true an unreachable server fails the test; elsewhere it
is skipped and the run's summary says so loudly (see conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse, urlunparse
from uuid import uuid4

import psycopg
import pytest

from commands.database import DEFAULT_APP_ROLE, initialise_database
from ledger.persistence.settings import Settings

__all__ = [
    "BACKENDS",
    "BASE_URL",
    "START_HINT",
    "UNREACHABLE",
    "StoreMaker",
    "app_url",
    "owner_url",
    "require_postgres",
]

BACKENDS = ("sqlite", "postgresql")
# Override with LEDGER_TEST_POSTGRES_URL; the user must own the database (creates schemas).
BASE_URL = os.environ.get("LEDGER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
START_HINT = (
    "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
)
UNREACHABLE = "PostgreSQL unreachable"


def app_url(schema: str, user: str = DEFAULT_APP_ROLE) -> str:
    """The store's URL as the application role (trust auth on this machine: no password)."""
    parts = urlparse(BASE_URL)
    netloc = f"{user}@{parts.hostname}:{parts.port or 5432}"
    return urlunparse(parts._replace(netloc=netloc, query=f"schema={schema}"))


def owner_url(schema: str) -> str:
    return urlunparse(urlparse(BASE_URL)._replace(query=f"schema={schema}"))


def require_postgres() -> None:
    """Fail (CI) or skip (elsewhere) unless the server answers."""
    try:
        psycopg.connect(BASE_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        message = f"{UNREACHABLE} at {BASE_URL} ({error}); {START_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


class StoreMaker:
    """Makes fresh stores on one backend and removes the PostgreSQL ones on ``close``."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self._schemas: list[str] = []

    def new(
        self,
        name: str = "ledger",
        *,
        snapshot_interval: int = 50,
        frameworks_dir: str | None = None,
    ) -> Settings:
        """A fresh, empty store."""
        if self.backend == "sqlite":
            database = str(self.folder / f"{name}.sqlite")
        else:
            require_postgres()
            schema = f"lt_{name.replace('-', '_')}_{uuid4().hex[:10]}"
            self._schemas.append(schema)
            initialise_database(Settings(database=owner_url(schema)))
            database = app_url(schema)
        return Settings(
            database=database, snapshot_interval=snapshot_interval, frameworks_dir=frameworks_dir
        )

    def close(self) -> None:
        if not self._schemas:
            return
        with psycopg.connect(BASE_URL, autocommit=True) as admin:
            for schema in self._schemas:
                admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
