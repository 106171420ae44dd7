"""CSV sheets of the KPIs that link agreements: joint KPIs (the list, and one joint KPI's
shared result, appeals and participants in one sheet) and a cascade, a row per KPI."""

from __future__ import annotations

from collections.abc import Iterator

from commands.cli.csv_columns import (
    AGREEMENT,
    COMPONENT,
    CRITERIA,
    DIRECTION,
    FISCAL_YEAR,
    FRAMEWORK,
    KPI,
    KPI_STATUS,
    ROUND,
    STATUS,
    TITLE_EN,
    TITLE_TH,
    UNIT,
    UNIT_OF_MEASURE,
    WEIGHT,
)
from commands.cli.csv_out import PART, Col, Row, Sheet, joined, part, union
from projections.cascades import CascadeTree
from projections.joints import JointEntry, JointView

__all__ = ["CASCADE", "JOINT", "JOINTS"]

JOINT_KPI = Col("Joint KPI", "ตัวชี้วัดร่วม")
HOST = Col("Host", "เจ้าภาพ")
HOST_TH = Col("Host name, Thai", "ชื่อเจ้าภาพ ภาษาไทย")
HOST_EN = Col("Host name, English", "ชื่อเจ้าภาพ ภาษาอังกฤษ")
OWN_TARGETS = Col("Targets per participant", "แต่ละหน่วยงานกำหนดเป้าหมายเอง")
PARTICIPANTS = Col("Participants", "ผู้ร่วม")
_JOINT = union(
    (JOINT_KPI, TITLE_TH, TITLE_EN, HOST, HOST_TH, HOST_EN, FISCAL_YEAR, FRAMEWORK),
    (COMPONENT, UNIT_OF_MEASURE, DIRECTION, CRITERIA, OWN_TARGETS),
)


def _joint(e: JointEntry) -> Row:
    m = e.measure
    return {
        JOINT_KPI: e.joint_id,
        TITLE_TH: m.title_th,
        TITLE_EN: m.title_en,
        HOST: e.host_unit_id,
        HOST_TH: e.host_name_th,
        HOST_EN: e.host_name_en,
        FISCAL_YEAR: e.fiscal_year,
        FRAMEWORK: e.framework_id,
        COMPONENT: m.component,
        UNIT_OF_MEASURE: m.unit_of_measure,
        DIRECTION: m.direction,
        CRITERIA: joined(m.thresholds),
        OWN_TARGETS: e.per_participant_targets,
    }


def _joints_rows(counted: tuple[JointEntry, int]) -> Iterator[Row]:
    entry, participants = counted
    yield {**_joint(entry), PARTICIPANTS: participants}


JOINTS: Sheet[tuple[JointEntry, int]] = Sheet(union(_JOINT, (PARTICIPANTS,)), _joints_rows)

FILED = Col("Filed", "ผลที่รายงาน")
FILED_AT = Col("Filed at", "วันที่รายงาน")
VERIFIED = Col("Verified", "ผลยืนยัน")
NOTES = Col("Notes", "หมายเหตุ")
ADJUSTED_BY = Col("Adjusted by appeal", "ปรับตามอุทธรณ์")
APPEAL = Col("Appeal", "อุทธรณ์")
BY = Col("Appealed by", "ผู้ยื่น")
ADJUSTED = Col("Adjusted", "ปรับผลแล้ว")


def _joint_rows(view: JointView) -> Iterator[Row]:
    """The shared result per round, the appeals on it and the participants, a row each."""
    e = view.joint
    group = _joint(e)
    for r in e.rounds:
        yield part(
            "shared result",
            "ผลการดำเนินงานร่วม",
            {
                **group,
                ROUND: r.round_id,
                FILED: r.filed,
                FILED_AT: r.filed_at,
                VERIFIED: r.verified,
                NOTES: r.notes,
                ADJUSTED_BY: r.adjusted_by,
            },
        )
    for a in e.appeals:
        by = a.participant or e.host_unit_id
        row = {**group, APPEAL: a.appeal_id, ROUND: a.round_id, BY: by, STATUS: a.status}
        yield part("appeal", "การอุทธรณ์", {**row, ADJUSTED: a.adjusted})
    for p in view.participants:
        yield part(
            "participant",
            "หน่วยงานที่ร่วม",
            {
                **group,
                AGREEMENT: p.agreement,
                UNIT: p.unit_id,
                KPI: p.kpi_id,
                KPI_STATUS: p.status,
                WEIGHT: p.weight,
                # A participant's own criteria where each negotiates its targets.
                CRITERIA: joined(p.thresholds),
            },
        )


JOINT: Sheet[JointView] = Sheet(
    union(
        (PART,),
        _JOINT,
        (ROUND, FILED, FILED_AT, VERIFIED, NOTES, ADJUSTED_BY, APPEAL, BY, STATUS, ADJUSTED),
        (AGREEMENT, UNIT, KPI, KPI_STATUS, WEIGHT),
    ),
    _joint_rows,
)

LEVEL = Col("Depth (0: root)", "ลำดับชั้น (0: ต้นทางสูงสุด)")
REF = Col("KPI reference", "ตัวชี้วัด (คำรับรอง#รหัส)")
PARENT = Col("Parent", "ต้นทาง")
TARGET = Col("Target", "เป้าหมาย")
LATEST = Col("Latest result", "ผลล่าสุด")
LATEST_ROUND = Col("Latest result's round", "รอบของผลล่าสุด")
LATEST_SOURCE = Col("Latest result's source", "ที่มาของผลล่าสุด")
REVISION = Col("Criteria revision", "ฉบับเกณฑ์")
FOLLOWS = Col("Parent's revision followed", "ฉบับของต้นทางที่ยึดถือ")
PARENT_REVISION = Col("Parent's revision now", "ฉบับปัจจุบันของต้นทาง")
DRIFTING = Col("Drifting", "ไม่สอดคล้องกับต้นทาง")
ANSWER = Col("Last answer", "การพิจารณาล่าสุด")
ANSWERED_BY = Col("Answered by (meeting)", "ผู้พิจารณา (การประชุม)")
ANSWER_REASON = Col("Answer's reason", "เหตุผลของการพิจารณา")


def _cascade_rows(tree: CascadeTree, depth: int = 0) -> Iterator[Row]:
    """The tree from its root down, each KPI before the KPIs cascaded from it."""
    n = tree.node
    answer = n.answer
    yield {
        LEVEL: depth,
        REF: n.ref,
        AGREEMENT: n.agreement,
        UNIT: n.unit_id,
        KPI: n.kpi_id,
        KPI_STATUS: n.status,
        TITLE_TH: n.title_th,
        TITLE_EN: n.title_en,
        DIRECTION: n.direction,
        UNIT_OF_MEASURE: n.unit_of_measure,
        CRITERIA: joined(n.thresholds),
        TARGET: n.target,
        LATEST: n.latest.value if n.latest else None,
        LATEST_ROUND: n.latest.round_id if n.latest else None,
        LATEST_SOURCE: n.latest.source if n.latest else None,
        PARENT: n.parent,
        REVISION: n.revision,
        FOLLOWS: n.aligned_revision if n.parent else None,
        PARENT_REVISION: n.parent_revision,
        DRIFTING: n.drifting,
        ANSWER: answer.kind if answer else None,
        ANSWERED_BY: f"{answer.body} ({answer.meeting_ref})" if answer else None,
        ANSWER_REASON: answer.reason if answer else None,
    }
    for child in tree.children:
        yield from _cascade_rows(child, depth + 1)


CASCADE: Sheet[CascadeTree] = Sheet(
    union(
        (LEVEL, REF, AGREEMENT, UNIT, KPI, KPI_STATUS, TITLE_TH, TITLE_EN, DIRECTION),
        (UNIT_OF_MEASURE, CRITERIA, TARGET, LATEST, LATEST_ROUND, LATEST_SOURCE, PARENT),
        (REVISION, FOLLOWS, PARENT_REVISION, DRIFTING, ANSWER, ANSWERED_BY, ANSWER_REASON),
    ),
    _cascade_rows,
)
