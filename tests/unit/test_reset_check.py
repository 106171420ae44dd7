"""Rule 1 on its own: crossing a known result and favourable changes, in every direction."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import msgspec
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ledger.domain.values import KnownResult, KpiTerms
from ledger.frameworks.loader import builtin_frameworks
from ledger.frameworks.model import Framework
from ledger.rules.reset_check import evaluate_reset

FIVE = builtin_frameworks()["fy2557-provinces"]
THREE = builtin_frameworks()["fy2568-provinces"]


def terms(direction: str, thresholds: tuple[str, ...], weight: str = "15") -> KpiTerms:
    return KpiTerms(
        title_th="ตัวชี้วัด",
        title_en="KPI",
        component="1.2",
        unit_of_measure="%",
        direction=direction,  # type: ignore[arg-type]
        weight=Decimal(weight),
        thresholds=tuple(Decimal(t) for t in thresholds),
    )


def known(kpi_id: str, value: str) -> KnownResult:
    return KnownResult(
        kpi_id=kpi_id,
        value=Decimal(value),
        source="sar",
        round_id="9m",
        agreement_version=30,
        recorded_at=datetime(2025, 1, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("framework", "direction", "old", "new", "k", "levels"),
    [
        # Five-level, higher is better: T3 lowered onto the known 78.
        (
            FIVE,
            "higher",
            ("70", "75", "80", "85", "90"),
            ("66", "72", "78", "84", "90"),
            "78",
            (2, 3),
        ),
        # Five-level, lower is better: T4 raised past the known 9.4.
        (FIVE, "lower", ("12", "11", "10", "9", "8"), ("13", "12", "11", "10", "9"), "9.4", (3, 4)),
        # Three-level, higher is better: advanced lowered to the known 65.
        (THREE, "higher", ("50", "60", "70"), ("50", "55", "65"), "65", (2, 3)),
        # Three-level, lower is better: standard moved past the known 15.
        (THREE, "lower", ("30", "20", "10"), ("30", "25", "15"), "15", (2, 3)),
    ],
)
def test_moving_a_threshold_to_or_past_a_known_result_crosses_it(
    framework: Framework,
    direction: str,
    old: tuple[str, ...],
    new: tuple[str, ...],
    k: str,
    levels: tuple[int, int],
) -> None:
    fw = framework
    before = {"X": terms(direction, old)}
    after = {"X": terms(direction, new)}
    check = evaluate_reset(fw, "X", before, after, {"X": known("X", k)})
    assert (check.level_before, check.level_after) == levels
    assert check.crosses_known_result
    assert check.favourable_after_results


@pytest.mark.parametrize(
    ("framework", "direction", "old", "harder", "k"),
    [
        (FIVE, "higher", ("70", "75", "80", "85", "90"), ("72", "77", "82", "87", "92"), "78"),
        (FIVE, "lower", ("12", "11", "10", "9", "8"), ("11", "10", "9", "8", "7"), "9.4"),
        (THREE, "higher", ("50", "60", "70"), ("55", "65", "75"), "65"),
        (THREE, "lower", ("30", "20", "10"), ("25", "15", "5"), "15"),
    ],
)
def test_raising_the_bar_after_results_is_neither_crossing_nor_favourable(
    framework: Framework, direction: str, old: tuple[str, ...], harder: tuple[str, ...], k: str
) -> None:
    fw = framework
    check = evaluate_reset(
        fw,
        "X",
        {"X": terms(direction, old)},
        {"X": terms(direction, harder)},
        {"X": known("X", k)},
    )
    assert not check.crosses_known_result
    assert not check.favourable_after_results


def test_a_gentler_slope_on_the_same_level_is_favourable_but_does_not_cross() -> None:
    # K = 78 stays at level 2 (74 <= 78 < 79) but scores 2.8 instead of 2.6.
    check = evaluate_reset(
        FIVE,
        "X",
        {"X": terms("higher", ("70", "75", "80", "85", "90"))},
        {"X": terms("higher", ("69", "74", "79", "84", "89"))},
        {"X": known("X", "78")},
    )
    assert (check.level_before, check.level_after) == (2, 2)
    assert (check.score_before, check.score_after) == (Decimal("2.6000"), Decimal("2.8000"))
    assert not check.crosses_known_result
    assert check.favourable_after_results


def test_with_no_known_result_nothing_is_flagged() -> None:
    check = evaluate_reset(
        FIVE,
        "X",
        {"X": terms("higher", ("70", "75", "80", "85", "90"))},
        {"X": terms("higher", ("10", "20", "30", "40", "50"))},
        {},
    )
    assert check.known is None
    assert not check.crosses_known_result
    assert not check.favourable_after_results


def test_cancelling_the_weak_kpi_raises_the_composite_on_known_results() -> None:
    weak = terms("higher", ("70", "75", "80", "85", "90"))
    strong = terms("higher", ("70", "75", "80", "85", "90"))
    before = {"WEAK": weak, "STRONG": strong}
    after = {"STRONG": msgspec.structs.replace(strong, weight=Decimal(30))}
    results = {"WEAK": known("WEAK", "60"), "STRONG": known("STRONG", "90")}
    check = evaluate_reset(FIVE, "WEAK", before, after, results)
    assert (check.composite_before, check.composite_after) == (Decimal("2.5000"), Decimal("5.0000"))
    assert check.favourable_after_results
    assert not check.crosses_known_result


higher_thresholds = st.lists(
    st.integers(min_value=0, max_value=1000), min_size=5, max_size=5, unique=True
).map(sorted)


@given(
    higher_thresholds, st.lists(st.integers(0, 50), min_size=5, max_size=5), st.integers(-50, 1100)
)
def test_no_threshold_lowered_means_never_crossing_nor_favourable(
    old: list[int], raises: list[int], k: int
) -> None:
    new = sorted(t + r for t, r in zip(old, raises, strict=True))
    assume(len(set(new)) == 5)
    check = evaluate_reset(
        FIVE,
        "X",
        {"X": terms("higher", tuple(map(str, old)))},
        {"X": terms("higher", tuple(map(str, new)))},
        {"X": known("X", str(k))},
    )
    assert not check.crosses_known_result
    assert not check.favourable_after_results
