"""The same year recorded on the real PostgreSQL server loads back exactly.

Uses the server on 127.0.0.1:5432 (override with LEDGER_TEST_POSTGRES_URL) in a schema of its
own that is dropped afterwards. With CI=true an unreachable server fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from uuid import uuid4

import msgspec
import psycopg
import pytest

from commands.wiring import build_context
from ledger.application import LedgerApplication, agreement_uuid
from ledger.persistence.settings import Settings
from tests.builders import OPDC, assess, fy2568_signed, run, sar, ticking_clock

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


def test_a_year_on_postgres_loads_back_with_exact_types(pg_settings: Settings) -> None:
    ctx = build_context(pg_settings, clock=ticking_clock())
    ref = "TH-42/2568"
    recorded = []
    for command in fy2568_signed():
        recorded += run(ctx, command)
    results = {"A1": "65.25", "A2": "80", "A3": "1.2300", "P1": "70", "P2": "71", "P3": "79.99"}
    recorded += run(ctx, sar(ref, "12m", results, narrative="ผลการดำเนินงาน"))
    recorded += run(ctx, assess(ref, "12m", results))
    recorded += run(
        ctx, {"type": "certify_scores", "actor": OPDC, "agreement": ref, "round_id": "12m"}
    )
    ctx.app.close()
    fresh = LedgerApplication(pg_settings)
    try:
        loaded = fresh.events_of(agreement_uuid(ref))
        assert [msgspec.json.encode(e) for e in loaded] == [
            msgspec.json.encode(e) for e in recorded if e.originator_id == agreement_uuid(ref)
        ]
        assert str(fresh.agreement(ref).round("12m").results["A3"]) == "1.2300"
    finally:
        fresh.close()
