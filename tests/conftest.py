"""Fixtures shared by the suite. Every test that touches a store runs once per backend:
``backend`` is parametrised over SQLite and the machine's real PostgreSQL server."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.postgres import PostgresDatastore
from hypothesis import settings as hypothesis_settings

from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from tests.builders import ticking_clock
from tests.stores import BACKENDS, START_HINT, UNREACHABLE, StoreMaker

# The suite keeps its state (the demo witness's folder, the error log) away from the user's:
# a demo run by a test must never replace the witness a person's own demo is verified against.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="ledger-test-state-")

# CI machines are noisy: no per-example deadline; print the blob that reproduces a failure.
hypothesis_settings.register_profile("ledger", deadline=None, print_blob=True)
hypothesis_settings.load_profile("ledger")


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def stores(backend: str, tmp_path: Path) -> Iterator[StoreMaker]:
    maker = StoreMaker(backend, tmp_path)
    yield maker
    maker.close()


@pytest.fixture(scope="module")
def module_stores(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreMaker]:
    maker = StoreMaker(backend, tmp_path_factory.mktemp(f"stores-{backend}"))
    yield maker
    maker.close()


@pytest.fixture
def settings(stores: StoreMaker) -> Settings:
    return stores.new()


@pytest.fixture
def ctx(settings: Settings) -> Iterator[HandlerContext]:
    context = build_context(settings, clock=ticking_clock())
    yield context
    context.app.close()


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(database=str(tmp_path / "ledger.sqlite"))


@pytest.fixture
def pg_settings(tmp_path: Path) -> Iterator[Settings]:
    maker = StoreMaker("postgresql", tmp_path)
    yield maker.new()
    maker.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly when PostgreSQL tests were skipped (only possible outside CI)."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if UNREACHABLE in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_sep("!", "POSTGRESQL TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(skipped)} tests did not run against PostgreSQL: the server was unreachable. "
            f"The PostgreSQL backend is UNTESTED by this run; {START_HINT}",
            red=True,
            bold=True,
        )


@pytest.fixture(autouse=True)
def _close_postgres_pools_opened_by_the_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests open applications and views freely; their connection pools close with the test,
    so a long run never exhausts the server's connections."""
    opened: list[PostgresDatastore] = []
    original = PostgresDatastore.__init__

    def opening(self: PostgresDatastore, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(PostgresDatastore, "__init__", opening)
    yield
    for datastore in opened:
        datastore.close()
