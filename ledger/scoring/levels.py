"""Per-KPI scores: piecewise-linear interpolation between the criteria's levels.

Five-level (OPDC classic): thresholds T1..T5 score 1..5, the target is T3. Three-level (FY2568):
basic, standard and advanced targets score 50, 75 and 100. Between two levels the score is
interpolated linearly; at or past the top level it is capped; short of the first it is the
framework's floor. Lower-is-better criteria are the mirror image. A milestone KPI reports the
level it reached, which is scored as if the thresholds were the level numbers themselves.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ledger.errors import InvalidInput
from ledger.exact import round_half_up
from ledger.frameworks.model import ScoringMethod

__all__ = [
    "KPI_SCORE_PLACES",
    "Direction",
    "check_thresholds",
    "exact_score",
    "level_points",
    "score_kpi",
]

Direction = Literal["higher", "lower", "milestone"]
KPI_SCORE_PLACES = 4

_POINTS: dict[ScoringMethod, tuple[int, ...]] = {
    "five_level": (1, 2, 3, 4, 5),
    "three_level": (50, 75, 100),
}


def level_points(method: ScoringMethod) -> tuple[int, ...]:
    """The score at each level of a scoring method, lowest level first."""
    return _POINTS[method]


def check_thresholds(
    method: ScoringMethod, direction: Direction, thresholds: Sequence[Decimal]
) -> None:
    """Raise InvalidInput unless the thresholds fit the method and the direction.

    Higher-is-better thresholds strictly increase, lower-is-better ones strictly decrease,
    and a milestone KPI has none (its levels are the thresholds).
    """
    expected = len(_POINTS[method])
    field = "criteria.thresholds"
    if direction == "milestone":
        if thresholds:
            raise InvalidInput(
                "a milestone KPI scores the level it reaches and takes no thresholds",
                field=field,
                rule="milestone KPIs have no thresholds",
                expected=0,
                actual=len(thresholds),
            )
        return
    if len(thresholds) != expected:
        raise InvalidInput(
            f"{method} scoring needs {expected} thresholds, got {len(thresholds)}",
            field=field,
            rule=f"{method} criteria have {expected} levels",
            expected=expected,
            actual=len(thresholds),
        )
    pairs = list(itertools.pairwise(thresholds))
    if direction == "higher" and not all(a < b for a, b in pairs):
        raise InvalidInput(
            "thresholds must strictly increase for a higher-is-better KPI",
            field=field,
            rule="thresholds in order for the direction",
            actual=", ".join(map(str, thresholds)),
        )
    if direction == "lower" and not all(a > b for a, b in pairs):
        raise InvalidInput(
            "thresholds must strictly decrease for a lower-is-better KPI",
            field=field,
            rule="thresholds in order for the direction",
            actual=", ".join(map(str, thresholds)),
        )


def exact_score(
    method: ScoringMethod,
    direction: Direction,
    thresholds: Sequence[Decimal],
    actual: Decimal,
    floor: Decimal = Decimal(0),
) -> Fraction:
    """The exact (unrounded) score of ``actual``; requires thresholds that passed the check."""
    points = _POINTS[method]
    if direction == "milestone":
        levels = [Fraction(n) for n in range(1, len(points) + 1)]
        x = Fraction(actual)
    elif direction == "lower":
        levels = [-Fraction(t) for t in thresholds]
        x = -Fraction(actual)
    else:
        levels = [Fraction(t) for t in thresholds]
        x = Fraction(actual)
    if x < levels[0]:
        return Fraction(floor)
    if x >= levels[-1]:
        return Fraction(points[-1])
    for k in range(len(levels) - 1):
        low, high = levels[k], levels[k + 1]
        if low <= x < high:
            step = Fraction(points[k + 1] - points[k])
            return points[k] + (x - low) * step / (high - low)
    raise AssertionError("unreachable: thresholds are ordered")


def score_kpi(
    method: ScoringMethod,
    direction: Direction,
    thresholds: Sequence[Decimal],
    actual: Decimal,
    floor: Decimal = Decimal(0),
) -> Decimal:
    """A KPI's score, rounded half up to 4 decimals.

    >>> from decimal import Decimal as D
    >>> score_kpi("five_level", "higher", [D(10), D(20), D(30), D(40), D(50)], D(35))
    Decimal('3.5000')
    >>> score_kpi("three_level", "lower", [D(30), D(20), D(10)], D(25))
    Decimal('62.5000')
    """
    check_thresholds(method, direction, thresholds)
    return round_half_up(
        exact_score(method, direction, thresholds, actual, floor), KPI_SCORE_PLACES
    )
