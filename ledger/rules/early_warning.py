"""Early warning: is a KPI's latest result on track for its target?

The target is the criteria's standard level (T3 of five levels, "standard" of three; for a
milestone KPI the standard level itself). The check says which comparison it made
(``TrendCheck.comparison``):

- **pro-rated**: a round ending m months into the fiscal year (which starts on 1 October)
  expects m/12 of the year's target. Right for a result that adds up over the year (cases,
  baht, rai; a disbursement or coverage rate that climbs), and only lenient for one that does
  not (a satisfaction rate held to part of its target): a higher-is-better KPI pro-rated may
  be warned of late, never falsely. So every higher-is-better and milestone KPI is pro-rated,
  and a lower-is-better one whose result adds up (``accrues``): its yearly limit is used up
  the same way.
- **as is**: a lower-is-better KPI whose result is not a sum (a rate, a share, a time taken):
  pro-rated, its limit would shrink below any honest result (17 working days against half
  of 20). And every round for individuals: each half-year appraisal is of its own period
  (1 Oct - 31 Mar, 1 Apr - 30 Sep), not of the year to date.

Whether a percentage climbs or not cannot be read from its unit (Rayong writes a bare "%" for
both), so the rule errs on the side of warning late. A result short of the target compared
(above it, for a lower-is-better KPI) is off track.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, localcontext
from typing import Literal

import msgspec

from ledger.domain.values import KpiTerms
from ledger.frameworks.model import Round, ScoringMethod

__all__ = [
    "Comparison",
    "TrendCheck",
    "accrues",
    "check_trend",
    "own_period",
    "round_share",
    "standard_target",
]

Comparison = Literal["pro-rated", "as is"]

# The level that is "the target", counted from 1.
_STANDARD_LEVEL: dict[ScoringMethod, int] = {"five_level": 3, "three_level": 2}
# A unit of measure that says its result adds up over the year, whatever else it names.
_CUMULATIVE = re.compile(r"\bcumulative\b|สะสม", re.IGNORECASE)
# A unit of measure whose result is not a sum: a share, rate or ratio, a level, score or
# index, an average, or a time taken. Thai has no spaces between words: its terms are matched
# anywhere in the unit.
_NOT_A_SUM = re.compile(
    r"%|/|ร้อยละ|อัตรา|สัดส่วน|ต่อ|ระดับ|คะแนน|ดัชนี|เฉลี่ย|วัน|ชั่วโมง|นาที|สัปดาห์|เดือน"
    r"|\b(?:percent(?:age)?s?|rates?|ratios?|per|levels?|scores?|points?|index|average|mean"
    r"|days?|hours?|minutes?|weeks?|months?)\b",
    re.IGNORECASE,
)


class TrendCheck(msgspec.Struct, frozen=True, kw_only=True):
    """``share`` is what the target was multiplied by (1 when compared as is), so
    ``pro_rated_target`` is the target the value was compared with."""

    target: Decimal
    share: Decimal
    pro_rated_target: Decimal
    value: Decimal
    gap: Decimal
    status: Literal["on track", "off track"]
    # Checks stored before the field existed were all pro-rated.
    comparison: Comparison = "pro-rated"


def standard_target(method: ScoringMethod, terms: KpiTerms) -> Decimal | None:
    """The value the criteria call the target; None when the KPI has no criteria."""
    level = _STANDARD_LEVEL[method]
    if terms.direction == "milestone":
        return Decimal(level)
    if len(terms.thresholds) < level:
        return None
    return terms.thresholds[level - 1]


def accrues(terms: KpiTerms) -> bool:
    """Whether the KPI's result adds up over the year, so part of the year expects part of the
    target. In this order: a unit that says it is cumulative does; a milestone KPI (the level
    reached) does not; a unit naming a share, rate, ratio, level, score, index, average or time
    taken does not; anything else (a count or an amount) does.

    >>> def unit(u: str, direction: str = "higher") -> bool:
    ...     return accrues(KpiTerms(title_th="t", title_en="t", component="1",
    ...         unit_of_measure=u, direction=direction, weight=Decimal(1)))
    >>> [unit(u) for u in ("cases", "million baht", "rai", "households (cumulative)", "ราย")]
    [True, True, True, True, True]
    >>> [unit(u) for u in ("%", "% of users satisfied", "ร้อยละ", "kg/rai", "tonnes per rai")]
    [False, False, False, False, False]
    >>> [unit(u) for u in ("cases per 100,000 population", "PMQA 4.0 score (of 500)",
    ...     "working days", "percentage points", "level of success (1-5)")]
    [False, False, False, False, False]
    >>> unit("days above 37.5 µg/m³ since 1 Oct (cumulative)", "lower")
    True
    >>> unit("level of success", "milestone"), unit("cases", "milestone")
    (False, False)
    >>> unit("level of success (cumulative)", "milestone"), unit("ราย/แสนประชากร", "lower")
    (True, False)
    """
    unit = terms.unit_of_measure
    if _CUMULATIVE.search(unit):
        return True
    return terms.direction != "milestone" and not _NOT_A_SUM.search(unit)


def own_period(round_: Round) -> bool:
    """Whether the round assesses its own period rather than the year to date: the rounds for
    individuals only, who are appraised half-year by half-year.

    >>> own_period(Round(id="h2", label_th="", label_en="", period_start=date(2011, 4, 1),
    ...     period_end=date(2011, 9, 30), levels=("individual",)))
    True
    """
    return round_.levels == ("individual",)


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _fiscal_year_start(day: date) -> date:
    """1 October of the fiscal year ``day`` falls in (FY N runs 1 Oct N-1 to 30 Sep N)."""
    return date(day.year if day.month >= 10 else day.year - 1, 10, 1)


def round_share(round_: Round) -> Decimal:
    """The share of the fiscal year that has passed when a round ends: months from the year's
    start (1 October) to the round's end, over 12, at most 1.

    >>> r = Round(id="6m", label_th="", label_en="", period_start=date(2024, 10, 1),
    ...     period_end=date(2025, 3, 31))
    >>> round_share(r)
    Decimal('0.5')
    >>> round_share(Round(id="h2", label_th="", label_en="", period_start=date(2011, 4, 1),
    ...     period_end=date(2011, 9, 30)))
    Decimal('1')
    """
    start = min(round_.period_start, _fiscal_year_start(round_.period_end))
    return Decimal(min(_months(start, round_.period_end), 12)) / 12


def check_trend(
    method: ScoringMethod, terms: KpiTerms, round_: Round, value: Decimal
) -> TrendCheck | None:
    """The KPI's latest result against its target, pro-rated to the round unless the round
    is of its own period (``own_period``) or the KPI is lower-is-better and its result does not
    add up (``accrues``), then as is; None without a target.

    >>> r = Round(id="6m", label_th="", label_en="", period_start=date(2024, 10, 1),
    ...     period_end=date(2025, 3, 31))
    >>> terms = KpiTerms(title_th="t", title_en="t", component="1.1", unit_of_measure="baht",
    ...     direction="higher", weight=Decimal(10), thresholds=(Decimal(80), Decimal(100),
    ...     Decimal(120)))
    >>> check = check_trend("three_level", terms, r, Decimal(45))
    >>> check.comparison, check.pro_rated_target, check.status
    ('pro-rated', Decimal('50.0'), 'off track')
    >>> rate = msgspec.structs.replace(terms, unit_of_measure="%", direction="lower")
    >>> check = check_trend("three_level", rate, r, Decimal(95))
    >>> check.comparison, check.pro_rated_target, check.status
    ('as is', Decimal('100'), 'on track')
    """
    target = standard_target(method, terms)
    if target is None:
        return None
    pro_rated = not own_period(round_) and (terms.direction != "lower" or accrues(terms))
    share = round_share(round_) if pro_rated else Decimal(1)
    # Recorded values are bounded, but a tampered store may hold any exponent: reading it must
    # not overflow (verification names the value).
    with localcontext(Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)):
        compared = target * share if pro_rated else target
        # Positive gap = ahead of the target compared, whichever way the KPI points.
        gap = compared - value if terms.direction == "lower" else value - compared
    return TrendCheck(
        target=target,
        share=share,
        pro_rated_target=compared,
        value=value,
        gap=gap,
        status="off track" if gap < 0 else "on track",
        comparison="pro-rated" if pro_rated else "as is",
    )
