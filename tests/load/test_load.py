"""Eight writer processes send 20,000 commands to 200 agreements at once, while a projection
follows the log. Afterwards every acknowledged command is recorded exactly once,
no aggregate has a gap in its versions, the views equal a rebuild and verification holds."""

from __future__ import annotations

import threading
from pathlib import Path

from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from projections.base import LedgerProjection
from projections.catch_up import catch_up_many
from projections.registry import open_projection
from tests.load.runner import (
    acknowledged,
    check_ledger,
    start_writer,
    store_with_agreements,
    summary_of,
)
from tests.load.workload import command_ids, write_command_files
from tests.stores import StoreMaker
from tests.views import dumps, rebuilt

WRITERS = 8
# PostgreSQL is the production store and takes the full load; the embedded SQLite default
# (one office, one disk) takes a fifth of it, to keep the suite within its time.
COMMANDS = {"postgresql": 20_000, "sqlite": 4_000}
AGREEMENTS = 1000  # about 20 KPI proposals each; writers meet on one by chance
# The views followed and rebuilt here: every event's row (trail) and the scores. Every view's
# rebuild is checked on both backends by test_projections.py; here the log is 40,000 events.
VIEWS = ("scores", "trail")


def _views(settings: Settings, ctx: HandlerContext) -> dict[str, LedgerProjection]:
    return {name: open_projection(settings, name, ctx.framework) for name in VIEWS}


def _follow(settings: Settings, stop: threading.Event, rounds: list[int]) -> None:
    """A reader catching the views up while the writers write."""
    ctx = build_context(settings)
    views = _views(settings, ctx)
    while not stop.is_set():
        catch_up_many(ctx.app, list(views.values()), batch_size=500)
        rounds.append(1)
        stop.wait(0.2)
    ctx.app.close()


def test_eight_writers_at_once_record_each_command_exactly_once(
    backend: str, stores: StoreMaker, tmp_path: Path
) -> None:
    commands = COMMANDS[backend]
    settings = store_with_agreements(stores, "load", AGREEMENTS)
    files = write_command_files(tmp_path, WRITERS, commands, AGREEMENTS)
    expected = [command_id for path in files for command_id in command_ids(path)]

    stop, rounds = threading.Event(), list[int]()
    follower = threading.Thread(target=_follow, args=(settings, stop, rounds))
    follower.start()
    acks = [tmp_path / f"acks-{n}" for n in range(WRITERS)]
    writers = [start_writer(settings.database, f, a) for f, a in zip(files, acks, strict=True)]
    summaries = [summary_of(w, timeout=480) for w in writers]
    stop.set()
    follower.join(timeout=600)
    assert not follower.is_alive()

    answered = acknowledged(acks)
    assert len(answered) == commands == len(set(answered))
    assert set(answered) == set(expected)
    assert sum(s.answered for s in summaries) == commands
    assert rounds, "the follower never caught up while the writers wrote"

    check = check_ledger(settings)
    assert check.version_gaps == []
    assert check.receipts == commands
    assert check.proposals == dict.fromkeys(expected, 1)
    assert check.verified, check.failures

    ctx = build_context(settings)
    views = _views(settings, ctx)
    catch_up_many(ctx.app, list(views.values()), batch_size=500)
    followed = dumps(views)
    assert rebuilt(ctx, views, batch=1000) == followed
    ctx.app.close()
