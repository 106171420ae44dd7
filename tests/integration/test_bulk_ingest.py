"""Bulk ingest (commands.bulk): batches of commands recorded in one transaction each record
exactly what the same commands record one at a time, refuse exactly the same lines, and
run again on what the store holds when another writer got there first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import msgspec
import pytest

from commands.cli.apply import ApplyFailed, ApplySummary, apply_lines
from commands.cli.demo import demo_lines
from commands.cli.demo_cast import record_cast, units_prefix
from commands.decoding import decode_command
from commands.demo.andaman import REFUSED_ON_PURPOSE
from commands.demo.cast import ADMINISTRATOR
from commands.demo.scenarios import ANDAMAN
from commands.handlers import HandlerContext, handle
from commands.messages import AnyCommand, RevokeGrant
from commands.wiring import build_context
from ledger.domain.events import LedgerEvent
from ledger.domain.values import Actor
from ledger.errors import NotAllowed
from ledger.persistence.settings import Settings
from tests.builders import ticking_clock
from tests.stores import StoreMaker

YEAR = demo_lines()
SPLIT = units_prefix(YEAR)
# Both runs of a comparison read the same clock from the same moment (the cast's tokens
# expire relative to the real time, so the clock starts there).
START = datetime.now(UTC).replace(microsecond=0)


def _cast_and_year(
    settings: Settings, batch_size: int, *, keep_going: bool = True, lines: list[str] = YEAR
) -> tuple[HandlerContext, Callable[[AnyCommand], HandlerContext], list[LedgerEvent], ApplySummary]:
    """A store with the demo's cast, then ``lines`` after the units applied ``batch_size``
    at a time: the context, its entering rule, the year's events in log order and the
    summary."""
    ctx = build_context(settings, clock=ticking_clock(START))
    cast = record_cast(ctx, ANDAMAN, lines[:SPLIT], keep_going=True)
    start = ctx.app.head()
    summary = apply_lines(
        ctx,
        lines[SPLIT:],
        keep_going=keep_going,
        entering=cast.signed_in.entering,
        first_line=SPLIT + 1,
        batch_size=batch_size,
    )
    events = [e for _, e in ctx.app.log_page(start, 10_000)]
    return ctx, cast.signed_in.entering, events, summary


def _payloads(events: list[LedgerEvent]) -> list[bytes]:
    return [msgspec.json.encode(e) for e in events]


def _said(summary: ApplySummary) -> tuple[object, ...]:
    refusals = [(r.line_number, r.error.describe()) for r in summary.refused]
    return summary.commands, summary.events, summary.resent, refusals


def test_a_batch_records_what_the_commands_record_one_at_a_time(stores: StoreMaker) -> None:
    """The same lines, one per transaction and 500 per transaction, on the same clock:
    the same events, refused attempts included, byte for byte."""
    one_by_one = _cast_and_year(stores.new("one"), batch_size=1)
    batched = _cast_and_year(stores.new("batched"), batch_size=500)
    try:
        assert _said(one_by_one[3]) == _said(batched[3])
        assert len(batched[3].refused) == REFUSED_ON_PURPOSE
        # A refusal is kept without the frames it was raised through (they hold the batch).
        assert all(r.error.__traceback__ is None for r in batched[3].refused)
        assert len(batched[2]) > 150
        assert _payloads(batched[2]) == _payloads(one_by_one[2])
    finally:
        one_by_one[0].app.close()
        batched[0].app.close()


def test_without_keep_going_the_lines_before_the_refusal_stay(stores: StoreMaker) -> None:
    """A bad line in the middle of a batch: the lines before it are recorded (with their
    batch), the ones after it are not, and the failure names the line and the field."""
    settings = stores.new()
    bad_at = SPLIT + 30
    lines = [*YEAR[: bad_at - 1], '{"type": "file_sar"}', *YEAR[bad_at - 1 :]]
    whole = _cast_and_year(
        stores.new("whole"), batch_size=1, keep_going=False, lines=YEAR[: bad_at - 1]
    )
    with pytest.raises(ApplyFailed) as failed:
        _cast_and_year(settings, batch_size=500, keep_going=False, lines=lines)
    assert failed.value.line_number == bad_at
    assert failed.value.applied.commands == whole[3].commands == bad_at - SPLIT - 1
    ctx = build_context(settings)
    try:
        kept = [type(e) for _, e in ctx.app.all_events()]
        assert kept[-len(whole[2]) :] == [type(e) for e in whole[2]]
        assert failed.value.applied.events == len(whole[2])
    finally:
        ctx.app.close()
        whole[0].app.close()


def test_a_batch_runs_again_after_another_writer_recorded(stores: StoreMaker) -> None:
    """Midway through a batch another writer records on an agreement the batch has read:
    the batch's save conflicts, the batch runs again on the new state, and both writers'
    events are kept once each."""
    settings = stores.new()
    ctx = build_context(settings, clock=ticking_clock(START))
    cast = record_cast(ctx, ANDAMAN, YEAR[:SPLIT], keep_going=True)
    other = build_context(settings, clock=ticking_clock(START))
    # The agreements are opened first; the batch under test starts with the first proposal.
    opening = next(i for i, line in enumerate(YEAR) if '"propose_kpi"' in line)
    apply_lines(ctx, YEAR[SPLIT:opening], entering=cast.signed_in.entering)
    year = YEAR[opening:]
    interloper = {**msgspec.json.decode(year[0]), "kpi_id": "INTERLOPER-1"}
    entered = 0

    def entering(command: AnyCommand) -> HandlerContext:
        nonlocal entered
        entered += 1
        if entered == 3:
            sneaked = _decoded(interloper)
            writer = replace(cast.signed_in.entering(sneaked), ledger=other.app, app=other.app)
            handle(writer, sneaked)
        return cast.signed_in.entering(command)

    try:
        summary = apply_lines(ctx, year, keep_going=True, entering=entering, batch_size=500)
        events = [e for _, e in ctx.app.all_events()]
        proposed = [getattr(e, "kpi_id", None) for e in events]
        assert proposed.count("INTERLOPER-1") == 1
        # The batch ran twice: every line was entered again after the conflict.
        assert entered > len(year)
        assert summary.commands + len(summary.refused) == len(year)
    finally:
        ctx.app.close()
        other.app.close()


def _decoded(command: dict[str, object]) -> AnyCommand:
    return decode_command(msgspec.json.encode(command))


def test_a_grant_revoked_between_batches_is_seen_by_the_next(stores: StoreMaker) -> None:
    """What a batch read stays in memory for the next batch only while nobody else writes:
    a grant revoked by another writer between two batches refuses the next batch's command."""
    settings = stores.new()
    ctx = build_context(settings, clock=ticking_clock(START))
    cast = record_cast(ctx, ANDAMAN, YEAR[:SPLIT], keep_going=True)
    opening = next(i for i, line in enumerate(YEAR) if '"propose_kpi"' in line)
    apply_lines(ctx, YEAR[SPLIT:opening], entering=cast.signed_in.entering)
    year = YEAR[opening:]
    batch = 5
    victim = _decoded(msgspec.json.decode(year[batch])).actor.id
    # The other writer's clock is the same one: it revokes after the grants it revokes.
    admin = build_context(settings, clock=ctx.clock).entering(ADMINISTRATOR[0])

    def revoke_after_first_batch(last_line: int) -> None:
        if last_line != batch:
            return
        user = admin.app.user(victim)
        assert user is not None
        for grant in user.grants:
            handle(
                admin,
                RevokeGrant(
                    actor=Actor(id=ADMINISTRATOR[0], role="administrator"),
                    user_id=victim,
                    number=grant.number,
                    reason="left the office",
                ),
            )

    try:
        summary = apply_lines(
            ctx,
            year[: 2 * batch],
            keep_going=True,
            entering=cast.signed_in.entering,
            batch_size=batch,
            committed=revoke_after_first_batch,
        )
        refused = {r.line_number: r.error for r in summary.refused}
        assert isinstance(refused.get(batch + 1), NotAllowed), summary.refused
    finally:
        ctx.app.close()
        admin.app.close()
