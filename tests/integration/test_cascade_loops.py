"""A store holding cascade links the handlers refuse (a loop, a KPI cascaded from itself, a
chain deeper than MAX_CASCADE_LEVELS), written straight into the event store as an operator
with write access or an older ledger could: every later read of it ends, shows each KPI
once and the KPI asked, and nothing can be cascaded into the loop. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from click.testing import CliRunner
from litestar.testing import TestClient

from commands.cli.main import cli
from commands.handlers import HandlerContext
from commands.http.app import create_app
from commands.http.limits import RateLimit
from commands.wiring import build_context
from ledger.domain.decisions.cascade import MAX_CASCADE_LEVELS
from ledger.domain.events import KpiProposed
from ledger.domain.values import Actor, KpiTerms
from ledger.errors import RuleRefused
from ledger.persistence.settings import Settings
from projections.cascades import CascadeTree, read_cascade, read_drifting
from projections.catch_up import catch_up
from projections.registry import open_projection
from tests.builders import FIVE_LEVEL, kpi, run, unit_with_agreement
from tests.http.people import bearer, user_with_token
from tests.views import close_all

LOOP = ("TH-81/2557#L1", "TH-82/2557#L1")  # each cascaded from the other
UNDER_LOOP = "TH-83/2557#K1"  # cascaded from TH-81/2557#L1
ITSELF = "TH-83/2557#S1"  # cascaded from itself
DEEP = 12  # D1/2557#C1 <- D2/2557#C1 <- ... <- D12/2557#C1


def forge(ctx: HandlerContext, ref: str, cascaded_from: str) -> None:
    """The KPI ``ref`` proposed under ``cascaded_from``, appended past the handlers."""
    agreement_ref, _, kpi_id = ref.rpartition("#")
    agreement = ctx.app.agreement(agreement_ref)
    now = ctx.clock()
    terms = KpiTerms(
        title_th=f"ตัวชี้วัด {kpi_id}",
        title_en=f"KPI {kpi_id}",
        component="1.2",
        unit_of_measure="%",
        direction="higher",
        weight=Decimal(15),
        thresholds=tuple(Decimal(t) for t in FIVE_LEVEL),
        cascaded_from=cascaded_from,
    )
    ctx.app.save(
        KpiProposed(
            originator_id=agreement.id,
            originator_version=agreement.version + 1,
            recorded_at=now,
            effective_at=now,
            actor=Actor(id="unit-office", role="assessed_unit"),
            kpi_id=kpi_id,
            terms=terms,
            parent_revision=0,
        )
    )


def opened(ctx: HandlerContext, *unit_ids: str) -> None:
    for unit_id in unit_ids:
        for command in unit_with_agreement(unit_id, "province", 2557, "fy2557-provinces"):
            run(ctx, command)


@pytest.fixture
def tampered(ctx: HandlerContext) -> HandlerContext:
    opened(ctx, "TH-81", "TH-82", "TH-83", *(f"D{n}" for n in range(1, DEEP + 1)))
    forge(ctx, LOOP[0], LOOP[1])
    forge(ctx, LOOP[1], LOOP[0])
    forge(ctx, UNDER_LOOP, LOOP[0])
    forge(ctx, ITSELF, ITSELF)
    for n in range(1, DEEP + 1):
        forge(ctx, f"D{n}/2557#C1", f"D{n - 1}/2557#C1")  # D0 was never opened: a root
    return ctx


def refs(tree: CascadeTree) -> Iterator[str]:
    return (node.ref for node in tree.nodes())


def depth(tree: CascadeTree) -> int:
    return 1 + max((depth(child) for child in tree.children), default=0)


def test_a_stored_loop_or_a_deep_chain_reads_to_an_end(
    settings: Settings, tampered: HandlerContext
) -> None:
    view = open_projection(settings, "cascades", tampered.framework)
    try:
        catch_up(tampered.app, view)
        with view.view.reading() as docs:
            read = {
                ref: read_cascade(docs, ref)
                for ref in (*LOOP, UNDER_LOOP, ITSELF, "D1/2557#C1", f"D{DEEP}/2557#C1")
            }
            assert read_drifting(docs) == []
    finally:
        close_all({"cascades": view})
    trees = {asked: tree for asked, tree in read.items() if tree is not None}
    assert trees.keys() == read.keys()
    for asked, tree in trees.items():
        shown = list(refs(tree))
        assert len(shown) == len(set(shown)), f"{asked}: a KPI shown twice"
        assert asked in shown
        assert depth(tree) <= MAX_CASCADE_LEVELS
    assert set(refs(trees[LOOP[0]])) == {*LOOP, UNDER_LOOP}
    assert list(refs(trees[ITSELF])) == [ITSELF]
    top = trees["D1/2557#C1"]
    assert depth(top) == MAX_CASCADE_LEVELS
    assert top.node.ref == "D1/2557#C1"
    bottom = trees[f"D{DEEP}/2557#C1"]
    assert bottom.node.ref == f"D{DEEP - MAX_CASCADE_LEVELS + 1}/2557#C1"


def test_the_command_line_and_the_api_show_a_tampered_cascade(
    settings: Settings, tampered: HandlerContext
) -> None:
    runner = CliRunner()
    db = ["--db", settings.database]
    for asked in (LOOP[1], ITSELF, "D1/2557#C1"):
        shown = runner.invoke(cli, ["cascade", asked, *db])
        assert shown.exit_code == 0, shown.output
        assert asked in shown.output
    cut = runner.invoke(cli, ["cascade", "D1/2557#C1", *db]).output
    assert "1 below not shown" in cut  # D8 names D9 as its child
    assert runner.invoke(cli, ["warnings", *db]).exit_code == 0
    token = user_with_token(build_context(settings), "reader-1", [{"role": "auditor"}])
    app = create_app(settings, rate_limit=RateLimit(rate=10_000, burst=10_000))
    with TestClient(app) as client:
        for path in ("TH-82/2557/L1", "TH-83/2557/S1", f"D{DEEP}/2557/C1"):
            got = client.get(f"/api/cascades/{path}", headers=bearer(token))
            assert got.status_code == 200, got.text


def test_nothing_cascades_into_a_stored_loop(tampered: HandlerContext) -> None:
    opened(tampered, "TH-84")
    before = sum(1 for _ in tampered.app.all_events())
    child = kpi("TH-84/2557", "C1", "1.2", "15", thresholds=FIVE_LEVEL, cascaded_from=LOOP[0])
    with pytest.raises(RuleRefused) as refused:
        run(tampered, child)
    assert sum(1 for _ in tampered.app.all_events()) == before
    assert (refused.value.field, refused.value.rule) == (
        "cascaded_from",
        "a cascade never loops back on itself",
    )
    assert f"{LOOP[0]} <- {LOOP[1]} <- {LOOP[0]}" in refused.value.message
