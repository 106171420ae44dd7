"""Verification replays every event through the handlers: everything the handlers record
replays clean, and an event they would refuse or record differently is named with its rule."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings

from commands.cli.demo import demo_lines
from commands.replay import RuleReplay
from commands.wiring import build_context, framework_resolver
from ledger.domain.control_events import (
    CascadeDriftKept,
    ChangeAttemptRefused,
    ChangeDecided,
    PenaltyAssessed,
)
from ledger.domain.events import EvaluatorAssessed, LedgerEvent, SarFiled, ScoresCertified
from ledger.domain.receipt import CommandHandled
from ledger.domain.values import Actor, KpiAssessment
from ledger.persistence.settings import Settings
from tests.builders import fy2557_signed, ticking_clock
from tests.histories import random_year, record_or_refuse
from tests.identity import apply_as_actors
from tests.stores import StoreMaker

Events = list[LedgerEvent]


def findings(events: Events) -> list[str]:
    replay = RuleReplay(framework_resolver(Settings()))
    found = [f"{i}: {m}" for i, event in enumerate(events) for m in replay.feed(event)]
    return found + replay.finish()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Events:
    settings = Settings(database=str(tmp_path_factory.mktemp("replay") / "demo.sqlite"))
    ctx = build_context(settings, clock=ticking_clock())
    apply_as_actors(ctx, demo_lines(), keep_going=True)
    events = [event for _, event in ctx.app.all_events()]
    ctx.app.close()
    return events


def head(found: list[str]) -> str:
    assert found, "nothing was found"
    return found[0]


def first(events: Events, kind: type[Any], where: Callable[[Any], bool] = bool) -> int:
    return next(i for i, e in enumerate(events) if isinstance(e, kind) and where(e))


def changed(events: Events, index: int, **fields: Any) -> Events:
    return [*events[:index], msgspec.structs.replace(events[index], **fields), *events[index + 1 :]]


def test_the_demo_year_replays_clean(demo: Events) -> None:
    assert findings(demo) == []


def test_a_certification_after_its_round_reopens_only_through_an_adjustment(demo: Events) -> None:
    at = first(demo, ScoresCertified, lambda e: e.round_id == "12m")
    certified = demo[at]
    krabi = [e for e in demo[: at + 1] if e.originator_id == certified.originator_id]
    kpi_id = next(
        a.kpi_id for e in krabi if isinstance(e, EvaluatorAssessed) for a in e.assessments
    )
    evaluated = next(e for e in krabi if isinstance(e, EvaluatorAssessed))
    late = EvaluatorAssessed(
        originator_id=certified.originator_id,
        originator_version=certified.originator_version + 1,
        recorded_at=certified.recorded_at,
        effective_at=certified.effective_at,
        actor=evaluated.actor,
        entered_by=evaluated.entered_by,
        round_id="12m",
        assessments=(KpiAssessment(kpi_id=kpi_id, verified_actual=Decimal(1), score=None),),
    )
    (found,) = findings([*demo[: at + 1], late])
    assert f"{at + 1}: the handlers refuse it" in found
    assert "rule: certified scores change only through appeals" in found


def test_a_role_that_may_not_take_the_step_is_named(demo: Events) -> None:
    at = first(demo, ScoresCertified)
    certified = demo[at]
    forged = changed(demo, at, actor=Actor(id=certified.actor.id, role="independent_evaluator"))
    found = findings(forged)
    assert any("acting as independent_evaluator may not certify_scores" in f for f in found), found
    assert any("rule: each step is taken by the role it belongs to" in f for f in found), found


def test_a_forged_composite_is_named_with_both_values(demo: Events) -> None:
    at = first(demo, ScoresCertified)
    certified = demo[at]
    assert isinstance(certified, ScoresCertified)
    found = findings(changed(demo, at, composite=certified.composite + 1))
    assert found[0].startswith(
        f"{at}: composite recorded {certified.composite + 1}, the rules give"
    )


def test_a_gap_in_an_aggregates_versions_is_named(demo: Events) -> None:
    at = first(demo, SarFiled)
    found = findings([*demo[:at], *demo[at + 1 :]])
    assert any("where the next is" in f for f in found), found


def test_a_rule_1_verdict_that_differs_from_the_recomputed_one_is_named(demo: Events) -> None:
    at = first(demo, ChangeDecided, lambda e: e.check is not None)
    decided = demo[at]
    assert isinstance(decided, ChangeDecided)
    assert decided.check is not None
    flipped = msgspec.structs.replace(decided.check, favourable_after_results=True)
    found = findings(changed(demo, at, check=flipped))
    assert head(found).startswith(f"{at}: check recorded")


def test_a_refused_attempt_that_the_rules_would_accept_is_named(demo: Events) -> None:
    at = first(demo, ChangeAttemptRefused, lambda e: e.attempt == "change_decision")
    attempt = demo[at]
    assert isinstance(attempt, ChangeAttemptRefused)
    honest = attempt.attempted.replace('"outcome":"approved"', '"outcome":"rejected"')
    found = findings(changed(demo, at, attempted=honest))
    assert "would not be refused" in head(found)


def test_a_forged_what_if_digest_is_named(demo: Events) -> None:
    at = first(demo, ChangeDecided)
    found = findings(changed(demo, at, what_if_sha256="0" * 64))
    assert head(found).startswith(f"{at}: what_if_sha256 recorded {'0' * 64}, the rules give")


def test_a_certification_that_misstates_its_shared_result_is_named(demo: Events) -> None:
    at = first(demo, ScoresCertified, lambda e: bool(e.shared))
    certified = demo[at]
    assert isinstance(certified, ScoresCertified)
    used = certified.shared[0]
    inflated = msgspec.structs.replace(used, value=used.value + 1)
    for forged in ((), (inflated,)):
        assert head(findings(changed(demo, at, shared=forged))).startswith(f"{at}: shared recorded")


def test_a_kept_cascade_naming_another_parent_revision_is_named(demo: Events) -> None:
    at = first(demo, CascadeDriftKept)
    kept = demo[at]
    assert isinstance(kept, CascadeDriftKept)
    found = findings(changed(demo, at, parent_revision=kept.parent_revision + 5))
    assert head(found).startswith(f"{at}: parent_revision recorded {kept.parent_revision + 5}")


def test_a_penalty_left_out_or_changed_is_named(demo: Events) -> None:
    at = first(demo, PenaltyAssessed)
    penalty = demo[at]
    assert isinstance(penalty, PenaltyAssessed)
    assert any("also records PenaltyAssessed" in f for f in findings([*demo[:at], *demo[at + 1 :]]))
    doubled = findings(changed(demo, at, amount=penalty.amount * 2))
    assert any("no command records it" in f or "amount" in f for f in doubled), doubled


def test_a_receipt_that_names_other_events_is_named(tmp_path: Path) -> None:
    ctx = build_context(Settings(database=str(tmp_path / "r.sqlite")), clock=ticking_clock())
    lines = [
        msgspec.json.encode({**c, "command_id": f"00000000-0000-4000-8000-{n:012d}"}).decode()
        for n, c in enumerate(fy2557_signed())
    ]
    apply_as_actors(ctx, lines)
    events = [event for _, event in ctx.app.all_events()]
    ctx.app.close()
    assert findings(events) == []
    at = first(events, CommandHandled, lambda e: len(e.recorded) == 1)
    receipt = events[at]
    assert isinstance(receipt, CommandHandled)
    wrong = msgspec.structs.replace(receipt.recorded[0], originator_version=99)
    found = findings(changed(events, at, recorded=(wrong,)))
    assert "it names events the command before it did not record" in head(found)


def _histories(backend: str) -> Iterator[Any]:
    with tempfile.TemporaryDirectory() as folder:
        stores = StoreMaker(backend, Path(folder))
        try:
            yield build_context(stores.new(), clock=ticking_clock())
        finally:
            stores.close()


@hypothesis_settings(max_examples=15)
@given(commands=random_year())
def test_whatever_the_handlers_record_replays_clean(
    backend: str, commands: list[dict[str, Any]]
) -> None:
    for ctx in _histories(backend):
        for command in commands:
            record_or_refuse(ctx, command)
        events = [event for _, event in ctx.app.all_events()]
        ctx.app.close()
        assert findings(events) == []
