"""The same year recorded on the real PostgreSQL server loads back exactly.

Uses the real server through the ``pg_settings`` fixture (tests/conftest.py).
"""

from __future__ import annotations

import msgspec

from commands.wiring import build_context
from ledger.application import LedgerApplication, agreement_uuid
from ledger.persistence.settings import Settings
from tests.builders import OPDC, assess, fy2568_signed, run, sar, ticking_clock


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
