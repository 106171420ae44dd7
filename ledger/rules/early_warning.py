"""Early warning: is a KPI's latest result on track for its target, pro-rated to the round?

The target is the criteria's standard level (T3 of five levels, "standard" of three; for a
milestone KPI the standard level itself). A round covering m months of the year expects
m/12 of it: this reads results as cumulative over the year, which is how the year-end target
accrues for counts and amounts. A result short of the pro-rated target (above it, for a
lower-is-better KPI) is off track.
"""

from __future__ import annotations

from datetime import date
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, localcontext
from typing import Literal

import msgspec

from ledger.domain.values import KpiTerms
from ledger.frameworks.model import Round, ScoringMethod

__all__ = ["TrendCheck", "check_trend", "round_share", "standard_target"]

# The level that is "the target", counted from 1.
_STANDARD_LEVEL: dict[ScoringMethod, int] = {"five_level": 3, "three_level": 2}


class TrendCheck(msgspec.Struct, frozen=True, kw_only=True):
    target: Decimal
    share: Decimal
    pro_rated_target: Decimal
    value: Decimal
    gap: Decimal
    status: Literal["on track", "off track"]


def standard_target(method: ScoringMethod, terms: KpiTerms) -> Decimal | None:
    """The value the criteria call the target; None when the KPI has no criteria."""
    level = _STANDARD_LEVEL[method]
    if terms.direction == "milestone":
        return Decimal(level)
    if len(terms.thresholds) < level:
        return None
    return terms.thresholds[level - 1]


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def round_share(round_: Round) -> Decimal:
    """The share of the year a round covers: 6/12 for the 6-month round.

    >>> r = Round(id="6m", label_th="", label_en="", period_start=date(2024, 10, 1),
    ...     period_end=date(2025, 3, 31))
    >>> round_share(r)
    Decimal('0.5')
    """
    return Decimal(min(_months(round_.period_start, round_.period_end), 12)) / 12


def check_trend(
    method: ScoringMethod, terms: KpiTerms, round_: Round, value: Decimal
) -> TrendCheck | None:
    """The KPI's latest result against its pro-rated target; None without a target.

    >>> r = Round(id="6m", label_th="", label_en="", period_start=date(2024, 10, 1),
    ...     period_end=date(2025, 3, 31))
    >>> terms = KpiTerms(title_th="t", title_en="t", component="1.1", unit_of_measure="baht",
    ...     direction="higher", weight=Decimal(10), thresholds=(Decimal(80), Decimal(100),
    ...     Decimal(120)))
    >>> check_trend("three_level", terms, r, Decimal(45)).status
    'off track'
    """
    target = standard_target(method, terms)
    if target is None:
        return None
    share = round_share(round_)
    # Recorded values are bounded, but a tampered store may hold any exponent: reading it must
    # not overflow (verification names the value).
    with localcontext(Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)):
        pro_rated = target * share
        # Positive gap = ahead of the pro-rated target, whichever way the KPI points.
        gap = pro_rated - value if terms.direction == "lower" else value - pro_rated
    return TrendCheck(
        target=target,
        share=share,
        pro_rated_target=pro_rated,
        value=value,
        gap=gap,
        status="off track" if gap < 0 else "on track",
    )
