"""Working days late: weekends and Thai public holidays (from the holidays package) skipped."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.rules.working_days import working_days_late


@pytest.mark.parametrize(
    ("due", "delivered", "days", "skipped"),
    [
        # On time, or early, is never late.
        (date(2014, 10, 31), date(2014, 10, 31), 0, []),
        (date(2014, 10, 31), date(2014, 10, 20), 0, []),
        # Due Friday 31 Oct 2014; delivered Wednesday 5 Nov: Mon, Tue, Wed.
        (date(2014, 10, 31), date(2014, 11, 5), 3, []),
        # Chulalongkorn Memorial Day, Thursday 23 Oct 2014, is not a working day.
        (date(2014, 10, 20), date(2014, 10, 24), 3, ["2014-10-23"]),
        # Songkran 2014 (13-15 Apr) with its substitution day on Wednesday 16 Apr.
        (date(2014, 4, 11), date(2014, 4, 18), 2, ["2014-04-14", "2014-04-15", "2014-04-16"]),
        # The King's Birthday (Friday 5 Dec 2014) and Constitution Day (Wednesday 10 Dec).
        (date(2014, 12, 4), date(2014, 12, 11), 3, ["2014-12-05", "2014-12-10"]),
        # Across the new year: 31 Dec 2014 and 1-2 Jan 2015 are holidays.
        (date(2014, 12, 30), date(2015, 1, 5), 1, ["2014-12-31", "2015-01-01", "2015-01-02"]),
    ],
)
def test_working_days_late(due: date, delivered: date, days: int, skipped: list[str]) -> None:
    late = working_days_late(due, delivered)
    assert late.working_days == days
    assert [h.day.isoformat() for h in late.holidays_skipped] == skipped


def test_a_weekend_alone_is_not_late() -> None:
    # Due Friday, delivered on the Sunday after.
    assert working_days_late(date(2014, 10, 31), date(2014, 11, 2)).working_days == 0
