from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ledger.errors import InvalidInput
from ledger.thaidate import BANGKOK, format_be_date, format_be_datetime, parse_moment


def test_dates_are_shown_in_the_buddhist_era() -> None:
    assert format_be_date(date(2014, 4, 30)) == "30/04/2557"


def test_times_are_shown_in_bangkok_with_a_buddhist_era_date() -> None:
    # 20:30 UTC on 30 April is 03:30 on 1 May in Bangkok.
    assert format_be_datetime(datetime(2014, 4, 30, 20, 30, tzinfo=UTC)) == "01/05/2557 03:30:00"


def test_moments_read_iso_and_buddhist_era_forms_alike() -> None:
    end_of_day = datetime(2014, 4, 30, 23, 59, 59, 999999, tzinfo=BANGKOK)
    for text in ("2014-04-30", "2557-04-30", "30/04/2557", " 2557-04-30 "):
        assert parse_moment(text) == end_of_day
    assert parse_moment("2557-04-30T09:15") == datetime(2014, 4, 30, 9, 15, tzinfo=BANGKOK)
    assert parse_moment("2014-04-30T02:15:00Z") == datetime(2014, 4, 30, 2, 15, tzinfo=UTC)


@pytest.mark.parametrize("text", ["yesterday", "2557-13-01", "2557-02-30", "30/04", ""])
def test_a_time_that_cannot_be_read_names_the_field_and_the_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_moment(text, field="--today")
    assert raised.value.field == "--today"
    assert "BE date" in (raised.value.rule or "")
