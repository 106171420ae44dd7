"""Joint KPIs: one result, filed once by the host, counted in every participating agreement."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import msgspec
import pytest

from commands.handlers import HandlerContext
from commands.replay.checker import RuleReplay
from commands.wiring import build_context
from ledger.domain.events import ScoresCertified
from ledger.domain.joint.events import SharedResultFiled
from ledger.domain.values import Actor
from ledger.errors import RuleRefused
from ledger.frameworks.loader import framework_by_id
from tests.builders import (
    APPEAL_BODY,
    EVALUATOR,
    FIVE_LEVEL,
    FY2568_KPIS,
    OPDC,
    UNIT,
    accept,
    assess,
    at,
    fy2557_signed,
    kpi,
    run,
    sar,
    sign,
    ticking_clock,
    unit_with_agreement,
)
from tests.identity import admit
from tests.stores import StoreMaker

JOINT = "J-WATER"
HOST = "RID"
HOST_OFFICE = {"id": "rid-office", "role": "assessed_unit"}
TITLES = {"title_th": "การบริหารจัดการน้ำ", "title_en": "Water management"}


def host_and_joint(framework_id: str, component: str, thresholds: list[str]) -> list[Any]:
    per_participant = framework_id == "fy2568-provinces"
    return [
        {
            "type": "register_unit",
            "actor": OPDC,
            "unit_id": HOST,
            "name_th": "กรมชลประทาน",
            "name_en": "Royal Irrigation Department",
            "level": "department",
        },
        {
            "type": "define_joint_kpi",
            "actor": OPDC,
            "joint_id": JOINT,
            "framework_id": framework_id,
            "host_unit_id": HOST,
            "component": component,
            "unit_of_measure": "%",
            "direction": "higher",
            "thresholds": [] if per_participant else thresholds,
            "per_participant_targets": per_participant,
            **TITLES,
        },
    ]


def fy2568_participant(unit_id: str, thresholds: list[str]) -> Iterator[dict[str, Any]]:
    """A FY2568 province whose A2 (Joint KPIs by agenda) joins the joint KPI, own targets."""
    ref = f"{unit_id}/2568"
    yield from unit_with_agreement(unit_id, "province", 2568, "fy2568-provinces")
    for kpi_id, component, weight, *code in FY2568_KPIS:
        extra: dict[str, Any] = {"mandatory_code": code[0]} if code else {}
        if kpi_id == "A2":
            extra.update(TITLES, joint_id=JOINT, thresholds=thresholds)
        yield kpi(ref, kpi_id, component, weight, **extra)
    for kpi_id, *_ in FY2568_KPIS:
        yield accept(ref, kpi_id)
    yield sign(ref)


def shared(command_type: str, **fields: Any) -> dict[str, Any]:
    actors = {
        "file_shared_result": HOST_OFFICE,
        "verify_shared_result": EVALUATOR,
        "request_shared_appeal": UNIT,
        "decide_shared_appeal": APPEAL_BODY,
        "adjust_shared_result": APPEAL_BODY,
    }
    return {"type": command_type, "actor": actors[command_type], "joint_id": JOINT, **fields}


def log_length(ctx: HandlerContext) -> int:
    return sum(1 for _ in ctx.app.all_events())


def targets(i: int) -> list[str]:
    """Each province's own basic / standard / advanced targets (illustrative)."""
    return [str(55 + i % 10), str(75 + i % 10), "95"]


def rules_replay_clean(ctx: HandlerContext) -> None:
    """Every event of the log replayed through the rules, as ``ledger verify`` does."""
    replay = RuleReplay(lambda framework_id: framework_by_id(framework_id, None))
    findings = [f for _, event in ctx.app.all_events() for f in replay.feed(event)]
    assert findings + replay.finish() == []


def test_a_joint_kpi_of_76_provinces_is_filed_once_and_scored_in_each(stores: StoreMaker) -> None:
    # 76 provinces (as many as FY2568's tourism revenue KPI has) on SQLite: ~16 s with every
    # certification. PostgreSQL builds 12 (~5 s): there each province's year is some 20 round
    # trips, and 76 took 35 s measured; the rules do not depend on the backend.
    count = 76 if stores.backend == "sqlite" else 12
    ctx = build_context(stores.new("joint76"), clock=ticking_clock())
    for command in host_and_joint("fy2568-provinces", "1.2.1", []):
        run(ctx, command)
    provinces = [f"TH-{i:02d}" for i in range(10, 10 + count)]
    for i, unit_id in enumerate(provinces):
        for command in fy2568_participant(unit_id, targets(i)):
            run(ctx, command)
    # Admitted first, so that the log counts below hold the filing and the verification alone.
    admit(ctx, msgspec.convert(HOST_OFFICE, Actor), HOST)
    admit(ctx, msgspec.convert(EVALUATOR, Actor), HOST)
    before = log_length(ctx)
    filed = run(ctx, shared("file_shared_result", round_id="6m", actual="72"))
    assert [type(e) for e in filed] == [SharedResultFiled]
    assert log_length(ctx) == before + 1
    (verified,) = run(ctx, shared("verify_shared_result", round_id="6m", verified_actual="72"))
    assert log_length(ctx) == before + 2
    scores = {}
    for i, unit_id in enumerate(provinces):
        # 72 lies between each province's basic and standard targets: 50 to 75 points.
        low, standard, _ = (Decimal(t) for t in targets(i))
        expected = 50 + (Decimal(72) - low) * 25 / (standard - low)
        state = ctx.load(f"{unit_id}/2568").agreement
        assert state.round("6m").results["A2"] == Decimal(72)
        score = state.round("6m").assessments["A2"].score
        assert score == expected.quantize(Decimal("0.0001"), ROUND_HALF_UP)
        scores[unit_id] = score
    # Targets differ with the province (ten sets), and so do the scores of the one value.
    assert len(set(scores.values())) == min(count, 10)
    # Every province certifies its own round on the one shared result.
    for unit_id in provinces:
        ref = f"{unit_id}/2568"
        run(ctx, sar(ref, "6m", {"A1": "60", "A3": "70"}))
        run(ctx, assess(ref, "6m", {"A1": "60", "A3": "70"}))
        (certified,) = run(
            ctx, {"type": "certify_scores", "actor": OPDC, "agreement": ref, "round_id": "6m"}
        )
        assert isinstance(certified, ScoresCertified)
        (used,) = certified.shared
        assert (used.kpi_id, used.joint_id, used.value) == ("A2", JOINT, Decimal(72))
        assert used.joint_version == verified.originator_version
        assert used.score == scores[unit_id]
    rules_replay_clean(ctx)


@pytest.fixture
def participants(ctx: HandlerContext) -> HandlerContext:
    """Two FY2557 provinces whose P3 joins a joint KPI with shared criteria."""
    for command in host_and_joint("fy2557-provinces", "1.2", FIVE_LEVEL):
        run(ctx, command)
    for unit_id in ("TH-81", "TH-82"):
        for command in fy2557_signed(unit_id):
            if command["type"] == "propose_kpi" and command["kpi_id"] == "P3":
                command.update(TITLES, joint_id=JOINT)
            run(ctx, command)
    return ctx


def refused_and_nothing_recorded(ctx: HandlerContext, command: dict[str, Any]) -> RuleRefused:
    before = log_length(ctx)
    with pytest.raises(RuleRefused) as refused:
        run(ctx, command)
    assert log_length(ctx) == before
    return refused.value


def test_a_participant_filing_its_own_value_for_a_joint_kpi_is_refused_naming_the_host(
    participants: HandlerContext,
) -> None:
    error = refused_and_nothing_recorded(
        participants, sar("TH-81/2557", "9m", {"P1": "80", "P3": "75"})
    )
    assert error.field == "results[1].kpi_id"
    assert HOST in error.message
    alone = refused_and_nothing_recorded(participants, sar("TH-82/2557", "9m", {"P3": "75"}))
    assert alone.field == "results[0].kpi_id"
    assert HOST in alone.message
    run(participants, shared("file_shared_result", round_id="9m", actual="82"))
    run(participants, sar("TH-81/2557", "9m", {"P1": "80"}))
    error = refused_and_nothing_recorded(participants, assess("TH-81/2557", "9m", {"P3": "75"}))
    assert error.field == "assessments[0].kpi_id"


def test_joining_with_another_measure_or_other_criteria_is_refused(ctx: HandlerContext) -> None:
    for command in host_and_joint("fy2557-provinces", "1.2", FIVE_LEVEL):
        run(ctx, command)
    drafts = [c for c in fy2557_signed("TH-81") if c["type"] in ("register_unit", "open_agreement")]
    for command in drafts:
        run(ctx, command)
    base = kpi("TH-81/2557", "P3", "1.2", "15", thresholds=FIVE_LEVEL, joint_id=JOINT, **TITLES)
    for change, field in (
        ({"title_en": "Water used"}, "title_en"),
        ({"unit_of_measure": "m3"}, "unit_of_measure"),
        ({"title_th": "การใช้น้ำ"}, "title_th"),
        ({"direction": "lower", "thresholds": FIVE_LEVEL[::-1]}, "direction"),
        ({"component": "1.1"}, "component"),
        # FY2557 provinces share the joint KPI's criteria: no targets of their own.
        ({"thresholds": ["60", "65", "70", "75", "80"]}, "thresholds"),
    ):
        assert refused_and_nothing_recorded(ctx, {**base, **change}).field == field
    (proposed,) = run(ctx, base)
    assert proposed.terms.joint_host == HOST  # type: ignore[attr-defined]


def test_an_appeal_on_the_shared_result_rescores_every_participant(
    participants: HandlerContext,
) -> None:
    ctx = participants
    run(
        ctx,
        shared("file_shared_result", round_id="12m", actual="79", effective_at=at("2014-10-20")),
    )
    run(ctx, shared("verify_shared_result", round_id="12m", verified_actual="79"))
    others = dict.fromkeys(("G1", "G2", "P1", "P2", "K2", "K3", "K4", "K5", "K6"), "80")
    for ref in ("TH-81/2557", "TH-82/2557"):
        run(ctx, sar(ref, "12m", others, effective_at=at("2014-10-20")))
        run(ctx, assess(ref, "12m", others))
        run(ctx, {"type": "certify_scores", "actor": OPDC, "agreement": ref, "round_id": "12m"})
    appeal = shared(
        "request_shared_appeal",
        appeal_id="AP-1",
        round_id="12m",
        claim="The host left out December's arrivals",
        agreement="TH-82/2557",
    )
    run(ctx, appeal)
    run(
        ctx,
        shared(
            "decide_shared_appeal",
            appeal_id="AP-1",
            outcome="upheld",
            body="อ.ก.พ.ร.",
            rationale="Arrivals were undercounted",
        ),
    )
    (adjusted,) = run(
        ctx,
        shared(
            "adjust_shared_result",
            appeal_id="AP-1",
            new_value="85",
            reason="recount",
            authority="OPDC",
        ),
    )
    for ref in ("TH-81/2557", "TH-82/2557"):
        state = ctx.load(ref).agreement
        assert state.round("12m").recertification_due
        assert state.round("12m").assessments["P3"].score == Decimal(4)
        (again,) = run(
            ctx, {"type": "certify_scores", "actor": OPDC, "agreement": ref, "round_id": "12m"}
        )
        assert isinstance(again, ScoresCertified)
        assert again.supersedes is not None
        assert again.composite > again.supersedes
        (used,) = again.shared
        assert (used.joint_id, used.value) == (JOINT, Decimal(85))
        assert used.joint_version == adjusted.originator_version
    rules_replay_clean(ctx)


def test_a_participant_may_appeal_only_a_shared_result_it_counts(
    participants: HandlerContext,
) -> None:
    run(participants, shared("file_shared_result", round_id="12m", actual="79"))
    run(participants, shared("verify_shared_result", round_id="12m", verified_actual="79"))
    for command in fy2557_signed("TH-83"):
        run(participants, command)
    stranger = shared(
        "request_shared_appeal", appeal_id="AP-9", round_id="12m", claim="x", agreement="TH-83/2557"
    )
    assert refused_and_nothing_recorded(participants, stranger).field == "agreement"


def test_a_participant_appealing_the_shared_result_in_its_own_agreement_is_refused(
    participants: HandlerContext,
) -> None:
    run(participants, shared("file_shared_result", round_id="12m", actual="79"))
    run(participants, shared("verify_shared_result", round_id="12m", verified_actual="79"))
    own_appeal = {
        "type": "request_appeal",
        "actor": UNIT,
        "agreement": "TH-81/2557",
        "appeal_id": "AP-1",
        "round_id": "12m",
        "kpi_id": "P3",
        "claim": "The host left out December's arrivals",
    }
    error = refused_and_nothing_recorded(participants, own_appeal)
    assert error.field == "kpi_id"
    assert HOST in error.message


def test_a_shared_result_cannot_be_appealed_before_it_is_verified(
    participants: HandlerContext,
) -> None:
    run(participants, shared("file_shared_result", round_id="12m", actual="79"))
    early = shared(
        "request_shared_appeal",
        appeal_id="AP-1",
        round_id="12m",
        claim="The host left out December's arrivals",
        agreement="TH-82/2557",
    )
    assert refused_and_nothing_recorded(participants, early).field == "round_id"
    run(participants, shared("verify_shared_result", round_id="12m", verified_actual="79"))
    (requested,) = run(participants, early)
    assert requested.participant == "TH-82/2557"  # type: ignore[attr-defined]


def test_per_participant_targets_are_refused_where_the_framework_shares_criteria(
    ctx: HandlerContext,
) -> None:
    register, define = host_and_joint("fy2557-provinces", "1.2", FIVE_LEVEL)
    run(ctx, register)
    own_targets = {**define, "thresholds": [], "per_participant_targets": True}
    error = refused_and_nothing_recorded(ctx, own_targets)
    assert error.field == "per_participant_targets"
    assert ctx.app.joint(JOINT) is None
