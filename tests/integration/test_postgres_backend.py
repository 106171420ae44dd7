"""The same year recorded on the real PostgreSQL server loads back exactly.

Uses the real server through the ``pg_settings`` fixture (tests/conftest.py).
"""

from __future__ import annotations

import msgspec
import psycopg
import pytest

from commands.wiring import build_context
from ledger.application import LedgerApplication, agreement_uuid
from ledger.errors import InvalidInput
from ledger.persistence.settings import Settings
from projections.follow import following
from projections.registry import open_projection
from tests.builders import OPDC, assess, fy2568_signed, run, sar, ticking_clock
from tests.stores import BASE_URL
from tests.views import catch_up_all, dumps, open_all, rebuilt


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


def test_projections_on_postgres_rebuild_identically_in_their_own_tables(
    pg_settings: Settings,
) -> None:
    ctx = build_context(pg_settings, clock=ticking_clock())
    for command in fy2568_signed():
        run(ctx, command)
    views = open_all(pg_settings, ctx)
    results = {"A1": "55", "A2": "70", "A3": "45"}
    run(ctx, sar("TH-42/2568", "6m", results))
    catch_up_all(ctx, views, batch=5)
    run(ctx, assess("TH-42/2568", "6m", results))
    catch_up_all(ctx, views, batch=5)
    incremental = dumps(views)
    assert all(incremental.values())
    assert rebuilt(ctx, views) == incremental
    schema = pg_settings.projection_env("scores")["POSTGRES_SCHEMA"]
    with psycopg.connect(BASE_URL) as conn:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (schema,),
            )
        }
    for name in views:
        assert {f"{name}_tracking", f"{name}_documents"} <= tables


def test_the_librarys_projection_runner_follows_postgres_into_the_same_views(
    pg_settings: Settings,
) -> None:
    ctx = build_context(pg_settings, clock=ticking_clock())
    for command in fy2568_signed():
        run(ctx, command)
    names = ["scores", "trail", "versions"]
    with following(pg_settings, names, ctx.framework) as runners:
        results = {"A1": "55", "A2": "70", "A3": "45"}
        run(ctx, sar("TH-42/2568", "6m", results))
        run(ctx, assess("TH-42/2568", "6m", results))
        for runner in runners:
            runner.wait(ctx.app.head(), timeout=20)
    views = {name: open_projection(pg_settings, name, ctx.framework) for name in names}
    followed = dumps(views)
    assert all(followed.values())
    assert rebuilt(ctx, views) == followed


def test_a_sqlite_store_cannot_be_followed(sqlite_settings: Settings) -> None:
    with (
        pytest.raises(InvalidInput, match="no subscription") as raised,
        following(sqlite_settings, ["scores"], lambda _: pytest.fail("unused")),
    ):
        pass
    assert raised.value.field == "--follow"
