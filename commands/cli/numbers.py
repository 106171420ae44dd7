"""One printed format per quantity, for the human tables (``--json`` keeps exact decimals).

A reader compares numbers down a column, so each quantity is printed one way wherever it
appears: a KPI's score to the places scoring rounds it to (``3.8000``, never ``2.6`` beside
it), a weighted score to 4 places (``0.2850``, never ``0.28500`` beside ``0.39``; the
governor's points are one), a weight as it was negotiated (``22.5`` beside ``7.5`` and ``15``,
never the ``22.5000`` that moving weight in quanta of 0.0001 records), and what people wrote
down (actual results, composites as the scoring gave them) exactly as recorded.
"""

from __future__ import annotations

from decimal import Decimal

from ledger.exact import round_half_up
from ledger.scoring.levels import KPI_SCORE_PLACES

__all__ = [
    "NUMBER_WIDTH",
    "WEIGHTED_PLACES",
    "format_actual",
    "format_composite",
    "format_number",
    "format_score",
    "format_weight",
    "format_weighted",
]

# Wider than any in-bounds number (28 digits, |value| < 10^15) in plain notation.
NUMBER_WIDTH = 40
WEIGHTED_PLACES = 4


def format_number(value: Decimal | None) -> str:
    """A decimal exactly as recorded, in plain notation; scientific notation when plain
    would be wider than ``NUMBER_WIDTH`` (a number beyond the bounds, e.g. from a tampered
    store), so a huge exponent never builds a huge string; ``—`` for none.

    >>> format_number(Decimal("12.50")), format_number(Decimal("1e1000000"))
    ('12.50', '1e+1000000')
    """
    if value is None:
        return "—"
    if not value.is_finite():
        return str(value)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    digits = len(value.as_tuple().digits)
    plain_width = max(value.adjusted() + 1, 1) + max(-exponent, 0)
    if plain_width > NUMBER_WIDTH or digits > NUMBER_WIDTH:
        return f"{value:e}"
    return f"{value:f}"


def _in_bounds(value: Decimal) -> bool:
    """Whether ``value`` can be shown to a fixed number of places without a huge string."""
    return value.is_finite() and format_number(value) == f"{value:f}"


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(-exponent, 0)


def format_score(value: Decimal | None) -> str:
    """A KPI's score to the places scoring rounds every score to (4, for both scoring
    methods): a score recorded with fewer (an appeal's ``2.6``) is padded, never rounded;
    one recorded with more keeps every digit.

    >>> format_score(Decimal("2.6")), format_score(Decimal("62.5000")), format_score(None)
    ('2.6000', '62.5000', '—')
    """
    if value is None or not _in_bounds(value) or _places(value) >= KPI_SCORE_PLACES:
        return format_number(value)
    return format_number(value.quantize(Decimal(1).scaleb(-KPI_SCORE_PLACES)))


def format_weighted(value: Decimal | None) -> str:
    """A weighted score (weight x score / 100, exact) to 4 places, halves away from zero.

    >>> format_weighted(Decimal("0.28500")), format_weighted(Decimal("0.39"))
    ('0.2850', '0.3900')
    >>> format_weighted(Decimal("0.123456"))
    '0.1235'
    """
    if value is None or not _in_bounds(value):
        return format_number(value)
    return format_number(round_half_up(value, WEIGHTED_PLACES))


def format_weight(value: Decimal | None) -> str:
    """A weight as it was negotiated: the trailing zeros after the point that arithmetic
    added are dropped (weight moved by a change request is counted in quanta of 0.0001, so
    15 + 7.5 is recorded as ``22.5000``), never a digit that counts: nothing is rounded, and a
    whole number keeps its zeros.

    >>> [format_weight(Decimal(w)) for w in ("7.5", "15", "22.5000", "100.00", "1E+1", "0.0125")]
    ['7.5', '15', '22.5', '100', '10', '0.0125']
    """
    if value is None or not _in_bounds(value) or _places(value) == 0:
        return format_number(value)
    stripped = value.normalize()
    if _places(stripped) == 0:  # normalize writes 100 as 1E+2
        stripped = stripped.quantize(Decimal(1))
    return format_number(stripped)


def format_actual(value: Decimal | None) -> str:
    """An actual result exactly as it was reported or verified.

    >>> format_actual(Decimal("97.6")), format_actual(Decimal("3050"))
    ('97.6', '3050')
    """
    return format_number(value)


def format_composite(value: Decimal | None) -> str:
    """A composite as the scoring gave it (4 places on the five-level scale, 2 on the
    0-100 scale) or as it was certified.

    >>> format_composite(Decimal("4.1715")), format_composite(Decimal("82.50"))
    ('4.1715', '82.50')
    """
    return format_number(value)
