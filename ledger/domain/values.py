"""Value objects shared by events and commands. All frozen; numbers are exact decimals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

import msgspec

from ledger.scoring.levels import Direction

__all__ = [
    "Actor",
    "ActorKind",
    "Evidence",
    "Holiday",
    "KnownResult",
    "KpiAssessment",
    "KpiResult",
    "KpiTerms",
    "PriorResult",
    "ResetCheck",
    "Role",
    "SharedResultUsed",
    "Signatory",
    "SubmissionChannel",
    "WeightMove",
]

Role = Literal[
    "assessed_unit",
    "assessor",
    "negotiation_committee",
    "oversight_committee",
    "change_committee",
    "secretariat",
    "independent_evaluator",
    "opdc",
    "appeal_body",
    "auditor",
    "administrator",
]
# Who decided: a registered user, or a body (a committee, a firm, OPDC) whose secretariat
# enters its decisions.
ActorKind = Literal["user", "body"]
SubmissionChannel = Literal["e-sar", "paper"]


class _Value(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Actor(_Value, frozen=True, kw_only=True):
    """Who acted (decided), in which role: a user, or a body whose secretariat entered it."""

    id: str
    role: Role
    kind: ActorKind = "user"


class PriorResult(_Value, frozen=True, kw_only=True):
    """The KPI's result in an earlier fiscal year (Buddhist Era), as the unit reported it when
    proposing: the past performance its target is set against."""

    fiscal_year: int
    value: Decimal


class KpiTerms(_Value, frozen=True, kw_only=True):
    """Everything negotiated about one KPI: what it measures and how it is scored."""

    title_th: str
    title_en: str
    component: str
    unit_of_measure: str
    direction: Direction
    weight: Decimal
    thresholds: tuple[Decimal, ...] = ()
    baseline: Decimal | None = None
    monitor: bool = False
    cascaded_from: str | None = None
    joint_host: str | None = None
    mandatory_code: str | None = None
    # The joint KPI this KPI joins: its one result is the host's, shared by every participant.
    joint_id: str | None = None
    # Earlier years' results (oldest first), so the audit shows the target beside them.
    prior_results: tuple[PriorResult, ...] = ()


class Evidence(_Value, frozen=True, kw_only=True):
    """A file backing a claim, named by the SHA-256 of its bytes."""

    sha256: str
    file_name: str
    media_type: str


class KpiResult(_Value, frozen=True, kw_only=True):
    kpi_id: str
    actual: Decimal


class KpiAssessment(_Value, frozen=True, kw_only=True):
    """An evaluator's verified value and the score it earns under the criteria then in force."""

    kpi_id: str
    verified_actual: Decimal
    score: Decimal | None
    notes: str = ""


class Signatory(_Value, frozen=True, kw_only=True):
    name: str
    title: str
    side: Literal["assessor", "assessed"]


class KnownResult(_Value, frozen=True, kw_only=True):
    """A KPI result as the ledger had it: the value and the event it came from.

    ``agreement_version`` is the position of that event in the agreement's own stream; within
    one agreement that order is the log's global order.
    """

    kpi_id: str
    value: Decimal
    source: Literal["sar", "assessment"]
    round_id: str
    agreement_version: int
    recorded_at: datetime
    # Set for a joint KPI's shared result: ``agreement_version`` is then the position of the
    # event in that joint KPI's stream.
    joint_id: str | None = None


class WeightMove(_Value, frozen=True, kw_only=True):
    kpi_id: str
    before: Decimal
    after: Decimal


class ResetCheck(_Value, frozen=True, kw_only=True):
    """Rule 1 evaluated when a change is decided, on what the ledger already knew.

    ``known`` is K, the latest result of the changed KPI recorded before the decision. Levels
    and scores are K's under the old and new criteria; composites are on every known result
    under the old and new terms (weights included).
    """

    known: KnownResult | None
    level_before: int | None = None
    level_after: int | None = None
    score_before: Decimal | None = None
    score_after: Decimal | None = None
    composite_before: Decimal | None = None
    composite_after: Decimal | None = None
    crosses_known_result: bool = False
    favourable_after_results: bool = False


class SharedResultUsed(_Value, frozen=True, kw_only=True):
    """The shared result of a joint KPI a certification used: the value, the joint KPI event
    that set it (its verification or an appeal's adjustment) and the score it earned here."""

    kpi_id: str
    joint_id: str
    value: Decimal
    joint_version: int
    score: Decimal | None


class Holiday(_Value, frozen=True, kw_only=True):
    day: date
    name: str
