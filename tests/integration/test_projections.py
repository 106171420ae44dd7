"""Tracked projections: incremental equals rebuilt, exactly once, and resumable after a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError, Tracking
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from commands.cli.demo import demo_lines
from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.application import LedgerApplication
from ledger.domain.events import LedgerEvent
from ledger.persistence.settings import Settings
from projections.catch_up import catch_up, lag
from projections.current_scores import CurrentScores, read_scores
from projections.documents import Documents
from projections.registry import PROJECTIONS, open_projection
from tests.builders import (
    ticking_clock,
)
from tests.histories import random_year, record_or_refuse
from tests.identity import apply_as_actors
from tests.oracle import fold_log, score_tables
from tests.stores import StoreMaker
from tests.views import catch_up_all, close_all, copy_store, dumps, open_all, rebuilt


def _record_demo(settings: Settings) -> Settings:
    ctx = build_context(settings, clock=ticking_clock())
    apply_as_actors(ctx, demo_lines(), keep_going=True)
    ctx.app.close()
    return settings


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo year recorded once on SQLite (one second per command), shared read-only."""
    path = tmp_path_factory.mktemp("demo-store") / "ledger.sqlite"
    _record_demo(Settings(database=str(path)))
    return path


@pytest.fixture
def demo(
    backend: str, stores: StoreMaker, tmp_path: Path, request: pytest.FixtureRequest
) -> Settings:
    """A store of its own holding the demo year: a copy of the SQLite file, or on PostgreSQL
    (where views share the store's schema) the year recorded afresh."""
    if backend == "sqlite":
        return copy_store(request.getfixturevalue("demo_store"), tmp_path)
    return _record_demo(stores.new())


def test_every_projection_rebuilds_to_what_was_built_command_by_command(
    settings: Settings,
) -> None:
    ctx = build_context(settings, clock=ticking_clock())
    views = open_all(settings, ctx)
    for line in demo_lines():
        apply_as_actors(ctx, [line], keep_going=True)
        catch_up_all(ctx, views, batch=3)
    incremental = dumps(views)
    assert all(incremental.values())
    assert rebuilt(ctx, views) == incremental


def test_views_agree_with_a_fold_of_the_whole_log(demo: Settings) -> None:
    settings = demo
    ctx = build_context(settings)
    scores = open_projection(settings, "scores", ctx.framework)
    catch_up(ctx.app, scores)
    oracle = fold_log(event for _, event in ctx.app.all_events())
    with scores.view.reading() as docs:
        assert read_scores(docs) == sorted(
            score_tables(oracle, ctx.framework), key=lambda t: t.agreement
        )


def test_an_event_is_never_applied_twice(demo: Settings) -> None:
    settings = demo
    ctx = build_context(settings)
    scores = open_projection(settings, "scores", ctx.framework)
    catch_up(ctx.app, scores)
    before = scores.view.dump()
    again = ctx.app.log_page(after=ctx.app.head() - 1, limit=1)
    with pytest.raises(IntegrityError):
        scores.process_batch(again)
    with pytest.raises(IntegrityError):
        scores.process_event(again[0][1], Tracking(LedgerApplication.name, again[0][0]))
    assert scores.view.dump() == before
    assert catch_up(ctx.app, scores) == 0


class _CrashingScores(CurrentScores):
    """The scores projection with a fault that strikes at one log position."""

    crash_at = 0

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        super().apply(docs, position, event)
        if position == self.crash_at:
            raise RuntimeError("power cut")


def test_an_interrupted_batch_leaves_nothing_and_a_restart_ends_identical(
    demo: Settings,
) -> None:
    settings = demo
    ctx = build_context(settings)
    clean = open_projection(settings, "scores", ctx.framework)
    catch_up(ctx.app, clean)
    expected = clean.view.dump()
    clean.view.drop()

    crashing = _CrashingScores(clean.view, ctx.framework)
    crashing.crash_at = 107
    with pytest.raises(RuntimeError, match="power cut"):
        catch_up(ctx.app, crashing, batch_size=25)
    # Batches 1-100 committed; 101-125 was rolled back whole, tracking included.
    assert lag(ctx.app, crashing).position == 100
    restarted = open_projection(settings, "scores", ctx.framework)
    assert catch_up(ctx.app, restarted, batch_size=25) == ctx.app.head() - 100
    assert restarted.view.dump() == expected


def test_each_view_starts_empty_in_a_file_of_its_own(tmp_path: Path) -> None:
    settings = Settings(database=str(tmp_path / "ledger.sqlite"))
    ctx = build_context(settings)
    for name in PROJECTIONS:
        projection = open_projection(settings, name, ctx.framework)
        assert lag(ctx.app, projection).position == 0
        assert catch_up(ctx.app, projection) == 0
        assert projection.view.dump() == []
    files = tmp_path.joinpath("ledger.projections").glob("*.sqlite")
    assert sorted(p.name for p in files) == sorted(f"{name}.sqlite" for name in PROJECTIONS)


# A random history: after a signed FY2557 agreement, SARs, assessments, certifications,
# change requests and decisions with random values and dates, some of them refused.
def _record_all(
    ctx: HandlerContext, commands: list[dict[str, Any]], views: Any, pauses: Any
) -> None:
    for command, pause in zip(commands, pauses, strict=False):
        record_or_refuse(ctx, command)
        if pause:
            catch_up_all(ctx, views, batch=pause)


@hypothesis_settings(max_examples=12)
@given(
    commands=random_year(),
    pauses=st.lists(st.integers(min_value=0, max_value=7), min_size=40, max_size=40),
)
def test_random_histories_rebuild_to_the_incremental_views(
    backend: str, commands: list[dict[str, Any]], pauses: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        stores = StoreMaker(backend, Path(folder))
        settings = stores.new()
        ctx = build_context(settings, clock=ticking_clock())
        views = open_all(settings, ctx)
        try:
            _record_all(ctx, commands, views, pauses + [0] * len(commands))
            catch_up_all(ctx, views, batch=4)
            incremental = dumps(views)
            assert rebuilt(ctx, views, batch=1000) == incremental
        finally:
            close_all(views)
            ctx.app.close()
            stores.close()
