"""The audit and the history show what issue 15 added: whether the committee saw the what-if,
joint KPIs with their host, shared results a certification used, cascaded KPIs kept against a
moved parent, refused replacements (rule 3) and wording corrections."""

from __future__ import annotations

import msgspec
import pytest

from commands.cli.render import console, event_summary
from commands.cli.render_audit import print_audit
from commands.handlers import HandlerContext
from commands.handlers.change import what_if_for
from ledger.domain.decisions.what_if import what_if_digest
from ledger.domain.values import Actor
from ledger.errors import RuleRefused
from projections.audit import AgreementAudit, audit_log
from projections.trail import trail_row
from tests.builders import (
    CHANGE_COMMITTEE,
    EVALUATOR,
    OPDC,
    accept,
    assess,
    at,
    decide_change,
    fy2557_signed,
    kpi,
    request_change,
    run,
    sar,
    sign,
    unit_with_agreement,
)
from tests.identity import admit

HOST_OFFICE = {"id": "tat-office", "role": "assessed_unit"}
TOURISM = {"title_th": "รายได้ท่องเที่ยว", "title_en": "Tourism revenue"}
OTHERS = dict.fromkeys(("G1", "G2", "P1", "P2", "K2", "K3", "K4", "K5", "K6"), "80")


def year(ctx: HandlerContext) -> str:
    """TH-81 and TH-82 join the TAT-hosted tourism KPI as P3; TH-83's P1 cascades from
    TH-81's P1, whose thresholds then change (the committee shown the what-if); TH-83 keeps
    its P1; TH-81 certifies 9m on the shared result; a rename of P2 is refused. Returns the
    what-if digest the committee was shown."""
    run(
        ctx,
        {
            "type": "register_unit",
            "actor": OPDC,
            "unit_id": "TAT",
            "name_th": "ททท",
            "name_en": "TAT",
            "level": "department",
        },
    )
    run(
        ctx,
        {
            "type": "define_joint_kpi",
            "actor": OPDC,
            "joint_id": "J-TOUR",
            "framework_id": "fy2557-provinces",
            "host_unit_id": "TAT",
            **TOURISM,
            "component": "1.2",
            "unit_of_measure": "%",
            "direction": "higher",
            "thresholds": ["70", "75", "80", "85", "90"],
        },
    )
    for unit_id, kpi_id, extra in (
        ("TH-81", "P3", {**TOURISM, "joint_id": "J-TOUR"}),
        ("TH-82", "P3", {**TOURISM, "joint_id": "J-TOUR"}),
        ("TH-83", "P1", {"cascaded_from": "TH-81/2557#P1"}),
    ):
        for command in fy2557_signed(unit_id):
            if command["type"] == "propose_kpi" and command["kpi_id"] == kpi_id:
                command.update(extra)
            run(ctx, command)
    admit(ctx, msgspec.convert(HOST_OFFICE, Actor), "TAT")
    run(
        ctx,
        {
            "type": "file_shared_result",
            "actor": HOST_OFFICE,
            "joint_id": "J-TOUR",
            "round_id": "9m",
            "actual": "82",
            "effective_at": at("2014-07-20"),
        },
    )
    run(
        ctx,
        {
            "type": "verify_shared_result",
            "actor": EVALUATOR,
            "joint_id": "J-TOUR",
            "round_id": "9m",
            "verified_actual": "81",
        },
    )
    ref = "TH-81/2557"
    run(
        ctx,
        request_change(
            ref, "CR-1", "P1", "2014-04-28", proposal={"thresholds": ["60", "65", "70", "75", "80"]}
        ),
    )
    digest = what_if_digest(what_if_for(ctx, ref, "CR-1"))
    run(ctx, decide_change(ref, "CR-1", "2014-04-29", what_if_sha256=digest))
    run(
        ctx,
        request_change(
            ref, "CR-3", "P2", "2014-04-28", proposal={"thresholds": ["71", "76", "81", "86", "91"]}
        ),
    )
    run(ctx, decide_change(ref, "CR-3", "2014-04-29"))
    run(
        ctx,
        {
            "type": "keep_cascaded_kpi",
            "actor": CHANGE_COMMITTEE,
            "agreement": "TH-83/2557",
            "kpi_id": "P1",
            "body": "Change-request committee",
            "meeting_ref": "CR-2/2557",
            "reason": "The district target already reflects the drought",
        },
    )
    with pytest.raises(RuleRefused, match="replacement KPI"):
        run(
            ctx,
            request_change(
                ref, "CR-2", "P2", "2014-04-28", proposal={"title_en": "Something else"}
            ),
        )
    run(ctx, sar(ref, "9m", OTHERS, effective_at=at("2014-07-25")))
    run(ctx, assess(ref, "9m", OTHERS))
    run(ctx, {"type": "certify_scores", "actor": OPDC, "agreement": ref, "round_id": "9m"})
    return digest


def report(ctx: HandlerContext, ref: str) -> AgreementAudit:
    return next(r for r in audit_log(ctx.app.all_events()) if r.agreement == ref)


def printed(reports: list[AgreementAudit]) -> str:
    """The printed audit with its line wrapping undone (the console is 80 columns wide)."""
    with console.capture() as captured:
        print_audit(reports)
    return " ".join(captured.get().split())


def test_the_audit_shows_whether_each_decision_was_taken_with_the_what_if(
    ctx: HandlerContext,
) -> None:
    digest = year(ctx)
    audit = report(ctx, "TH-81/2557")
    shown = {r.request_id: (r.what_if_sha256, r.what_if_shown) for r in audit.requests}
    assert shown["CR-1"] == (digest, True)
    assert shown["CR-3"][1] is False
    assert shown["CR-3"][0] is not None
    text = printed([audit])
    assert f"what-if shown / เห็นผลล่วงหน้าแล้ว: sha256:{digest}" in text
    assert "decided without the what-if" in text
    assert "joint KPI J-TOUR hosted by TAT" in text


def test_the_audit_names_the_shared_result_a_certification_used(ctx: HandlerContext) -> None:
    year(ctx)
    (certified,) = report(ctx, "TH-81/2557").certifications
    (used,) = certified.shared
    assert (used.kpi_id, used.joint_id, str(used.value)) == ("P3", "J-TOUR", "81")
    assert "P3 = 81 from joint KPI J-TOUR" in printed([report(ctx, "TH-81/2557")])


def test_the_audit_shows_a_cascaded_kpi_kept_with_its_reason_and_parent_revision(
    ctx: HandlerContext,
) -> None:
    year(ctx)
    audit = report(ctx, "TH-83/2557")
    (kept,) = audit.drift_kept
    assert (kept.parent, kept.parent_revision) == ("TH-81/2557#P1", 1)
    text = printed([audit])
    assert "TH-81/2557#P1 revision 1" in text
    assert "reflects the drought" in text


def test_a_refused_replacement_reads_as_rule_3_in_the_audit(ctx: HandlerContext) -> None:
    year(ctx)
    (attempt,) = report(ctx, "TH-81/2557").refused_attempts
    assert attempt.request_id == "CR-2"
    assert (attempt.rule or "").startswith("rule 3")


def test_the_history_summarises_every_event_of_the_year_without_failing(
    ctx: HandlerContext,
) -> None:
    digest = year(ctx)
    summaries = [event_summary(trail_row(p, e)) for p, e in ctx.app.all_events()]
    text = "\n".join(summaries)
    assert f"what-if shown: sha256:{digest[:8]}" in text
    assert "decided without the what-if being shown" in text
    assert "joint KPI J-TOUR hosted by TAT" in text
    assert "kept against TH-81/2557#P1 revision 1" in text
    assert "shared P3 = 81 (joint J-TOUR" in text
    assert "refused under rule 3" in text
    assert "rule 3" in text


SECRETARIAT = {"id": "working-group", "role": "secretariat"}
DEPT = "DEPT-1/2552"
# (kpi_id, component, weight, mandatory code), as in test_wording_corrections.
AFTER = "Share of complaints answered within 15 working days"
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


def test_a_wording_correction_shows_both_titles_and_its_audit_ref(ctx: HandlerContext) -> None:
    commands = unit_with_agreement(
        "DEPT-1", "department", 2552, "fy2552-pilot-ministry-departments"
    )
    for kpi_id, component, weight, code in PLAN:
        extra: dict[str, str] = {"mandatory_code": code} if code else {}
        if kpi_id == "3a":
            extra["title_en"] = "Share of complaints answered within 15 days"
        commands.append(
            kpi(DEPT, kpi_id, component, weight, thresholds=["1", "2", "3", "4", "5"], **extra)
        )
        commands.append(accept(DEPT, kpi_id))
    for command in [*commands, sign(DEPT)]:
        run(ctx, command)
    before = ctx.app.agreement(DEPT).kpis["3a"].terms.title_en
    run(
        ctx,
        {
            "type": "correct_kpi_wording",
            "actor": SECRETARIAT,
            "agreement": DEPT,
            "kpi_id": "3a",
            "title_en": AFTER,
            "audit_ref": "KPI Audit Report 1/2552",
            "reason": "The period was misstated",
        },
    )
    (corrected,) = report(ctx, DEPT).corrections
    assert (corrected.title_en_before, corrected.title_en) == (before, AFTER)
    text = printed([report(ctx, DEPT)])
    assert f"before / เดิม: ตัวชี้วัด 3a · {before}" in text
    assert f"after / ใหม่: ตัวชี้วัด 3a · {AFTER}" in text
    assert "audit ref KPI Audit Report 1/2552" in text
    history = "\n".join(event_summary(trail_row(p, e)) for p, e in ctx.app.all_events())
    assert "audit ref KPI Audit Report 1/2552" in history
