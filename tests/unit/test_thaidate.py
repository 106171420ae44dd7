from __future__ import annotations

from datetime import UTC, date, datetime

from ledger.thaidate import format_be_date, format_be_datetime


def test_dates_are_shown_in_the_buddhist_era() -> None:
    assert format_be_date(date(2014, 4, 30)) == "30/04/2557"


def test_times_are_shown_in_bangkok_with_a_buddhist_era_date() -> None:
    # 20:30 UTC on 30 April is 03:30 on 1 May in Bangkok.
    assert format_be_datetime(datetime(2014, 4, 30, 20, 30, tzinfo=UTC)) == "01/05/2557 03:30:00"
