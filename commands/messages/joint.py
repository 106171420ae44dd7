"""Typed commands for joint KPIs: defined once, reported once per round by the host."""

from __future__ import annotations

from decimal import Decimal

from commands.messages.agreement import EvidenceFiles, Thresholds
from commands.messages.base import Command, Moment
from ledger.bounds import AgreementRef, Id, Name, Narrative, Note, Statement
from ledger.domain.control_events import AppealOutcome
from ledger.scoring.levels import Direction

__all__ = [
    "AdjustSharedResult",
    "DecideSharedAppeal",
    "DefineJointKpi",
    "FileSharedResult",
    "RequestSharedAppeal",
    "VerifySharedResult",
]


class DefineJointKpi(Command, frozen=True, kw_only=True, tag="define_joint_kpi"):
    """A joint KPI for one framework's year, hosted by ``host_unit_id``; agreements join it
    with ``propose_kpi``'s ``joint_id``."""

    joint_id: Id
    framework_id: Id
    host_unit_id: Id
    title_th: Name
    title_en: Name
    component: Id
    unit_of_measure: Name
    direction: Direction
    thresholds: Thresholds = ()
    per_participant_targets: bool = False


class FileSharedResult(Command, frozen=True, kw_only=True, tag="file_shared_result"):
    """The host's result of a joint KPI for a round, counted in every participating
    agreement."""

    joint_id: Id
    round_id: Id
    actual: Decimal
    narrative: Narrative = ""
    evidence: EvidenceFiles = ()
    filed_at: Moment | None = None


class VerifySharedResult(Command, frozen=True, kw_only=True, tag="verify_shared_result"):
    """The independent evaluator's verified value of a joint KPI's shared result for a
    round."""

    joint_id: Id
    round_id: Id
    verified_actual: Decimal
    notes: Note = ""


class RequestSharedAppeal(Command, frozen=True, kw_only=True, tag="request_shared_appeal"):
    """An appeal on a shared result: by the host, or by a participant naming its agreement."""

    joint_id: Id
    appeal_id: Id
    round_id: Id
    claim: Statement
    evidence: EvidenceFiles = ()
    agreement: AgreementRef | None = None


class DecideSharedAppeal(Command, frozen=True, kw_only=True, tag="decide_shared_appeal"):
    """The appeal body's decision on an appeal on a shared result."""

    joint_id: Id
    appeal_id: Id
    outcome: AppealOutcome
    body: Name
    rationale: Statement


class AdjustSharedResult(Command, frozen=True, kw_only=True, tag="adjust_shared_result"):
    """Change a shared result in answer to an upheld appeal; every participating
    agreement's certified round must then be certified again."""

    joint_id: Id
    appeal_id: Id
    new_value: Decimal
    reason: Statement
    authority: Name
