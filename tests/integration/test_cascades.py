"""Cascaded KPIs: the link is checked, and a parent's new criteria leave its children
drifting until their own committees decide on them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.domain.control_events import CascadeDriftKept, ChangeDecided
from ledger.domain.decisions.cascade import drifting
from ledger.errors import NotFound, RuleRefused
from tests.builders import (
    CHANGE_COMMITTEE,
    COMMITTEE,
    accept,
    at,
    decide_change,
    fy2557_signed,
    keep_cascaded,
    kpi,
    request_change,
    run,
    sign,
    ticking_clock,
    unit_with_agreement,
)
from tests.stores import StoreMaker

PARENT, CHILD = "TH-81/2557", "TH-83/2557"
LOWER = {"thresholds": ["60", "65", "70", "75", "80"]}


def child_year(parent_link: str, **change: Any) -> list[dict[str, Any]]:
    commands = list(fy2557_signed("TH-83"))
    for command in commands:
        if command["type"] == "propose_kpi" and command["kpi_id"] == "P1":
            command.update(cascaded_from=parent_link, **change)
    return commands


@pytest.fixture
def cascade(ctx: HandlerContext) -> HandlerContext:
    for command in [*fy2557_signed("TH-81"), *child_year(f"{PARENT}#P1")]:
        run(ctx, command)
    return ctx


def is_drifting(ctx: HandlerContext) -> bool:
    parent = ctx.load(PARENT).agreement.kpis["P1"]
    return drifting(ctx.load(CHILD).agreement.kpis["P1"], parent)


def keep(**extra: Any) -> dict[str, Any]:
    return {
        "type": "keep_cascaded_kpi",
        "actor": CHANGE_COMMITTEE,
        "agreement": CHILD,
        "kpi_id": "P1",
        "body": "Phuket change-request committee",
        "meeting_ref": "CR-9/2557",
        "reason": "Phuket's own target already stretches past the province's",
        **extra,
    }


def lower_the_parent(ctx: HandlerContext) -> None:
    run(ctx, request_change(PARENT, "CR-1", "P1", "2014-04-28", proposal=LOWER))
    run(ctx, decide_change(PARENT, "CR-1", "2014-04-29"))


@pytest.mark.parametrize(
    ("link", "change", "family", "field"),
    [
        ("TH-81/2557#NOPE", {}, NotFound, "cascaded_from"),
        ("TH-99/2557#P1", {}, NotFound, "cascaded_from"),
        (
            "TH-81/2557#P1",
            {"direction": "lower", "thresholds": ["90", "85", "80", "75", "70"]},
            RuleRefused,
            "direction",
        ),
    ],
)
def test_a_cascade_link_to_a_missing_or_contrary_parent_is_refused(
    ctx: HandlerContext, link: str, change: dict[str, Any], family: type[Exception], field: str
) -> None:
    for command in fy2557_signed("TH-81"):
        run(ctx, command)
    proposal = next(c for c in child_year(link, **change) if c.get("kpi_id") == "P1")
    for command in child_year(link)[:2]:
        run(ctx, command)
    with pytest.raises(family) as refused:
        run(ctx, proposal)
    assert refused.value.field == field  # type: ignore[attr-defined]


def log_length(ctx: HandlerContext) -> int:
    return sum(1 for _ in ctx.app.all_events())


def refused_link(ctx: HandlerContext) -> NotFound:
    """Proposing the child's P1 under ``PARENT#P1`` is refused and records nothing."""
    proposal = next(c for c in child_year(f"{PARENT}#P1") if c.get("kpi_id") == "P1")
    for command in child_year(f"{PARENT}#P1")[:2]:
        run(ctx, command)
    before = log_length(ctx)
    with pytest.raises(NotFound) as refused:
        run(ctx, proposal)
    assert log_length(ctx) == before
    assert refused.value.field == "cascaded_from"
    assert "not in force" in refused.value.message
    return refused.value


def test_a_cascade_link_to_a_rejected_parent_is_refused(ctx: HandlerContext) -> None:
    drafts = [c for c in fy2557_signed("TH-81") if c["type"] != "sign_agreement"]
    for command in drafts:
        if command["type"] == "record_negotiation_decision" and command["kpi_id"] == "P1":
            command.update(outcome="rejected", actor=COMMITTEE)
        run(ctx, command)
    assert ctx.load(PARENT).agreement.kpis["P1"].status == "rejected"
    refused_link(ctx)


def test_a_cascade_link_to_a_cancelled_parent_is_refused(ctx: HandlerContext) -> None:
    for command in fy2557_signed("TH-81"):
        run(ctx, command)
    run(ctx, request_change(PARENT, "CR-1", "P1", "2014-04-28", kind="cancel"))
    run(ctx, decide_change(PARENT, "CR-1", "2014-04-29"))
    assert ctx.load(PARENT).agreement.kpis["P1"].status == "cancelled"
    refused_link(ctx)


def test_a_parents_new_criteria_leave_the_child_drifting_until_it_is_kept(
    cascade: HandlerContext,
) -> None:
    assert not is_drifting(cascade)
    before = log_length(cascade)
    with pytest.raises(RuleRefused):
        run(cascade, keep())  # nothing to answer yet
    assert log_length(cascade) == before
    lower_the_parent(cascade)
    assert cascade.load(PARENT).agreement.kpis["P1"].revision == 1
    assert is_drifting(cascade)
    (kept,) = run(cascade, keep())
    assert isinstance(kept, CascadeDriftKept)
    assert (kept.parent, kept.parent_revision) == (f"{PARENT}#P1", 1)
    assert not is_drifting(cascade)
    child = cascade.load(CHILD).agreement.kpis["P1"]
    assert child.aligned_revision == 1
    assert child.terms.thresholds != cascade.load(PARENT).agreement.kpis["P1"].terms.thresholds
    with pytest.raises(RuleRefused):
        run(cascade, keep())  # answered already: nothing drifts any more


def test_a_child_changed_in_step_follows_its_parent(cascade: HandlerContext) -> None:
    lower_the_parent(cascade)
    run(cascade, request_change(CHILD, "CR-2", "P1", "2014-04-29", proposal=LOWER))
    (decided,) = run(cascade, decide_change(CHILD, "CR-2", "2014-04-30"))
    assert isinstance(decided, ChangeDecided)
    assert decided.parent_revision == 1
    assert not is_drifting(cascade)


def test_a_weight_change_of_the_parent_does_not_make_children_drift(
    cascade: HandlerContext,
) -> None:
    run(cascade, request_change(PARENT, "CR-1", "P1", "2014-04-28", proposal={"weight": "10"}))
    run(cascade, decide_change(PARENT, "CR-1", "2014-04-29"))
    assert not is_drifting(cascade)


RAYONG, AGENCY, PERSON = "TH-21/2554", "RY-HEALTH/2554", "RY-NURSE-1/2554"
RAYONG_FRAMEWORK = "fy2554-rayong-agencies-individuals"
# No shipped framework covers a FY2554 province: FY2557's, moved three years back, as data.
PROVINCE_FRAMEWORK = "fy2554-test-provinces"
FIVE_LEVEL = ["70", "75", "80", "85", "90"]


def province_framework(folder: Path) -> Path:
    """A folder holding ``PROVINCE_FRAMEWORK`` (for ``LEDGER_FRAMEWORKS_DIR``)."""
    text = Path("ledger/frameworks/data/fy2557-provinces.toml").read_text(encoding="utf-8")
    text = text.replace('id = "fy2557-provinces"', f'id = "{PROVINCE_FRAMEWORK}"', 1)
    text = text.replace("fiscal_year = 2557", "fiscal_year = 2554", 1)
    text = text.replace("= 2013-", "= 2010-").replace("= 2014-", "= 2011-")
    folder.mkdir()
    (folder / "provinces.toml").write_text(text, encoding="utf-8")
    return folder


def rayong_province() -> Iterator[dict[str, Any]]:
    """Rayong's own FY2554 agreement: the FY2557 province builder three years earlier."""
    for command in fy2557_signed("TH-21"):
        moved = {**command}
        if "agreement" in moved:
            moved["agreement"] = RAYONG
        if moved["type"] == "open_agreement":
            moved.update(fiscal_year=2554, framework_id=PROVINCE_FRAMEWORK)
        if "effective_at" in moved:
            moved["effective_at"] = moved["effective_at"].replace("2014-", "2011-")
        yield moved


def rayong_year(unit_id: str, level: str, kpis: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A FY2554 Rayong agreement (provincial agency or individual) of ``kpis``, signed."""
    ref = f"{unit_id}/2554"
    return [
        *unit_with_agreement(unit_id, level, 2554, RAYONG_FRAMEWORK),
        *kpis,
        *(accept(ref, command["kpi_id"]) for command in kpis),
        {**sign(ref), "effective_at": at("2011-01-10")},
    ]


@pytest.fixture
def tree(stores: StoreMaker, tmp_path: Path) -> Iterator[HandlerContext]:
    """Rayong province P1 -> a provincial health office's E1 -> a nurse's I1, all FY2554:
    the province under a province framework, its agency and the nurse under
    fy2554-rayong-agencies-individuals (a cascade keeps the year, not the framework)."""
    frameworks = province_framework(tmp_path / "frameworks")
    ctx = build_context(stores.new(frameworks_dir=str(frameworks)), clock=ticking_clock())
    agency = [
        kpi(AGENCY, "E1", "1", "50", thresholds=FIVE_LEVEL, cascaded_from=f"{RAYONG}#P1"),
        kpi(AGENCY, "S1", "2", "20", thresholds=FIVE_LEVEL),
        kpi(AGENCY, "F1", "3", "10", thresholds=FIVE_LEVEL),
        kpi(AGENCY, "O1", "4", "20", thresholds=FIVE_LEVEL),
    ]
    person = [
        kpi(PERSON, "I1", "strategy", "60", thresholds=FIVE_LEVEL, cascaded_from=f"{AGENCY}#E1"),
        kpi(PERSON, "I2", "routine", "40", thresholds=FIVE_LEVEL),
    ]
    for command in [
        *rayong_province(),
        *rayong_year("RY-HEALTH", "provincial_agency", agency),
        *rayong_year("RY-NURSE-1", "individual", person),
    ]:
        run(ctx, command)
    yield ctx
    ctx.app.close()


def drifts(ctx: HandlerContext, child: str, parent: str) -> bool:
    (child_ref, child_kpi), (parent_ref, parent_kpi) = (r.split("#") for r in (child, parent))
    return drifting(
        ctx.load(child_ref).agreement.kpis[child_kpi],
        ctx.load(parent_ref).agreement.kpis[parent_kpi],
    )


def test_a_provinces_new_criteria_make_its_agency_drift_and_not_the_agencys_staff(
    tree: HandlerContext,
) -> None:
    agency, person = f"{AGENCY}#E1", f"{PERSON}#I1"
    assert not drifts(tree, agency, f"{RAYONG}#P1")
    run(tree, request_change(RAYONG, "CR-1", "P1", "2011-04-28", proposal=LOWER))
    run(tree, decide_change(RAYONG, "CR-1", "2011-04-29"))
    # The agency drifts from the province; the nurse still follows the agency's E1, whose
    # criteria did not move.
    assert drifts(tree, agency, f"{RAYONG}#P1")
    assert not drifts(tree, person, agency)
    # FY2554 Rayong lists no external reasons (rule 4): the agency cannot change E1 in step,
    # so its committee keeps it, with the reason recorded.
    with pytest.raises(RuleRefused) as refused:
        run(tree, request_change(AGENCY, "CR-2", "E1", "2011-01-20", proposal=LOWER))
    assert refused.value.field == "reason_code"
    (kept,) = run(tree, keep_cascaded(AGENCY, "E1"))
    assert isinstance(kept, CascadeDriftKept)
    assert (kept.parent, kept.parent_revision) == (f"{RAYONG}#P1", 1)
    assert not drifts(tree, agency, f"{RAYONG}#P1")
    assert not drifts(tree, person, agency)
    with pytest.raises(RuleRefused):
        run(tree, keep_cascaded(PERSON, "I1"))  # nothing moved above the nurse
