"""The registers, the governor's rounds and the early warning, each read from its projection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from commands.cli.demo import demo_lines
from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from projections.catch_up import catch_up
from projections.change_register import read_register
from projections.current_scores import read_scores
from projections.documents import Documents
from projections.early_warning import read_trends
from projections.head_evaluation import read_head_rounds
from projections.registry import open_projection
from projections.sar_register import SarEntry, read_sar_register
from tests.builders import OPDC, assess, fy2557_signed, fy2568_signed, run, sar, ticking_clock
from tests.identity import apply_as_actors
from tests.stores import StoreMaker

REF_2568 = "TH-42/2568"


def _view(settings: Settings, ctx: HandlerContext, name: str) -> AbstractContextManager[Documents]:
    projection = open_projection(settings, name, ctx.framework)
    catch_up(ctx.app, projection)
    return projection.view.reading()


@pytest.fixture(scope="module")
def demo(module_stores: StoreMaker) -> Iterator[tuple[Settings, HandlerContext]]:
    settings = module_stores.new("registers")
    ctx = build_context(settings, clock=ticking_clock())
    apply_as_actors(ctx, demo_lines(), keep_going=True)
    yield settings, ctx
    ctx.app.close()


def _statuses(entries: list[SarEntry], today: date) -> dict[tuple[str, str], str]:
    return {(e.agreement, e.round_id): e.status(today) for e in entries}


def test_the_sar_register_knows_filed_late_cancelled_and_missing(
    demo: tuple[Settings, HandlerContext],
) -> None:
    settings, ctx = demo
    with _view(settings, ctx, "sar") as docs:
        entries = read_sar_register(docs)
    statuses = _statuses(entries, date(2014, 12, 31))
    assert len(entries) == 18  # six agreements x three rounds
    assert {s for (ref, r), s in statuses.items() if r == "6m"} == {"cancelled"}
    assert statuses[("TH-85/2557", "12m")] == "filed late"
    assert statuses[("TH-81/2557", "9m")] == "filed"
    ranong = next(e for e in entries if (e.agreement, e.round_id) == ("TH-85/2557", "12m"))
    assert [(p.working_days_late, p.amount) for p in ranong.penalties] == [(3, Decimal("0.1500"))]


def test_an_unfiled_sar_is_missing_only_after_its_due_date(ctx: HandlerContext) -> None:
    for command in fy2557_signed():
        run(ctx, command)
    settings = ctx.app.settings
    with _view(settings, ctx, "sar") as docs:
        entries = read_sar_register(docs, "TH-81/2557")
    assert _statuses(entries, date(2014, 7, 31)) == {
        ("TH-81/2557", "6m"): "missing",
        ("TH-81/2557", "9m"): "not yet due",
        ("TH-81/2557", "12m"): "not yet due",
    }
    assert _statuses(entries, date(2014, 8, 1))[("TH-81/2557", "9m")] == "missing"


def test_the_change_register_lists_decisions_and_refused_attempts(
    demo: tuple[Settings, HandlerContext],
) -> None:
    settings, ctx = demo
    with _view(settings, ctx, "requests") as docs:
        entries = read_register(docs)
    by_id = {(e.agreement, e.request_id): e for e in entries}
    phuket = by_id[("TH-83/2557", "CR-2557-03")]
    assert phuket.status == "rejected"
    assert len(phuket.refused_attempts) == 1
    assert phuket.requested_position < phuket.refused_attempts[0] < (phuket.decided_position or 0)
    assert by_id[("TH-82/2557", "CR-2557-02")].kind == "cancel"
    assert all(not e.rule_1_violation for e in entries)


def _fy2568_year(ctx: HandlerContext, six_months: dict[str, str]) -> None:
    for command in fy2568_signed():
        run(ctx, command)
    run(ctx, sar(REF_2568, "6m", six_months))
    run(ctx, assess(REF_2568, "6m", six_months))
    run(ctx, {"type": "certify_scores", "actor": OPDC, "agreement": REF_2568, "round_id": "6m"})


def test_fy2568_rounds_and_the_governors_evaluation_follow_the_framework(
    ctx: HandlerContext,
) -> None:
    settings = ctx.app.settings
    _fy2568_year(ctx, {"A1": "55", "A2": "70", "A3": "45"})
    with _view(settings, ctx, "scores") as docs:
        (six,) = read_scores(docs, agreement=REF_2568)
    # The 6-month round assesses the Performance Base only: its KPIs, weight 70.
    assert [row.kpi_id for row in six.kpis] == ["A1", "A2", "A3"]
    assert (six.assessed_weight, six.composite) == (Decimal(70), Decimal("41.07"))
    with _view(settings, ctx, "governor") as docs:
        first, second = read_head_rounds(docs, REF_2568)
    assert (first.number, first.from_round, first.status) == (1, "6m", "certified")
    assert (first.score, first.points) == (Decimal("41.07"), Decimal("28.749"))
    assert (second.number, second.status, second.score) == (2, "not yet reported", None)

    twelve = {"A1": "70", "A2": "62", "A3": "60", "P1": "66", "P2": "70", "P3": "45"}
    run(ctx, sar(REF_2568, "12m", twelve))
    run(ctx, assess(REF_2568, "12m", twelve))
    with _view(settings, ctx, "governor") as docs:
        _, second = read_head_rounds(docs, REF_2568)
    assert (second.status, second.score, second.assessed_weight) == (
        "provisional",
        Decimal("79.50"),
        Decimal(100),
    )


def test_the_june_early_warning_flags_results_behind_their_target(
    ctx: HandlerContext,
) -> None:
    settings = ctx.app.settings
    # Thresholds 50 / 60 / 70: the target (standard) is 60, so six months expect 30 (the KPIs
    # are higher-is-better: pro-rated, whatever their unit).
    _fy2568_year(ctx, {"A1": "55", "A2": "30", "A3": "29.99"})
    with _view(settings, ctx, "warnings") as docs:
        flagged = read_trends(docs, agreement=REF_2568)
        every = read_trends(docs, agreement=REF_2568, only_off_track=False)
    assert [t.kpi_id for t in flagged] == ["A3"]
    assert (flagged[0].check.comparison, flagged[0].check.pro_rated_target) == (
        "pro-rated",
        Decimal(30),
    )
    assert flagged[0].check.gap == Decimal("-0.01")
    assert [t.kpi_id for t in every] == ["A1", "A2", "A3"]
    assert ctx.framework("fy2568-provinces").early_warning is not None


def test_views_of_a_store_are_kept_beside_it(tmp_path: Path) -> None:
    settings = Settings(database=str(tmp_path / "year.sqlite"))
    assert settings.projections_dir() == tmp_path / "year.projections"
