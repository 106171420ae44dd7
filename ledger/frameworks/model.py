"""The shape of a framework file: everything that varies by fiscal year and unit level.

A framework is data. Adding one is adding a TOML file under ``data/`` that decodes into
:class:`Framework`; unknown fields are refused so a typo cannot silently switch a rule off.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar, Literal

import msgspec

__all__ = [
    "ChangeReason",
    "ChangeWindow",
    "Component",
    "Dimension",
    "Framework",
    "JointTargets",
    "KpiCountLimit",
    "MandatoryKpi",
    "Penalty",
    "RatingBand",
    "ResetRule",
    "Round",
    "ScoringMethod",
    "UnitLevel",
    "WeightComparison",
]

ScoringMethod = Literal["five_level", "three_level"]
ResetRule = Literal["refuse", "flag"]
JointTargets = Literal["shared", "per_participant"]
UnitLevel = Literal[
    "ministry",
    "mission_group",
    "department",
    "province_group",
    "province",
    "provincial_agency",
    "individual",
]


class _Spec(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Dimension(_Spec, frozen=True, kw_only=True):
    """A top-level part of the framework (a dimension or a base)."""

    id: str
    name_th: str
    name_en: str
    weight: Decimal | None = None
    min_weight: Decimal = Decimal(0)
    levels: tuple[UnitLevel, ...] = ()


class Component(_Spec, frozen=True, kw_only=True):
    """A group of KPIs inside a dimension; a fixed weight, or one set when negotiating."""

    id: str
    dimension: str
    name_th: str
    name_en: str
    weight: Decimal | None = None
    min_weight: Decimal = Decimal(0)
    weight_by_level: dict[str, Decimal] = {}
    levels: tuple[UnitLevel, ...] = ()

    def weight_for(self, level: str) -> Decimal | None:
        return self.weight_by_level.get(level, self.weight)


class MandatoryKpi(_Spec, frozen=True, kw_only=True):
    """A KPI every agreement of the listed levels must carry, at a fixed weight."""

    code: str
    component: str
    title_th: str
    title_en: str
    weight: Decimal
    monitor: bool = False
    optional: bool = False
    weight_moves_to: str | None = None
    levels: tuple[UnitLevel, ...] = ()


class KpiCountLimit(_Spec, frozen=True, kw_only=True):
    """At most ``max_scored_kpis`` scored KPIs across the named components."""

    components: tuple[str, ...]
    max_scored_kpis: int
    rule_en: str
    rule_th: str


class WeightComparison(_Spec, frozen=True, kw_only=True):
    """The weights of ``greater`` dimensions must together exceed those of ``than``."""

    greater: tuple[str, ...]
    than: tuple[str, ...]
    rule_en: str
    rule_th: str


class Round(_Spec, frozen=True, kw_only=True):
    """An assessment round: its period, SAR due date and what it assesses."""

    id: str
    label_th: str
    label_en: str
    period_start: date
    period_end: date
    sar_due: date | None = None
    assesses: tuple[str, ...] = ()
    appeals: bool = False
    levels: tuple[UnitLevel, ...] = ()


class ChangeWindow(_Spec, frozen=True, kw_only=True):
    """A period in which change requests are taken; closes at the end of ``closes``."""

    id: str
    label_th: str
    label_en: str
    closes: date


class ChangeReason(_Spec, frozen=True, kw_only=True):
    code: str
    label_th: str
    label_en: str


class Penalty(_Spec, frozen=True, kw_only=True):
    """A deduction from the composite: flat, or per working day late."""

    id: str
    kind: Literal["late_esar", "late_paper_sar_per_working_day"]
    round: str
    amount: Decimal
    label_th: str
    label_en: str


class RatingBand(_Spec, frozen=True, kw_only=True):
    """Composites at or above ``min`` (and below the next band) get this label."""

    min: Decimal
    label_th: str
    label_en: str


class HeadEvaluationRound(_Spec, frozen=True, kw_only=True):
    """A round of the unit head's own evaluation (the governor's) fed by an assessment round."""

    number: int
    from_round: str
    label_th: str
    label_en: str


class EarlyWarning(_Spec, frozen=True, kw_only=True):
    """When the framework's owner comments on trends (FY2568: OPDC, around June)."""

    around: date
    label_th: str
    label_en: str


class Framework(_Spec, frozen=True, kw_only=True):
    """One fiscal year's evaluation framework for some unit levels."""

    id: str
    fiscal_year: int
    name_th: str
    name_en: str
    source: str
    levels: tuple[UnitLevel, ...]
    scoring: ScoringMethod
    score_floor: Decimal = Decimal(0)
    dimensions: tuple[Dimension, ...]
    components: tuple[Component, ...]
    rounds: tuple[Round, ...]
    mandatory_kpis: tuple[MandatoryKpi, ...] = ()
    kpi_count_limits: tuple[KpiCountLimit, ...] = ()
    weight_comparisons: tuple[WeightComparison, ...] = ()
    change_windows: tuple[ChangeWindow, ...] = ()
    change_reasons: tuple[ChangeReason, ...] = ()
    penalties: tuple[Penalty, ...] = ()
    rating_bands: tuple[RatingBand, ...] = ()
    head_evaluation_rounds: tuple[HeadEvaluationRound, ...] = ()
    early_warning: EarlyWarning | None = None
    # Rule 1 (a target moved to or past a known result): refuse the decision, or record it
    # with a violation flag.
    reset_rule: ResetRule = "refuse"
    # Weights are multiples of this; redistribution hands out whole quanta.
    weight_quantum: Decimal = Decimal("0.0001")
    # Holiday calendar (ISO country code) for counting working days late.
    working_calendar: str = "TH"
    # Joint KPIs: every participant scores on the joint KPI's criteria ("shared"), or each
    # negotiates its own targets for the one shared result ("per_participant").
    joint_targets: JointTargets = "shared"
    # KPI template corrections after the template audit (seed 001): titles only.
    wording_corrections: bool = False

    # Fields added after agreements were first opened: left out of the framework's digest
    # while they hold their default, so those agreements keep the digest they recorded.
    LATER_FIELDS: ClassVar[dict[str, object]] = {
        "joint_targets": "shared",
        "wording_corrections": False,
    }

    def component(self, component_id: str) -> Component | None:
        return next((c for c in self.components if c.id == component_id), None)

    def components_for(self, level: str) -> tuple[Component, ...]:
        return tuple(c for c in self.components if not c.levels or level in c.levels)

    def dimensions_for(self, level: str) -> tuple[Dimension, ...]:
        return tuple(d for d in self.dimensions if not d.levels or level in d.levels)

    def rounds_for(self, level: str) -> tuple[Round, ...]:
        return tuple(r for r in self.rounds if not r.levels or level in r.levels)

    def mandatory_for(self, level: str) -> tuple[MandatoryKpi, ...]:
        return tuple(m for m in self.mandatory_kpis if not m.levels or level in m.levels)

    def round(self, round_id: str) -> Round | None:
        return next((r for r in self.rounds if r.id == round_id), None)

    def change_reason(self, code: str) -> ChangeReason | None:
        return next((r for r in self.change_reasons if r.code == code), None)

    def band_for(self, composite: Decimal) -> RatingBand | None:
        """The highest band whose minimum the composite reaches, if the framework has bands."""
        reached = [b for b in self.rating_bands if composite >= b.min]
        return max(reached, key=lambda b: b.min, default=None)
