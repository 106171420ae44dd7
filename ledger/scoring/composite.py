"""Agreement-level scores: the weighted composite, penalties and the rating band."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import msgspec

from ledger.exact import round_half_up
from ledger.frameworks.model import ScoringMethod

__all__ = ["COMPOSITE_PLACES", "Composite", "WeightedScore", "composite_score"]

COMPOSITE_PLACES: dict[ScoringMethod, int] = {"five_level": 4, "three_level": 2}


class WeightedScore(msgspec.Struct, frozen=True):
    """One scored KPI's contribution: its weight and its (rounded) score."""

    weight: Decimal
    score: Decimal


class Composite(msgspec.Struct, frozen=True, kw_only=True):
    before_penalties: Decimal
    penalties: Decimal
    value: Decimal


def composite_score(
    method: ScoringMethod,
    scored: Iterable[WeightedScore],
    penalties: Decimal = Decimal(0),
) -> Composite | None:
    """The weighted mean sum(w*s)/sum(w) of the scored KPIs, less penalties, never below 0.

    On the five-level scale it is kept to 4 decimals, on the 0-100 scale to 2. With weights
    totalling 100 the three-level composite equals the sum of points * weight / 100. Returns
    None when nothing with a weight has been scored.

    >>> from decimal import Decimal as D
    >>> scored = [WeightedScore(D(70), D(75)), WeightedScore(D(30), D(100))]
    >>> composite_score("three_level", scored).value
    Decimal('82.50')
    """
    items = [s for s in scored if s.weight > 0]
    total_weight = sum((Fraction(s.weight) for s in items), Fraction(0))
    if total_weight == 0:
        return None
    mean = sum((Fraction(s.weight) * Fraction(s.score) for s in items), Fraction(0)) / total_weight
    places = COMPOSITE_PLACES[method]
    before = round_half_up(mean, places)
    after = max(before - penalties, Decimal(0))
    return Composite(
        before_penalties=before,
        penalties=penalties,
        value=round_half_up(Fraction(after), places),
    )
