"""A cascade link that cannot lie: a KPI cascades from a KPI of another unit's agreement of
the same fiscal year, at most MAX_CASCADE_LEVELS levels down, and the link is fixed once
proposed. Each refusal names ``cascaded_from`` and its rule and records nothing, on SQLite
and PostgreSQL. (A link across frameworks of one year is taken: the Rayong tree of
test_cascades; a link into a stored loop is refused: test_cascade_loops.)"""

from __future__ import annotations

from typing import Any

import pytest

from commands.handlers import HandlerContext
from ledger.domain.decisions.cascade import MAX_CASCADE_LEVELS
from ledger.errors import InvalidInput, LedgerError, RuleRefused
from tests.builders import (
    accept,
    decide_change,
    fy2557_signed,
    fy2568_drafts,
    kpi,
    request_change,
    run,
    unit_with_agreement,
)

PARENT = "TH-81/2557"
FIVE_LEVEL = ["70", "75", "80", "85", "90"]


def log_length(ctx: HandlerContext) -> int:
    return sum(1 for _ in ctx.app.all_events())


def refused(ctx: HandlerContext, command: dict[str, Any], family: type[LedgerError]) -> Any:
    """``command`` is refused with ``family`` naming ``cascaded_from``; nothing recorded."""
    before = log_length(ctx)
    with pytest.raises(family) as caught:
        run(ctx, command)
    assert log_length(ctx) == before
    assert caught.value.field == "cascaded_from"
    return caught.value


def drafted(ctx: HandlerContext, unit_id: str) -> None:
    """``unit_id``'s FY2557 agreement with its KPIs proposed, not yet decided."""
    for command in fy2557_signed(unit_id):
        if command["type"] in ("register_unit", "open_agreement", "propose_kpi"):
            run(ctx, command)


def test_a_kpi_cascaded_from_another_fiscal_year_is_refused(ctx: HandlerContext) -> None:
    """A FY2568 province KPI under a FY2557 province KPI: in force, measured the same way,
    but of another year's agreement."""
    drafted(ctx, "TH-81")
    for command in fy2568_drafts("TH-42"):
        if command["type"] != "propose_kpi":
            run(ctx, command)
    child = kpi("TH-42/2568", "A1", "1.1", "30", cascaded_from=f"{PARENT}#P1")
    error = refused(ctx, child, RuleRefused)
    assert error.rule == "a KPI cascades from a KPI of the same fiscal year"
    assert (error.expected, error.actual) == (2568, 2557)
    assert "fiscal year 2557" in error.message


@pytest.mark.parametrize(
    ("link", "said"),
    [(f"{PARENT}#P1", "in this agreement"), (f"{PARENT}#X1", "in this agreement")],
    ids=["another KPI of its own agreement", "itself"],
)
def test_a_kpi_cascaded_from_its_own_agreement_or_itself_is_refused(
    ctx: HandlerContext, link: str, said: str
) -> None:
    drafted(ctx, "TH-81")
    child = kpi(PARENT, "X1", "1.2", "15", thresholds=FIVE_LEVEL, cascaded_from=link)
    error = refused(ctx, child, RuleRefused)
    assert error.rule == (
        "a KPI cascades from another unit's agreement, never its own agreement or itself"
    )
    assert said in error.message
    assert error.actual == link


def chain_link(ctx: HandlerContext, level: int) -> dict[str, Any]:
    """Open level ``level``'s province (L1 the root) and return its KPI C1's proposal,
    cascaded from C1 of the level above."""
    unit_id = f"L{level}"
    for command in unit_with_agreement(unit_id, "province", 2557, "fy2557-provinces"):
        run(ctx, command)
    above = {"cascaded_from": f"L{level - 1}/2557#C1"} if level > 1 else {}
    return kpi(f"{unit_id}/2557", "C1", "1.2", "15", thresholds=FIVE_LEVEL, **above)


def test_a_cascade_takes_its_levels_and_refuses_one_more(ctx: HandlerContext) -> None:
    for level in range(1, MAX_CASCADE_LEVELS + 1):
        run(ctx, chain_link(ctx, level))
    deepest = ctx.load(f"L{MAX_CASCADE_LEVELS}/2557").agreement.kpis["C1"]
    assert deepest.terms.cascaded_from == f"L{MAX_CASCADE_LEVELS - 1}/2557#C1"
    error = refused(ctx, chain_link(ctx, MAX_CASCADE_LEVELS + 1), InvalidInput)
    assert error.rule == f"a cascade has at most {MAX_CASCADE_LEVELS} levels"
    assert (error.expected, error.actual) == (MAX_CASCADE_LEVELS, MAX_CASCADE_LEVELS + 1)


LOWER = {"thresholds": ["60", "65", "70", "75", "80"]}


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("negotiation", "$.amendments.cascaded_from"),
        ("change request", "$.proposal.cascaded_from"),
        ("change decision", "$.amendments.cascaded_from"),
    ],
)
def test_no_later_command_can_move_a_cascade_link(
    ctx: HandlerContext, kind: str, field: str
) -> None:
    """The link is fixed at proposal: neither the negotiation committee's amendments nor a
    change request's new terms nor a change decision's amendments carry ``cascaded_from``,
    so no chain can be rewired into a loop after the fact."""
    moved = {"cascaded_from": "TH-82/2557#P1"}
    if kind == "negotiation":
        drafted(ctx, "TH-81")
        command = accept(PARENT, "P1", outcome="amended", amendments=moved)
    else:
        for command in fy2557_signed("TH-81"):
            run(ctx, command)
        command = request_change(PARENT, "CR-1", "P1", "2014-04-28", proposal=moved)
        if kind == "change decision":
            run(ctx, request_change(PARENT, "CR-1", "P1", "2014-04-28", proposal=LOWER))
            command = decide_change(PARENT, "CR-1", "2014-04-29", amendments={**LOWER, **moved})
    before = log_length(ctx)
    with pytest.raises(InvalidInput) as caught:
        run(ctx, command)
    assert caught.value.field == field
    assert log_length(ctx) == before
    assert ctx.load(PARENT).agreement.kpis["P1"].terms.cascaded_from is None
