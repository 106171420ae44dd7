"""Two writers at once, and the same command sent twice, on each backend.

Each writer has an application of its own over the one store, as two processes would; a
barrier holds both until each has read the agreement, so their writes really collide.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from uuid import UUID, uuid4

import msgspec
import pytest
from eventsourcing.persistence import OperationalError

from commands.decoding import decode_command
from commands.execution import OutcomeUnknown, execute
from commands.handlers import Answer, HandlerContext
from commands.messages import AnyCommand
from commands.wiring import build_context
from ledger.application import LedgerApplication, agreement_uuid, receipt_uuid
from ledger.domain.agreement import Agreement
from ledger.domain.control_events import ChangeAttemptRefused, ChangeDecided
from ledger.domain.events import LedgerEvent
from ledger.domain.receipt import CommandHandled
from ledger.errors import AlreadyRecorded, LedgerError, RuleRefused, WriteConflict
from ledger.persistence.settings import Settings
from tests.builders import decide_change, fy2557_signed, request_change, run, ticking_clock
from tests.identity import admitted, run_as_actor

REF = "TH-81/2557"
LOWER_P1 = {"thresholds": ["60", "65", "70", "75", "80"]}
LOWER_P2 = {"thresholds": ["50", "55", "60", "65", "70"]}


@pytest.fixture
def season(settings: Settings) -> Settings:
    """A signed FY2557 agreement with two open change requests (P1 and P2)."""
    ctx = build_context(settings, clock=ticking_clock())
    for command in fy2557_signed():
        run(ctx, command)
    run(ctx, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    run(ctx, request_change(REF, "CR-2", "P2", "2014-04-28", proposal=LOWER_P2))
    ctx.app.close()
    return settings


def _writer(settings: Settings, barrier: threading.Barrier) -> HandlerContext:
    """A context whose first write waits until the other writer is about to write too."""
    ctx = build_context(settings)
    app = ctx.app
    record = app.record
    waited: list[bool] = []

    def record_together(
        events: Sequence[LedgerEvent], *, latest: Mapping[UUID, Agreement] | None = None
    ) -> None:
        if not waited:
            waited.append(True)
            barrier.wait(timeout=30)
        record(events, latest=latest)

    app.record = record_together  # type: ignore[method-assign]
    return ctx


def _together(
    settings: Settings, send: Callable[[HandlerContext, dict[str, Any]], Any], *commands: Any
) -> list[Any]:
    """Run the commands at the same moment, one writer each; each result or error."""
    barrier = threading.Barrier(len(commands))
    writers = [_writer(settings, barrier) for _ in commands]

    def attempt(pair: tuple[HandlerContext, dict[str, Any]]) -> Any:
        try:
            return send(*pair)
        except LedgerError as error:
            return error

    with ThreadPoolExecutor(len(commands)) as pool:
        outcomes = list(pool.map(attempt, zip(writers, commands, strict=True)))
    for ctx in writers:
        ctx.app.close()
    return outcomes


def _log(settings: Settings) -> list[LedgerEvent]:
    app = LedgerApplication(settings)
    try:
        return [event for _, event in app.all_events()]
    finally:
        app.close()


def execute_as_actor(ctx: HandlerContext, command: AnyCommand) -> Answer:
    """``execute`` entered as the command's actor (already admitted by ``season``)."""
    return execute(admitted(ctx, command), command)


def _decode(command: dict[str, Any]) -> Any:
    return decode_command(msgspec.json.encode(command))


def test_two_committees_deciding_at_once_one_wins_the_other_gets_a_conflict(
    season: Settings,
) -> None:
    approve = decide_change(REF, "CR-1", "2014-04-30", "approved")
    reject = decide_change(REF, "CR-1", "2014-04-30", "rejected", rationale="No evidence")
    outcomes = _together(season, lambda ctx, c: run_as_actor(ctx, _decode(c)), approve, reject)
    conflicts = [o for o in outcomes if isinstance(o, WriteConflict)]
    assert len(conflicts) == 1
    assert "nothing was recorded" in conflicts[0].message
    assert conflicts[0].rule == "optimistic concurrency on the aggregate version"
    decided = [e for e in _log(season) if isinstance(e, ChangeDecided)]
    assert len(decided) == 1
    # The loser runs it again against the new state: the request is already decided.
    loser = reject if decided[0].outcome == "approved" else approve
    ctx = build_context(season)
    with pytest.raises(AlreadyRecorded, match="already decided") as again:
        execute_as_actor(ctx, _decode(loser))
    assert not isinstance(again.value, WriteConflict)
    ctx.app.close()
    assert len([e for e in _log(season) if isinstance(e, ChangeDecided)]) == 1


def test_decisions_on_different_requests_both_land_when_run_again(season: Settings) -> None:
    first = decide_change(REF, "CR-1", "2014-04-30")
    second = decide_change(REF, "CR-2", "2014-04-30", "rejected", rationale="Not needed")
    outcomes = _together(
        season, lambda ctx, c: execute_as_actor(ctx, _decode(c)).events, first, second
    )
    assert all(isinstance(o, list) for o in outcomes), outcomes
    app = LedgerApplication(season)
    versions = [e.originator_version for e in app.events_of(agreement_uuid(REF))]
    app.close()
    assert versions == list(range(1, len(versions) + 1))
    decided = {e.request_id for e in _log(season) if isinstance(e, ChangeDecided)}
    assert decided == {"CR-1", "CR-2"}


def _with_id(command: dict[str, Any], command_id: UUID) -> dict[str, Any]:
    return {**command, "command_id": str(command_id)}


def test_a_command_sent_twice_under_one_id_is_recorded_once(season: Settings) -> None:
    ctx = build_context(season)
    command_id = uuid4()
    command = _with_id(decide_change(REF, "CR-1", "2014-04-30"), command_id)
    first = run(ctx, command)
    count = len(_log(season))
    again = run(ctx, command)
    assert [msgspec.json.encode(e) for e in again] == [msgspec.json.encode(e) for e in first]
    assert len(_log(season)) == count
    receipt = ctx.app.receipt(command_id)
    assert isinstance(receipt, CommandHandled)
    assert receipt.command_type == "decide_change"
    assert [(r.originator_id, r.originator_version) for r in receipt.recorded] == [
        (e.originator_id, e.originator_version) for e in first
    ]
    different = _with_id(decide_change(REF, "CR-2", "2014-04-30"), command_id)
    with pytest.raises(AlreadyRecorded, match="already used") as reused:
        run(ctx, different)
    assert reused.value.field == "command_id"
    assert len(_log(season)) == count
    ctx.app.close()


def test_a_refused_attempt_sent_twice_is_kept_once_and_refused_again(season: Settings) -> None:
    ctx = build_context(season)
    late = _with_id(request_change(REF, "CR-9", "P3", "2014-11-03", proposal=LOWER_P1), uuid4())
    with pytest.raises(RuleRefused, match="final") as first:
        run(ctx, late)
    count = len(_log(season))
    with pytest.raises(RuleRefused, match="first sent") as second:
        run(ctx, late)
    assert second.value.field == first.value.field == "effective_at"
    assert len(_log(season)) == count
    refusals = [e for e in _log(season) if isinstance(e, ChangeAttemptRefused)]
    assert len(refusals) == 1
    ctx.app.close()


def test_two_sends_of_one_id_racing_record_it_once(season: Settings) -> None:
    command = _with_id(decide_change(REF, "CR-1", "2014-04-30"), uuid4())
    outcomes = _together(season, lambda ctx, c: execute_as_actor(ctx, _decode(c)), command, command)
    assert all(isinstance(o, Answer) for o in outcomes), outcomes
    assert outcomes[0].events == outcomes[1].events
    assert sorted(o.resent for o in outcomes) == [False, True]
    assert len([e for e in _log(season) if isinstance(e, ChangeDecided)]) == 1
    assert len([e for e in _log(season) if isinstance(e, CommandHandled)]) == 1


def _losing_the_acknowledgement(ctx: HandlerContext) -> None:
    """The first write reaches the store, but the answer is lost on the way back."""
    record = ctx.app.record
    lost: list[bool] = []

    def record_then_fail(
        events: Sequence[LedgerEvent], *, latest: Mapping[UUID, Agreement] | None = None
    ) -> None:
        record(events, latest=latest)
        if not lost:
            lost.append(True)
            raise OperationalError("server closed the connection unexpectedly")

    ctx.app.record = record_then_fail  # type: ignore[method-assign]


def test_a_lost_acknowledgement_is_retried_safely_only_with_a_command_id(
    season: Settings,
) -> None:
    ctx = build_context(season)
    _losing_the_acknowledgement(ctx)
    command_id = uuid4()
    recorded = execute_as_actor(
        ctx, _decode(_with_id(decide_change(REF, "CR-1", "2014-04-30"), command_id))
    ).events
    assert [type(e) for e in recorded] == [ChangeDecided]
    assert len(ctx.app.events_of(receipt_uuid(command_id))) == 1
    _losing_the_acknowledgement(ctx)
    with pytest.raises(OutcomeUnknown, match="may have been recorded") as unknown:
        execute_as_actor(ctx, _decode(decide_change(REF, "CR-2", "2014-04-30")))
    assert unknown.value.field == "command_id"
    # It was recorded, once: the ledger did not send it again.
    assert len([e for e in _log(season) if isinstance(e, ChangeDecided)]) == 2
    ctx.app.close()
