"""CSV sheets of the registers and watch lists: change requests, SARs, the governor's
rounds and early warnings (off-track KPIs and cascade drift in one sheet)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from commands.cli.csv_columns import (
    AGREEMENT,
    EFFECTIVE,
    FRAMEWORK,
    KPI,
    POSITION,
    REQUEST,
    ROUND,
    ROUND_EN,
    ROUND_TH,
    STATUS,
    TITLE_EN,
    TITLE_TH,
    UNIT,
    UNIT_EN,
    UNIT_TH,
)
from commands.cli.csv_out import Col, Row, Sheet, joined, union
from commands.cli.numbers import format_number
from projections.cascades import CascadeNode
from projections.change_register import RegisterEntry
from projections.early_warning import KpiTrend
from projections.head_evaluation import HeadRound
from projections.sar_register import SarEntry

__all__ = [
    "DECIDED_POSITION",
    "FAVOURABLE",
    "GOVERNOR",
    "KIND",
    "REASON",
    "REQUESTS",
    "SARS",
    "VIOLATION",
    "WARNINGS",
    "WINDOW",
    "WINDOW_CLOSES",
]

KIND = Col("Kind", "ประเภท")
REASON = Col("Reason", "เหตุผล")
JUSTIFICATION = Col("Justification", "คำชี้แจง")
WINDOW = Col("Window", "รอบคำขอ")
WINDOW_CLOSES = Col("Window closes", "ปิดรับคำขอ")
REQUESTED_BY = Col("Requested by", "ผู้ยื่นคำขอ")
DECIDED_BY = Col("Decided by", "ผู้พิจารณา")
DECIDED_AT = Col("Decision effective at", "มติมีผลเมื่อ")
DECIDED_POSITION = Col("Decision log position", "ลำดับของมติในบันทึก")
VIOLATION = Col("Crossed a known result (rule 1)", "ข้ามผลที่ทราบแล้ว (กฎข้อ 1)")
FAVOURABLE = Col("Favourable after results", "เป็นคุณหลังทราบผล")
REFUSED = Col("Refused attempts at log positions", "ความพยายามที่ถูกปฏิเสธ ลำดับที่")


def _request_rows(e: RegisterEntry) -> Iterator[Row]:
    yield {
        AGREEMENT: e.agreement,
        REQUEST: e.request_id,
        KPI: e.kpi_id,
        KIND: e.kind,
        REASON: e.reason_code,
        JUSTIFICATION: e.justification,
        WINDOW: e.window_id,
        WINDOW_CLOSES: e.window_closes,
        REQUESTED_BY: e.requested_by,
        EFFECTIVE: e.requested_effective_at,
        POSITION: e.requested_position,
        STATUS: e.status,
        DECIDED_BY: e.decided_by,
        DECIDED_AT: e.decided_effective_at,
        DECIDED_POSITION: e.decided_position,
        VIOLATION: e.rule_1_violation,
        FAVOURABLE: e.favourable_after_results,
        REFUSED: joined(e.refused_attempts, ", "),
    }


REQUESTS: Sheet[RegisterEntry] = Sheet(
    union(
        (AGREEMENT, REQUEST, KPI, KIND, REASON, JUSTIFICATION, WINDOW, WINDOW_CLOSES),
        (REQUESTED_BY, EFFECTIVE, POSITION, STATUS, DECIDED_BY, DECIDED_AT, DECIDED_POSITION),
        (VIOLATION, FAVOURABLE, REFUSED),
    ),
    _request_rows,
)

AS_OF_DAY = Col("As of (date)", "ณ วันที่")
DUE = Col("Due", "กำหนดส่ง")
CANCELLED = Col("Cancelled", "ยกเลิก")
FILED_AT = Col("Filed at", "วันที่ส่ง")
CHANNEL = Col("Channel", "ช่องทาง")
FILINGS = Col("Filings", "จำนวนครั้งที่ส่ง")
PENALTIES = Col("Penalties", "หักคะแนน")


def _sar_rows(judged: tuple[SarEntry, date]) -> Iterator[Row]:
    """A row per agreement and round, its status as of the day the register is judged."""
    e, day = judged
    filed = e.filings[0] if e.filings else None
    yield {
        AS_OF_DAY: day,
        AGREEMENT: e.agreement,
        FRAMEWORK: e.framework_id,
        ROUND: e.round_id,
        ROUND_TH: e.label_th,
        ROUND_EN: e.label_en,
        DUE: e.due,
        STATUS: e.status(day),
        CANCELLED: e.cancelled,
        FILED_AT: filed.filed_at if filed else None,
        CHANNEL: filed.channel if filed else None,
        FILINGS: len(e.filings),
        PENALTIES: "; ".join(
            f"{p.penalty_id} -{format_number(p.amount)}"
            + (f" ({p.working_days_late} working days)" if p.working_days_late else "")
            for p in e.penalties
        ),
    }


SARS: Sheet[tuple[SarEntry, date]] = Sheet(
    union(
        (AS_OF_DAY, AGREEMENT, FRAMEWORK, ROUND, ROUND_TH, ROUND_EN, DUE, STATUS, CANCELLED),
        (FILED_AT, CHANNEL, FILINGS, PENALTIES),
    ),
    _sar_rows,
)

NUMBER = Col("Evaluation", "ครั้งที่")
FROM_ROUND = Col("From round", "จากผลรอบ")
SCORE_100 = Col("Score (0-100)", "คะแนน")
POINTS = Col("Points", "คะแนนถ่วง")
ASSESSED_WEIGHT = Col("Weight assessed", "น้ำหนักที่ประเมิน")
BAND_TH = Col("Band, Thai", "ระดับผล ภาษาไทย")
BAND_EN = Col("Band, English", "ระดับผล ภาษาอังกฤษ")


def _head_rows(e: HeadRound) -> Iterator[Row]:
    yield {
        AGREEMENT: e.agreement,
        UNIT: e.unit_id,
        UNIT_TH: e.unit_name_th,
        UNIT_EN: e.unit_name_en,
        NUMBER: e.number,
        ROUND_TH: e.label_th,
        ROUND_EN: e.label_en,
        FROM_ROUND: e.from_round,
        STATUS: e.status,
        SCORE_100: e.score,
        POINTS: e.points,
        ASSESSED_WEIGHT: e.assessed_weight,
        BAND_TH: e.band_th,
        BAND_EN: e.band_en,
    }


GOVERNOR: Sheet[HeadRound] = Sheet(
    union(
        (AGREEMENT, UNIT, UNIT_TH, UNIT_EN, NUMBER, ROUND_TH, ROUND_EN, FROM_ROUND, STATUS),
        (SCORE_100, POINTS, ASSESSED_WEIGHT, BAND_TH, BAND_EN),
    ),
    _head_rows,
)

WARNING = Col("Warning", "การเตือน")
SOURCE = Col("Source", "ที่มา")
LATEST = Col("Latest result", "ผลล่าสุด")
TARGET = Col("Target", "เป้าหมาย")
SHARE = Col("Share of the year", "สัดส่วนของปี")
PRO_RATED = Col("Pro-rated target", "เป้าหมายตามสัดส่วน")
GAP = Col("Gap", "ส่วนต่าง")
PARENT = Col("Parent", "ต้นทาง")
PARENT_REVISION = Col("Parent's criteria revision", "ฉบับเกณฑ์ของต้นทาง")
FOLLOWS = Col("Revision followed", "ฉบับที่ยึดถือ")


def _warning_rows(item: KpiTrend | CascadeNode) -> Iterator[Row]:
    """A KPI's latest result against the target it was compared with (pro-rated: the share
    of the year below 1; as is: 1), or a cascaded KPI drifting."""
    if isinstance(item, CascadeNode):
        yield {
            WARNING: "drifting",
            AGREEMENT: item.agreement,
            KPI: item.kpi_id,
            TITLE_TH: item.title_th,
            TITLE_EN: item.title_en,
            PARENT: item.parent,
            PARENT_REVISION: item.parent_revision,
            FOLLOWS: item.aligned_revision,
        }
        return
    check = item.check
    yield {
        WARNING: check.status,
        AGREEMENT: item.agreement,
        KPI: item.kpi_id,
        TITLE_TH: item.title_th,
        TITLE_EN: item.title_en,
        ROUND: item.round_id,
        SOURCE: item.source,
        LATEST: check.value,
        TARGET: check.target,
        SHARE: check.share,
        PRO_RATED: check.pro_rated_target,
        GAP: check.gap,
    }


WARNINGS: Sheet[KpiTrend | CascadeNode] = Sheet(
    union(
        (WARNING, AGREEMENT, KPI, TITLE_TH, TITLE_EN, ROUND, SOURCE, LATEST, TARGET, SHARE),
        (PRO_RATED, GAP, PARENT, PARENT_REVISION, FOLLOWS),
    ),
    _warning_rows,
)
