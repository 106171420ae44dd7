"""The KPI chart: an SVG that says what it shows (title, description with every number),
draws the rounds in order against the levels, and escapes every text it is given."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from commands.web.chart import ChartRound, kpi_chart

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = [Decimal(n) for n in ("92", "94", "96", "98", "100")]


def rounds(*values: tuple[str, str | None, str | None]) -> list[ChartRound]:
    return [
        ChartRound(
            label=label,
            reported=None if reported is None else Decimal(reported),
            verified=None if verified is None else Decimal(verified),
        )
        for label, reported, verified in values
    ]


def chart(**given: object) -> str:
    arguments: dict[str, object] = {
        "chart_id": "chart-G1",
        "title": "G1 Tourism revenue",
        "unit_of_measure": "million baht",
        "direction": "higher",
        "scoring": "five_level",
        "thresholds": LEVELS,
        "rounds": rounds(("6m", None, None), ("9m", "93.5", None), ("12m", "97.60", "97.1")),
        "language": "en",
    }
    arguments.update(given)
    svg = kpi_chart(**arguments)  # type: ignore[arg-type]
    assert svg is not None
    return svg


def polyline(svg: str, which: str) -> list[tuple[float, float]]:
    root = ET.fromstring(svg)
    line = root.find(f"{SVG}polyline[@class='{which}']")
    assert line is not None, which
    return [(float(x), float(y)) for x, y in (p.split(",") for p in line.attrib["points"].split())]


def test_the_chart_is_an_image_with_a_title_and_a_description_of_every_number() -> None:
    svg = chart()
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "chart-G1-t chart-G1-d"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert title.attrib["id"] == "chart-G1-t"
    assert title.text == "G1 Tourism revenue"
    assert desc is not None
    assert desc.text is not None
    # Exact decimals as recorded (97.60 keeps its zero), levels and both series, in order.
    assert "higher is better" in desc.text
    assert "Level 3 (score 3): 96" in desc.text
    assert "Reported: 9m 93.5, 12m 97.60." in desc.text
    assert "Verified: 12m 97.1." in desc.text


def test_points_follow_the_rounds_in_order_and_higher_values_sit_higher() -> None:
    svg = chart()
    reported = polyline(svg, "reported")
    verified = polyline(svg, "verified")
    assert len(reported) == 2
    assert len(verified) == 1
    assert reported[0][0] < reported[1][0]  # 9m left of 12m
    assert reported[0][1] > reported[1][1]  # 93.5 drawn lower than 97.60
    assert verified[0][0] == reported[1][0]  # both 12m values on the same x
    # The x labels are the rounds, in the order given.
    labels = re.findall(r'text-anchor="middle" fill="#1a1a1a">([^<]+)</text>', svg)
    assert labels[:3] == ["6m", "9m", "12m"]


def test_each_level_is_a_line_labelled_with_its_threshold_and_the_target_bold() -> None:
    svg = chart()
    for k, value in enumerate(LEVELS, 1):
        assert f"Level {k} (score {k}): {value}</text>" in svg
    assert 'font-weight="bold">Level 3 (score 3): 96</text>' in svg


def test_three_level_criteria_are_named_basic_standard_advanced_in_thai() -> None:
    svg = chart(
        scoring="three_level",
        thresholds=[Decimal("80"), Decimal("90"), Decimal("100")],
        language="th",
    )
    assert "ขั้นต้น (50): 80" in svg
    assert "มาตรฐาน (75): 90" in svg
    assert "ขั้นสูง (100): 100" in svg
    assert "ค่ายิ่งสูงยิ่งดี" in svg
    assert "ผลที่รายงาน: 9m 93.5, 12m 97.60." in svg


def test_a_hostile_title_round_label_and_unit_are_escaped() -> None:
    hostile = '<script>alert("x")</script>'
    svg = chart(
        chart_id='c"><script>',
        title=f"G1 {hostile}",
        unit_of_measure=hostile,
        rounds=rounds((f"12m{hostile}", "97", "97")),
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg
    root = ET.fromstring(svg)  # still well-formed: nothing broke out of a text or attribute
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == f"G1 {hostile}"


def test_no_result_and_no_level_draws_nothing() -> None:
    assert (
        kpi_chart(
            chart_id="c",
            title="M1",
            unit_of_measure="baht",
            direction="higher",
            scoring="five_level",
            thresholds=[],
            rounds=rounds(("9m", None, None), ("12m", None, None)),
            language="en",
        )
        is None
    )


def test_levels_without_a_result_say_so() -> None:
    svg = chart(rounds=rounds(("9m", None, None), ("12m", None, None)))
    assert "<polyline" not in svg
    assert ">No result yet</text>" in svg
    assert "Reported: none." in svg


def test_a_monitored_kpi_has_results_and_no_levels() -> None:
    svg = chart(thresholds=[], rounds=rounds(("12m", "98500", "98500")))
    assert "No target levels (monitored only)." in svg
    assert "Level 1" not in svg
    assert len(polyline(svg, "verified")) == 1
