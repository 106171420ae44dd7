"""Value objects shared by events and commands. All frozen; numbers are exact decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import msgspec

from ledger.scoring.levels import Direction

__all__ = [
    "Actor",
    "Evidence",
    "KpiAssessment",
    "KpiResult",
    "KpiTerms",
    "Role",
    "Signatory",
    "SubmissionChannel",
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
]
SubmissionChannel = Literal["e-sar", "paper"]


class _Value(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Actor(_Value, frozen=True, kw_only=True):
    """Who acted, and in which role."""

    id: str
    role: Role


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
