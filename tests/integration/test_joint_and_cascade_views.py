"""The read side of joint KPIs and cascades: participants scored with the one shared result,
an appeal on it re-scoring every participant, cascade drift raised and answered, and the
``ledger cascade`` tree, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from click.testing import CliRunner
from litestar.testing import TestClient

from commands.cli.main import cli
from commands.handlers import HandlerContext
from commands.http.app import create_app
from commands.http.limits import RateLimit
from commands.wiring import build_context
from ledger.domain.identity.events import IDENTITY_EVENTS
from ledger.domain.joint.events import SharedResultFiled, SharedResultVerified
from ledger.persistence.settings import Settings
from projections.base import LedgerProjection
from projections.cascades import read_drifting, read_node
from projections.catch_up import catch_up
from projections.current_scores import read_scores
from projections.joints import read_joint
from projections.registry import open_projection
from tests.builders import (
    APPEAL_BODY,
    CHANGE_COMMITTEE,
    FIVE_LEVEL,
    FY2557_KPIS,
    OPDC,
    UNIT,
    accept,
    assess,
    at,
    decide_change,
    kpi,
    request_change,
    run,
    sar,
    sign,
    unit_with_agreement,
)
from tests.http.people import bearer, user_with_token
from tests.views import close_all

PROVINCES = ("TH-81", "TH-82", "TH-83")
JOINT = "J-WATER"
HOST = "DWR"
# Every scored KPI at 80 (level 3); the joint KPI P3 gets the shared value.
OWN = {k[0]: "80" for k in FY2557_KPIS if k[0] != "P3"}


def define_joint() -> dict[str, Any]:
    return {
        "type": "define_joint_kpi",
        "actor": OPDC,
        "joint_id": JOINT,
        "framework_id": "fy2557-provinces",
        "host_unit_id": HOST,
        "title_th": "ตัวชี้วัด P3",
        "title_en": "KPI P3",
        "component": "1.2",
        "unit_of_measure": "%",
        "direction": "higher",
        "thresholds": FIVE_LEVEL,
    }


def province(unit_id: str, cascaded_from: str | None) -> Iterator[dict[str, Any]]:
    """A signed FY2557 province whose P3 joins the joint KPI and whose G1 cascades from
    ``cascaded_from`` (the province before it)."""
    ref = f"{unit_id}/2557"
    yield from unit_with_agreement(unit_id, "province", 2557, "fy2557-provinces")
    for kpi_id, component, weight, code in FY2557_KPIS:
        extra: dict[str, Any] = {"mandatory_code": code} if code else {}
        if kpi_id == "P3":
            extra["joint_id"] = JOINT
        if kpi_id == "G1" and cascaded_from is not None:
            extra["cascaded_from"] = cascaded_from
        yield kpi(ref, kpi_id, component, weight, thresholds=FIVE_LEVEL, **extra)
    for code in ("M1", "M2", "M3"):
        yield kpi(ref, code, "1.2", "0", monitor=True, thresholds=[], mandatory_code=code)
    for kpi_id in (*(k[0] for k in FY2557_KPIS), "M1", "M2", "M3"):
        yield accept(ref, kpi_id)
    yield {**sign(ref), "effective_at": at("2014-04-25")}


def year() -> Iterator[dict[str, Any]]:
    yield {
        "type": "register_unit",
        "actor": OPDC,
        "unit_id": HOST,
        "name_th": "กรมทรัพยากรน้ำ",
        "name_en": "Department of Water Resources",
        "level": "province",
    }
    yield define_joint()
    parent: str | None = None
    for unit_id in PROVINCES:
        yield from province(unit_id, parent)
        parent = f"{unit_id}/2557#G1"


def shared(command: str, **fields: Any) -> dict[str, Any]:
    actors = {
        "file_shared_result": UNIT,
        "verify_shared_result": {"id": "evaluator-1", "role": "independent_evaluator"},
        "request_shared_appeal": UNIT,
        "decide_shared_appeal": APPEAL_BODY,
        "adjust_shared_result": APPEAL_BODY,
    }
    return {"type": command, "actor": actors[command], "joint_id": JOINT, **fields}


@pytest.fixture
def year_ctx(ctx: HandlerContext) -> HandlerContext:
    for command in year():
        run(ctx, command)
    return ctx


@pytest.fixture
def views(settings: Settings, year_ctx: HandlerContext) -> Iterator[dict[str, LedgerProjection]]:
    opened = {
        name: open_projection(settings, name, year_ctx.framework)
        for name in ("scores", "warnings", "joints", "cascades", "governor")
    }
    yield opened
    close_all(opened)


def caught_up(ctx: HandlerContext, view: LedgerProjection) -> LedgerProjection:
    catch_up(ctx.app, view)
    return view


def p3_rows(ctx: HandlerContext, scores: LedgerProjection) -> dict[str, tuple[Any, ...]]:
    with caught_up(ctx, scores).view.reading() as docs:
        tables = read_scores(docs, round_id="12m")
    return {
        t.agreement: (
            t.status,
            next(row for row in t.kpis if row.kpi_id == "P3").verified_actual,
            next(row for row in t.kpis if row.kpi_id == "P3").score,
        )
        for t in tables
    }


def file_and_verify(ctx: HandlerContext, value: str) -> None:
    run(ctx, shared("file_shared_result", round_id="12m", actual=value))
    run(ctx, shared("verify_shared_result", round_id="12m", verified_actual=value))


def test_one_host_filing_and_verification_scores_every_participant(
    year_ctx: HandlerContext, views: dict[str, LedgerProjection]
) -> None:
    before = year_ctx.app.head()
    file_and_verify(year_ctx, "85")
    written = [e for _, e in year_ctx.app.all_events() if not isinstance(e, IDENTITY_EVENTS)]
    # One event for the filing and one for the verification, not one per participant.
    assert [type(e) for e in written[-2:]] == [SharedResultFiled, SharedResultVerified]
    assert sum(1 for p, _ in year_ctx.app.all_events() if p > before) <= 3
    assert p3_rows(year_ctx, views["scores"]) == {
        f"{unit_id}/2557": ("provisional", Decimal("85"), Decimal("4.0000"))
        for unit_id in PROVINCES
    }
    with caught_up(year_ctx, views["joints"]).view.reading() as docs:
        joint = read_joint(docs, JOINT)
    assert joint is not None
    assert joint.joint.host_name_en == "Department of Water Resources"
    assert [(p.agreement, p.kpi_id) for p in joint.participants] == [
        (f"{unit_id}/2557", "P3") for unit_id in PROVINCES
    ]
    assert [(r.round_id, r.filed, r.verified) for r in joint.joint.rounds] == [
        ("12m", Decimal("85"), Decimal("85"))
    ]


def test_an_adjusted_shared_result_rescores_every_certified_participant(
    year_ctx: HandlerContext, views: dict[str, LedgerProjection]
) -> None:
    file_and_verify(year_ctx, "85")
    for unit_id in PROVINCES:
        ref = f"{unit_id}/2557"
        run(year_ctx, sar(ref, "12m", OWN))
        run(year_ctx, assess(ref, "12m", OWN))
        run(
            year_ctx, {"type": "certify_scores", "actor": OPDC, "agreement": ref, "round_id": "12m"}
        )
    assert {s for s, _, _ in p3_rows(year_ctx, views["scores"]).values()} == {"certified"}
    run(year_ctx, shared("request_shared_appeal", appeal_id="AP-J", round_id="12m", claim="x"))
    decided = {"appeal_id": "AP-J", "outcome": "upheld", "body": "ก.พ.ร.", "rationale": "ok"}
    run(year_ctx, shared("decide_shared_appeal", **decided))
    adjusted = {"appeal_id": "AP-J", "new_value": "90", "reason": "r", "authority": "ก.พ.ร."}
    run(year_ctx, shared("adjust_shared_result", **adjusted))
    assert p3_rows(year_ctx, views["scores"]) == {
        f"{unit_id}/2557": ("awaiting re-certification", Decimal("90"), Decimal("5.0000"))
        for unit_id in PROVINCES
    }
    with caught_up(year_ctx, views["joints"]).view.reading() as docs:
        joint = read_joint(docs, JOINT)
    assert joint is not None
    assert joint.joint.rounds[0].adjusted_by == "AP-J"
    assert [(a.appeal_id, a.status, a.adjusted) for a in joint.joint.appeals] == [
        ("AP-J", "upheld", True)
    ]


def raise_parent_target(ctx: HandlerContext) -> None:
    higher = {"thresholds": ["75", "80", "85", "90", "95"]}
    run(ctx, request_change("TH-81/2557", "CR-1", "G1", "2014-04-28", proposal=higher))
    run(ctx, decide_change("TH-81/2557", "CR-1", "2014-04-30"))


def test_a_parents_new_target_makes_its_child_drift_until_kept(
    year_ctx: HandlerContext, views: dict[str, LedgerProjection]
) -> None:
    cascades = views["cascades"]
    with caught_up(year_ctx, cascades).view.reading() as docs:
        assert read_drifting(docs) == []
    raise_parent_target(year_ctx)
    with caught_up(year_ctx, cascades).view.reading() as docs:
        (child,) = read_drifting(docs)
        root = read_node(docs, "TH-81/2557#G1")
    assert (child.ref, child.parent, child.parent_revision, child.aligned_revision) == (
        "TH-82/2557#G1",
        "TH-81/2557#G1",
        1,
        0,
    )
    assert root is not None
    assert root.target == Decimal("85")  # the parent's new T3
    keep = {
        "type": "keep_cascaded_kpi",
        "actor": CHANGE_COMMITTEE,
        "agreement": "TH-82/2557",
        "kpi_id": "G1",
        "body": "Change-request committee",
        "meeting_ref": "CR-2",
        "reason": "the province's own target already stretches it",
    }
    run(year_ctx, keep)
    with caught_up(year_ctx, cascades).view.reading() as docs:
        assert read_drifting(docs) == []
        kept = read_node(docs, "TH-82/2557#G1")
    assert kept is not None
    assert kept.answer is not None
    assert (kept.answer.kind, kept.answer.reason) == ("kept", keep["reason"])


def test_the_cascade_tree_and_warnings_from_the_command_line(
    settings: Settings, year_ctx: HandlerContext
) -> None:
    raise_parent_target(year_ctx)
    file_and_verify(year_ctx, "85")
    db = ["--db", settings.database]
    runner = CliRunner()
    tree = runner.invoke(cli, ["cascade", "TH-82/2557#G1", *db], catch_exceptions=False)
    assert tree.exit_code == 0, tree.output
    lines = tree.output.splitlines()
    # Root, child, grandchild: each node's first line is "AGREEMENT#KPI  (UNIT)".
    order = [next(i for i, line in enumerate(lines) if f"#G1  ({u})" in line) for u in PROVINCES]
    assert order == sorted(order)
    assert "DRIFTING" in lines[order[1]]
    assert "DRIFTING" not in lines[order[2]]
    as_json = runner.invoke(cli, ["cascade", "TH-81/2557#G1", "--json", *db])
    assert '"TH-83/2557#G1"' in as_json.output
    warned = runner.invoke(cli, ["warnings", *db], catch_exceptions=False)
    assert "TH-82/2557#G1" in warned.output
    assert "TH-81/2557#G1" in warned.output
    joints = runner.invoke(cli, ["joint", "show", JOINT, *db], catch_exceptions=False)
    assert "Department of Water Resources" in joints.output
    assert all(f"{u}/2557" in joints.output for u in PROVINCES)


def test_joints_and_cascades_over_http(settings: Settings, year_ctx: HandlerContext) -> None:
    raise_parent_target(year_ctx)
    file_and_verify(year_ctx, "85")
    # Tokens are checked on the real clock; the year was recorded on a ticking one.
    real = build_context(settings)
    token = user_with_token(real, "reader-1", [{"role": "auditor"}])
    app = create_app(settings, rate_limit=RateLimit(rate=10_000, burst=10_000))
    with TestClient(app) as client:

        def get(path: str) -> Any:
            return client.get(f"/api{path}", headers=bearer(token))

        (listed,) = get("/joints").json()
        assert (listed["participants"], listed["joint"]["host_unit_id"]) == (3, HOST)
        shown = get(f"/joints/{JOINT}").json()
        assert [p["agreement"] for p in shown["participants"]] == [f"{u}/2557" for u in PROVINCES]
        assert get("/joints/J-NONE").status_code == 404
        assert client.get("/api/joints", headers={}).status_code == 401
        tree = get("/cascades/TH-83/2557/G1").json()
        assert tree["node"]["ref"] == "TH-81/2557#G1"
        (child,) = tree["children"]
        assert (child["node"]["ref"], child["node"]["drifting"]) == ("TH-82/2557#G1", True)
        assert get("/cascades/TH-81/2557/G2").status_code == 404
        (drift,) = get("/warnings/drift").json()
        assert drift["ref"] == "TH-82/2557#G1"
    real.app.close()
