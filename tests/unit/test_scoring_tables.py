"""Hand-computed scores for each framework's method, composites, rounding and bands."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ledger.errors import InvalidInput
from ledger.frameworks.loader import builtin_frameworks
from ledger.scoring.composite import WeightedScore, composite_score
from ledger.scoring.levels import score_kpi

FIVE = [D(10), D(20), D(30), D(40), D(50)]
LOWER_FIVE = [D(120), D(110), D(100), D(90), D(80)]
THREE = [D(60), D(70), D(80)]


@pytest.mark.parametrize(
    ("direction", "thresholds", "actual", "expected"),
    [
        ("higher", FIVE, D("9.99"), D("0.0000")),  # below T1: floor
        ("higher", FIVE, D(10), D("1.0000")),
        ("higher", FIVE, D(25), D("2.5000")),
        ("higher", FIVE, D("33.3333"), D("3.3333")),
        ("higher", FIVE, D(50), D("5.0000")),
        ("higher", FIVE, D(70), D("5.0000")),  # capped at 5
        ("lower", LOWER_FIVE, D(104), D("2.6000")),  # Krabi's crime KPI in the demo
        ("lower", LOWER_FIVE, D(121), D("0.0000")),
        ("lower", LOWER_FIVE, D(75), D("5.0000")),
        ("milestone", [], D("4.5"), D("4.5000")),
        ("higher", [D(1), D(2), D(3), D(4), D(7)], D(5), D("4.3333")),  # 4 + 1/3, half up
        ("higher", [D(1), D(2), D(3), D(4), D(7)], D(6), D("4.6667")),
    ],
)
def test_five_level_scores(direction: str, thresholds: list[D], actual: D, expected: D) -> None:
    assert score_kpi("five_level", direction, thresholds, actual) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (D(59), D(0)),
        (D(60), D(50)),
        (D(65), D("62.5")),
        (D(72), D(80)),
        (D(80), D(100)),
        (D(95), D(100)),
    ],
)
def test_three_level_points(actual: D, expected: D) -> None:
    assert score_kpi("three_level", "higher", THREE, actual) == expected


def test_thresholds_out_of_order_are_refused_with_the_field_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        score_kpi("five_level", "higher", [D(5), D(4), D(3), D(2), D(1)], D(3))
    assert refused.value.field == "criteria.thresholds"
    assert "increase" in refused.value.message


def test_five_level_composite_is_the_weighted_mean_to_four_places() -> None:
    # Ranong in the demo: hand-computed sum(w*s)/100.
    scored = [
        WeightedScore(D("7.5"), D("3.8")),
        WeightedScore(D("7.5"), D("3.4")),
        WeightedScore(D(15), D("2.24")),
        WeightedScore(D(15), D("3.64")),
        WeightedScore(D(15), D("4.28")),
        WeightedScore(D(10), D(4)),
        WeightedScore(D(5), D(4)),
        WeightedScore(D(5), D(3)),
        WeightedScore(D(15), D(4)),
        WeightedScore(D(5), D(4)),
    ]
    composite = composite_score("five_level", scored)
    assert composite is not None
    assert composite.value == D("3.6140")


def test_three_level_composite_sums_points_times_weight_to_two_places() -> None:
    scored = [
        WeightedScore(D(30), D("62.5")),
        WeightedScore(D(40), D(75)),
        WeightedScore(D(30), D("33.3333")),
    ]
    composite = composite_score("three_level", scored)
    assert composite is not None
    # 18.75 + 30 + 9.99999 = 58.74999 -> 58.75
    assert composite.value == D("58.75")


def test_penalties_come_off_the_composite_and_never_below_zero() -> None:
    scored = [WeightedScore(D(100), D("0.0300"))]
    composite = composite_score("five_level", scored, penalties=D("0.0500"))
    assert composite is not None
    assert composite.before_penalties == D("0.0300")
    assert composite.value == D("0.0000")


def test_monitor_and_zero_weight_kpis_do_not_enter_the_composite() -> None:
    assert composite_score("five_level", [WeightedScore(D(0), D(5))]) is None


@pytest.mark.parametrize(
    ("composite", "band"),
    [
        (D("100.00"), "very good"),
        (D("90.00"), "very good"),
        (D("89.99"), "good"),
        (D("60.00"), "good"),
        (D("59.99"), "fair"),
        (D("0.00"), "fair"),
    ],
)
def test_fy2568_rating_bands(composite: D, band: str) -> None:
    found = builtin_frameworks()["fy2568-provinces"].band_for(composite)
    assert found is not None
    assert found.label_en == band


def test_frameworks_without_bands_rate_nothing() -> None:
    assert builtin_frameworks()["fy2557-provinces"].band_for(D(5)) is None


@pytest.mark.parametrize(
    ("framework_id", "kpis", "expected"),
    [
        # FY2552 department: 1.1 (18) at 4.5, 1.3 (2) at 3, dept KPI (20) at 2.25, service (20)
        # at 5, efficiency (20) at 3.5, PMQA (20) at 4 -> (81+6+45+100+70+80)/100 = 3.82.
        (
            "fy2552-pilot-ministry-departments",
            [("18", "4.5"), ("2", "3"), ("20", "2.25"), ("20", "5"), ("20", "3.5"), ("20", "4")],
            D("3.8200"),
        ),
        # FY2554 agency 50/20/10/20 at 3, 4, 5, 2.5 -> (150+80+50+50)/100 = 3.3.
        (
            "fy2554-rayong-agencies-individuals",
            [("50", "3"), ("20", "4"), ("10", "5"), ("20", "2.5")],
            D("3.3000"),
        ),
        # FY2557: (37.5 + 22.5 + 10.0005 + 280) / 100 = 3.500005, rounded once to 3.5000.
        (
            "fy2557-provinces",
            [("7.5", "5"), ("7.5", "3"), ("15", "0.6667"), ("70", "4")],
            D("3.5000"),
        ),
        # FY2568: 70 at 62.5 points, 30 at 100 -> 43.75 + 30 = 73.75 ("good").
        ("fy2568-provinces", [("70", "62.5"), ("30", "100")], D("73.75")),
    ],
)
def test_each_framework_composite_by_hand(
    framework_id: str, kpis: list[tuple[str, str]], expected: D
) -> None:
    framework = builtin_frameworks()[framework_id]
    composite = composite_score(framework.scoring, [WeightedScore(D(w), D(s)) for w, s in kpis])
    assert composite is not None
    assert composite.value == expected
