"""Typed commands for the year of an agreement: imperative, one per write.

Every text, array and number is bounded (``ledger.bounds``); decoding enforces the bounds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import msgspec

from commands.messages.base import Command, Moment
from ledger.bounds import (
    ARRAYS,
    AgreementRef,
    Id,
    KpiRef,
    Name,
    Narrative,
    Note,
    Sha256,
    Statement,
)
from ledger.domain.control_events import AppealKind, AppealOutcome, ChangeKind, ChangeOutcome
from ledger.domain.events import NegotiationOutcome
from ledger.domain.values import Evidence, KpiResult, PriorResult, Signatory, SubmissionChannel
from ledger.frameworks.model import UnitLevel
from ledger.scoring.levels import Direction

__all__ = [
    "AdjustScore",
    "CancelRound",
    "CertifyScores",
    "CorrectKpiWording",
    "DecideAppeal",
    "DecideChange",
    "EvidenceFiles",
    "FileSar",
    "KeepCascadedKpi",
    "KpiAmendments",
    "OpenAgreement",
    "ProposeKpi",
    "RecordAssessment",
    "RecordNegotiationDecision",
    "RegisterUnit",
    "RequestAppeal",
    "RequestChange",
    "SignAgreement",
    "Thresholds",
    "VerifiedResult",
]

# Bounds on text and numbers live in ledger.bounds; arrays are bounded here by its table.
Thresholds = Annotated[tuple[Decimal, ...], ARRAYS["thresholds"].meta]
Results = Annotated[tuple[KpiResult, ...], ARRAYS["results"].meta]
PriorResults = Annotated[tuple[PriorResult, ...], ARRAYS["prior_results"].meta]
EvidenceFiles = Annotated[tuple[Evidence, ...], ARRAYS["evidence"].meta]
Signatories = Annotated[tuple[Signatory, ...], ARRAYS["signatories"].meta]


class RegisterUnit(Command, frozen=True, kw_only=True, tag="register_unit"):
    """Register a unit (a province, an agency, a department, a civil servant) at its level,
    under ``parent_id`` where it has one; its id names it in every later command."""

    unit_id: Id
    name_th: Name
    name_en: Name
    level: UnitLevel
    parent_id: Id | None = None


class OpenAgreement(Command, frozen=True, kw_only=True, tag="open_agreement"):
    """Open the unit's agreement for a fiscal year (Buddhist Era) under a framework: one per
    unit and year, named ``UNIT/YEAR`` from then on."""

    unit_id: Id
    fiscal_year: Annotated[int, msgspec.Meta(ge=1000, le=9999)]  # four digits in its ref
    framework_id: Id


class ProposeKpi(Command, frozen=True, kw_only=True, tag="propose_kpi"):
    """Propose a KPI for a draft agreement: titles, component, unit, direction, weight, the
    thresholds that turn a result into a score, and optionally earlier years' results."""

    agreement: AgreementRef
    kpi_id: Id
    title_th: Name
    title_en: Name
    component: Id
    unit_of_measure: Name
    direction: Direction
    weight: Decimal
    thresholds: Thresholds = ()
    baseline: Decimal | None = None
    monitor: bool = False
    cascaded_from: KpiRef | None = None
    joint_host: Id | None = None
    mandatory_code: Id | None = None
    joint_id: Id | None = None
    prior_results: PriorResults = ()


class KpiAmendments(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The values a committee changed; anything left out stays as proposed."""

    title_th: Name | None = None
    title_en: Name | None = None
    component: Id | None = None
    unit_of_measure: Name | None = None
    direction: Direction | None = None
    weight: Decimal | None = None
    thresholds: Thresholds | None = None
    baseline: Decimal | None = None
    monitor: bool | None = None


class RecordNegotiationDecision(
    Command, frozen=True, kw_only=True, tag="record_negotiation_decision"
):
    """The negotiation committee's word on one proposed KPI: accepted, amended (with
    ``amendments``) or rejected, with the meeting it was decided at."""

    agreement: AgreementRef
    kpi_id: Id
    outcome: NegotiationOutcome
    committee: Name
    meeting_ref: Name
    minutes: Narrative = ""
    amendments: KpiAmendments | None = None


class SignAgreement(Command, frozen=True, kw_only=True, tag="sign_agreement"):
    """Sign a negotiated agreement: its KPIs and weights are fixed from then on, changed only
    through a change request."""

    agreement: AgreementRef
    signatories: Signatories


class FileSar(Command, frozen=True, kw_only=True, tag="file_sar"):
    """File the self-assessment report (SAR) for a round: each KPI's actual result, with evidence;
    filed after the round's due date, it is penalised as the framework says."""

    agreement: AgreementRef
    round_id: Id
    results: Results
    narrative: Narrative = ""
    evidence: EvidenceFiles = ()
    filed_at: Moment | None = None
    channel: SubmissionChannel = "e-sar"


class VerifiedResult(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    kpi_id: Id
    verified_actual: Decimal
    notes: Note = ""


class RecordAssessment(Command, frozen=True, kw_only=True, tag="record_assessment"):
    """The independent evaluator's verified results for a round, one per KPI, which the
    round's scores are computed from."""

    agreement: AgreementRef
    round_id: Id
    assessments: Annotated[tuple[VerifiedResult, ...], ARRAYS["assessments"].meta]


class CertifyScores(Command, frozen=True, kw_only=True, tag="certify_scores"):
    """Certify a round's scores: the composite (after penalties) and its band, as final."""

    agreement: AgreementRef
    round_id: Id


class RequestChange(Command, frozen=True, kw_only=True, tag="request_change"):
    """Ask to change a signed KPI (``proposal``: only what changes) or to cancel it."""

    agreement: AgreementRef
    request_id: Id
    kpi_id: Id
    kind: ChangeKind = "amend"
    proposal: KpiAmendments | None = None
    reason_code: Id
    justification: Statement
    evidence: EvidenceFiles = ()


class DecideChange(Command, frozen=True, kw_only=True, tag="decide_change"):
    """The committee's decision; ``amendments`` change the proposal when approving with them.
    ``what_if_sha256``: the digest of the what-if the committee was shown (``ledger what-if``);
    the decision is refused if the numbers have changed since."""

    agreement: AgreementRef
    request_id: Id
    outcome: ChangeOutcome
    body: Name
    meeting_ref: Name
    rationale: Narrative = ""
    amendments: KpiAmendments | None = None
    what_if_sha256: Sha256 | None = None


class CorrectKpiWording(Command, frozen=True, kw_only=True, tag="correct_kpi_wording"):
    """A KPI template correction after the template audit: titles only (seed 001)."""

    agreement: AgreementRef
    kpi_id: Id
    title_th: Name | None = None
    title_en: Name | None = None
    audit_ref: Name
    reason: Statement


class KeepCascadedKpi(Command, frozen=True, kw_only=True, tag="keep_cascaded_kpi"):
    """A cascaded KPI's committee keeps its terms after its parent's criteria changed."""

    agreement: AgreementRef
    kpi_id: Id
    body: Name
    meeting_ref: Name
    reason: Statement


class CancelRound(Command, frozen=True, kw_only=True, tag="cancel_round"):
    """Cancel a framework's round for the year: no SAR is due or filed for it (FY2557 cancelled
    its 6-month SAR)."""

    framework_id: Id
    round_id: Id
    reason: Statement


class RequestAppeal(Command, frozen=True, kw_only=True, tag="request_appeal"):
    """Ask for a review or an appeal of one KPI's score in a round, with the claim and evidence."""

    agreement: AgreementRef
    appeal_id: Id
    kind: AppealKind = "appeal"
    round_id: Id
    kpi_id: Id
    claim: Statement
    evidence: EvidenceFiles = ()


class DecideAppeal(Command, frozen=True, kw_only=True, tag="decide_appeal"):
    """The appeal body's decision on an appeal: upheld, partly upheld or rejected, and why."""

    agreement: AgreementRef
    appeal_id: Id
    outcome: AppealOutcome
    body: Name
    rationale: Statement


class AdjustScore(Command, frozen=True, kw_only=True, tag="adjust_score"):
    """Change a KPI's score in answer to an upheld appeal; a certified round must then be
    certified again."""

    agreement: AgreementRef
    appeal_id: Id
    new_score: Decimal
    reason: Statement
    authority: Name
