"""Events of a joint KPI's own stream: its definition, its shared result per round, and the
appeals on that result. Participants join it from their agreements (``KpiTerms.joint_id``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import msgspec

from ledger.domain.control_events import AppealOutcome
from ledger.domain.events import LedgerEvent
from ledger.domain.values import Evidence
from ledger.scoring.levels import Direction

__all__ = [
    "JOINT_EVENTS",
    "JointKpiDefined",
    "JointMeasure",
    "SharedAppealDecided",
    "SharedAppealRequested",
    "SharedResultAdjusted",
    "SharedResultFiled",
    "SharedResultVerified",
]


class JointMeasure(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a joint KPI measures, the same in every participating agreement; ``thresholds``
    are the shared criteria (empty when each participant sets its own)."""

    title_th: str
    title_en: str
    component: str
    unit_of_measure: str
    direction: Direction
    thresholds: tuple[Decimal, ...] = ()


class JointKpiDefined(LedgerEvent, frozen=True, kw_only=True):
    """``per_participant_targets``: each participant negotiates its own thresholds (where
    the framework allows it); otherwise every participant scores on ``measure.thresholds``."""

    joint_id: str
    fiscal_year: int
    framework_id: str
    host_unit_id: str
    measure: JointMeasure
    per_participant_targets: bool = False


class SharedResultFiled(LedgerEvent, frozen=True, kw_only=True):
    """The host's reporter filed the one result of a round, for every participant at once."""

    round_id: str
    actual: Decimal
    narrative: str
    evidence: tuple[Evidence, ...]
    filed_at: datetime


class SharedResultVerified(LedgerEvent, frozen=True, kw_only=True):
    round_id: str
    verified_actual: Decimal
    notes: str


class SharedAppealRequested(LedgerEvent, frozen=True, kw_only=True):
    """An appeal on the shared result, by the host or by a participant (``participant``: its
    agreement)."""

    appeal_id: str
    round_id: str
    claim: str
    evidence: tuple[Evidence, ...]
    participant: str | None = None


class SharedAppealDecided(LedgerEvent, frozen=True, kw_only=True):
    appeal_id: str
    outcome: AppealOutcome
    body: str
    rationale: str


class SharedResultAdjusted(LedgerEvent, frozen=True, kw_only=True):
    """The verified shared value changed in answer to an upheld appeal: every participant is
    scored again on it, and their certified rounds are due for re-certification."""

    appeal_id: str
    round_id: str
    old_value: Decimal
    new_value: Decimal
    reason: str
    authority: str


JOINT_EVENTS = (
    JointKpiDefined,
    SharedResultFiled,
    SharedResultVerified,
    SharedAppealRequested,
    SharedAppealDecided,
    SharedResultAdjusted,
)
