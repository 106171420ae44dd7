"""Rule 1: a new target must not be set from results already achieved in order to score better.

Measured on what the ledger knew when the change was decided: K is the latest result of the
changed KPI recorded before the decision. The change *crosses a known result* when K reaches a
higher level under the new criteria than under the old (a threshold moved to or past K). It is
*favourable after results were known* when K scores higher under the new criteria, or the
composite on every known result is higher under the new terms (weight changes, cancellations).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ledger.domain.values import KnownResult, KpiTerms, ResetCheck
from ledger.frameworks.model import Framework
from ledger.scoring.composite import WeightedScore, composite_score
from ledger.scoring.levels import exact_score, level_points, score_kpi

__all__ = ["evaluate_reset", "level_reached"]


def _scorable(terms: KpiTerms) -> bool:
    return not terms.monitor and (bool(terms.thresholds) or terms.direction == "milestone")


def level_reached(framework: Framework, terms: KpiTerms, value: Decimal) -> int | None:
    """How many levels ``value`` reaches under these criteria (0 = short of the first).

    >>> from ledger.frameworks.loader import builtin_frameworks
    >>> fw = builtin_frameworks()["fy2557-provinces"]
    >>> terms = KpiTerms(title_th="t", title_en="t", component="1.2", unit_of_measure="%",
    ...     direction="higher", weight=Decimal(15),
    ...     thresholds=tuple(Decimal(t) for t in (70, 75, 80, 85, 90)))
    >>> level_reached(fw, terms, Decimal(78)), level_reached(fw, terms, Decimal(69))
    (2, 0)
    """
    if not _scorable(terms):
        return None
    exact = exact_score(
        framework.scoring, terms.direction, terms.thresholds, value, framework.score_floor
    )
    return sum(1 for points in level_points(framework.scoring) if exact >= points)


def _score(framework: Framework, terms: KpiTerms, value: Decimal) -> Decimal | None:
    if not _scorable(terms):
        return None
    return score_kpi(
        framework.scoring, terms.direction, terms.thresholds, value, framework.score_floor
    )


def _composite(
    framework: Framework, terms: Mapping[str, KpiTerms], known: Mapping[str, KnownResult]
) -> Decimal | None:
    scored = []
    for kpi_id, kpi_terms in terms.items():
        result = known.get(kpi_id)
        score = _score(framework, kpi_terms, result.value) if result else None
        if score is not None and kpi_terms.weight > 0:
            scored.append(WeightedScore(kpi_terms.weight, score))
    composite = composite_score(framework.scoring, scored)
    return composite.value if composite else None


def _higher(after: Decimal | int | None, before: Decimal | int | None) -> bool:
    return after is not None and before is not None and after > before


def evaluate_reset(
    framework: Framework,
    kpi_id: str,
    before: Mapping[str, KpiTerms],
    after: Mapping[str, KpiTerms],
    known: Mapping[str, KnownResult],
) -> ResetCheck:
    """Rule 1 for a change to ``kpi_id``; ``after`` lacks the KPI when it is cancelled.

    ``before`` and ``after`` hold the terms of every KPI in the agreement around the decision.
    """
    k = known.get(kpi_id)
    old, new = before[kpi_id], after.get(kpi_id)
    level_before = level_after = score_before = score_after = None
    if k is not None and new is not None:
        level_before = level_reached(framework, old, k.value)
        level_after = level_reached(framework, new, k.value)
        score_before = _score(framework, old, k.value)
        score_after = _score(framework, new, k.value)
    composite_before = _composite(framework, before, known)
    composite_after = _composite(framework, after, known)
    return ResetCheck(
        known=k,
        level_before=level_before,
        level_after=level_after,
        score_before=score_before,
        score_after=score_after,
        composite_before=composite_before,
        composite_after=composite_after,
        crosses_known_result=_higher(level_after, level_before),
        favourable_after_results=_higher(score_after, score_before)
        or _higher(composite_after, composite_before),
    )
