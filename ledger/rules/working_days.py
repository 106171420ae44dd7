"""Working days (วันทำการ): weekdays that are not public or government holidays.

The holiday calendar is the maintained ``holidays`` package (public holidays, substitution
days and the government-office closures it lists), not a hand-written list.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache

import msgspec

from ledger.domain.values import Holiday

__all__ = ["WorkingDaysLate", "working_days_late"]

_CATEGORIES = ("public", "government")


class WorkingDaysLate(msgspec.Struct, frozen=True, kw_only=True):
    """Working days after ``due`` up to and including ``delivered``, and the holidays skipped."""

    due: date
    delivered: date
    working_days: int
    holidays_skipped: tuple[Holiday, ...]


@cache
def _closed_days(calendar: str, years: tuple[int, ...]) -> Mapping[date, str]:
    """The days offices are closed in those years (a year's calendar takes ~15 ms to build,
    and a national year counts many late filings)."""
    # Imported here, when a lateness is counted: the calendars take ~50 ms to load, which
    # every command's start-up would pay (handlers import this module).
    import holidays

    closed = holidays.country_holidays(calendar, years=list(years), categories=_CATEGORIES)
    return {day: str(name) for day, name in closed.items()}


def working_days_late(due: date, delivered: date, calendar: str = "TH") -> WorkingDaysLate:
    """Count the working days late; 0 when delivered on or before the due date.

    >>> late = working_days_late(date(2014, 10, 20), date(2014, 10, 24))
    >>> late.working_days, [h.day.isoformat() for h in late.holidays_skipped]
    (3, ['2014-10-23'])
    """
    closed = _closed_days(calendar, tuple(range(due.year, delivered.year + 1)))
    count = 0
    skipped: list[Holiday] = []
    day = due + timedelta(days=1)
    while day <= delivered:
        if day.weekday() < 5:
            if day in closed:
                skipped.append(Holiday(day=day, name=closed[day]))
            else:
                count += 1
        day += timedelta(days=1)
    return WorkingDaysLate(
        due=due, delivered=delivered, working_days=count, holidays_skipped=tuple(skipped)
    )
