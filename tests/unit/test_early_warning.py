"""The early-warning rule: a result against its target pro-rated to the round."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ledger.domain.values import KpiTerms
from ledger.frameworks.model import Round
from ledger.rules.early_warning import check_trend, round_share, standard_target

NINE_MONTHS = Round(
    id="9m",
    label_th="รอบ 9 เดือน",
    label_en="9-month round",
    period_start=date(2013, 10, 1),
    period_end=date(2014, 6, 30),
)


def _terms(direction: str, thresholds: tuple[int, ...]) -> KpiTerms:
    return KpiTerms(
        title_th="t",
        title_en="t",
        component="1.2",
        unit_of_measure="cases",
        direction=direction,  # type: ignore[arg-type]
        weight=Decimal(15),
        thresholds=tuple(Decimal(t) for t in thresholds),
    )


def test_the_target_is_the_standard_level_of_each_method() -> None:
    five = _terms("higher", (70, 75, 80, 85, 90))
    assert standard_target("five_level", five) == Decimal(80)
    assert standard_target("three_level", _terms("higher", (50, 60, 70))) == Decimal(60)
    assert standard_target("five_level", _terms("milestone", ())) == Decimal(3)
    assert standard_target("five_level", _terms("higher", ())) is None
    assert round_share(NINE_MONTHS) == Decimal("0.75")


def test_a_lower_is_better_kpi_is_off_track_above_its_pro_rated_target() -> None:
    crime = _terms("lower", (120, 110, 100, 90, 80))
    # Target 100 a year: nine months allow 75.
    over = check_trend("five_level", crime, NINE_MONTHS, Decimal(76))
    at_limit = check_trend("five_level", crime, NINE_MONTHS, Decimal(75))
    assert over is not None
    assert at_limit is not None
    assert (over.status, at_limit.status) == ("off track", "on track")


@given(
    target=st.decimals(min_value=1, max_value=10**6, places=2),
    value=st.decimals(min_value=0, max_value=10**6, places=2),
    direction=st.sampled_from(["higher", "lower"]),
)
def test_off_track_exactly_when_the_result_is_on_the_wrong_side(
    target: Decimal, value: Decimal, direction: str
) -> None:
    terms = _terms(direction, ())
    terms = KpiTerms(
        **{
            **{f: getattr(terms, f) for f in terms.__struct_fields__},
            "thresholds": (target / 2, target, target * 2),
        }
    )
    check = check_trend("three_level", terms, NINE_MONTHS, value)
    assert check is not None
    expected = target * Decimal("0.75")
    assert check.pro_rated_target == expected
    behind = value < expected if direction == "higher" else value > expected
    assert (check.status == "off track") == behind
    assert abs(check.gap) == abs(value - expected)
