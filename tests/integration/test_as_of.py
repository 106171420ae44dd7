"""As-of views by recorded time at every event boundary, by effective time, and diffs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from commands.cli.demo import demo_lines
from commands.demo.shared_year import JOINT_ID
from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.application import agreement_uuid, joint_uuid, unit_uuid
from ledger.domain.joint.sharing import with_shared_results
from ledger.errors import NotFound
from ledger.thaidate import parse_moment
from projections.as_of import as_in_force, as_recorded
from projections.base import LedgerProjection
from projections.diff import diff_moments
from projections.registry import open_projection
from projections.scores import round_scores
from tests.builders import ticking_clock
from tests.identity import apply_as_actors
from tests.oracle import fold_log
from tests.stores import StoreMaker


@pytest.fixture(scope="module")
def demo(module_stores: StoreMaker) -> Iterator[tuple[HandlerContext, LedgerProjection]]:
    """The demo year, one second per command, with its recorded-time index."""
    settings = module_stores.new("as-of")
    ctx = build_context(settings, clock=ticking_clock())
    apply_as_actors(ctx, demo_lines(), keep_going=True)
    yield ctx, open_projection(settings, "versions", ctx.framework)
    ctx.app.close()


def test_as_of_every_event_boundary_equals_the_log_folded_up_to_it(
    demo: tuple[HandlerContext, LedgerProjection],
) -> None:
    ctx, index = demo
    log = [event for _, event in ctx.app.all_events()]
    moments = sorted({event.recorded_at for event in log})
    assert len(moments) > 150
    checked = 0
    for moment in moments:
        oracle = fold_log(e for e in log if e.recorded_at <= moment)
        # As participants read them: the joint KPIs' results as they stood then, laid over.
        known = {
            ref: with_shared_results(own, oracle.joints, ctx.framework(own.framework_id))
            for ref, own in oracle.agreements.items()
        }
        for ref, expected in known.items():
            view = as_recorded(ctx.app, index, ref, moment, ctx.framework)
            assert view.state == expected, (ref, moment)
            unit = oracle.units[expected.unit_id]
            fw = ctx.framework(expected.framework_id)
            assert list(view.scores) == round_scores(expected, unit, fw)
            checked += 1
        # Between two boundaries nothing more is known than at the earlier one.
        for ref in oracle.agreements:
            later = as_recorded(
                ctx.app, index, ref, moment + timedelta(milliseconds=500), ctx.framework
            )
            assert later.state == known[ref]
    assert checked > 500


def test_as_of_before_an_agreement_was_opened_says_when_it_was(
    demo: tuple[HandlerContext, LedgerProjection],
) -> None:
    ctx, index = demo
    first = next(e for _, e in ctx.app.all_events()).recorded_at
    with pytest.raises(NotFound) as raised:
        as_recorded(ctx.app, index, "TH-81/2557", first - timedelta(days=1), ctx.framework)
    assert raised.value.field == "TIME"
    with pytest.raises(NotFound) as unknown:
        as_recorded(ctx.app, index, "TH-99/2557", first, ctx.framework)
    assert unknown.value.field == "AGREEMENT"


def test_in_force_by_effective_date_sees_the_first_change_round(
    demo: tuple[HandlerContext, LedgerProjection],
) -> None:
    ctx, _ = demo
    # Phang Nga's P3 was cancelled in the first change round (closing 30 April 2014, BE 2557);
    # its weight went to P1 and P2.
    before = as_in_force(ctx.app, "TH-82/2557", parse_moment("2557-04-20"), ctx.framework)
    after = as_in_force(ctx.app, "TH-82/2557", parse_moment("2557-04-30"), ctx.framework)
    assert before.state.kpis["P3"].status == "accepted"
    assert before.state.kpis["P1"].terms.weight == Decimal(15)
    assert after.state.kpis["P3"].status == "cancelled"
    assert after.state.kpis["P1"].terms.weight == Decimal("22.5")
    assert parse_moment("2014-04-30") == parse_moment("2557-04-30")
    # Before any result took effect there are no scores; by year end all rounds are there.
    assert after.scores == ()
    year_end = as_in_force(ctx.app, "TH-82/2557", parse_moment("2558-03-31"), ctx.framework)
    # As the handlers read it now: with the joint tourism KPI's shared results laid over.
    assert year_end.state == ctx.load("TH-82/2557").agreement
    with pytest.raises(NotFound):
        as_in_force(ctx.app, "TH-82/2557", parse_moment("2556-01-01"), ctx.framework)


def test_diff_shows_what_the_appeal_changed_and_the_events_between(
    demo: tuple[HandlerContext, LedgerProjection],
) -> None:
    ctx, index = demo
    events = ctx.app.events_of(ctx.app.agreement(ref := "TH-92/2557").id)
    appealed = next(e for e in events if type(e).__name__ == "AppealRequested")
    before = appealed.recorded_at - timedelta(milliseconds=1)
    result = diff_moments(ctx.app, index, ref, events[-1].recorded_at, before, ctx.framework)
    assert result.before.version == appealed.originator_version - 1
    assert result.after.version == events[-1].originator_version
    found = {(c.subject, c.field): (c.before, c.after) for c in result.changes}
    old_score, new_score = found[("round 12m KPI P1", "score")]
    assert (Decimal(old_score), Decimal(new_score)) == (Decimal("1.8"), Decimal("2.6"))
    assert ("round 12m", "composite") in found
    assert [row.event for row in result.events_between] == [
        type(e).__name__ for e in events if e.originator_version > result.before.version
    ]
    assert "AppealDecided" in [row.event for row in result.events_between]
    same = diff_moments(ctx.app, index, ref, before, before, ctx.framework)
    assert same.changes == ()
    assert same.events_between == ()


def test_as_of_reads_only_the_agreements_own_events_and_its_joint_kpis(
    demo: tuple[HandlerContext, LedgerProjection], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, index = demo
    moment = next(e for _, e in ctx.app.all_events()).recorded_at + timedelta(days=1)
    as_recorded(ctx.app, index, "TH-81/2557", moment, ctx.framework)  # index caught up
    recorder = ctx.app.recorder
    pages: list[int] = []
    streams: list[UUID] = []
    page, stream = recorder.select_notifications, recorder.select_events

    def counted_page(*args: Any, **kwargs: Any) -> Any:
        found = page(*args, **kwargs)
        pages.append(len(found))
        return found

    def counted_stream(originator_id: UUID, **kwargs: Any) -> Any:
        streams.append(originator_id)
        return stream(originator_id, **kwargs)

    monkeypatch.setattr(recorder, "select_notifications", counted_page)
    monkeypatch.setattr(recorder, "select_events", counted_stream)
    view = as_recorded(ctx.app, index, "TH-81/2557", moment, ctx.framework)
    assert view.state.agreement_ref == "TH-81/2557"
    assert sum(pages) == 0  # the index was current: no page of the log was read
    # Its own events, its unit's, and those of the joint KPI it joins (for the shared result).
    assert set(streams) <= {agreement_uuid("TH-81/2557"), unit_uuid("TH-81"), joint_uuid(JOINT_ID)}
