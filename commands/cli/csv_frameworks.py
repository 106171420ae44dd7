"""CSV sheets of the frameworks: the list, and one framework's parts (its settings,
dimensions and components with their weights, mandatory KPIs, limits, rounds, change
windows and reasons, penalties, rating bands) in one sheet, a row each."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from commands.cli.csv_columns import (
    COMPONENT,
    FISCAL_YEAR,
    FRAMEWORK,
    MONITOR,
    NAME_EN,
    NAME_TH,
    ROUND,
    WEIGHT,
)
from commands.cli.csv_out import PART, Col, Row, Sheet, joined, part, union
from commands.cli.numbers import format_number
from ledger.frameworks.model import Component, Dimension, Framework
from ledger.scoring.levels import level_points

__all__ = ["FRAMEWORKS", "FRAMEWORK_PARTS"]

LEVELS = Col("Unit levels", "ระดับหน่วยงาน")
SCORING = Col("Scoring", "การให้คะแนน")
POINTS = Col("Points per level", "คะแนนแต่ละระดับ")
SOURCE = Col("Source", "ที่มา")


def _framework(fw: Framework) -> Row:
    return {
        FRAMEWORK: fw.id,
        NAME_TH: fw.name_th,
        NAME_EN: fw.name_en,
        FISCAL_YEAR: fw.fiscal_year,
        LEVELS: ", ".join(fw.levels),
        SCORING: fw.scoring,
        POINTS: joined(level_points(fw.scoring), ", "),
    }


def _list_rows(fw: Framework) -> Iterator[Row]:
    yield {**_framework(fw), SOURCE: fw.source}


FRAMEWORKS: Sheet[Framework] = Sheet(
    (FRAMEWORK, NAME_TH, NAME_EN, FISCAL_YEAR, LEVELS, SCORING, POINTS, SOURCE), _list_rows
)

SETTING = Col("Setting", "การตั้งค่า")
VALUE = Col("Value", "ค่า")
CODE = Col("Id or code", "รหัส")
WITHIN = Col("Within", "อยู่ภายใต้")
MIN_WEIGHT = Col("Weight at least", "น้ำหนักไม่น้อยกว่า")
OPTIONAL = Col("Optional", "เลือกได้")
MOVES_TO = Col("Weight moves to when left out", "น้ำหนักย้ายไปที่")
STARTS = Col("Period starts", "เริ่ม")
ENDS = Col("Period ends", "สิ้นสุด")
DUE = Col("SAR due or closes", "กำหนดส่งหรือปิดรับ")
APPEALS = Col("Appeals allowed", "อุทธรณ์ได้")
AMOUNT = Col("Amount", "จำนวนที่หัก")
HOW = Col("How deducted", "วิธีหัก")
FROM = Col("From composite", "ตั้งแต่คะแนนรวม")

_SETTINGS = (
    "score_floor",
    "reset_rule",
    "joint_targets",
    "weight_quantum",
    "working_calendar",
    "wording_corrections",
)


def _weights(part_: Dimension | Component, levels: tuple[str, ...]) -> Iterator[Row]:
    """One row for a part weighed alike at every level, else one row per level."""
    within = part_.dimension if isinstance(part_, Component) else None
    common: Row = {
        CODE: part_.id,
        NAME_TH: part_.name_th,
        NAME_EN: part_.name_en,
        WITHIN: within,
        MIN_WEIGHT: part_.min_weight or None,
    }
    if not isinstance(part_, Component) or not part_.weight_by_level:
        yield {**common, LEVELS: ", ".join(part_.levels), WEIGHT: part_.weight}
        return
    for level in part_.levels or levels:
        yield {**common, LEVELS: level, WEIGHT: part_.weight_for(level)}


def _parts_rows(fw: Framework) -> Iterator[Row]:
    f: Row = {FRAMEWORK: fw.id}
    for name in _SETTINGS:
        value = getattr(fw, name)
        shown = format_number(value) if isinstance(value, Decimal) else value
        yield part("setting", "การตั้งค่า", {**f, SETTING: name, VALUE: shown})
    for d in fw.dimensions:
        for row in _weights(d, fw.levels):
            yield part("dimension", "มิติ", {**f, **row})
    for c in fw.components:
        for row in _weights(c, fw.levels):
            yield part("component", "องค์ประกอบ", {**f, **row})
    for k in fw.mandatory_kpis:
        kpi: Row = {
            CODE: k.code,
            NAME_TH: k.title_th,
            NAME_EN: k.title_en,
            COMPONENT: k.component,
            WEIGHT: k.weight,
            MONITOR: k.monitor,
            OPTIONAL: k.optional,
            MOVES_TO: k.weight_moves_to,
            LEVELS: ", ".join(k.levels),
        }
        yield part("mandatory KPI", "ตัวชี้วัดภาคบังคับ", {**f, **kpi})
    rules = [(r.rule_th, r.rule_en) for r in fw.kpi_count_limits]
    rules += [(r.rule_th, r.rule_en) for r in fw.weight_comparisons]
    for thai, english in rules:
        yield part("limit", "ข้อกำหนด", {**f, NAME_TH: thai, NAME_EN: english})
    for r in fw.rounds:
        round_: Row = {
            CODE: r.id,
            NAME_TH: r.label_th,
            NAME_EN: r.label_en,
            WITHIN: ", ".join(r.assesses),
            LEVELS: ", ".join(r.levels),
            STARTS: r.period_start,
            ENDS: r.period_end,
            DUE: r.sar_due,
            APPEALS: r.appeals,
        }
        yield part("round", "รอบการประเมิน", {**f, **round_})
    for h in fw.head_evaluation_rounds:
        head: Row = {CODE: str(h.number), NAME_TH: h.label_th, NAME_EN: h.label_en}
        yield part("head evaluation", "การประเมินหัวหน้าหน่วยงาน", {**f, **head, ROUND: h.from_round})
    if fw.early_warning is not None:
        w = fw.early_warning
        warning: Row = {NAME_TH: w.label_th, NAME_EN: w.label_en, DUE: w.around}
        yield part("early warning", "การแจ้งเตือนล่วงหน้า", {**f, **warning})
    for cw in fw.change_windows:
        window: Row = {CODE: cw.id, NAME_TH: cw.label_th, NAME_EN: cw.label_en, DUE: cw.closes}
        yield part("change window", "ช่วงยื่นคำขอเปลี่ยนแปลง", {**f, **window})
    for reason in fw.change_reasons:
        named: Row = {CODE: reason.code, NAME_TH: reason.label_th, NAME_EN: reason.label_en}
        yield part("change reason", "เหตุผลที่ขอเปลี่ยนแปลงได้", {**f, **named})
    for p in fw.penalties:
        penalty: Row = {CODE: p.id, NAME_TH: p.label_th, NAME_EN: p.label_en, ROUND: p.round}
        yield part("penalty", "การหักคะแนน", {**f, **penalty, AMOUNT: p.amount, HOW: p.kind})
    for band in sorted(fw.rating_bands, key=lambda b: b.min, reverse=True):
        banded: Row = {NAME_TH: band.label_th, NAME_EN: band.label_en, FROM: band.min}
        yield part("rating band", "ระดับผลการประเมิน", {**f, **banded})


FRAMEWORK_PARTS: Sheet[Framework] = Sheet(
    union(
        (PART, FRAMEWORK, SETTING, VALUE, CODE, NAME_TH, NAME_EN, WITHIN, LEVELS, COMPONENT),
        (WEIGHT, MIN_WEIGHT, MONITOR, OPTIONAL, MOVES_TO, ROUND, STARTS, ENDS, DUE, APPEALS),
        (AMOUNT, HOW, FROM),
    ),
    _parts_rows,
)
