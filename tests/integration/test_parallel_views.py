"""Views shared between worker processes (``rebuild --all`` and ``project`` far behind) come
out exactly as caught up in one process, and each worker's error reaches the command."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from commands.cli.demo import demo_lines
from commands.cli.demo_cast import record_year
from commands.cli.parallel_views import catch_up_in_parallel
from commands.demo.scenarios import ANDAMAN
from commands.wiring import build_context
from ledger.errors import NotFound
from ledger.persistence.settings import Settings
from projections.catch_up import catch_up_many
from projections.registry import PROJECTIONS, open_projection
from tests.builders import ticking_clock
from tests.stores import StoreMaker


def test_two_workers_build_the_views_one_process_builds(stores: StoreMaker) -> None:
    settings = stores.new()
    ctx = build_context(settings, clock=ticking_clock(datetime.now(UTC).replace(microsecond=0)))
    try:
        record_year(ctx, ANDAMAN, demo_lines())
        head = ctx.app.head()
        views = {name: open_projection(settings, name, ctx.framework) for name in PROJECTIONS}
        catch_up_many(ctx.app, list(views.values()))
        alone = {name: view.view.dump() for name, view in views.items()}
        for view in views.values():
            view.view.drop()
        waited: list[bool] = []
        processed = catch_up_in_parallel(
            settings,
            settings,
            list(PROJECTIONS),
            batch=50,
            workers=2,
            waiting=lambda: waited.append(True),
        )
        assert processed == dict.fromkeys(PROJECTIONS, head)
        assert {name: view.view.dump() for name, view in views.items()} == alone
        assert waited
    finally:
        ctx.app.close()


def test_a_workers_error_reaches_the_command(tmp_path: Path) -> None:
    missing = Settings(database=str(tmp_path / "missing.sqlite"), access="read")
    with pytest.raises(NotFound):
        # A store that is not there: the worker's refusal comes back as the command's own.
        catch_up_in_parallel(missing, missing, ["scores", "trail"], batch=50, workers=2)
