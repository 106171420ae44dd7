"""KPI template corrections (seed 001): titles corrected after the template audit, never what
the KPI measures; a "correction" that rewrites the KPI is a replacement, refused and kept."""

from __future__ import annotations

from typing import Any

import pytest

from commands.handlers import HandlerContext
from ledger.domain.control_events import ChangeAttemptRefused, KpiWordingCorrected
from ledger.domain.decisions.attempts import AttemptRefused
from ledger.errors import InvalidInput, RuleRefused
from tests.builders import accept, fy2557_signed, kpi, run, sign, unit_with_agreement

REF = "DEPT-1/2552"
SECRETARIAT = {"id": "working-group", "role": "secretariat"}
# (kpi_id, component, weight, mandatory code): dimension 1 + 2 = 60 outweighs 3 + 4 = 40.
PLAN = [
    ("1.1", "1", "18", "1.1"),
    ("1.3", "1", "2", "1.3"),
    ("3a", "3", "20", None),
    ("4a", "4", "20", None),
    ("5.1", "5", "4", "5.1"),
    ("5.2", "5", "3", "5.2"),
    ("5x", "5", "13", None),
    ("6", "6", "20", "6"),
]


@pytest.fixture
def department(ctx: HandlerContext) -> HandlerContext:
    commands = unit_with_agreement(
        "DEPT-1", "department", 2552, "fy2552-pilot-ministry-departments"
    )
    for kpi_id, component, weight, code in PLAN:
        extra = {"mandatory_code": code} if code else {}
        titles = (
            {"title_en": "Share of complaints answered within 15 days"} if kpi_id == "3a" else {}
        )
        commands.append(
            kpi(
                REF,
                kpi_id,
                component,
                weight,
                thresholds=["1", "2", "3", "4", "5"],
                **extra,
                **titles,
            )
        )
        commands.append(accept(REF, kpi_id))
    commands.append(sign(REF))
    for command in commands:
        run(ctx, command)
    return ctx


def correction(ref: str = REF, **titles: Any) -> dict[str, Any]:
    return {
        "type": "correct_kpi_wording",
        "actor": SECRETARIAT,
        "agreement": ref,
        "kpi_id": "3a",
        "audit_ref": "KPI Audit Report 1/2552",
        "reason": "The template audit found the title misstated the period",
        **titles,
    }


def test_a_wording_correction_changes_the_titles_and_nothing_else(
    department: HandlerContext,
) -> None:
    before = department.app.agreement(REF).kpis["3a"].terms
    (event,) = run(
        department, correction(title_en="Share of complaints answered within 15 working days")
    )
    assert isinstance(event, KpiWordingCorrected)
    assert event.title_en_before == before.title_en
    after = department.app.agreement(REF).kpis["3a"].terms
    assert after.title_en == event.title_en
    assert (after.weight, after.thresholds, after.direction, after.unit_of_measure) == (
        before.weight,
        before.thresholds,
        before.direction,
        before.unit_of_measure,
    )


def test_a_correction_that_rewrites_the_kpi_is_a_replacement_refused_and_kept(
    department: HandlerContext,
) -> None:
    before = department.app.agreement(REF).kpis
    with pytest.raises(AttemptRefused) as refused:
        run(department, correction(title_en="Budget disbursed by June"))
    assert refused.value.field == "title_en"
    assert refused.value.rule is not None
    assert refused.value.rule.startswith("rule 3")
    kept = [e for _, e in department.app.all_events()][-1]
    assert isinstance(kept, ChangeAttemptRefused)
    assert kept.attempt == "wording_correction"
    assert department.app.agreement(REF).kpis == before


def test_a_correction_cannot_carry_a_weight(department: HandlerContext) -> None:
    with pytest.raises(InvalidInput):
        run(department, correction(title_en="Share of complaints answered", weight="30"))


def test_frameworks_without_template_corrections_refuse_them(ctx: HandlerContext) -> None:
    for command in fy2557_signed():
        run(ctx, command)
    command = {**correction("TH-81/2557", title_en="KPI P1 (corrected)"), "kpi_id": "P1"}
    with pytest.raises(RuleRefused) as refused:
        run(ctx, command)
    assert refused.value.rule == "wording corrections only where the framework provides for them"
