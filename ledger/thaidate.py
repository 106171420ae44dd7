"""Fiscal years and Buddhist-Era dates.

Thai fiscal year N (Buddhist Era) runs from 1 October of N-1 to 30 September of N; BE = CE + 543.
Input dates may be written in either era: a year above 2400 is read as Buddhist Era, because no
record in this ledger is dated after 2400 CE.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "fiscal_year_bounds",
    "format_be_date",
    "format_be_datetime",
    "parse_time",
    "utc_now",
]

BE_OFFSET = 543
BANGKOK = timezone(timedelta(hours=7), "ICT")
_BE_THRESHOLD = 2400


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[date, date]:
    """First and last day (CE) of a fiscal year given in the Buddhist Era.

    >>> fiscal_year_bounds(2568)
    (datetime.date(2024, 10, 1), datetime.date(2025, 9, 30))
    """
    end_ce = fiscal_year_be - BE_OFFSET
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def parse_time(text: str) -> datetime:
    """Parse an ISO 8601 date or date-time, in CE or BE, into an aware datetime.

    A bare date means midnight in Bangkok; a date-time without offset is read as Bangkok time.
    Raises ValueError naming the accepted forms.

    >>> parse_time("2557-04-30").isoformat()
    '2014-04-30T00:00:00+07:00'
    >>> parse_time("2014-04-30T10:00:00Z").isoformat()
    '2014-04-30T10:00:00+00:00'
    """
    raw = text.strip()
    year_text, sep, rest = raw.partition("-")
    if not sep or not year_text.isdigit():
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD (CE or BE) or ISO 8601")
    year = int(year_text)
    if year > _BE_THRESHOLD:
        raw = f"{year - BE_OFFSET:04d}-{rest}"
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(
            f"{text!r} is not a date; use YYYY-MM-DD (CE or BE) or ISO 8601"
        ) from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=BANGKOK)
    return parsed


def format_be_date(value: date | datetime) -> str:
    """A date as Thai readers write it: day month-number BE year.

    >>> format_be_date(date(2014, 4, 30))
    '30/04/2557'
    """
    if isinstance(value, datetime):
        value = value.astimezone(BANGKOK).date()
    return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"


def format_be_datetime(value: datetime) -> str:
    """A moment in Bangkok time with a BE date, e.g. ``30/04/2557 09:15:00``."""
    local = value.astimezone(BANGKOK)
    return f"{format_be_date(local)} {local:%H:%M:%S}"


def utc_now() -> datetime:
    return datetime.now(UTC)
