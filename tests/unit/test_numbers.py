"""One printed format per quantity: scores to the scoring's places, weighted scores to 4,
weights, actual results and composites exactly as recorded."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

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
from commands.cli.render_views import print_head_rounds
from commands.cli.terminal import SafeConsole
from projections.head_evaluation import HeadRound
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


def test_weights_are_printed_as_negotiated_without_the_zeros_arithmetic_added() -> None:
    # Weight moved by a change request is counted in quanta of 0.0001: 15 + 7.5 is
    # recorded as 22.5000, and printed as 22.5 beside 7.5 and 15.
    assert [format_weight(D(w)) for w in ("7.5", "15", "22.5000", "22.50")] == [
        "7.5",
        "15",
        "22.5",
        "22.5",
    ]
    # Never rounded, and a whole number keeps the zeros that count.
    assert format_weight(D("0.0125")) == "0.0125"
    assert format_weight(D("12.3456")) == "12.3456"
    assert (format_weight(D("100.0000")), format_weight(D("100")), format_weight(D("1E+1"))) == (
        "100",
        "100",
        "10",
    )
    assert format_weight(None) == "—"


@given(st.decimals(min_value=0, max_value=100, places=4, allow_nan=False))
def test_a_weight_printed_reads_back_as_the_same_number(value: Decimal) -> None:
    shown = format_weight(value)
    assert D(shown) == value
    assert not ("." in shown and shown.endswith("0"))
    assert "E" not in shown.upper()


def test_actuals_and_composites_are_printed_as_recorded() -> None:
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


def _after_cells(text: str, cells: int) -> str:
    """``text`` after its first ``cells`` terminal cells (Thai marks take none)."""
    at = 0
    while at < len(text) and cell_len(text[: at + 1]) <= cells:
        at += 1
    return text[at:]


def _column(text: str, header: str) -> str:
    """The value under ``header`` (its English line) of the one-row table in ``text``, its
    lines joined: a column of a table, or a label's lines of a stacked row."""
    heads = [line.strip("┃").split("┃") for line in text.splitlines() if line[:1] == "┃"]
    body = [line.strip("│") for line in text.splitlines() if line[:1] == "│"]
    if heads:
        joined = [
            " ".join(filter(None, (h[at].strip() for h in heads))) for at in range(len(heads[0]))
        ]
        at = next(n for n, name in enumerate(joined) if name.startswith(header))
        return " ".join(filter(None, (line.split("│")[at].strip() for line in body)))
    values: list[str] = []
    offset = 0  # where the values start, in cells (the labels are padded to one width)
    for line in body:  # stacked: "Label value", then the Thai label and more lines
        content = line[1:]
        if not values and content.startswith(header + " "):
            rest = content[len(header) :]
            offset = len(content) - len(rest.lstrip())
        elif not values or (content[:1] != " " and content[:1].isascii()):
            if values:
                break  # the next English label
            continue
        values.append(_after_cells(content, offset).strip())
    return " ".join(filter(None, values))


def _summary(width: int, scores: RoundScores) -> str:
    out = io.StringIO()
    saved, render.console = render.console, SafeConsole(file=out, width=width, color_system=None)
    try:
        print_score_summary([scores])
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


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("status", ["provisional", "awaiting re-certification", "certified"])
def test_a_band_is_labelled_provisional_as_its_composite_is_until_certified(
    width: int, status: str
) -> None:
    scores = _round(status, [D("3.8000"), None, D("2.6")])
    final = status == "certified"
    band = _column(_summary(width, scores), "Band")
    assert band == ("Good ดี" if final else "Good ดี provisional / ผลเบื้องต้น"), band
    composite = _column(_summary(width, scores), "Composite")
    assert ("provisional" in composite) is not final
    text = " ".join(_printed(width, scores).split())
    caption = text[text.index("Composite / คะแนนรวม: ") : text.index("Scores / ผลคะแนน")]
    if final:
        assert caption.endswith("3.7941 · ดี (Good) "), caption
    else:
        # The caption may break the Thai between words (ผล / เบื้องต้น): compare unbroken.
        assert caption.replace(" ", "").endswith("·ดี(Good),provisional/ผลเบื้องต้น"), caption


def _head(status: str, points: str) -> HeadRound:
    return HeadRound(
        agreement="TH-42/2568",
        unit_id="TH-42",
        unit_name_th="จังหวัดเลย",
        unit_name_en="Loei",
        number=1,
        label_th="รอบที่ 1",
        label_en="Round 1",
        from_round="6m",
        status=status,
        assessed_weight=D("70.0000"),
        score=D("71.07"),
        points=D(points),
        band_th="ดี",
        band_en="good",
    )


def _governor(width: int, entry: HeadRound) -> str:
    out = io.StringIO()
    saved, render.console = render.console, SafeConsole(file=out, width=width, color_system=None)
    try:
        print_head_rounds([entry])
    finally:
        render.console = saved
    return out.getvalue()


@pytest.mark.parametrize("width", [80, 120])
def test_the_governors_points_are_weighted_scores_and_a_provisional_band_says_so(
    width: int,
) -> None:
    final = _governor(width, _head("certified", "49.749"))
    # 71.07 x 70 / 100 to 4 places, as every weighted score; the weight as negotiated.
    assert _column(final, "Points / weight") == "49.7490 / 70"
    assert _column(final, "Score (0-100)") == "71.07"
    assert _column(final, "Status") == "certified รับรองผลแล้ว"
    assert _column(final, "Band") == "ดี good"
    partly = _governor(width, _head("provisional", "49.749"))
    assert _column(partly, "Score (0-100)") == "71.07 provisional / ผลเบื้องต้น"
    assert _column(partly, "Band") == "ดี good provisional / ผลเบื้องต้น"
    assert _column(partly, "Status") == "provisional ผลเบื้องต้น"
