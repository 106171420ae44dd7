"""The score table: per agreement and round, each KPI's result, score and weighted score."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import msgspec

from ledger.domain.agreement import Agreement, RoundState
from ledger.domain.decisions.reporting import assessed_in_round
from ledger.domain.unit import Unit
from ledger.frameworks.model import Framework
from ledger.scoring.composite import WeightedScore, composite_score

__all__ = ["KpiScoreRow", "RoundScores", "round_scores"]


class KpiScoreRow(msgspec.Struct, frozen=True, kw_only=True):
    kpi_id: str
    title_th: str
    title_en: str
    component: str
    weight: Decimal
    monitor: bool
    reported_actual: Decimal | None
    verified_actual: Decimal | None
    score: Decimal | None
    weighted_score: Decimal | None


class RoundScores(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    unit_id: str
    unit_name_th: str
    unit_name_en: str
    fiscal_year: int
    framework_id: str
    round_id: str
    round_label_th: str
    round_label_en: str
    status: Literal["certified", "awaiting re-certification", "provisional", "reported"]
    kpis: tuple[KpiScoreRow, ...]
    # The weight of the scored KPIs this round assesses (70 for FY2568's 6-month round, which
    # assesses the Performance Base only): the composite is a mean over that weight.
    assessed_weight: Decimal
    composite_before_penalties: Decimal | None
    penalties: dict[str, Decimal]
    composite: Decimal | None
    band_th: str | None
    band_en: str | None


def round_scores(agreement: Agreement, unit: Unit, framework: Framework) -> list[RoundScores]:
    """One table per round that has anything filed or assessed, in the framework's order."""
    tables = []
    for round_ in framework.rounds_for(unit.level):
        state = agreement.rounds.get(round_.id)
        if state is None:
            continue
        rows = []
        weighted: list[WeightedScore] = []
        assessed_weight = Decimal(0)
        for kpi in agreement.kpis_in_agreement():
            if not assessed_in_round(framework, round_, kpi):
                continue
            if kpi.scored:
                assessed_weight += kpi.terms.weight
            assessed = state.assessments.get(kpi.kpi_id)
            score = assessed.score if assessed else None
            if score is not None and kpi.scored:
                weighted.append(WeightedScore(kpi.terms.weight, score))
            rows.append(
                KpiScoreRow(
                    kpi_id=kpi.kpi_id,
                    title_th=kpi.terms.title_th,
                    title_en=kpi.terms.title_en,
                    component=kpi.terms.component,
                    weight=kpi.terms.weight,
                    monitor=kpi.terms.monitor,
                    reported_actual=state.results.get(kpi.kpi_id),
                    verified_actual=assessed.verified_actual if assessed else None,
                    score=score,
                    weighted_score=_weighted(kpi.terms.weight, score),
                )
            )
        computed = composite_score(framework.scoring, weighted, state.penalty_total)
        composite = state.certified_composite if state.certified else None
        if composite is None and computed is not None:
            composite = computed.value
        band = framework.band_for(composite) if composite is not None else None
        tables.append(
            RoundScores(
                agreement=agreement.agreement_ref,
                unit_id=unit.unit_id,
                unit_name_th=unit.name_th,
                unit_name_en=unit.name_en,
                fiscal_year=agreement.fiscal_year,
                framework_id=framework.id,
                round_id=round_.id,
                round_label_th=round_.label_th,
                round_label_en=round_.label_en,
                status=_status(state, weighted),
                kpis=tuple(rows),
                assessed_weight=assessed_weight,
                composite_before_penalties=computed.before_penalties if computed else None,
                penalties=dict(state.penalties),
                composite=composite,
                band_th=band.label_th if band else None,
                band_en=band.label_en if band else None,
            )
        )
    return tables


def _status(
    state: RoundState, weighted: list[WeightedScore]
) -> Literal["certified", "awaiting re-certification", "provisional", "reported"]:
    if state.certified:
        return "certified"
    if state.recertification_due:
        return "awaiting re-certification"
    return "provisional" if weighted else "reported"


def _weighted(weight: Decimal, score: Decimal | None) -> Decimal | None:
    """The KPI's share of the composite: score x weight / 100 (exact; weights are percents)."""
    if score is None or weight == 0:
        return None
    return weight * score / 100
