"""The demo's simulated clock: each line recorded when it would have been, the store marked as
a demo at its first event, the mark shown by reads, verification, the web pages and the API,
and never a simulated clock for a store in use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from litestar.testing import TestClient

from commands.demo.cast import users
from commands.demo.clock import ENTERED_AFTER, SimulatedClock
from commands.demo.scenarios import ANDAMAN
from commands.http.app import DEMO_HEADER, create_app
from ledger.application import LedgerApplication
from ledger.demo_store import demo_notice
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.events import IdentityBootstrapped, TokenIssued
from ledger.errors import InvalidInput
from ledger.persistence.settings import Settings
from ledger.thaidate import parse_moment
from tests.cli import ledger
from tests.stores import StoreMaker

NOTICE = demo_notice(ANDAMAN.name)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-clock")
    made = ledger("demo", "--db", str(folder / "d.sqlite"), "--witness-dir", str(folder / "w"))
    assert made.returncode == 0, made.stderr
    return folder / "d.sqlite"


def _events(database: Path) -> list[LedgerEvent]:
    app = LedgerApplication(Settings(database=str(database), access="read"))
    try:
        return [event for _, event in app.all_events()]
    finally:
        app.close()


def test_each_line_is_recorded_when_it_would_have_been(demo_store: Path) -> None:
    events = _events(demo_store)
    first = events[0]
    assert isinstance(first, IdentityBootstrapped)
    assert first.demo_scenario == ANDAMAN.name
    assert first.recorded_at == parse_moment(ANDAMAN.starts)
    year = [e for e in events if e.recorded_at.year < 2020]
    times = [e.recorded_at for e in year]
    assert times == sorted(times)
    assert datetime(2014, 3, 1, tzinfo=UTC) < times[-1] < datetime(2015, 10, 1, tzinfo=UTC)
    for event in year:
        entered = event.recorded_at - event.effective_at
        assert entered == timedelta(0) or entered >= ENTERED_AFTER, event
    # After the year, on the real clock: a token that works today for each of the cast.
    today = events[len(year) :]
    assert {type(e) for e in today} == {TokenIssued}
    assert len(today) == len(users(ANDAMAN))
    assert all(datetime.now(UTC) - e.recorded_at < timedelta(hours=1) for e in today)


def test_every_read_and_the_verification_say_it_is_a_demo(demo_store: Path) -> None:
    for read in (("scores",), ("audit", "--all"), ("history", ANDAMAN.featured), ("users", "list")):
        result = ledger(*read, "--db", str(demo_store))
        assert result.returncode == 0, result.stderr
        assert NOTICE in result.stderr, read
    trust = demo_store.parent / "w" / "trust.policy"
    checked = ledger("verify", "--db", str(demo_store), "--trust", str(trust))
    assert checked.returncode == 0, checked.stdout
    assert NOTICE in checked.stdout


def test_the_web_pages_and_the_api_say_it_is_a_demo(demo_store: Path) -> None:
    with TestClient(create_app(Settings(database=str(demo_store)))) as client:
        page = client.get("/login")
        assert "ledger demo --scenario andaman" in page.text
        assert client.get("/health").headers[DEMO_HEADER].startswith("andaman;")


def test_a_store_recorded_on_the_real_clock_is_not_marked(tmp_path: Path) -> None:
    database = tmp_path / "real.sqlite"
    made = ledger("demo", "--real-clock", "--db", str(database), "--witness-dir", str(tmp_path))
    assert made.returncode == 0, made.stderr
    first = _events(database)[0]
    assert isinstance(first, IdentityBootstrapped)
    assert first.demo_scenario is None
    assert datetime.now(UTC) - first.recorded_at < timedelta(hours=1)
    assert NOTICE not in ledger("scores", "--db", str(database)).stderr
    with TestClient(create_app(Settings(database=str(database)))) as client:
        assert DEMO_HEADER not in client.get("/health").headers


def test_a_store_in_use_never_gets_a_simulated_clock(stores: StoreMaker, tmp_path: Path) -> None:
    settings = stores.new("in-use")
    made = ledger(
        "demo", "--real-clock", "--db", settings.database, "--witness-dir", str(tmp_path),
        cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    app = LedgerApplication(settings)
    try:
        before = app.head()
        with pytest.raises(InvalidInput, match="empty store only"):
            SimulatedClock.for_store(app, parse_moment(ANDAMAN.starts))
    finally:
        app.close()
    if settings.is_postgres:
        again = ledger(
            "demo", "--db", settings.database, "--witness-dir", str(tmp_path), cwd=tmp_path
        )
        assert again.returncode != 0
        assert "empty store only" in again.stderr
    app = LedgerApplication(settings)
    try:
        assert app.head() == before
    finally:
        app.close()
