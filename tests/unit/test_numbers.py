"""One printed format per quantity: scores to the scoring's places, weighted scores to 4,
weights, actual results and composites exactly as recorded."""

from __future__ import annotations

import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from commands.cli import render
from commands.cli.numbers import (
    format_actual,
    format_composite,
    format_number,
    format_score,
    format_weight,
    format_weighted,
)
from commands.cli.render import composite_label, print_score_summary, print_scores
from commands.cli.terminal import SafeConsole
from projections.scores import KpiScoreRow, RoundScores

D = Decimal


def test_scores_are_printed_to_the_four_places_scoring_rounds_them_to() -> None:
    assert format_score(D("3.8000")) == "3.8000"
    assert format_score(D("2.6")) == "2.6000"  # an appeal's new score, padded
    assert format_score(D("5")) == "5.0000"
    assert format_score(D("62.5000")) == "62.5000"  # the 0-100 scale
    assert format_score(None) == "—"


def test_a_score_recorded_with_more_places_keeps_every_digit() -> None:
    assert format_score(D("2.61235")) == "2.61235"


def test_weighted_scores_are_printed_to_four_places_rounded_half_up() -> None:
    assert format_weighted(D("0.28500")) == "0.2850"
    assert format_weighted(D("0.39")) == "0.3900"
    assert format_weighted(D("0.123450")) == "0.1235"
    assert format_weighted(D("-0.123450")) == "-0.1235"
    assert format_weighted(None) == "—"


def test_weights_actuals_and_composites_are_printed_as_recorded() -> None:
    assert (format_weight(D("7.5")), format_weight(D("15")), format_weight(D("22.50"))) == (
        "7.5",
        "15",
        "22.50",
    )
    assert (format_actual(D("97.6")), format_actual(D("3050")), format_actual(D("4"))) == (
        "97.6",
        "3050",
        "4",
    )
    assert (format_composite(D("4.1715")), format_composite(D("82.50"))) == ("4.1715", "82.50")


def test_a_number_out_of_bounds_is_printed_short_in_every_format() -> None:
    huge = D("1e1000000")
    for shown in (format_score(huge), format_weighted(huge), format_weight(huge)):
        assert shown == "1e+1000000"
    assert format_score(D("NaN")) == "NaN"


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False))
def test_a_weighted_score_is_within_half_a_unit_of_its_fourth_place(value: Decimal) -> None:
    shown = D(format_weighted(value))
    assert shown.as_tuple().exponent == -4
    assert abs(shown - value) <= D("0.00005")


@given(st.decimals(min_value=0, max_value=100, places=4, allow_nan=False))
def test_a_score_printed_reads_back_as_the_same_number(value: Decimal) -> None:
    shown = format_score(value)
    assert D(shown) == value
    assert len(shown.partition(".")[2]) == 4
    assert format_number(value) == f"{value:f}"


def _round(status: str, scores: list[Decimal | None]) -> RoundScores:
    kpis = tuple(
        KpiScoreRow(
            kpi_id=f"K{n}",
            title_th="ตัวชี้วัด",
            title_en="A KPI",
            component="1",
            weight=D("7.5"),
            monitor=False,
            reported_actual=D("97.6"),
            verified_actual=None,
            score=score,
            weighted_score=None if score is None else D("7.5") * score / 100,
        )
        for n, score in enumerate(scores)
    )
    monitor = KpiScoreRow(
        kpi_id="M1",
        title_th="ติดตาม",
        title_en="Monitored",
        component="1",
        weight=D(0),
        monitor=True,
        reported_actual=D("98500"),
        verified_actual=None,
        score=None,
        weighted_score=None,
    )
    return RoundScores(
        agreement="TH-81/2557",
        unit_id="TH-81",
        unit_name_th="จังหวัดกระบี่",
        unit_name_en="Krabi",
        fiscal_year=2557,
        framework_id="fy2557-provinces",
        round_id="9m",
        round_label_th="รอบ 9 เดือน",
        round_label_en="9-month round",
        status=status,  # type: ignore[arg-type]
        kpis=(*kpis, monitor),
        assessed_weight=D(15),
        composite_before_penalties=D("3.7941"),
        penalties={},
        composite=D("3.7941"),
        band_th="ดี",
        band_en="Good",
    )


def test_a_provisional_composite_says_so_and_how_many_scored_kpis_are_assessed() -> None:
    partly = _round("provisional", [D("3.8000"), None, D("2.6")])
    assert composite_label(partly) == (
        "3.7941 provisional / ผลเบื้องต้น (2 of 3 assessed / ประเมินแล้ว 2 จาก 3)"
    )
    assert composite_label(_round("certified", [D("3.8000")])) == "3.7941"


def _printed(width: int, *rounds: RoundScores) -> str:
    out = io.StringIO()
    console = SafeConsole(file=out, width=width, color_system=None)
    saved, render.console = render.console, console
    try:
        print_scores(rounds)
        print_score_summary(rounds)
    finally:
        render.console = saved
    return out.getvalue()


def test_the_score_tables_label_a_provisional_round_in_both_languages() -> None:
    text = " ".join(_printed(80, _round("provisional", [D("3.8000"), None, D("2.6")])).split())
    assert "Composite / คะแนนรวม: 3.7941 provisional / ผลเบื้องต้น (2 of 3 assessed" in text
    assert "2.6000" in text
    assert "0.2850" in text
    assert "0.1950" in text
    assert text.count("provisional") >= 3  # the title, the caption and the summary
