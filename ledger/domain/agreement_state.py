"""The Agreement aggregate's state: what folding its events gives (``ledger.domain.agreement``).

Frozen msgspec Structs, so that snapshots of the state decode back to exact types.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

import msgspec

from ledger.domain.control_events import (
    AppealOutcome,
    ChangeKind,
    ChangeOutcome,
    RoundCancelled,
)
from ledger.domain.events import (
    UnitRegistered,
)
from ledger.domain.identity.events import IDENTITY_EVENTS
from ledger.domain.joint.events import JOINT_EVENTS
from ledger.domain.receipt import CommandHandled
from ledger.domain.values import KnownResult, KpiAssessment, KpiTerms, Signatory

__all__ = [
    "DAMAGED_LOG_ERRORS",
    "NOT_AGREEMENT_EVENTS",
    "Agreement",
    "AgreementSnapshot",
    "AppealState",
    "ChangeRequestState",
    "KpiState",
    "KpiStatus",
    "RoundState",
]

# Events of the other aggregates (units, framework calendars, receipts, identity, joint KPIs):
# never folded into an agreement.
NOT_AGREEMENT_EVENTS = (
    UnitRegistered,
    RoundCancelled,
    CommandHandled,
    *IDENTITY_EVENTS,
    *JOINT_EVENTS,
)

# What folding (or deciding on) the state of a damaged log may raise: an event for a KPI that is
# not there, say. Readers that must survive a tampered store (verification) catch these.
DAMAGED_LOG_ERRORS = (LookupError, ValueError, TypeError, AttributeError, ArithmeticError)

KpiStatus = Literal["proposed", "accepted", "rejected", "cancelled"]


class KpiState(msgspec.Struct, frozen=True, kw_only=True):
    """``revision`` counts the approved changes of the KPI's criteria (its thresholds);
    ``aligned_revision`` is the parent's revision a cascaded KPI last followed or kept."""

    kpi_id: str
    terms: KpiTerms
    status: KpiStatus
    revision: int = 0
    aligned_revision: int = 0

    @property
    def in_agreement(self) -> bool:
        return self.status not in ("rejected", "cancelled")

    @property
    def scored(self) -> bool:
        return self.in_agreement and not self.terms.monitor and self.terms.weight > 0


class RoundState(msgspec.Struct, frozen=True, kw_only=True):
    """What has been filed, assessed and certified for one round."""

    results: dict[str, Decimal] = {}
    sar_filed_at: datetime | None = None
    assessments: dict[str, KpiAssessment] = {}
    certified_composite: Decimal | None = None
    penalties: dict[str, Decimal] = {}
    recertification_due: bool = False
    # For each joint KPI, the joint KPI event whose shared result the certification used.
    shared_used: dict[str, int] = {}

    @property
    def certified(self) -> bool:
        """Certified and not reopened by a score adjustment."""
        return self.certified_composite is not None and not self.recertification_due

    @property
    def penalty_total(self) -> Decimal:
        return sum(self.penalties.values(), Decimal(0))


class ChangeRequestState(msgspec.Struct, frozen=True, kw_only=True):
    """An open or decided request; ``terms_at_request`` is what the proposal was made against."""

    kpi_id: str
    kind: ChangeKind
    proposed: KpiTerms | None
    terms_at_request: KpiTerms
    window_id: str
    status: Literal["open"] | ChangeOutcome = "open"


class AppealState(msgspec.Struct, frozen=True, kw_only=True):
    round_id: str
    kpi_id: str
    status: Literal["open"] | AppealOutcome = "open"
    adjusted: bool = False


class Agreement(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    version: int
    agreement_ref: str
    unit_id: str
    fiscal_year: int
    framework_id: str
    kpis: dict[str, KpiState] = {}
    signatories: tuple[Signatory, ...] = ()
    rounds: dict[str, RoundState] = {}
    requests: dict[str, ChangeRequestState] = {}
    appeals: dict[str, AppealState] = {}
    # The latest result of each KPI the ledger has recorded (SAR or evaluator), for rule 1.
    known_results: dict[str, KnownResult] = {}

    @property
    def signed(self) -> bool:
        return bool(self.signatories)

    def round(self, round_id: str) -> RoundState:
        return self.rounds.get(round_id, RoundState())

    def kpis_in_agreement(self) -> list[KpiState]:
        return [k for k in self.kpis.values() if k.in_agreement]


class AgreementSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    """A saved fold of the agreement's events, to avoid replaying them all."""

    originator_id: UUID
    originator_version: int
    recorded_at: datetime
    state: Agreement

    @property
    def timestamp(self) -> datetime:
        return self.recorded_at
