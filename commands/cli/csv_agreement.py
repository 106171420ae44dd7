"""CSV sheets of one agreement's reads: scores, the agreement as it stands, its history,
as it stood at a moment, and what changed between two."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import msgspec

from commands.cli.csv_columns import (
    ACTOR,
    AFTER,
    AGREEMENT,
    BEFORE,
    COMPONENT,
    CRITERIA,
    DIRECTION,
    EFFECTIVE,
    ENTERED_BY,
    FIELD,
    FISCAL_YEAR,
    FRAMEWORK,
    KPI,
    KPI_STATUS,
    MONITOR,
    POSITION,
    RECORDED,
    ROUND,
    ROUND_EN,
    ROUND_TH,
    TITLE_EN,
    TITLE_TH,
    UNIT,
    UNIT_EN,
    UNIT_OF_MEASURE,
    UNIT_TH,
    VERSION,
    WEIGHT,
)
from commands.cli.csv_out import PART, Col, Row, Sheet, joined, part, placed, union
from commands.cli.numbers import format_number, format_score, format_weighted
from ledger.domain.agreement_state import Agreement, KpiState
from ledger.domain.unit import Unit
from projections.as_of import AsOf
from projections.diff import Diff
from projections.scores import RoundScores
from projections.trail import TrailRow

__all__ = ["AGREEMENT_SHEET", "AS_OF", "DIFF", "HISTORY", "SCORES", "plain"]

ROUND_STATUS = Col("Round status", "สถานะรอบ")
REPORTED = Col("Actual reported", "ผลที่รายงาน")
VERIFIED = Col("Actual verified", "ผลที่ตรวจสอบแล้ว")
SCORE = Col("Score", "คะแนน")
WEIGHTED = Col("Weighted score", "คะแนนถ่วงน้ำหนัก")
ASSESSED_WEIGHT = Col("Weight assessed this round", "น้ำหนักที่ประเมินในรอบ")
BEFORE_PENALTIES = Col("Composite before penalties", "คะแนนรวมก่อนหักคะแนน")
PENALTIES = Col("Penalties", "หักคะแนน")
COMPOSITE = Col("Composite", "คะแนนรวม")
BAND_TH = Col("Band, Thai", "ระดับผล ภาษาไทย")
BAND_EN = Col("Band, English", "ระดับผล ภาษาอังกฤษ")


def _score_rows(t: RoundScores) -> Iterator[Row]:
    """A row per KPI of the round, each with its agreement, round and composite."""
    group: Row = {
        AGREEMENT: t.agreement,
        UNIT: t.unit_id,
        UNIT_TH: t.unit_name_th,
        UNIT_EN: t.unit_name_en,
        FISCAL_YEAR: t.fiscal_year,
        FRAMEWORK: t.framework_id,
        ROUND: t.round_id,
        ROUND_TH: t.round_label_th,
        ROUND_EN: t.round_label_en,
        ROUND_STATUS: t.status,
        ASSESSED_WEIGHT: t.assessed_weight,
        BEFORE_PENALTIES: t.composite_before_penalties,
        PENALTIES: "; ".join(f"{pid} {format_number(v)}" for pid, v in t.penalties.items()),
        COMPOSITE: t.composite,
        BAND_TH: t.band_th,
        BAND_EN: t.band_en,
    }
    for k in t.kpis:
        yield {
            **group,
            KPI: k.kpi_id,
            TITLE_TH: k.title_th,
            TITLE_EN: k.title_en,
            COMPONENT: k.component,
            WEIGHT: k.weight,
            MONITOR: k.monitor,
            REPORTED: k.reported_actual,
            VERIFIED: k.verified_actual,
            SCORE: placed(format_score, k.score),
            WEIGHTED: placed(format_weighted, k.weighted_score),
        }
    if not t.kpis:
        yield group


SCORES: Sheet[RoundScores] = Sheet(
    union(
        (AGREEMENT, UNIT, UNIT_TH, UNIT_EN, FISCAL_YEAR, FRAMEWORK, ROUND, ROUND_TH, ROUND_EN),
        (ROUND_STATUS, KPI, TITLE_TH, TITLE_EN, COMPONENT, WEIGHT, MONITOR, REPORTED, VERIFIED),
        (SCORE, WEIGHTED, ASSESSED_WEIGHT, BEFORE_PENALTIES, PENALTIES, COMPOSITE, BAND_TH),
        (BAND_EN,),
    ),
    _score_rows,
)

SIGNED = Col("Signed", "ลงนามแล้ว")
_TERMS = union(
    (KPI, TITLE_TH, TITLE_EN, COMPONENT, DIRECTION, WEIGHT, MONITOR, CRITERIA),
    (UNIT_OF_MEASURE, KPI_STATUS),
)


def _terms(kpi: KpiState) -> Row:
    t = kpi.terms
    return {
        KPI: kpi.kpi_id,
        TITLE_TH: t.title_th,
        TITLE_EN: t.title_en,
        COMPONENT: t.component,
        DIRECTION: t.direction,
        WEIGHT: t.weight,
        MONITOR: t.monitor,
        CRITERIA: joined(t.thresholds),
        UNIT_OF_MEASURE: t.unit_of_measure,
        KPI_STATUS: kpi.status,
    }


def _agreement_rows(shown: tuple[Agreement, Unit]) -> Iterator[Row]:
    state, unit = shown
    group: Row = {
        AGREEMENT: state.agreement_ref,
        UNIT: unit.unit_id,
        UNIT_TH: unit.name_th,
        UNIT_EN: unit.name_en,
        FISCAL_YEAR: state.fiscal_year,
        FRAMEWORK: state.framework_id,
        SIGNED: state.signed,
        VERSION: state.version,
    }
    for kpi in state.kpis.values():
        yield {**group, **_terms(kpi)}


AGREEMENT_SHEET: Sheet[tuple[Agreement, Unit]] = Sheet(
    union(
        (AGREEMENT, UNIT, UNIT_TH, UNIT_EN, FISCAL_YEAR, FRAMEWORK, SIGNED, VERSION),
        _TERMS,
    ),
    _agreement_rows,
)

EVENT = Col("Event", "เหตุการณ์")
SUMMARY = Col("Summary", "สรุป")
ROLE = Col("Actor's role", "บทบาทผู้กระทำ")
KPIS = Col("KPIs", "ตัวชี้วัด")
DETAILS = Col("Details (JSON)", "รายละเอียด (JSON)")


def _event_rows(row: TrailRow) -> Iterator[Row]:
    # Imported here: the event lines are the terminal's, needed only for this sheet.
    from commands.cli.event_lines import event_summary

    yield {
        POSITION: row.position,
        VERSION: row.version,
        EVENT: row.event,
        SUMMARY: "; ".join(event_summary(row).split("\n")[1:]),
        RECORDED: row.recorded_at,
        EFFECTIVE: row.effective_at,
        ACTOR: row.actor_id,
        ROLE: row.actor_role,
        ENTERED_BY: row.entered_by,
        KPIS: joined(row.kpi_ids, ", "),
        DETAILS: msgspec.json.encode(row.details).decode(),
    }


HISTORY: Sheet[TrailRow] = Sheet(
    union(
        (POSITION, VERSION, EVENT, SUMMARY, RECORDED, EFFECTIVE, ACTOR, ROLE, ENTERED_BY),
        (KPIS, DETAILS),
    ),
    _event_rows,
)

BASIS = Col("As of", "ณ")
MOMENT = Col("Moment", "เวลา")
AS_OF_VERSION = Col("Agreement version", "รุ่นของคำรับรอง")
_TARGET = ("target", "เป้าหมาย")
_SCORE = ("score", "คะแนน")


def _as_of_rows(view: AsOf) -> Iterator[Row]:
    """The targets then, a row per KPI, and the scores then, a row per round and KPI."""
    group: Row = {
        AGREEMENT: view.agreement,
        BASIS: "as recorded" if view.basis == "recorded" else "in force",
        MOMENT: view.moment,
        AS_OF_VERSION: view.version,
    }
    for kpi in view.state.kpis.values():
        yield part(*_TARGET, {**group, **_terms(kpi)})
    for table in view.scores:
        for row in _score_rows(table):
            yield part(*_SCORE, {**group, **row})


AS_OF: Sheet[AsOf] = Sheet(
    union((PART, AGREEMENT, BASIS, MOMENT, AS_OF_VERSION), _TERMS, SCORES.columns),
    _as_of_rows,
)

FROM_VERSION = Col("From version", "จากรุ่น")
FROM_MOMENT = Col("From moment", "จากเวลา")
TO_VERSION = Col("To version", "ถึงรุ่น")
TO_MOMENT = Col("To moment", "ถึงเวลา")
SUBJECT = Col("Subject", "เรื่อง")


def plain(value: Any) -> str | None:
    """A recorded value of a diff or a what-if in one cell: lists joined with " / ",
    mappings as ``name: value``, ISO times as recorded, flags TRUE/FALSE."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, list | tuple):
        return " / ".join(plain(v) or "" for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {plain(v) or ''}" for k, v in value.items())
    return str(value)


def _diff_rows(diff: Diff) -> Iterator[Row]:
    group: Row = {
        AGREEMENT: diff.agreement,
        FROM_VERSION: diff.before.version,
        FROM_MOMENT: diff.before.moment,
        TO_VERSION: diff.after.version,
        TO_MOMENT: diff.after.moment,
    }
    for c in diff.changes:
        before, after = (_in_places(c.field, plain(v)) for v in (c.before, c.after))
        yield part(
            "change",
            "การเปลี่ยนแปลง",
            {**group, SUBJECT: c.subject, FIELD: c.field, BEFORE: before, AFTER: after},
        )
    for event in diff.events_between:
        for row in _event_rows(event):
            yield part("event", "เหตุการณ์", {**group, **row})


_PLACES: dict[str, Callable[[Decimal | None], str]] = {
    "score": format_score,
    "weighted_score": format_weighted,
}


def _in_places(field: str, text: str | None) -> str | None:
    """A score or a weighted score to its places, as the score sheet writes it."""
    fmt = _PLACES.get(field)
    if fmt is None or text is None:
        return text
    try:
        return fmt(Decimal(text))
    except InvalidOperation:
        return text


DIFF: Sheet[Diff] = Sheet(
    union(
        (PART, AGREEMENT, FROM_VERSION, FROM_MOMENT, TO_VERSION, TO_MOMENT),
        (SUBJECT, FIELD, BEFORE, AFTER),
        HISTORY.columns,
    ),
    _diff_rows,
)
