"""Typed commands: imperative, one per write. A JSON line's ``type`` picks the command."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

import msgspec

from ledger.domain.control_events import AppealKind, AppealOutcome, ChangeKind, ChangeOutcome
from ledger.domain.events import NegotiationOutcome
from ledger.domain.values import Actor, Evidence, KpiResult, Signatory, SubmissionChannel
from ledger.frameworks.model import UnitLevel
from ledger.scoring.levels import Direction

__all__ = [
    "AdjustScore",
    "AnyCommand",
    "CancelRound",
    "CertifyScores",
    "Command",
    "DecideAppeal",
    "DecideChange",
    "FileSar",
    "KpiAmendments",
    "OpenAgreement",
    "ProposeKpi",
    "RecordAssessment",
    "RecordNegotiationDecision",
    "RegisterUnit",
    "RequestAppeal",
    "RequestChange",
    "SignAgreement",
    "VerifiedResult",
]

Moment = Annotated[datetime, msgspec.Meta(tz=True)]
Text = Annotated[str, msgspec.Meta(min_length=1)]


class Command(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="type"
):
    """Common to every command: who acts, when it takes effect (default: when recorded), and
    optionally the client's own id for it, which makes sending it again safe (see receipt.py)."""

    actor: Actor
    effective_at: Moment | None = None
    command_id: UUID | None = None


class RegisterUnit(Command, frozen=True, kw_only=True, tag="register_unit"):
    unit_id: Text
    name_th: Text
    name_en: Text
    level: UnitLevel
    parent_id: str | None = None


class OpenAgreement(Command, frozen=True, kw_only=True, tag="open_agreement"):
    unit_id: Text
    fiscal_year: int
    framework_id: Text


class ProposeKpi(Command, frozen=True, kw_only=True, tag="propose_kpi"):
    agreement: Text
    kpi_id: Text
    title_th: Text
    title_en: Text
    component: Text
    unit_of_measure: Text
    direction: Direction
    weight: Decimal
    thresholds: tuple[Decimal, ...] = ()
    baseline: Decimal | None = None
    monitor: bool = False
    cascaded_from: str | None = None
    joint_host: str | None = None
    mandatory_code: str | None = None


class KpiAmendments(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The values a committee changed; anything left out stays as proposed."""

    title_th: str | None = None
    title_en: str | None = None
    component: str | None = None
    unit_of_measure: str | None = None
    direction: Direction | None = None
    weight: Decimal | None = None
    thresholds: tuple[Decimal, ...] | None = None
    baseline: Decimal | None = None
    monitor: bool | None = None


class RecordNegotiationDecision(
    Command, frozen=True, kw_only=True, tag="record_negotiation_decision"
):
    agreement: Text
    kpi_id: Text
    outcome: NegotiationOutcome
    committee: Text
    meeting_ref: Text
    minutes: str = ""
    amendments: KpiAmendments | None = None


class SignAgreement(Command, frozen=True, kw_only=True, tag="sign_agreement"):
    agreement: Text
    signatories: tuple[Signatory, ...]


class FileSar(Command, frozen=True, kw_only=True, tag="file_sar"):
    agreement: Text
    round_id: Text
    results: tuple[KpiResult, ...]
    narrative: str = ""
    evidence: tuple[Evidence, ...] = ()
    filed_at: Moment | None = None
    channel: SubmissionChannel = "e-sar"


class VerifiedResult(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    kpi_id: str
    verified_actual: Decimal
    notes: str = ""


class RecordAssessment(Command, frozen=True, kw_only=True, tag="record_assessment"):
    agreement: Text
    round_id: Text
    assessments: tuple[VerifiedResult, ...]


class CertifyScores(Command, frozen=True, kw_only=True, tag="certify_scores"):
    agreement: Text
    round_id: Text


class RequestChange(Command, frozen=True, kw_only=True, tag="request_change"):
    """Ask to change a signed KPI (``proposal``: only what changes) or to cancel it."""

    agreement: Text
    request_id: Text
    kpi_id: Text
    kind: ChangeKind = "amend"
    proposal: KpiAmendments | None = None
    reason_code: Text
    justification: Text
    evidence: tuple[Evidence, ...] = ()


class DecideChange(Command, frozen=True, kw_only=True, tag="decide_change"):
    """The committee's decision; ``amendments`` change the proposal when approving with them."""

    agreement: Text
    request_id: Text
    outcome: ChangeOutcome
    body: Text
    meeting_ref: Text
    rationale: str = ""
    amendments: KpiAmendments | None = None


class CancelRound(Command, frozen=True, kw_only=True, tag="cancel_round"):
    framework_id: Text
    round_id: Text
    reason: Text


class RequestAppeal(Command, frozen=True, kw_only=True, tag="request_appeal"):
    agreement: Text
    appeal_id: Text
    kind: AppealKind = "appeal"
    round_id: Text
    kpi_id: Text
    claim: Text
    evidence: tuple[Evidence, ...] = ()


class DecideAppeal(Command, frozen=True, kw_only=True, tag="decide_appeal"):
    agreement: Text
    appeal_id: Text
    outcome: AppealOutcome
    body: Text
    rationale: Text


class AdjustScore(Command, frozen=True, kw_only=True, tag="adjust_score"):
    agreement: Text
    appeal_id: Text
    new_score: Decimal
    reason: Text
    authority: Text


AnyCommand = (
    RegisterUnit
    | OpenAgreement
    | ProposeKpi
    | RecordNegotiationDecision
    | SignAgreement
    | FileSar
    | RecordAssessment
    | CertifyScores
    | RequestChange
    | DecideChange
    | CancelRound
    | RequestAppeal
    | DecideAppeal
    | AdjustScore
)
