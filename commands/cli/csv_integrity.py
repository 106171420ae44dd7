"""CSV sheets of target integrity: the audit (findings, every target version with the
results known then, change requests, refused attempts: one sheet per run, a row each) and
the what-if of a change request."""

from __future__ import annotations

from collections.abc import Iterator

from commands.cli.csv_agreement import plain
from commands.cli.csv_columns import (
    ACTOR,
    AFTER,
    AGREEMENT,
    BEFORE,
    CRITERIA,
    DIRECTION,
    EFFECTIVE,
    ENTERED_BY,
    FIELD,
    FRAMEWORK,
    KPI,
    POSITION,
    RECORDED,
    REQUEST,
    ROUND,
    STATUS,
    TITLE_EN,
    TITLE_TH,
    UNIT,
    VERSION,
    WEIGHT,
)
from commands.cli.csv_out import PART, Col, Row, Sheet, joined, part, placed, union
from commands.cli.csv_registers import (
    DECIDED_POSITION,
    FAVOURABLE,
    KIND,
    REASON,
    VIOLATION,
    WINDOW,
    WINDOW_CLOSES,
)
from commands.cli.numbers import format_composite, format_number, format_score
from ledger.domain.decisions.what_if import WhatIf
from ledger.domain.values import KpiTerms
from projections.audit import AgreementAudit, TargetVersion

__all__ = ["AUDIT", "WHAT_IF"]

VERDICT = Col("Verdict", "ผลการตรวจสอบ")
FINDING = Col("Finding", "ข้อสังเกต")
MADE_BY = Col("Made by", "ที่มา")
DECIDED_BY = Col("Decided by", "ผู้พิจารณา")
RESULTS_KNOWN = Col("Results known then", "ผลที่ทราบแล้วขณะนั้น")
RULE_1 = Col("Rule 1", "กฎข้อ 1")
LINKS = Col("Joint or cascaded", "ตัวชี้วัดร่วมหรือถ่ายทอด")
WHAT_IF_SHA256 = Col("What-if (sha256)", "ผลล่วงหน้า (sha256)")
WHAT_IF_SHOWN = Col("What-if shown", "เห็นผลล่วงหน้าแล้ว")
ATTEMPT = Col("Attempt", "ความพยายาม")
MESSAGE = Col("Why refused", "เหตุที่ปฏิเสธ")
RULE = Col("Rule", "กฎ")


def _results_known(v: TargetVersion) -> str:
    return "; ".join(
        f"{format_number(r.value)} ({r.source} {r.round_id}, #{r.position})"
        for r in v.results_known
    )


def _rule_1(v: TargetVersion) -> str:
    """The flags the table prints beside a version, in one line."""
    check = v.check
    flags = [
        *(["crossed a known result"] if v.violation else []),
        *(["favourable after results"] if v.favourable_after_results else []),
    ]
    if check and check.level_before is not None:
        flags.append(f"K level {check.level_before} -> {check.level_after}")
    if check and check.composite_before is not None:
        composites = f"{format_number(check.composite_before)} -> {check.composite_after}"
        flags.append(f"composite {composites}")
    return "; ".join(flags)


def _audit_rows(report: AgreementAudit) -> Iterator[Row]:
    group: Row = {
        AGREEMENT: report.agreement,
        UNIT: report.unit_id,
        FRAMEWORK: report.framework_id,
        VERDICT: report.verdict,
    }
    for finding in report.findings:
        yield part("finding", "ข้อสังเกต", {**group, FINDING: finding})
    for kpi in report.kpis:
        links = [
            *([f"joint KPI {kpi.joint_id} hosted by {kpi.joint_host}"] if kpi.joint_id else []),
            *([f"cascaded from {kpi.cascaded_from}"] if kpi.cascaded_from else []),
        ]
        for v in kpi.versions:
            yield part(
                "target version",
                "รุ่นของเป้าหมาย",
                {
                    **group,
                    KPI: kpi.kpi_id,
                    TITLE_TH: kpi.title_th,
                    TITLE_EN: kpi.title_en,
                    LINKS: "; ".join(links),
                    VERSION: v.number,
                    STATUS: v.status,
                    DIRECTION: v.direction,
                    CRITERIA: joined(v.thresholds),
                    WEIGHT: v.weight,
                    MADE_BY: v.made_by,
                    REQUEST: v.request_id,
                    DECIDED_BY: v.decided_by,
                    ACTOR: v.actor_id,
                    ENTERED_BY: v.entered_by,
                    EFFECTIVE: v.effective_at,
                    RECORDED: v.recorded_at,
                    POSITION: v.position,
                    RESULTS_KNOWN: _results_known(v),
                    VIOLATION: v.violation,
                    FAVOURABLE: v.favourable_after_results,
                    RULE_1: _rule_1(v),
                },
            )
    for r in report.requests:
        yield part(
            "change request",
            "คำขอเปลี่ยนแปลง",
            {
                **group,
                REQUEST: r.request_id,
                KPI: r.kpi_id,
                KIND: r.kind,
                REASON: r.reason_code,
                WINDOW: r.window_id,
                WINDOW_CLOSES: r.window_closes,
                STATUS: r.status,
                RECORDED: r.requested_at,
                POSITION: r.requested_position,
                DECIDED_POSITION: r.decided_position,
                WHAT_IF_SHA256: r.what_if_sha256,
                # Undecided, or decided before decisions recorded their what-if: empty.
                WHAT_IF_SHOWN: r.what_if_shown if r.what_if_sha256 else None,
            },
        )
    for a in report.refused_attempts:
        yield part(
            "refused attempt",
            "ความพยายามที่ถูกปฏิเสธ",
            {
                **group,
                ATTEMPT: a.attempt,
                ACTOR: a.actor_id,
                ENTERED_BY: a.entered_by,
                KPI: a.kpi_id,
                REQUEST: a.request_id,
                EFFECTIVE: a.effective_at,
                RECORDED: a.recorded_at,
                POSITION: a.position,
                MESSAGE: a.message,
                RULE: a.rule,
            },
        )


AUDIT: Sheet[AgreementAudit] = Sheet(
    union(
        (PART, AGREEMENT, UNIT, FRAMEWORK, VERDICT, FINDING, KPI, TITLE_TH, TITLE_EN, LINKS),
        (VERSION, STATUS, DIRECTION, CRITERIA, WEIGHT, MADE_BY, REQUEST, DECIDED_BY, ACTOR),
        (ENTERED_BY, EFFECTIVE, RECORDED, POSITION, RESULTS_KNOWN, VIOLATION, FAVOURABLE),
        (RULE_1, KIND, REASON, WINDOW, WINDOW_CLOSES, DECIDED_POSITION, WHAT_IF_SHA256),
        (WHAT_IF_SHOWN,),
        (ATTEMPT, MESSAGE, RULE),
    ),
    _audit_rows,
)

REFUSAL = Col("Would be refused", "จะถูกปฏิเสธเพราะ")
SOURCE = Col("Source", "ที่มา")
VALUE = Col("Value", "ค่า")
DIGEST = Col("What-if sha256", "sha256 ของผลล่วงหน้า")


_TERMS = ("title_th", "title_en", "unit_of_measure", "direction", "weight", "thresholds")


def _terms(terms: KpiTerms | None) -> dict[str, str | None]:
    """The KPI's terms by field name; none for a KPI the request cancels."""
    if terms is None:
        return dict.fromkeys((*_TERMS, "monitor"))
    return {
        "title_th": terms.title_th,
        "title_en": terms.title_en,
        "unit_of_measure": terms.unit_of_measure,
        "direction": terms.direction,
        "weight": format_number(terms.weight),
        "thresholds": joined(terms.thresholds),
        "monitor": plain(terms.monitor),
    }


def _what_if_rows(shown: tuple[WhatIf, str]) -> Iterator[Row]:
    """The terms before and after, each known result and each round's composite under
    both, and the weights moved: ``Before`` and ``After`` hold what the part names."""
    w, digest = shown
    group: Row = {
        AGREEMENT: w.agreement,
        REQUEST: w.request_id,
        KIND: w.kind,
        KPI: w.kpi_id,
        VERDICT: w.verdict,
        REFUSAL: w.refusal,
        DIGEST: digest,
    }
    before, after = _terms(w.terms_before), _terms(w.terms_after)
    for name in before:
        row = {**group, FIELD: name, BEFORE: before[name], AFTER: after.get(name)}
        yield part("terms", "เงื่อนไข", row)
    for r in w.results:
        scores = {
            BEFORE: placed(format_score, r.score_before),
            AFTER: placed(format_score, r.score_after),
        }
        row = {**group, ROUND: r.round_id, SOURCE: r.source, VALUE: r.value, **scores}
        yield part("score of a known result", "คะแนนของผลที่ทราบแล้ว", row)
    for c in w.rounds:
        composites = {
            BEFORE: placed(format_composite, c.composite_before),
            AFTER: placed(format_composite, c.composite_after),
        }
        yield part("composite", "คะแนนรวม", {**group, ROUND: c.round_id, **composites})
    for m in w.weight_moves:
        row = {**group, FIELD: f"weight of {m.kpi_id}", BEFORE: m.before, AFTER: m.after}
        yield part("weight moved", "น้ำหนักที่ย้าย", row)


WHAT_IF: Sheet[tuple[WhatIf, str]] = Sheet(
    union(
        (PART, AGREEMENT, REQUEST, KIND, KPI, VERDICT, REFUSAL, DIGEST),
        (FIELD, ROUND, SOURCE, VALUE, BEFORE, AFTER),
    ),
    _what_if_rows,
)
