"""Exact decimal arithmetic: scores are rationals rounded once, half up, at a fixed place."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["round_half_up"]


def round_half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round an exact value to ``places`` decimals, halves away from zero.

    >>> round_half_up(Fraction(2, 3), 4)
    Decimal('0.6667')
    >>> round_half_up(Fraction(-1, 8), 2)
    Decimal('-0.13')
    """
    exact = Fraction(value)
    scaled = exact * 10**places
    sign = -1 if scaled < 0 else 1
    magnitude = abs(scaled)
    whole, remainder = divmod(magnitude.numerator, magnitude.denominator)
    if 2 * remainder >= magnitude.denominator:
        whole += 1
    return Decimal(sign * whole).scaleb(-places).quantize(Decimal(1).scaleb(-places))
