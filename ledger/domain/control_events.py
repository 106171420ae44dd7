"""Events of the signed year: change requests and decisions, refused attempts, penalties,
appeals and score adjustments, and cancelled rounds. Facts in the past tense, never edited.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar, Literal

from ledger.domain.events import LedgerEvent
from ledger.domain.values import (
    Evidence,
    Holiday,
    KpiTerms,
    ResetCheck,
    SubmissionChannel,
    WeightMove,
)

__all__ = [
    "AppealDecided",
    "AppealKind",
    "AppealOutcome",
    "AppealRequested",
    "AttemptKind",
    "CascadeDriftKept",
    "ChangeAttemptRefused",
    "ChangeDecided",
    "ChangeKind",
    "ChangeOutcome",
    "ChangeRequested",
    "KpiWordingCorrected",
    "PenaltyAssessed",
    "RoundCancelled",
    "ScoreAdjusted",
]

ChangeKind = Literal["amend", "cancel"]
ChangeOutcome = Literal["approved", "approved_with_amendments", "rejected"]
AttemptKind = Literal["change_request", "change_decision", "kpi_proposal", "wording_correction"]
AppealKind = Literal["review", "appeal"]
AppealOutcome = Literal["upheld", "partly_upheld", "rejected"]


class ChangeRequested(LedgerEvent, frozen=True, kw_only=True):
    """A unit asked to change a signed KPI; ``proposed`` is the KPI's full terms if approved."""

    request_id: str
    kpi_id: str
    kind: ChangeKind
    proposed: KpiTerms | None
    reason_code: str
    justification: str
    evidence: tuple[Evidence, ...]
    window_id: str
    window_closes: date


class ChangeDecided(LedgerEvent, frozen=True, kw_only=True):
    """The committee's decision on a request, with everything it changed and rule 1's check.

    Only an approval changes the agreement: ``terms_after`` (None when cancelled) and the
    ``weight_moves`` of the other KPIs. ``violation`` is set when the framework flags rather
    than refuses a change that crosses a known result.

    ``what_if_sha256`` is the digest of the what-if of this very decision, computed on the
    state it was decided on (``ledger what-if``); ``what_if_shown`` says the command carried
    that digest, so the committee was shown those numbers. ``parent_revision``: for a
    cascaded KPI, the criteria revision of its parent when decided.
    """

    later_fields: ClassVar[frozenset[str]] = frozenset({"parent_revision", "what_if_sha256"})

    request_id: str
    kpi_id: str
    kind: ChangeKind
    outcome: ChangeOutcome
    terms_before: KpiTerms
    terms_after: KpiTerms | None
    weight_moves: tuple[WeightMove, ...]
    check: ResetCheck | None
    violation: bool
    window_id: str
    body: str
    meeting_ref: str
    rationale: str
    what_if_sha256: str | None = None
    what_if_shown: bool = False
    parent_revision: int | None = None


class KpiWordingCorrected(LedgerEvent, frozen=True, kw_only=True):
    """A KPI's titles corrected after the KPI Template Audit (seed 001): wording only, never
    what it measures, its unit, direction, thresholds or weight."""

    kpi_id: str
    title_th_before: str
    title_en_before: str
    title_th: str
    title_en: str
    audit_ref: str
    reason: str


class CascadeDriftKept(LedgerEvent, frozen=True, kw_only=True):
    """A cascaded KPI's own committee kept its terms after its parent's criteria changed:
    the drift is answered up to the parent's revision ``parent_revision``."""

    kpi_id: str
    parent: str
    parent_revision: int
    body: str
    meeting_ref: str
    reason: str


class ChangeAttemptRefused(LedgerEvent, frozen=True, kw_only=True):
    """An attempt the rules refused, kept so the audit shows attempts, not only successes."""

    attempt: AttemptKind
    kpi_id: str | None
    request_id: str | None
    message: str
    field: str | None
    rule: str | None
    check: ResetCheck | None
    attempted: str


class PenaltyAssessed(LedgerEvent, frozen=True, kw_only=True):
    """A deduction from a round's composite for a late report, with how it was computed."""

    penalty_id: str
    kind: Literal["late_esar", "late_paper_sar_per_working_day"]
    round_id: str
    channel: SubmissionChannel
    due: date
    delivered: date
    working_days_late: int | None
    holidays_skipped: tuple[Holiday, ...]
    rate: Decimal
    amount: Decimal
    sar_version: int


class AppealRequested(LedgerEvent, frozen=True, kw_only=True):
    appeal_id: str
    kind: AppealKind
    round_id: str
    kpi_id: str
    claim: str
    evidence: tuple[Evidence, ...]


class AppealDecided(LedgerEvent, frozen=True, kw_only=True):
    appeal_id: str
    outcome: AppealOutcome
    body: str
    rationale: str


class ScoreAdjusted(LedgerEvent, frozen=True, kw_only=True):
    """A KPI score changed in answer to an appeal; a certified round must be re-certified."""

    appeal_id: str
    round_id: str
    kpi_id: str
    old_score: Decimal | None
    new_score: Decimal
    reason: str
    authority: str


class RoundCancelled(LedgerEvent, frozen=True, kw_only=True):
    """A framework's round is not reported this year (FY2557 cancelled its 6-month SAR)."""

    framework_id: str
    round_id: str
    reason: str
