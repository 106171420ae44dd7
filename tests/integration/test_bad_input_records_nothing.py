"""Each refused command names its field and rule, and leaves the log exactly as it was."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from commands.handlers import HandlerContext
from ledger.errors import (
    AlreadyRecorded,
    InvalidInput,
    LedgerError,
    NotAllowed,
    NotFound,
    RuleRefused,
    http_status_for,
)
from projections.audit import audit_log
from tests.builders import (
    FY2568_KPIS,
    OPDC,
    accept,
    assess,
    entered_as_json,
    fy2568_drafts,
    fy2568_signed,
    kpi,
    open_agreement,
    run,
    sar,
    sign,
    unit_with_agreement,
)

FY2552 = "fy2552-pilot-ministry-departments"

REF = "TH-42/2568"


def given(ctx: HandlerContext, commands: Iterable[dict[str, Any]]) -> None:
    for command in commands:
        run(ctx, command)


def refused(ctx: HandlerContext, command: dict[str, Any], family: type[LedgerError]) -> LedgerError:
    who = entered_as_json(ctx, command)  # the actor is admitted before the log is read
    before = list(ctx.app.all_events())
    with pytest.raises(family) as error:
        run(who, command)
    assert list(ctx.app.all_events()) == before, "a refused command recorded something"
    assert error.value.field, "the error names no field"
    assert error.value.rule, "the error names no rule"
    return error.value


def agreed_five_level(
    ref: str, plan: list[tuple[str, str, str, str | None]]
) -> Iterable[dict[str, Any]]:
    """Propose and accept each (kpi_id, component, weight, mandatory code) with 1..5 thresholds."""
    for kpi_id, component, weight, code in plan:
        extra = {"mandatory_code": code} if code else {}
        yield kpi(ref, kpi_id, component, weight, thresholds=["1", "2", "3", "4", "5"], **extra)
        yield accept(ref, kpi_id)


def drafts_accepted() -> Iterable[dict[str, Any]]:
    yield from fy2568_drafts()
    for kpi_id, *_ in FY2568_KPIS:
        yield accept(REF, kpi_id)


def test_an_unknown_unit_is_named(ctx: HandlerContext) -> None:
    error = refused(
        ctx,
        open_agreement("TH-99", 2568, "fy2568-provinces"),
        NotFound,
    )
    assert error.field == "unit_id"


def test_an_unknown_parent_unit_is_named(ctx: HandlerContext) -> None:
    error = refused(
        ctx,
        {
            "type": "register_unit",
            "actor": OPDC,
            "unit_id": "X",
            "name_th": "ก",
            "name_en": "x",
            "level": "province",
            "parent_id": "NOPE",
        },
        NotFound,
    )
    assert error.field == "parent_id"


def test_an_unknown_agreement_is_named(ctx: HandlerContext) -> None:
    given(ctx, fy2568_drafts())
    error = refused(ctx, kpi("TH-42/2599", "Z", "1.1", "5"), NotFound)
    assert error.field == "agreement"


def test_an_unknown_framework_lists_the_known_ones(ctx: HandlerContext) -> None:
    given(ctx, list(fy2568_drafts())[:1])
    error = refused(
        ctx,
        open_agreement("TH-42", 2568, "fy2099"),
        NotFound,
    )
    assert "fy2568-provinces" in error.message


def test_a_framework_for_another_year_or_level_is_refused(ctx: HandlerContext) -> None:
    given(ctx, list(fy2568_drafts())[:1])
    error = refused(
        ctx,
        open_agreement("TH-42", 2557, "fy2568-provinces"),
        RuleRefused,
    )
    assert error.field == "fiscal_year"
    error = refused(
        ctx,
        open_agreement("TH-42", 2552, "fy2552-pilot-ministry-departments"),
        RuleRefused,
    )
    assert error.field == "framework_id"


def test_opening_the_same_agreement_twice_is_a_conflict(ctx: HandlerContext) -> None:
    given(ctx, list(fy2568_drafts())[:2])
    refused(ctx, list(fy2568_drafts())[1], AlreadyRecorded)


def test_duplicate_kpi_ids_are_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_drafts())
    error = refused(ctx, kpi(REF, "A1", "1.1", "5"), AlreadyRecorded)
    assert error.field == "kpi_id"


def test_an_unknown_component_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_drafts())
    error = refused(ctx, kpi(REF, "Z", "9.9", "5"), RuleRefused)
    assert error.field == "component"


@pytest.mark.parametrize(
    ("direction", "thresholds"),
    [
        ("higher", ["70", "60", "50"]),
        ("lower", ["50", "60", "70"]),
        ("higher", ["1", "2"]),
        ("milestone", ["1", "2", "3"]),
    ],
)
def test_thresholds_out_of_order_for_the_direction_are_refused(
    ctx: HandlerContext, direction: str, thresholds: list[str]
) -> None:
    given(ctx, fy2568_drafts())
    error = refused(
        ctx, kpi(REF, "Z", "1.1", "5", direction=direction, thresholds=thresholds), InvalidInput
    )
    assert error.field == "criteria.thresholds"


def _prior(*years: int) -> list[dict[str, Any]]:
    return [{"fiscal_year": year, "value": "70"} for year in years]


@pytest.mark.parametrize(
    ("years", "field"),
    [
        ((2566, 2568), "prior_results[1].fiscal_year"),  # the agreement's own year
        ((2567, 2566), "prior_results[1].fiscal_year"),  # not oldest first
        ((2566, 2566), "prior_results[1].fiscal_year"),  # one year twice
        ((2547,), "prior_results[0].fiscal_year"),  # more than 20 years back
    ],
)
def test_prior_results_of_a_wrong_year_are_refused(
    ctx: HandlerContext, years: tuple[int, ...], field: str
) -> None:
    given(ctx, fy2568_drafts())
    error = refused(ctx, kpi(REF, "Z", "1.1", "5", prior_results=_prior(*years)), InvalidInput)
    assert error.field == field


def test_prior_results_are_kept_with_the_kpis_terms_and_shown_by_the_audit(
    ctx: HandlerContext,
) -> None:
    with_prior = [
        {**c, "prior_results": _prior(2565, 2567)}
        if (c["type"], c.get("kpi_id")) == ("propose_kpi", "A1")
        else c
        for c in fy2568_signed()
    ]
    given(ctx, with_prior)
    terms = ctx.app.agreement(REF).kpis["A1"].terms
    assert [(p.fiscal_year, str(p.value)) for p in terms.prior_results] == [
        (2565, "70"),
        (2567, "70"),
    ]
    (report,) = audit_log(ctx.app.all_events())
    (a1,) = [k for k in report.kpis if k.kpi_id == "A1"]
    assert a1.prior_results == terms.prior_results


def test_an_amended_decision_with_bad_thresholds_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_drafts())
    command = accept(REF, "A1", outcome="amended", amendments={"thresholds": ["9", "8", "7"]})
    refused(ctx, command, InvalidInput)


def test_a_decision_on_an_unknown_kpi_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_drafts())
    assert refused(ctx, accept(REF, "NOPE"), NotFound).field == "kpi_id"


def test_weights_that_do_not_add_up_to_100_are_refused_at_signing(ctx: HandlerContext) -> None:
    given(ctx, fy2568_drafts())
    given(ctx, [accept(REF, k) for k, *_ in FY2568_KPIS if k != "A3"])
    given(ctx, [accept(REF, "A3", outcome="amended", amendments={"weight": "25"})])
    error = refused(ctx, sign(REF), RuleRefused)
    assert error.rule == "weights total 100"
    assert error.actual == 95


def test_signing_with_an_undecided_kpi_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_drafts())
    assert "A1" in refused(ctx, sign(REF), RuleRefused).message


def test_a_fixed_component_weight_is_enforced(ctx: HandlerContext) -> None:
    given(ctx, fy2568_drafts())
    given(ctx, [accept(REF, k) for k, *_ in FY2568_KPIS if k not in ("A2", "A3")])
    given(
        ctx,
        [
            accept(REF, "A2", outcome="amended", amendments={"weight": "15"}),
            accept(REF, "A3", outcome="amended", amendments={"weight": "25"}),
        ],
    )
    assert refused(ctx, sign(REF), RuleRefused).rule == "component 1.2.1 weight is 10"


def test_a_missing_mandatory_kpi_is_refused(ctx: HandlerContext) -> None:
    drafts = list(fy2568_drafts())
    drafts[-1] = {k: v for k, v in drafts[-1].items() if k != "mandatory_code"}  # P3 untagged
    given(ctx, drafts)
    given(ctx, [accept(REF, k) for k, *_ in FY2568_KPIS])
    error = refused(ctx, sign(REF), RuleRefused)
    assert error.message.startswith("mandatory KPI 2.3")
    assert error.rule == "framework fy2568-provinces requires KPI 2.3"


def test_signing_twice_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_signed())
    assert "already signed" in refused(ctx, sign(REF), RuleRefused).message


def test_signing_needs_both_sides(ctx: HandlerContext) -> None:
    given(ctx, drafts_accepted())
    command = sign(REF)
    command["signatories"] = command["signatories"][:1]
    assert refused(ctx, command, InvalidInput).field == "signatories"


def test_a_sar_for_an_unsigned_agreement_is_refused(ctx: HandlerContext) -> None:
    given(ctx, drafts_accepted())
    assert refused(ctx, sar(REF, "6m", {"A1": "60"}), RuleRefused).field == "agreement"


def test_a_sar_for_an_unknown_round_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_signed())
    error = refused(ctx, sar(REF, "9m", {"A1": "60"}), InvalidInput)
    assert error.field == "round_id"
    assert error.expected == "6m, 12m"


def test_a_sar_for_an_unknown_kpi_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_signed())
    assert refused(ctx, sar(REF, "6m", {"Q": "1"}), NotFound).field == "results[0].kpi_id"


def test_a_sar_with_a_bad_evidence_hash_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_signed())
    command = sar(
        REF,
        "6m",
        {"A1": "1"},
        evidence=[{"sha256": "abc", "file_name": "a.pdf", "media_type": "application/pdf"}],
    )
    assert refused(ctx, command, InvalidInput).field == "$.evidence[0].sha256"


def test_an_evaluator_score_without_a_filed_result_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_signed())
    given(ctx, [sar(REF, "6m", {"A1": "60"})])
    error = refused(ctx, assess(REF, "6m", {"A2": "70"}), RuleRefused)
    assert error.field == "assessments[0].kpi_id"


def test_a_role_may_only_take_its_own_steps(ctx: HandlerContext) -> None:
    given(ctx, fy2568_signed())
    command = sar(REF, "6m", {"A1": "60"})
    command["actor"] = {"id": "x", "role": "independent_evaluator"}
    error = refused(ctx, command, NotAllowed)  # x holds the role: the step is not the role's
    assert error.field == "actor.role"
    assert http_status_for(error) == 403


def test_certifying_before_every_kpi_is_assessed_is_refused(ctx: HandlerContext) -> None:
    given(ctx, fy2568_signed())
    given(ctx, [sar(REF, "6m", {"A1": "60"}), assess(REF, "6m", {"A1": "60"})])
    command = {"type": "certify_scores", "actor": OPDC, "agreement": REF, "round_id": "6m"}
    assert "A2" in refused(ctx, command, RuleRefused).message


def test_fy2552_dimensions_one_and_two_must_outweigh_three_and_four(ctx: HandlerContext) -> None:
    ref = "DEPT-1/2552"
    given(ctx, unit_with_agreement("DEPT-1", "department", 2552, FY2552))
    kpis = [
        ("1.1", "1", "18", "1.1"),
        ("1.3", "1", "2", "1.3"),
        ("3a", "3", "10", None),
        ("5.1", "5", "4", "5.1"),
        ("5.2", "5", "3", "5.2"),
        ("5x", "5", "23", None),
        ("6", "6", "20", "6"),
        ("4a", "4", "20", None),
    ]
    given(ctx, agreed_five_level(ref, kpis))
    # d1 = 30, d2 = 20, d3 = 30, d4 = 20: 50 does not exceed 50.
    error = refused(ctx, sign(ref), RuleRefused)
    assert error.rule == "dimension 1 + dimension 2 must exceed dimension 3 + dimension 4"


def test_fy2557_allows_at_most_five_effectiveness_kpis(ctx: HandlerContext) -> None:
    ref = "TH-81/2557"
    given(ctx, unit_with_agreement("TH-81", "province", 2557, "fy2557-provinces"))
    plan = [
        ("G1", "1.1", "15", None),
        *[(f"P{i}", "1.2", "9", None) for i in range(1, 6)],
        ("K2", "2", "10", "2"),
        ("K3", "3", "5", "3"),
        ("K4", "4", "5", "4"),
        ("K5", "5", "15", "5"),
        ("K6", "6", "5", "6"),
    ]
    given(ctx, agreed_five_level(ref, plan))
    for code in ("M1", "M2", "M3"):
        given(
            ctx,
            [
                kpi(ref, code, "1.2", "0", monitor=True, thresholds=[], mandatory_code=code),
                accept(ref, code),
            ],
        )
    error = refused(ctx, sign(ref), RuleRefused)
    assert error.rule == "at most 5 effectiveness KPIs (group and province strategy)"
    assert error.actual == 6
