"""Every result the ledger recorded for one KPI, in log order, read off the trail (the rows
``ledger history`` prints): the unit's reported values (SARs), the evaluator's verified values
and scores, scores adjusted on appeal, and, for a KPI that joins a joint KPI, the host's shared
result as filed, verified and adjusted (rows of the joint KPI's own trail).

Each row's ``details`` are the event's own fields as JSON values; the few a result needs are
read through small typed structs, so a row that does not hold them is a bug shown loudly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Literal

import msgspec

from projections.trail import TrailRow

__all__ = ["ResultKind", "ResultLine", "result_lines"]

ResultKind = Literal[
    "reported",
    "verified",
    "adjusted",
    "shared_reported",
    "shared_verified",
    "shared_adjusted",
]


class ResultLine(msgspec.Struct, frozen=True, kw_only=True):
    """One recorded result: ``value`` is the actual (none for a score adjusted on appeal),
    ``score`` the score it earned or was adjusted to, ``before`` what an adjustment replaced."""

    round_id: str
    kind: ResultKind
    value: Decimal | None
    score: Decimal | None
    before: Decimal | None
    position: int
    recorded_at: datetime
    effective_at: datetime


class _Actual(msgspec.Struct, frozen=True):
    kpi_id: str
    actual: Decimal


class _Assessment(msgspec.Struct, frozen=True):
    kpi_id: str
    verified_actual: Decimal
    score: Decimal | None


class _Filed(msgspec.Struct, frozen=True):
    round_id: str
    results: tuple[_Actual, ...]


class _Assessed(msgspec.Struct, frozen=True):
    round_id: str
    assessments: tuple[_Assessment, ...]


class _Adjusted(msgspec.Struct, frozen=True):
    round_id: str
    kpi_id: str
    old_score: Decimal | None
    new_score: Decimal


class _SharedFiled(msgspec.Struct, frozen=True):
    round_id: str
    actual: Decimal


class _SharedVerified(msgspec.Struct, frozen=True):
    round_id: str
    verified_actual: Decimal


class _SharedAdjusted(msgspec.Struct, frozen=True):
    round_id: str
    old_value: Decimal
    new_value: Decimal


def _line(
    row: TrailRow,
    round_id: str,
    kind: ResultKind,
    value: Decimal | None,
    *,
    score: Decimal | None = None,
    before: Decimal | None = None,
) -> ResultLine:
    return ResultLine(
        round_id=round_id,
        kind=kind,
        value=value,
        score=score,
        before=before,
        position=row.position,
        recorded_at=row.recorded_at,
        effective_at=row.effective_at,
    )


def _of(row: TrailRow, kpi_id: str) -> list[ResultLine]:
    details = row.details
    if row.event == "SarFiled":
        filed = msgspec.convert(details, _Filed, strict=False)
        return [
            _line(row, filed.round_id, "reported", r.actual)
            for r in filed.results
            if r.kpi_id == kpi_id
        ]
    if row.event == "EvaluatorAssessed":
        assessed = msgspec.convert(details, _Assessed, strict=False)
        return [
            _line(row, assessed.round_id, "verified", a.verified_actual, score=a.score)
            for a in assessed.assessments
            if a.kpi_id == kpi_id
        ]
    if row.event == "ScoreAdjusted":
        adjusted = msgspec.convert(details, _Adjusted, strict=False)
        if adjusted.kpi_id != kpi_id:
            return []
        score, before = adjusted.new_score, adjusted.old_score
        return [_line(row, adjusted.round_id, "adjusted", None, score=score, before=before)]
    return []


def _shared(row: TrailRow) -> list[ResultLine]:
    details = row.details
    if row.event == "SharedResultFiled":
        filed = msgspec.convert(details, _SharedFiled, strict=False)
        return [_line(row, filed.round_id, "shared_reported", filed.actual)]
    if row.event == "SharedResultVerified":
        verified = msgspec.convert(details, _SharedVerified, strict=False)
        return [_line(row, verified.round_id, "shared_verified", verified.verified_actual)]
    if row.event == "SharedResultAdjusted":
        shared = msgspec.convert(details, _SharedAdjusted, strict=False)
        value, before = shared.new_value, shared.old_value
        return [_line(row, shared.round_id, "shared_adjusted", value, before=before)]
    return []


def result_lines(
    kpi_id: str, agreement_rows: Iterable[TrailRow], joint_rows: Iterable[TrailRow] = ()
) -> tuple[ResultLine, ...]:
    """The results of ``kpi_id`` in log order: from the agreement's trail rows that name it,
    and every shared result among ``joint_rows`` (the trail of the joint KPI it joins)."""
    found = [line for row in agreement_rows if kpi_id in row.kpi_ids for line in _of(row, kpi_id)]
    found += [line for row in joint_rows for line in _shared(row)]
    return tuple(sorted(found, key=lambda line: line.position))
