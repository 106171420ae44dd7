from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from hypothesis import settings as hypothesis_settings

from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from tests.builders import ticking_clock

# CI machines are noisy: no per-example deadline; print the blob that reproduces a failure.
hypothesis_settings.register_profile("ledger", deadline=None, print_blob=True)
hypothesis_settings.load_profile("ledger")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database=str(tmp_path / "ledger.sqlite"))


@pytest.fixture
def ctx(settings: Settings) -> HandlerContext:
    return build_context(settings, clock=ticking_clock())


# The real PostgreSQL server on this machine (override with LEDGER_TEST_POSTGRES_URL); each
# test gets a schema of its own, dropped afterwards. With CI=true an unreachable server fails.
BASE_URL = os.environ.get("LEDGER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
START_HINT = (
    "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
)


@pytest.fixture
def pg_settings() -> Iterator[Settings]:
    try:
        admin = psycopg.connect(BASE_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        message = f"PostgreSQL unreachable at {BASE_URL} ({error}); {START_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    schema = f"ledger_test_{uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield Settings(database=f"{BASE_URL}?schema={schema}")
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
