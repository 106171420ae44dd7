"""Properties of the per-KPI scoring rules, over random criteria and actual values."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ledger.frameworks.model import ScoringMethod
from ledger.scoring.levels import exact_score, level_points

methods: st.SearchStrategy[ScoringMethod] = st.sampled_from(["five_level", "three_level"])
values = st.decimals(min_value=-10_000, max_value=10_000, places=3, allow_nan=False)


@st.composite
def criteria(draw: st.DrawFn) -> tuple[ScoringMethod, list[Decimal]]:
    method = draw(methods)
    count = len(level_points(method))
    start = draw(values)
    steps = draw(
        st.lists(
            st.decimals(min_value="0.001", max_value=500, places=3),
            min_size=count - 1,
            max_size=count - 1,
        )
    )
    thresholds = [start]
    for step in steps:
        thresholds.append(thresholds[-1] + step)
    return method, thresholds


@given(criteria(), values, values)
def test_score_never_falls_as_the_actual_improves(
    spec: tuple[ScoringMethod, list[Decimal]], a: Decimal, b: Decimal
) -> None:
    method, thresholds = spec
    low, high = sorted((a, b))
    assert exact_score(method, "higher", thresholds, low) <= exact_score(
        method, "higher", thresholds, high
    )


@given(criteria(), values)
def test_score_stays_between_floor_and_top_level(
    spec: tuple[ScoringMethod, list[Decimal]], actual: Decimal
) -> None:
    method, thresholds = spec
    score = exact_score(method, "higher", thresholds, actual)
    assert 0 <= score <= level_points(method)[-1]


@given(criteria(), st.integers(min_value=1, max_value=10**6))
def test_score_is_continuous_at_every_threshold_above_the_first(
    spec: tuple[ScoringMethod, list[Decimal]], shrink: int
) -> None:
    method, thresholds = spec
    points = level_points(method)
    slope = _max_slope(thresholds, points)
    epsilon = Decimal(1) / Decimal(10**9) / shrink
    for k, threshold in enumerate(thresholds):
        at = exact_score(method, "higher", thresholds, threshold)
        assert at == points[k]
        # Lipschitz bound on each side: the score moves no more than slope x distance.
        neighbours = [threshold + epsilon] + ([threshold - epsilon] if k > 0 else [])
        for x in neighbours:  # below T1 the floor applies: the rule itself steps there
            distance = abs(Fraction(x) - Fraction(threshold))
            assert abs(exact_score(method, "higher", thresholds, x) - at) <= slope * distance


def _max_slope(thresholds: list[Decimal], points: tuple[int, ...]) -> Fraction:
    return max(
        Fraction(points[k + 1] - points[k]) / Fraction(thresholds[k + 1] - thresholds[k])
        for k in range(len(thresholds) - 1)
    )


@given(criteria(), values)
def test_lower_is_better_mirrors_higher_is_better(
    spec: tuple[ScoringMethod, list[Decimal]], actual: Decimal
) -> None:
    method, thresholds = spec
    mirrored = [-t for t in thresholds]
    assert exact_score(method, "lower", mirrored, -actual) == exact_score(
        method, "higher", thresholds, actual
    )


@given(methods, st.decimals(min_value=0, max_value=6, places=2))
def test_milestone_score_follows_the_level_reached(method: ScoringMethod, level: Decimal) -> None:
    points = level_points(method)
    score = exact_score(method, "milestone", [], level)
    if level < 1:
        assert score == 0
    elif level >= len(points):
        assert score == points[-1]
    elif level == int(level):
        assert score == points[int(level) - 1]
