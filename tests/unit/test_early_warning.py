"""The early-warning rule: a result against its target pro-rated to the round, except a
lower-is-better result that does not add up over the year and an individual's half-year
round, compared as is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ledger.domain.values import KpiTerms
from ledger.frameworks.loader import builtin_frameworks
from ledger.frameworks.model import Round, ScoringMethod
from ledger.rules.early_warning import TrendCheck, check_trend, round_share, standard_target

NINE_MONTHS = Round(
    id="9m",
    label_th="รอบ 9 เดือน",
    label_en="9-month round",
    period_start=date(2013, 10, 1),
    period_end=date(2014, 6, 30),
)
SIX_MONTHS = Round(
    id="6m",
    label_th="รอบ 6 เดือน",
    label_en="6-month round",
    period_start=date(2013, 10, 1),
    period_end=date(2014, 3, 31),
)


def _terms(direction: str, thresholds: tuple[int, ...], unit: str = "cases") -> KpiTerms:
    return KpiTerms(
        title_th="t",
        title_en="t",
        component="1.2",
        unit_of_measure=unit,
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
    assert (over.comparison, over.share, over.pro_rated_target) == (
        "pro-rated",
        Decimal("0.75"),
        Decimal(75),
    )


def _check(
    terms: KpiTerms, round_: Round, value: str, method: ScoringMethod = "five_level"
) -> TrendCheck:
    check = check_trend(method, terms, round_, Decimal(value))
    assert check is not None
    return check


def test_a_higher_is_better_count_is_pro_rated_to_the_round() -> None:
    # Target 100 cases a year: six months expect 50, nine months 75.
    cases = _terms("higher", (80, 90, 100, 110, 120))
    behind, ahead = _check(cases, SIX_MONTHS, "49"), _check(cases, NINE_MONTHS, "75")
    assert (behind.comparison, behind.pro_rated_target, behind.status) == (
        "pro-rated",
        Decimal(50),
        "off track",
    )
    assert (ahead.share, ahead.gap, ahead.status) == (Decimal("0.75"), Decimal(0), "on track")
    # Money accrues the same way, in Thai as in English.
    baht = _check(_terms("higher", (8, 9, 10, 11, 12), "ล้านบาท"), SIX_MONTHS, "5")
    assert (baht.comparison, baht.status) == ("pro-rated", "on track")


def test_a_lower_is_better_rate_is_compared_as_is() -> None:
    # An average time taken: 17 working days at six months is within a 20-day target. Pro-rated
    # to 10 days (the old reading) it was off track, and any honest result would have been.
    days = _terms("lower", (30, 25, 20, 15, 10), "working days")
    check = _check(days, SIX_MONTHS, "17")
    assert (check.comparison, check.share, check.pro_rated_target) == (
        "as is",
        Decimal(1),
        Decimal(20),
    )
    assert (check.gap, check.status) == (Decimal(3), "on track")
    # A rate per population, and a percentage: over the target is off track, at it on track.
    morbidity = _terms("lower", (150, 130, 110, 90, 70), "cases per 100,000 population")
    assert _check(morbidity, NINE_MONTHS, "110.1").status == "off track"
    assert _check(morbidity, NINE_MONTHS, "110").status == "on track"
    error = _check(_terms("lower", (3, 2, 1, 0, 0), "percentage points"), SIX_MONTHS, "1.1")
    assert (error.comparison, error.status) == ("as is", "off track")


def test_a_higher_is_better_percentage_is_pro_rated_so_it_is_never_warned_of_falsely() -> None:
    # Disbursement climbs through the year: 70% of a 96% target at nine months is on track
    # (72 expected); compared as is, every climbing rate would be "off track" until September.
    disbursed = _terms("higher", (88, 92, 96, 98, 100), "% of the budget disbursed")
    on_pace, behind = _check(disbursed, NINE_MONTHS, "72"), _check(disbursed, NINE_MONTHS, "71")
    assert (on_pace.comparison, on_pace.pro_rated_target, on_pace.status) == (
        "pro-rated",
        Decimal(72),
        "on track",
    )
    assert behind.status == "off track"
    thai = _check(_terms("higher", (50, 60, 70), "ร้อยละ"), SIX_MONTHS, "29", "three_level")
    assert (thai.comparison, thai.status) == ("pro-rated", "off track")


def test_a_milestone_is_pro_rated_as_its_level_climbs_through_the_year() -> None:
    milestone = _terms("milestone", (), "level of success")
    below, at_pace = _check(milestone, SIX_MONTHS, "1.4"), _check(milestone, SIX_MONTHS, "1.5")
    assert (below.comparison, below.share, below.pro_rated_target) == (
        "pro-rated",
        Decimal("0.5"),
        Decimal("1.5"),
    )
    assert (below.status, at_pace.status) == ("off track", "on track")


def test_a_unit_that_says_cumulative_is_pro_rated_whatever_else_it_names() -> None:
    # Loei's PM2.5 days: 28 by March of 35 allowed in the year is off track (17.5 expected).
    pm25 = _terms("lower", (45, 35, 25), "days above 37.5 µg/m³ since 1 Oct (cumulative)")
    check = _check(pm25, SIX_MONTHS, "28", "three_level")
    assert (check.comparison, check.pro_rated_target, check.status) == (
        "pro-rated",
        Decimal("17.5"),
        "off track",
    )


def test_an_individuals_second_half_year_round_is_held_to_the_whole_target() -> None:
    rayong = builtin_frameworks()["fy2554-rayong-agencies-individuals"]
    h1, h2 = rayong.round("h1"), rayong.round("h2")
    assert h1 is not None
    assert h2 is not None
    # By 30 Sep the whole fiscal year has passed, whatever the round's own period (6 months).
    assert round_share(h2) == 1
    # A half-year appraisal is of its own period: even a count is compared as is, in both.
    cases = _terms("lower", (120, 110, 100, 90, 80))
    for round_ in (h1, h2):
        check = _check(cases, round_, "84.6")
        assert (check.comparison, check.share, check.status) == ("as is", Decimal(1), "on track")
    # Rayong's dengue officer: 84.6 per 100,000 against 90 was off track against 45 before.
    morbidity = _terms("lower", (120, 105, 90, 75, 60), "cases per 100,000 population")
    assert _check(morbidity, h2, "84.6").status == "on track"


def test_a_round_that_starts_mid_year_counts_the_year_from_1_october() -> None:
    second_half = Round(
        id="h2",
        label_th="รอบที่ 2",
        label_en="Round 2",
        period_start=date(2014, 4, 1),
        period_end=date(2014, 9, 30),
        levels=("provincial_agency",),
    )
    assert round_share(second_half) == 1
    third_quarter = Round(
        id="q3",
        label_th="ไตรมาส 3",
        label_en="Third quarter",
        period_start=date(2014, 4, 1),
        period_end=date(2014, 6, 30),
    )
    check = _check(_terms("higher", (80, 90, 100, 110, 120)), third_quarter, "74")
    assert (check.comparison, check.share, check.status) == (
        "pro-rated",
        Decimal("0.75"),
        "off track",
    )


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
