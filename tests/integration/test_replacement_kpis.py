"""Rule 3: no new or replacement KPI during the year. A change that alters what a KPI measures
is refused and the attempt kept, whether the unit asks for it or the committee slips it into
its amendments; the only way to touch a title is the audited wording correction."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from commands.decoding import decode_command
from commands.handlers import HandlerContext
from ledger.domain.control_events import ChangeAttemptRefused, ChangeDecided, KpiWordingCorrected
from ledger.domain.decisions.attempts import AttemptRefused
from ledger.domain.values import Actor
from ledger.errors import InvalidInput, RuleRefused
from tests.builders import (
    SECRETARIAT,
    correct_wording,
    decide_change,
    fy2552_department_signed,
    fy2557_signed,
    request_change,
    run,
)
from tests.identity import admit

REF = "TH-81/2557"
DEPT = "DEPT-1/2552"
LOWER = {"thresholds": ["60", "65", "70", "75", "80"]}
# What a KPI measures, and the ways a change may try to alter it.
REPLACEMENTS = [
    pytest.param({"title_th": "ร้อยละนักท่องเที่ยวที่พึงพอใจ"}, id="renamed-th"),
    pytest.param({"title_en": "Share of tourists satisfied"}, id="renamed-en"),
    pytest.param({"unit_of_measure": "baht"}, id="re-united"),
    pytest.param({"direction": "milestone", "thresholds": []}, id="higher-to-milestone"),
    pytest.param({"component": "1.1"}, id="other-component"),
]


@pytest.fixture
def signed(ctx: HandlerContext) -> HandlerContext:
    for command in fy2557_signed():
        run(ctx, command)
    # The secretariat is not in the builders' cast: admitted now, so that its grant is not
    # among the events a refusal is counted against.
    admit(ctx, msgspec.convert(SECRETARIAT, Actor), "TH-81")
    return ctx


def log(ctx: HandlerContext) -> list[Any]:
    return [event for _, event in ctx.app.all_events()]


def replacement_refused_and_kept(
    ctx: HandlerContext, ref: str, command: dict[str, Any]
) -> tuple[AttemptRefused, ChangeAttemptRefused]:
    """Refused under rule 3; the attempt alone is recorded; the KPIs are unchanged."""
    before, count = ctx.app.agreement(ref).kpis, len(log(ctx))
    with pytest.raises(AttemptRefused) as refused:
        run(ctx, command)
    after = log(ctx)
    assert len(after) == count + 1
    kept = after[-1]
    assert isinstance(kept, ChangeAttemptRefused)
    assert refused.value.rule is not None
    assert refused.value.rule.startswith("rule 3")
    assert kept.rule == refused.value.rule
    assert ctx.app.agreement(ref).kpis == before
    return refused.value, kept


@pytest.mark.parametrize("proposal", REPLACEMENTS)
def test_a_request_that_replaces_a_kpi_is_refused_under_rule_3_and_kept(
    signed: HandlerContext, proposal: dict[str, Any]
) -> None:
    command = request_change(REF, "CR-1", "P1", "2014-04-28", proposal=proposal)
    error, kept = replacement_refused_and_kept(signed, REF, command)
    assert error.field is not None
    assert error.field.removeprefix("proposal.") in proposal
    assert (kept.attempt, kept.kpi_id) == ("change_request", "P1")


@pytest.mark.parametrize("amendments", REPLACEMENTS)
def test_amendments_that_replace_a_kpi_are_refused_and_the_request_stays_open(
    signed: HandlerContext, amendments: dict[str, Any]
) -> None:
    run(signed, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER))
    amended = decide_change(
        REF, "CR-1", "2014-04-29", "approved_with_amendments", amendments=amendments
    )
    error, kept = replacement_refused_and_kept(signed, REF, amended)
    assert error.field is not None
    assert error.field.removeprefix("amendments.") in amendments
    assert kept.attempt == "change_decision"
    # The committee can still decide the request as a change of criteria.
    (decided,) = run(signed, decide_change(REF, "CR-1", "2014-04-29"))
    assert isinstance(decided, ChangeDecided)
    assert decided.terms_after is not None
    assert decided.terms_after.title_en == decided.terms_before.title_en


@pytest.fixture
def department(ctx: HandlerContext) -> HandlerContext:
    for command in fy2552_department_signed():
        run(ctx, command)
    admit(ctx, msgspec.convert(SECRETARIAT, Actor), "DEPT-1")
    return ctx


def test_a_wording_correction_changes_the_title_and_nothing_else(
    department: HandlerContext,
) -> None:
    before = department.app.agreement(DEPT).kpis["3a"].terms
    (event,) = run(department, correct_wording(DEPT, "3a", title_en="KPI no. 3a"))
    assert isinstance(event, KpiWordingCorrected)
    assert (event.title_en_before, event.title_en) == ("KPI 3a", "KPI no. 3a")
    assert event.audit_ref == "KPI Audit Report 1/2552"
    after = department.app.agreement(DEPT).kpis["3a"].terms
    assert after == msgspec.structs.replace(before, title_en="KPI no. 3a")


def test_a_correction_that_rewrites_the_title_is_a_replacement_refused_and_kept(
    department: HandlerContext,
) -> None:
    command = correct_wording(DEPT, "3a", title_en="Budget disbursed by the end of June")
    error, kept = replacement_refused_and_kept(department, DEPT, command)
    assert error.field == "title_en"
    assert (kept.attempt, kept.kpi_id) == ("wording_correction", "3a")


def test_a_framework_without_template_corrections_refuses_them_and_records_nothing(
    signed: HandlerContext,
) -> None:
    count = len(log(signed))
    with pytest.raises(RuleRefused) as refused:
        run(signed, correct_wording(REF, "P1", title_en="KPI P1 (corrected)"))
    assert refused.value.rule is not None
    assert "wording corrections" in refused.value.rule
    assert len(log(signed)) == count


@pytest.mark.parametrize(
    "extra",
    [{"weight": "30"}, {"direction": "lower"}, {"unit_of_measure": "baht"}, {"thresholds": []}],
    ids=["weight", "direction", "unit", "thresholds"],
)
def test_a_correction_carrying_anything_but_titles_is_refused_at_decoding(
    extra: dict[str, Any],
) -> None:
    line = msgspec.json.encode(correct_wording(DEPT, "3a", title_en="KPI no. 3a", **extra))
    with pytest.raises(InvalidInput):
        decode_command(line)
