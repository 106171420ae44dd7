"""Domain events: facts in the past tense, frozen, typed and never edited.

Every event names its actor and role (who decided), the user who entered it, the time it took
effect (``effective_at``, as claimed by the actor) and the time the ledger recorded it
(``recorded_at``, from the ledger's clock).
``timestamp`` is the name the eventsourcing library reads; it is the recorded time.
Schema evolution follows msgspec's rules: a new field gets a default, a field never changes
type, and a breaking change is a new event type or an upcaster.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar, Literal
from uuid import UUID

import msgspec

from ledger.domain.values import (
    Actor,
    Evidence,
    KpiAssessment,
    KpiResult,
    KpiTerms,
    SharedResultUsed,
    Signatory,
    SubmissionChannel,
)

__all__ = [
    "AgreementOpened",
    "AgreementSigned",
    "EvaluatorAssessed",
    "KpiProposed",
    "LedgerEvent",
    "NegotiationDecisionRecorded",
    "NegotiationOutcome",
    "SarFiled",
    "ScoresCertified",
    "UnitRegistered",
]

NegotiationOutcome = Literal["accepted", "amended", "rejected"]


class LedgerEvent(msgspec.Struct, frozen=True, kw_only=True):
    """``class_version`` is the event's schema version, stored with every event; a type whose
    shape changed says how to read older payloads in ``upcast_vN_vN+1`` static methods."""

    class_version: ClassVar[int] = 1
    # Fields added after the type was first recorded, filled by the rules: a log recorded
    # before them holds null there, and the verifier's replay accepts that null.
    later_fields: ClassVar[frozenset[str]] = frozenset()

    originator_id: UUID
    originator_version: int
    recorded_at: datetime
    effective_at: datetime
    actor: Actor
    # The signed-in user who entered it (a secretariat for its committee, or the actor itself).
    entered_by: str | None = None

    @property
    def timestamp(self) -> datetime:
        return self.recorded_at


class UnitRegistered(LedgerEvent, frozen=True, kw_only=True):
    unit_id: str
    name_th: str
    name_en: str
    level: str
    parent_id: str | None = None


class AgreementOpened(LedgerEvent, frozen=True, kw_only=True):
    agreement_ref: str
    unit_id: str
    fiscal_year: int
    framework_id: str
    framework_digest: str


class KpiProposed(LedgerEvent, frozen=True, kw_only=True):
    """``parent_revision``: for a cascaded KPI, how many criteria changes its parent KPI had
    had when it was proposed (the revision it follows)."""

    later_fields: ClassVar[frozenset[str]] = frozenset({"parent_revision"})

    kpi_id: str
    terms: KpiTerms
    parent_revision: int | None = None


class NegotiationDecisionRecorded(LedgerEvent, frozen=True, kw_only=True):
    """The committee's word on one proposed KPI; ``terms`` holds the amended terms in full."""

    kpi_id: str
    outcome: NegotiationOutcome
    terms: KpiTerms | None
    committee: str
    meeting_ref: str
    minutes: str


class AgreementSigned(LedgerEvent, frozen=True, kw_only=True):
    signatories: tuple[Signatory, ...]
    total_weight: Decimal


class SarFiled(LedgerEvent, frozen=True, kw_only=True):
    round_id: str
    results: tuple[KpiResult, ...]
    narrative: str
    evidence: tuple[Evidence, ...]
    filed_at: datetime
    channel: SubmissionChannel = "e-sar"


class EvaluatorAssessed(LedgerEvent, frozen=True, kw_only=True):
    round_id: str
    assessments: tuple[KpiAssessment, ...]


class ScoresCertified(LedgerEvent, frozen=True, kw_only=True):
    """A round's composite, certified; ``composite`` is after penalties.

    ``supersedes`` holds the earlier certified composite when a round is re-certified after
    a score adjustment. ``shared`` names the shared result of each joint KPI it used.
    """

    class_version: ClassVar[int] = 2

    round_id: str
    composite: Decimal
    band_th: str | None
    band_en: str | None
    before_penalties: Decimal
    penalties: Decimal = Decimal(0)
    supersedes: Decimal | None = None
    shared: tuple[SharedResultUsed, ...] = ()

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> None:
        """Version 1 (before penalties existed) had no ``before_penalties``, or left it null:
        nothing was deducted, so the composite before penalties is the composite itself."""
        if payload.get("before_penalties") is None:
            payload["before_penalties"] = payload["composite"]
