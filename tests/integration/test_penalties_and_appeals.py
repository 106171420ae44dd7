"""Late reports and their penalties, cancelled rounds, appeals and re-certification."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from commands.handlers import HandlerContext
from ledger.domain.control_events import PenaltyAssessed, RoundCancelled, ScoreAdjusted
from ledger.domain.events import ScoresCertified
from ledger.errors import AlreadyRecorded, RuleRefused
from projections.scores import round_scores
from tests.builders import (
    APPEAL_BODY,
    FY2557_KPIS,
    OPDC,
    UNIT,
    assess,
    at,
    fy2557_signed,
    run,
    sar,
)
from tests.oracle import fold_log

REF = "TH-81/2557"
# Every scored KPI at 80 (level 3) except P1 at 77.5 (2.5): composite (15*2.5 + 85*3)/100.
RESULTS = {k[0]: "80" for k in FY2557_KPIS} | {"P1": "77.5"}


@pytest.fixture
def signed(ctx: HandlerContext) -> HandlerContext:
    for command in fy2557_signed():
        run(ctx, command)
    return ctx


def certify() -> dict[str, Any]:
    return {"type": "certify_scores", "actor": OPDC, "agreement": REF, "round_id": "12m"}


def twelve_months(ctx: HandlerContext, day: str, channel: str = "e-sar") -> list[Any]:
    return run(ctx, sar(REF, "12m", RESULTS, filed_at=at(day), channel=channel))


def test_a_late_esar_costs_a_flat_penalty(signed: HandlerContext) -> None:
    sar_event, penalty = twelve_months(signed, "2014-11-01")
    assert isinstance(penalty, PenaltyAssessed)
    assert (penalty.kind, penalty.amount, penalty.working_days_late) == (
        "late_esar",
        Decimal("0.0500"),
        None,
    )
    assert penalty.sar_version == sar_event.originator_version


def test_a_late_paper_sar_costs_per_working_day_skipping_holidays(
    signed: HandlerContext,
) -> None:
    twelve_months(signed, "2014-10-30")  # the e-SAR on time: no penalty
    # Due Friday 31 Oct; delivered Friday 7 Nov: five working days.
    _, penalty = twelve_months(signed, "2014-11-07", channel="paper")
    assert isinstance(penalty, PenaltyAssessed)
    assert penalty.working_days_late == 5
    assert penalty.amount == Decimal("0.2500")
    assert penalty.rate == Decimal("0.0500")


def test_a_penalty_is_assessed_once_per_round(signed: HandlerContext) -> None:
    twelve_months(signed, "2014-11-03")
    assert len(twelve_months(signed, "2014-11-04")) == 1  # the refiling adds no penalty


def test_on_time_reports_and_other_rounds_cost_nothing(signed: HandlerContext) -> None:
    assert len(run(signed, sar(REF, "9m", RESULTS, filed_at=at("2014-08-20")))) == 1
    assert len(twelve_months(signed, "2014-10-31")) == 1


def test_penalties_are_subtracted_in_scores_and_certification(signed: HandlerContext) -> None:
    twelve_months(signed, "2014-11-03")
    run(signed, assess(REF, "12m", RESULTS))
    catalogue = fold_log(e for _, e in signed.app.all_events())
    agreement = catalogue.agreements[REF]
    fw = signed.framework(agreement.framework_id)
    (table,) = round_scores(agreement, catalogue.units["TH-81"], fw)
    assert table.composite_before_penalties == Decimal("2.9250")
    assert table.penalties == {"late-esar-12m": Decimal("0.0500")}
    assert table.composite == Decimal("2.8750")
    (certified,) = run(signed, certify())
    assert isinstance(certified, ScoresCertified)
    assert (certified.before_penalties, certified.penalties, certified.composite) == (
        Decimal("2.9250"),
        Decimal("0.0500"),
        Decimal("2.8750"),
    )


def test_a_cancelled_round_takes_no_sar(signed: HandlerContext) -> None:
    cancel = {
        "type": "cancel_round",
        "actor": OPDC,
        "framework_id": "fy2557-provinces",
        "round_id": "6m",
        "reason": "uncontrollable external factors",
    }
    (event,) = run(signed, cancel)
    assert isinstance(event, RoundCancelled)
    with pytest.raises(RuleRefused) as error:
        run(signed, sar(REF, "6m", RESULTS))
    assert "cancelled" in error.value.message
    with pytest.raises(AlreadyRecorded):
        run(signed, cancel)
    assert fold_log(e for _, e in signed.app.all_events()).cancelled_rounds == {
        "fy2557-provinces": {"6m": "uncontrollable external factors"}
    }


def appeal(round_id: str = "12m", appeal_id: str = "AP-1") -> dict[str, Any]:
    return {
        "type": "request_appeal",
        "actor": UNIT,
        "agreement": REF,
        "appeal_id": appeal_id,
        "round_id": round_id,
        "kpi_id": "P1",
        "claim": "The verified figure missed a late-reported district",
    }


def decide(outcome: str) -> dict[str, Any]:
    return {
        "type": "decide_appeal",
        "actor": APPEAL_BODY,
        "agreement": REF,
        "appeal_id": "AP-1",
        "outcome": outcome,
        "body": "Appeals sub-committee",
        "rationale": "Checked against the district reports",
    }


def adjust(new_score: str) -> dict[str, Any]:
    return {
        "type": "adjust_score",
        "actor": APPEAL_BODY,
        "agreement": REF,
        "appeal_id": "AP-1",
        "new_score": new_score,
        "reason": "the district's figures included",
        "authority": "Appeals sub-committee",
    }


def certified_year(ctx: HandlerContext) -> None:
    twelve_months(ctx, "2014-10-28")
    run(ctx, assess(REF, "12m", RESULTS))
    run(ctx, certify())


def test_an_upheld_appeal_adjusts_the_score_and_needs_recertification(
    signed: HandlerContext,
) -> None:
    certified_year(signed)
    run(signed, appeal())
    run(signed, decide("upheld"))
    (adjusted,) = run(signed, adjust("3"))
    assert isinstance(adjusted, ScoreAdjusted)
    assert (adjusted.old_score, adjusted.new_score) == (Decimal("2.5000"), Decimal(3))
    state = signed.app.agreement(REF).round("12m")
    assert state.recertification_due
    assert not state.certified
    with pytest.raises(RuleRefused):
        run(signed, sar(REF, "12m", RESULTS))  # scores change only through the appeal
    (again,) = run(signed, certify())
    assert isinstance(again, ScoresCertified)
    assert (again.supersedes, again.composite) == (Decimal("2.9250"), Decimal("3.0000"))
    with pytest.raises(RuleRefused):
        run(signed, certify())


def test_a_rejected_appeal_cannot_adjust_a_score(signed: HandlerContext) -> None:
    certified_year(signed)
    run(signed, appeal())
    run(signed, decide("rejected"))
    with pytest.raises(RuleRefused) as error:
        run(signed, adjust("3"))
    assert error.value.field == "appeal_id"


def test_appeals_only_in_the_rounds_the_framework_names(signed: HandlerContext) -> None:
    run(signed, sar(REF, "9m", RESULTS))
    run(signed, assess(REF, "9m", RESULTS))
    with pytest.raises(RuleRefused) as error:
        run(signed, appeal("9m"))
    assert error.value.expected == "6m, 12m"


def test_an_appeal_answers_a_recorded_score(signed: HandlerContext) -> None:
    twelve_months(signed, "2014-10-28")
    with pytest.raises(RuleRefused) as error:
        run(signed, appeal())
    assert error.value.field == "kpi_id"


def test_an_adjusted_score_stays_on_the_scale(signed: HandlerContext) -> None:
    certified_year(signed)
    run(signed, appeal())
    run(signed, decide("partly_upheld"))
    with pytest.raises(Exception, match="outside the five_level scale"):
        run(signed, adjust("5.5"))
