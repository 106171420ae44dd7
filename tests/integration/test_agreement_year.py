"""A whole FY2568 year through the handlers, with scores checked by hand."""

from __future__ import annotations

from decimal import Decimal

from commands.handlers import HandlerContext
from ledger.domain.events import NegotiationDecisionRecorded, ScoresCertified
from projections.scores import round_scores
from tests.builders import OPDC, accept, assess, fy2568_drafts, fy2568_signed, run, sar
from tests.oracle import fold_log

REF = "TH-42/2568"
# Every KPI here has thresholds 50 / 60 / 70 for 50 / 75 / 100 points.
SIX_MONTHS = {"A1": "55", "A2": "70", "A3": "45"}  # 62.5, 100, 0 points
TWELVE_MONTHS = {"A1": "70", "A2": "62", "A3": "60", "P1": "66", "P2": "70", "P3": "45"}


def certify(round_id: str) -> dict[str, object]:
    return {"type": "certify_scores", "actor": OPDC, "agreement": REF, "round_id": round_id}


def test_rounds_score_what_the_framework_says_and_certify_with_a_band(
    ctx: HandlerContext,
) -> None:
    for command in fy2568_signed():
        run(ctx, command)
    run(ctx, sar(REF, "6m", SIX_MONTHS))
    run(ctx, assess(REF, "6m", SIX_MONTHS))
    (six,) = run(ctx, certify("6m"))
    assert isinstance(six, ScoresCertified)
    # Performance Base only: (30*62.5 + 10*100 + 30*0) / 70 = 41.0714... -> 41.07, "fair".
    assert six.composite == Decimal("41.07")
    assert six.band_en == "fair"
    run(ctx, sar(REF, "12m", TWELVE_MONTHS))
    run(ctx, assess(REF, "12m", TWELVE_MONTHS))
    (twelve,) = run(ctx, certify("12m"))
    assert isinstance(twelve, ScoresCertified)
    # Points: A1 100, A2 80, A3 75, P1 90, P2 100, P3 0.
    # 30*100 + 10*80 + 30*75 + 10*90 + 10*100 + 10*0 = 7950 / 100 = 79.50, "good".
    assert twelve.composite == Decimal("79.50")
    assert twelve.band_th == "ดี"

    catalogue = fold_log(event for _, event in ctx.app.all_events())
    tables = round_scores(
        catalogue.agreements[REF], catalogue.units["TH-42"], ctx.framework("fy2568-provinces")
    )
    assert [(t.round_id, t.status, t.composite) for t in tables] == [
        ("6m", "certified", Decimal("41.07")),
        ("12m", "certified", Decimal("79.50")),
    ]
    assert [row.kpi_id for row in tables[0].kpis] == ["A1", "A2", "A3"]
    a1 = tables[1].kpis[0]
    assert (a1.score, a1.weighted_score) == (Decimal("100.0000"), Decimal("30.000000"))


def test_an_amended_decision_records_the_full_new_terms(ctx: HandlerContext) -> None:
    for command in fy2568_drafts():
        run(ctx, command)
    (decision,) = run(
        ctx,
        accept(
            REF,
            "A1",
            outcome="amended",
            amendments={"thresholds": ["55", "65", "75"]},
            minutes="ยกระดับเป้าหมาย",
        ),
    )
    assert isinstance(decision, NegotiationDecisionRecorded)
    assert decision.terms is not None
    assert decision.terms.thresholds == (Decimal(55), Decimal(65), Decimal(75))
    assert decision.terms.weight == Decimal(30)  # untouched values carried over
    assert ctx.app.agreement(REF).kpis["A1"].terms == decision.terms


def test_every_event_names_actor_role_and_both_times(ctx: HandlerContext) -> None:
    for command in fy2568_signed():
        run(ctx, command)
    for _, event in ctx.app.all_events():
        assert event.actor.id
        assert event.actor.role
        assert event.recorded_at.tzinfo is not None
        assert event.effective_at.tzinfo is not None
