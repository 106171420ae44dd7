"""One KPI's results against its target levels, drawn on the server as an SVG string.

A reader without JavaScript (or a printer) gets a picture that says what it shows: the SVG is
``role="img"`` with a ``<title>`` and a ``<desc>`` that give every number in the reader's
language, so a screen reader hears the same facts the eye sees. Results are exact decimals in
the ledger; they become floats here only to place a mark, never for a label. Every text that
reaches the SVG (titles typed by units, round labels, units of measure) is escaped.

>>> svg = kpi_chart(
...     chart_id="c1", title="Yield <b>", unit_of_measure="kg/rai", direction="higher",
...     scoring="five_level", thresholds=[Decimal(n) for n in (1, 2, 3, 4, 5)],
...     rounds=[ChartRound(label="12m", reported=Decimal("3.5"), verified=None)], language="en")
>>> svg is not None and "Yield &lt;b&gt;" in svg and "<b>" not in svg
True
>>> kpi_chart(chart_id="c2", title="x", unit_of_measure="", direction="higher",
...     scoring="five_level", thresholds=[], rounds=[], language="en") is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from html import escape

from commands.web.i18n import Language, Table, Words
from ledger.frameworks.model import ScoringMethod
from ledger.scoring.levels import Direction, level_points

__all__ = ["ChartRound", "kpi_chart", "level_names"]

WORDS: Table = {
    "reported": ("ผลที่รายงาน", "Reported"),
    "verified": ("ผลที่ผ่านการตรวจสอบ", "Verified"),
    "levels": ("ค่าเป้าหมายแต่ละระดับ", "Target levels"),
    "round": ("รอบการประเมิน", "Round"),
    "no_result": ("ยังไม่มีผลการดำเนินงาน", "No result yet"),
    "no_levels": ("ไม่มีค่าเป้าหมาย (ตัวชี้วัดติดตาม)", "No target levels (monitored only)"),
    "higher": ("ค่ายิ่งสูงยิ่งดี", "higher is better"),
    "lower": ("ค่ายิ่งต่ำยิ่งดี", "lower is better"),
    "milestone": ("ระดับความสำเร็จ (ขั้นตอน)", "level of success reached (milestone)"),
    "level": ("ระดับ", "Level"),
    "score": ("คะแนน", "score"),
    "basic": ("ขั้นต้น", "Basic"),
    "standard": ("มาตรฐาน", "Standard"),
    "advanced": ("ขั้นสูง", "Advanced"),
    "none": ("ไม่มี", "none"),
}

# The drawing's frame, in SVG user units; it scales to its container (site.css: svg.chart).
_W, _H = 640, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 72, _W - 190, 48, _H - 56
_REPORTED, _VERIFIED, _LINE = "#8a4b00", "#0b4f8a", "#5f5f5f"
# Where a value sits on the y axis.
_Place = Callable[[Decimal], float]


@dataclass(frozen=True)
class ChartRound:
    """One round on the x axis, in the framework's order; a value is None until known."""

    label: str
    reported: Decimal | None
    verified: Decimal | None


def level_names(scoring: ScoringMethod, words: Words, *, scores: bool = True) -> list[str]:
    """The name of each level of the criteria, lowest first, with the score it gives unless
    ``scores`` is False."""
    points = level_points(scoring)
    if scoring == "three_level":
        named = zip(("basic", "standard", "advanced"), points, strict=True)
        return [f"{words(name)}" + (f" ({p})" if scores else "") for name, p in named]
    return [
        f"{words('level')} {k}" + (f" ({words('score')} {p})" if scores else "")
        for k, p in enumerate(points, 1)
    ]


def kpi_chart(
    *,
    chart_id: str,
    title: str,
    unit_of_measure: str,
    direction: Direction,
    scoring: ScoringMethod,
    thresholds: Sequence[Decimal],
    rounds: Sequence[ChartRound],
    language: Language,
) -> str | None:
    """The SVG of one KPI, or None when there is nothing to draw (no threshold and no
    result). ``thresholds`` are the criteria in force, lowest level first (a milestone KPI's
    are the level numbers); ``rounds`` in the framework's order. ``chart_id`` must be unique
    on the page (it names the title and description for assistive technology)."""
    values = [v for r in rounds for v in (r.reported, r.verified) if v is not None]
    if not values and not thresholds:
        return None
    words = Words(language, WORDS)
    names = level_names(scoring, words)[: len(thresholds)]
    low, high = _domain([*thresholds, *values])
    cid = escape(chart_id)

    def y(value: Decimal) -> float:
        share = float((value - low) / (high - low))
        return round(_BOTTOM - share * (_BOTTOM - _TOP), 1)

    xs = _xs(len(rounds))
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" '
        f'width="{_W}" height="{_H}" role="img" aria-labelledby="{cid}-t {cid}-d" '
        f'font-size="12" font-family="inherit">',
        f'<title id="{cid}-t">{escape(title)}</title>',
        f'<desc id="{cid}-d">{escape(_describe(words, direction, names, thresholds, rounds))}'
        "</desc>",
        f'<rect x="{_LEFT}" y="{_TOP}" width="{_RIGHT - _LEFT}" height="{_BOTTOM - _TOP}" '
        'fill="#ffffff" stroke="#c8c8c8"/>',
    ]
    parts += _ticks(low, high, y)
    parts += _levels(thresholds, names, scoring, y)
    parts += _axes(words, unit_of_measure, rounds, xs)
    parts += _legend(words, bool(thresholds))
    if values:
        parts += _series(rounds, xs, y, "reported", _REPORTED, words)
        parts += _series(rounds, xs, y, "verified", _VERIFIED, words)
    else:
        parts.append(
            f'<text x="{(_LEFT + _RIGHT) / 2}" y="{(_TOP + _BOTTOM) / 2}" '
            f'text-anchor="middle" fill="#1a1a1a">{escape(words("no_result"))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _domain(numbers: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    """The y range: every number with a margin, never empty."""
    low, high = min(numbers), max(numbers)
    spread = high - low
    if spread == 0:
        spread = abs(high) / 10 or Decimal(1)
    margin = spread / 10
    return low - margin, high + margin


def _xs(count: int) -> list[float]:
    if count == 1:
        return [(_LEFT + _RIGHT) / 2]
    inset = 48
    step = (_RIGHT - _LEFT - 2 * inset) / max(count - 1, 1)
    return [_LEFT + inset + i * step for i in range(count)]


def _number(value: Decimal) -> str:
    return escape(Words.number(value))


def _ticks(low: Decimal, high: Decimal, y: _Place) -> list[str]:
    """A few round values on the y axis, chosen exactly in decimals."""
    raw = (high - low) / 4
    base = Decimal(1).scaleb(raw.adjusted())
    step = next(m * base for m in (1, 2, 5, 10) if raw <= m * base)
    tick = (low / step).to_integral_value(rounding=ROUND_CEILING) * step
    found = []
    while tick <= high:
        at = y(tick)
        found.append(
            f'<line x1="{_LEFT - 4}" x2="{_LEFT}" y1="{at}" y2="{at}" stroke="{_LINE}"/>'
            f'<text x="{_LEFT - 6}" y="{at + 4}" text-anchor="end" fill="#1a1a1a">'
            f"{_number(tick.normalize() if tick != 0 else Decimal(0))}</text>"
        )
        tick += step
    return found


def _levels(
    thresholds: Sequence[Decimal], names: Sequence[str], scoring: ScoringMethod, y: _Place
) -> list[str]:
    """Each level's threshold as a horizontal line, the standard (target) level bolder."""
    standard = 3 if scoring == "five_level" else 2
    drawn = []
    for k, (value, name) in enumerate(zip(thresholds, names, strict=False), 1):
        at = y(value)
        target = k == standard
        line = 'stroke-width="2"' if target else 'stroke-width="1" stroke-dasharray="6 4"'
        weight = ' font-weight="bold"' if target else ""
        drawn.append(
            f'<line x1="{_LEFT}" x2="{_RIGHT}" y1="{at}" y2="{at}" stroke="{_LINE}" {line}/>'
            f'<text x="{_RIGHT + 6}" y="{at + 4}" fill="#1a1a1a"{weight}>'
            f"{escape(name)}: {_number(value)}</text>"
        )
    return drawn


def _axes(
    words: Words, unit_of_measure: str, rounds: Sequence[ChartRound], xs: Sequence[float]
) -> list[str]:
    drawn = [
        f'<text x="{x}" y="{_BOTTOM + 18}" text-anchor="middle" fill="#1a1a1a">'
        f"{escape(r.label)}</text>"
        for r, x in zip(rounds, xs, strict=True)
    ]
    drawn.append(
        f'<text x="{(_LEFT + _RIGHT) / 2}" y="{_H - 12}" text-anchor="middle" '
        f'fill="#1a1a1a" font-weight="bold">{escape(words("round"))}</text>'
    )
    middle = (_TOP + _BOTTOM) / 2
    drawn.append(
        f'<text x="14" y="{middle}" text-anchor="middle" fill="#1a1a1a" '
        f'transform="rotate(-90 14 {middle})">{escape(unit_of_measure)}</text>'
    )
    return drawn


def _legend(words: Words, levels: bool) -> list[str]:
    entries = [
        ("reported", f'stroke="{_REPORTED}" stroke-dasharray="4 3" stroke-width="2"'),
        ("verified", f'stroke="{_VERIFIED}" stroke-width="2"'),
    ]
    if levels:
        entries.append(("levels", f'stroke="{_LINE}" stroke-dasharray="6 4"'))
    drawn = []
    for i, (key, stroke) in enumerate(entries):
        x = _LEFT + i * 190
        drawn.append(
            f'<line x1="{x}" x2="{x + 24}" y1="20" y2="20" {stroke}/>'
            f'<text x="{x + 30}" y="24" fill="#1a1a1a">{escape(words(key))}</text>'
        )
    return drawn


def _series(
    rounds: Sequence[ChartRound],
    xs: Sequence[float],
    y: _Place,
    which: str,
    colour: str,
    words: Words,
) -> list[str]:
    """One series: a line through its known points (in round order) and a mark on each."""
    known = [
        (x, r.label, value)
        for r, x in zip(rounds, xs, strict=True)
        if (value := r.reported if which == "reported" else r.verified) is not None
    ]
    if not known:
        return []
    dash = ' stroke-dasharray="4 3"' if which == "reported" else ""
    points = " ".join(f"{x},{y(v)}" for x, _, v in known)
    drawn = [
        f'<polyline class="{which}" points="{points}" fill="none" stroke="{colour}" '
        f'stroke-width="2"{dash}/>'
    ]
    for x, label, value in known:
        at = y(value)
        tip = f"{escape(words(which))}, {escape(label)}: {_number(value)}"
        if which == "reported":
            mark = f'<circle cx="{x}" cy="{at}" r="5" fill="#ffffff" stroke="{colour}" '
            mark += 'stroke-width="2">'
            close, shift = "</circle>", -10
        else:
            mark = f'<rect x="{x - 4}" y="{at - 4}" width="8" height="8" fill="{colour}">'
            close, shift = "</rect>", 18
        drawn.append(
            f"{mark}<title>{tip}</title>{close}"
            f'<text x="{x + 8}" y="{at + shift}" fill="{colour}">{_number(value)}</text>'
        )
    return drawn


def _describe(
    words: Words,
    direction: Direction,
    names: Sequence[str],
    thresholds: Sequence[Decimal],
    rounds: Sequence[ChartRound],
) -> str:
    """Every number of the chart as a sentence or two, for a reader who cannot see it."""
    said = [words(direction) + "."]
    if thresholds:
        levels = ", ".join(
            f"{n}: {Words.number(v)}" for n, v in zip(names, thresholds, strict=False)
        )
        said.append(f"{words('levels')}: {levels}.")
    else:
        said.append(words("no_levels") + ".")
    for key in ("reported", "verified"):
        known = [
            f"{r.label} {Words.number(v)}"
            for r in rounds
            if (v := r.reported if key == "reported" else r.verified) is not None
        ]
        said.append(f"{words(key)}: {', '.join(known) if known else words('none')}.")
    if not any(r.reported is not None or r.verified is not None for r in rounds):
        said.append(words("no_result") + ".")
    return " ".join(said)
