from __future__ import annotations

from datetime import date

import pytest

from ledger.thaidate import fiscal_year_bounds, format_be_date, parse_time


def test_fiscal_year_runs_october_to_september_in_the_buddhist_era() -> None:
    assert fiscal_year_bounds(2557) == (date(2013, 10, 1), date(2014, 9, 30))


def test_buddhist_era_and_common_era_dates_parse_to_the_same_moment() -> None:
    assert parse_time("2557-04-30") == parse_time("2014-04-30")
    assert format_be_date(parse_time("2014-04-30")) == "30/04/2557"


def test_a_non_date_names_the_accepted_forms() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_time("last tuesday")
