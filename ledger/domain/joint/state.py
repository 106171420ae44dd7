"""A joint KPI's state, folded from its own events."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from functools import singledispatch
from typing import Literal
from uuid import UUID

import msgspec

from ledger.domain.control_events import AppealOutcome
from ledger.domain.events import LedgerEvent
from ledger.domain.joint.events import (
    JointKpiDefined,
    JointMeasure,
    SharedAppealDecided,
    SharedAppealRequested,
    SharedResultAdjusted,
    SharedResultFiled,
    SharedResultVerified,
)
from ledger.domain.values import KnownResult

__all__ = ["JointKpi", "SharedAppeal", "SharedRound", "project_joint"]


class SharedRound(msgspec.Struct, frozen=True, kw_only=True):
    """A round's shared result: as filed, and as verified (or adjusted on appeal).
    ``value_version`` is the joint KPI event that set ``verified``."""

    filed: Decimal | None = None
    filed_at: datetime | None = None
    verified: Decimal | None = None
    notes: str = ""
    value_version: int = 0
    adjusted_by: str | None = None


class SharedAppeal(msgspec.Struct, frozen=True, kw_only=True):
    round_id: str
    participant: str | None
    status: Literal["open"] | AppealOutcome = "open"
    adjusted: bool = False


class JointKpi(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    version: int
    joint_id: str
    fiscal_year: int
    framework_id: str
    host_unit_id: str
    measure: JointMeasure
    per_participant_targets: bool
    rounds: dict[str, SharedRound] = {}
    appeals: dict[str, SharedAppeal] = {}
    # The latest shared result recorded (filed or verified), for rule 1 in each participant.
    latest: KnownResult | None = None

    def round(self, round_id: str) -> SharedRound:
        return self.rounds.get(round_id, SharedRound())


def project_joint(state: JointKpi | None, events: Iterable[LedgerEvent]) -> JointKpi | None:
    for event in events:
        state = msgspec.structs.replace(_apply(event, state), version=event.originator_version)
    return state


def _existing(state: JointKpi | None) -> JointKpi:
    if state is None:
        raise ValueError("event applied before the joint KPI was defined")
    return state


def _known(event: LedgerEvent, joint: JointKpi, round_id: str, value: Decimal) -> KnownResult:
    source: Literal["sar", "assessment"] = (
        "sar" if isinstance(event, SharedResultFiled) else "assessment"
    )
    return KnownResult(
        kpi_id=joint.joint_id,
        value=value,
        source=source,
        round_id=round_id,
        agreement_version=event.originator_version,
        recorded_at=event.recorded_at,
        joint_id=joint.joint_id,
    )


def _with_round(
    joint: JointKpi, event: LedgerEvent, round_id: str, new: SharedRound, value: Decimal
) -> JointKpi:
    return msgspec.structs.replace(
        joint,
        rounds={**joint.rounds, round_id: new},
        latest=_known(event, joint, round_id, value),
    )


@singledispatch
def _apply(event: LedgerEvent, state: JointKpi | None) -> JointKpi:
    raise TypeError(f"no joint KPI transition for {type(event).__name__}")


@_apply.register
def _(event: JointKpiDefined, state: JointKpi | None) -> JointKpi:
    return JointKpi(
        id=event.originator_id,
        version=event.originator_version,
        joint_id=event.joint_id,
        fiscal_year=event.fiscal_year,
        framework_id=event.framework_id,
        host_unit_id=event.host_unit_id,
        measure=event.measure,
        per_participant_targets=event.per_participant_targets,
    )


@_apply.register
def _(event: SharedResultFiled, state: JointKpi | None) -> JointKpi:
    joint = _existing(state)
    new = msgspec.structs.replace(
        joint.round(event.round_id), filed=event.actual, filed_at=event.filed_at
    )
    return _with_round(joint, event, event.round_id, new, event.actual)


@_apply.register
def _(event: SharedResultVerified, state: JointKpi | None) -> JointKpi:
    joint = _existing(state)
    new = msgspec.structs.replace(
        joint.round(event.round_id),
        verified=event.verified_actual,
        notes=event.notes,
        value_version=event.originator_version,
    )
    return _with_round(joint, event, event.round_id, new, event.verified_actual)


@_apply.register
def _(event: SharedAppealRequested, state: JointKpi | None) -> JointKpi:
    joint = _existing(state)
    appeal = SharedAppeal(round_id=event.round_id, participant=event.participant)
    return msgspec.structs.replace(joint, appeals={**joint.appeals, event.appeal_id: appeal})


@_apply.register
def _(event: SharedAppealDecided, state: JointKpi | None) -> JointKpi:
    joint = _existing(state)
    decided = msgspec.structs.replace(joint.appeals[event.appeal_id], status=event.outcome)
    return msgspec.structs.replace(joint, appeals={**joint.appeals, event.appeal_id: decided})


@_apply.register
def _(event: SharedResultAdjusted, state: JointKpi | None) -> JointKpi:
    joint = _existing(state)
    appeal = msgspec.structs.replace(joint.appeals[event.appeal_id], adjusted=True)
    joint = msgspec.structs.replace(joint, appeals={**joint.appeals, event.appeal_id: appeal})
    new = msgspec.structs.replace(
        joint.round(event.round_id),
        verified=event.new_value,
        value_version=event.originator_version,
        adjusted_by=event.appeal_id,
    )
    return _with_round(joint, event, event.round_id, new, event.new_value)
