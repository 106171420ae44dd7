"""Change control through the handlers: requests, windows, reasons, decisions, rule 1."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.domain.control_events import ChangeAttemptRefused, ChangeDecided, ChangeRequested
from ledger.domain.decisions.attempts import AttemptRefused
from ledger.errors import AlreadyRecorded, LedgerError, RuleRefused
from projections.audit import audit_log
from tests.builders import (
    FY2557_KPIS,
    assess,
    at,
    decide_change,
    fy2557_signed,
    fy2568_signed,
    kpi,
    request_change,
    run,
    sar,
    ticking_clock,
)
from tests.stores import StoreMaker

REF = "TH-81/2557"
LOWER_P1 = {"thresholds": ["60", "65", "70", "75", "80"]}


@pytest.fixture
def signed(ctx: HandlerContext) -> HandlerContext:
    for command in fy2557_signed():
        run(ctx, command)
    return ctx


def log(ctx: HandlerContext) -> list[Any]:
    return [event for _, event in ctx.app.all_events()]


def refused_and_kept(
    ctx: HandlerContext, command: dict[str, Any], family: type[LedgerError] = AttemptRefused
) -> tuple[LedgerError, ChangeAttemptRefused]:
    """The command is refused, the agreement is unchanged, and only the attempt is recorded."""
    before = ctx.app.agreement(REF)
    count = len(log(ctx))
    with pytest.raises(family) as error:
        run(ctx, command)
    after = log(ctx)
    assert len(after) == count + 1
    kept = after[-1]
    assert isinstance(kept, ChangeAttemptRefused)
    assert ctx.app.agreement(REF).kpis == before.kpis
    return error.value, kept


def refused_and_not_recorded(
    ctx: HandlerContext, command: dict[str, Any], family: type[LedgerError]
) -> LedgerError:
    count = len(log(ctx))
    with pytest.raises(family) as error:
        run(ctx, command)
    assert len(log(ctx)) == count
    return error.value


def test_an_approved_change_changes_the_agreement_and_both_events_stay(
    signed: HandlerContext,
) -> None:
    (requested,) = run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    assert isinstance(requested, ChangeRequested)
    assert requested.window_id == "round1"
    assert signed.app.agreement(REF).kpis["P1"].terms.thresholds[0] == Decimal(70)
    (decided,) = run(signed, decide_change(REF, "CR-1", "2014-04-30"))
    assert isinstance(decided, ChangeDecided)
    assert decided.terms_before.thresholds[0] == Decimal(70)
    assert decided.check is not None
    assert decided.check.known is None
    assert signed.app.agreement(REF).kpis["P1"].terms.thresholds[0] == Decimal(60)


def test_a_rejected_change_changes_nothing_but_is_recorded(signed: HandlerContext) -> None:
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    run(signed, decide_change(REF, "CR-1", "2014-04-30", "rejected", rationale="No evidence"))
    state = signed.app.agreement(REF)
    assert state.kpis["P1"].terms.thresholds[0] == Decimal(70)
    assert state.requests["CR-1"].status == "rejected"
    types = [type(e).__name__ for e in log(signed)[-2:]]
    assert types == ["ChangeRequested", "ChangeDecided"]


def test_approved_with_amendments_applies_the_committees_values(signed: HandlerContext) -> None:
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    amended = {"thresholds": ["65", "70", "75", "80", "85"]}
    run(
        signed,
        decide_change(REF, "CR-1", "2014-04-30", "approved_with_amendments", amendments=amended),
    )
    assert signed.app.agreement(REF).kpis["P1"].terms.thresholds[0] == Decimal(65)


def test_a_request_after_the_last_window_is_refused_naming_it_and_kept(
    signed: HandlerContext,
) -> None:
    error, kept = refused_and_kept(
        signed, request_change(REF, "CR-9", "P1", "2014-11-03", proposal=LOWER_P1)
    )
    assert "final" in error.message
    assert "2014-10-31" in error.message
    assert error.field == "effective_at"
    assert kept.attempt == "change_request"
    assert kept.request_id == "CR-9"
    assert "CR-9" in kept.attempted


def test_a_decision_after_its_requests_window_is_refused_and_kept(
    signed: HandlerContext,
) -> None:
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    error, kept = refused_and_kept(signed, decide_change(REF, "CR-1", "2014-05-02"))
    assert "round1" in error.message
    assert "2014-04-30" in error.message
    assert kept.attempt == "change_decision"
    assert signed.app.agreement(REF).requests["CR-1"].status == "open"


def test_fy2568_windows_end_in_february_and_july(ctx: HandlerContext) -> None:
    for command in fy2568_signed():
        run(ctx, command)
    ref = "TH-42/2568"
    proposal = {"thresholds": ["45", "55", "65"]}
    base = {"reason_code": "1.1", "proposal": proposal}
    (first,) = run(ctx, request_change(ref, "R1", "A1", "2025-02-27", **base))
    (second,) = run(ctx, request_change(ref, "R2", "A3", "2025-03-01", **base))
    assert isinstance(first, ChangeRequested)
    assert isinstance(second, ChangeRequested)
    assert (first.window_id, second.window_id) == ("6m", "12m")
    with pytest.raises(AttemptRefused) as error:
        run(ctx, decide_change(ref, "R1", "2025-03-03"))
    assert "2025-02-28" in error.value.message
    with pytest.raises(AttemptRefused) as late:
        run(ctx, request_change(ref, "R3", "A2", "2025-08-01", **base))
    assert "2025-07-31" in late.value.message


@pytest.mark.parametrize("reason", ["internal-management", "project-delay", "1.1"])
def test_a_reason_not_on_the_frameworks_list_is_refused_and_records_nothing(
    signed: HandlerContext, reason: str
) -> None:
    command = request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1)
    error = refused_and_not_recorded(signed, {**command, "reason_code": reason}, RuleRefused)
    assert error.field == "reason_code"
    assert error.expected == "external, budget"
    assert "internal management" in error.message


def test_a_kpi_proposed_after_signing_is_refused_and_the_attempt_kept(
    signed: HandlerContext,
) -> None:
    command = {**kpi(REF, "P9", "1.2", "5"), "effective_at": at("2014-05-02")}
    error, kept = refused_and_kept(signed, command)
    assert "no new or replacement KPI" in (error.rule or "")
    assert kept.attempt == "kpi_proposal"
    assert kept.kpi_id == "P9"


@pytest.mark.parametrize(
    "proposal",
    [
        {"title_en": "Share of tourists satisfied", "title_th": "ร้อยละความพึงพอใจ"},
        {"unit_of_measure": "baht"},
        {"direction": "lower", "thresholds": ["90", "85", "80", "75", "70"]},
        {"direction": "milestone", "thresholds": []},
    ],
)
def test_a_change_that_alters_what_a_kpi_measures_is_a_replacement_refused_and_kept(
    signed: HandlerContext, proposal: dict[str, Any]
) -> None:
    command = request_change(REF, "CR-1", "P1", "2014-04-28", proposal=proposal)
    error, kept = refused_and_kept(signed, command)
    assert error.rule is not None
    assert error.rule.startswith("rule 3")
    assert error.field is not None
    assert error.field.split(".")[1] in proposal
    assert kept.rule == error.rule
    assert kept.attempt == "change_request"


def test_a_change_cannot_move_a_kpi_to_another_component(signed: HandlerContext) -> None:
    # Moving a KPI between components replaces it (rule 3): refused, the attempt kept.
    command = request_change(REF, "CR-1", "P1", "2014-04-28", proposal={"component": "1.1"})
    error, kept = refused_and_kept(signed, command)
    assert isinstance(error, AttemptRefused)
    assert error.rule is not None
    assert error.rule.startswith("rule 3")
    assert error.field == "proposal.component"
    assert (kept.rule, kept.attempt, kept.kpi_id) == (error.rule, "change_request", "P1")
    assert signed.app.agreement(REF).kpis["P1"].terms.component == "1.2"


def test_amendments_that_replace_the_kpi_are_refused_and_kept(signed: HandlerContext) -> None:
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    renamed = decide_change(
        REF,
        "CR-1",
        "2014-04-29",
        "approved_with_amendments",
        amendments={"title_en": "Another measure entirely"},
    )
    error, kept = refused_and_kept(signed, renamed)
    assert error.field == "amendments.title_en"
    assert kept.attempt == "change_decision"


def test_one_open_request_per_kpi(signed: HandlerContext) -> None:
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    again = request_change(REF, "CR-2", "P1", "2014-04-29", proposal=LOWER_P1)
    assert refused_and_not_recorded(signed, again, AlreadyRecorded).field == "kpi_id"


def weights(ctx: HandlerContext) -> dict[str, Decimal]:
    return {k.kpi_id: k.terms.weight for k in ctx.app.agreement(REF).kpis_in_agreement()}


def test_cancelling_moves_the_weight_within_its_component(signed: HandlerContext) -> None:
    run(signed, request_change(REF, "CR-1", "P3", "2014-04-28", kind="cancel"))
    (decided,) = run(signed, decide_change(REF, "CR-1", "2014-04-30"))
    assert isinstance(decided, ChangeDecided)
    assert {(m.kpi_id, m.before, m.after) for m in decided.weight_moves} == {
        ("P1", Decimal(15), Decimal("22.5")),
        ("P2", Decimal(15), Decimal("22.5")),
    }
    after = weights(signed)
    assert "P3" not in after
    assert sum(after.values()) == 100
    assert signed.app.agreement(REF).kpis["P3"].status == "cancelled"


def test_cancelling_the_last_kpi_of_a_component_spreads_over_all(
    signed: HandlerContext,
) -> None:
    run(
        signed, request_change(REF, "CR-1", "K2", "2014-04-28", kind="cancel", reason_code="budget")
    )
    (decided,) = run(signed, decide_change(REF, "CR-1", "2014-04-30"))
    assert isinstance(decided, ChangeDecided)
    after = weights(signed)
    assert sum(after.values()) == 100
    # 10 over 90: each KPI grows by a ninth of its weight, to the 0.0001 step; remainder by id.
    assert after["G1"] == Decimal("8.3333")
    assert after["K5"] == Decimal("16.6667")
    moved = {m.kpi_id for m in decided.weight_moves}
    assert moved == {k[0] for k in FY2557_KPIS} - {"K2"}


def test_a_weight_change_is_balanced_within_the_component(signed: HandlerContext) -> None:
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal={"weight": "20"}))
    run(signed, decide_change(REF, "CR-1", "2014-04-30"))
    after = weights(signed)
    assert (after["P1"], after["P2"], after["P3"]) == (
        Decimal(20),
        Decimal("12.5"),
        Decimal("12.5"),
    )
    assert sum(after.values()) == 100


def test_a_mandatory_kpis_weight_cannot_change(signed: HandlerContext) -> None:
    run(signed, request_change(REF, "CR-1", "K3", "2014-04-28", proposal={"weight": "4"}))
    with pytest.raises(RuleRefused) as error:
        run(signed, decide_change(REF, "CR-1", "2014-04-30"))
    assert "fixed" in error.value.message


NINE_MONTHS = {"P1": "78"}


def test_rule_1_refuses_lowering_a_target_onto_a_known_result(signed: HandlerContext) -> None:
    run(signed, sar(REF, "9m", NINE_MONTHS, effective_at=at("2014-07-25")))
    onto_k = {"thresholds": ["66", "72", "78", "84", "90"]}
    run(signed, request_change(REF, "CR-1", "P1", "2014-08-15", proposal=onto_k))
    error, kept = refused_and_kept(signed, decide_change(REF, "CR-1", "2014-08-29"))
    assert "K = 78" in error.message
    assert "SAR" in error.message
    assert "round 9m" in error.message
    assert "recorded" in error.message
    assert error.rule is not None
    assert error.rule.startswith("rule 1")
    assert kept.check is not None
    assert kept.check.crosses_known_result
    assert (kept.check.level_before, kept.check.level_after) == (2, 3)


def test_rule_1_uses_the_logs_order_not_claimed_dates(signed: HandlerContext) -> None:
    # The SAR claims a date after the decision's, but the ledger recorded it first.
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    run(signed, sar(REF, "9m", {"P1": "72"}, effective_at=at("2014-07-25")))
    with pytest.raises(AttemptRefused) as error:
        run(signed, decide_change(REF, "CR-1", "2014-04-30"))
    assert "K = 72" in error.value.message


def test_rule_1_ignores_results_recorded_after_the_decision(signed: HandlerContext) -> None:
    # A result recorded after the decision, even one that claims an earlier date, was unknown.
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1))
    (decided,) = run(signed, decide_change(REF, "CR-1", "2014-04-30"))
    run(signed, sar(REF, "9m", {"P1": "72"}, effective_at=at("2014-04-01")))
    assert isinstance(decided, ChangeDecided)
    assert decided.check is not None
    assert decided.check.known is None


def test_an_evaluators_value_is_a_known_result_too(signed: HandlerContext) -> None:
    run(signed, sar(REF, "9m", {"P1": "90"}))
    run(signed, sar(REF, "12m", {"P1": "90"}))
    run(signed, assess(REF, "12m", {"P1": "77"}))
    run(signed, request_change(REF, "CR-1", "P1", "2014-09-01", proposal=LOWER_P1))
    with pytest.raises(AttemptRefused) as error:
        run(signed, decide_change(REF, "CR-1", "2014-09-05"))
    assert "K = 77" in error.value.message
    assert "evaluator" in error.value.message


def test_a_favourable_change_after_results_is_recorded_with_its_flag(
    signed: HandlerContext,
) -> None:
    run(signed, sar(REF, "9m", NINE_MONTHS))
    gentler = {"thresholds": ["69", "74", "79", "84", "89"]}
    run(signed, request_change(REF, "CR-1", "P1", "2014-08-15", proposal=gentler))
    (decided,) = run(signed, decide_change(REF, "CR-1", "2014-08-29"))
    assert isinstance(decided, ChangeDecided)
    assert decided.check is not None
    assert decided.check.favourable_after_results
    assert not decided.violation
    (report,) = audit_log(signed.app.all_events())
    assert report.verdict == "findings"
    assert any("favourable after results" in f for f in report.findings)


def test_a_framework_may_flag_rather_than_refuse_a_crossing(
    tmp_path: Path, stores: StoreMaker
) -> None:
    source = Path("ledger/frameworks/data/fy2557-provinces.toml").read_text(encoding="utf-8")
    flagged = source.replace('id = "fy2557-provinces"', 'id = "fy2557-flag"', 1)
    flagged = flagged.replace(
        'scoring = "five_level"', 'scoring = "five_level"\nreset_rule = "flag"'
    )
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "flag.toml").write_text(flagged, encoding="utf-8")
    settings = stores.new(frameworks_dir=str(tmp_path / "frameworks"))
    ctx = build_context(settings, clock=ticking_clock())
    for command in fy2557_signed():
        if command["type"] == "open_agreement":
            command = {**command, "framework_id": "fy2557-flag"}
        run(ctx, command)
    run(ctx, sar(REF, "9m", NINE_MONTHS))
    onto_k = {"thresholds": ["66", "72", "78", "84", "90"]}
    run(ctx, request_change(REF, "CR-1", "P1", "2014-08-15", proposal=onto_k))
    (decided,) = run(ctx, decide_change(REF, "CR-1", "2014-08-29"))
    assert isinstance(decided, ChangeDecided)
    assert decided.violation
    assert ctx.app.agreement(REF).kpis["P1"].terms.thresholds[2] == Decimal(78)
    (report,) = audit_log(ctx.app.all_events())
    assert any("crossed a known result" in f for f in report.findings)
