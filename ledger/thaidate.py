"""Buddhist-Era dates, as Thai readers see them.

Thai readers date things in the Buddhist Era: BE = CE + 543. Times are shown in Bangkok time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

from ledger.errors import InvalidInput

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "bangkok_date",
    "format_be_date",
    "format_be_datetime",
    "parse_moment",
    "utc_now",
]

BE_OFFSET = 543
# A year this large is a Buddhist-Era year: no CE date the ledger records comes near it.
_FIRST_BE_YEAR = 2400
_ISO_START = re.compile(r"^(\d{4})(-\d{2}-\d{2})(.*)$")
_THAI_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
BANGKOK = timezone(timedelta(hours=7), "ICT")


def bangkok_date(value: datetime) -> date:
    """The calendar date in Bangkok at that moment (deadlines are Bangkok dates)."""
    return value.astimezone(BANGKOK).date()


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


def parse_moment(text: str, *, field: str = "TIME") -> datetime:
    """A moment from ISO 8601 or a Buddhist-Era date, as a timezone-aware datetime.

    A year of 2400 or more is read as BE. A date alone means the end of that day in Bangkok
    (everything recorded on that day counts); a time without an offset is Bangkok time.

    >>> parse_moment("2557-04-30") == parse_moment("2014-04-30") == parse_moment("30/04/2557")
    True
    >>> parse_moment("2557-04-30").isoformat()
    '2014-04-30T23:59:59.999999+07:00'
    >>> parse_moment("2014-04-30T09:15Z").isoformat()
    '2014-04-30T09:15:00+00:00'
    """
    cleaned = text.strip()
    thai = _THAI_DATE.match(cleaned)
    if thai:
        day, month, year = thai.groups()
        cleaned = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    iso = _ISO_START.match(cleaned)
    if iso is None:
        raise _bad_moment(text, field)
    year, rest, tail = int(iso.group(1)), iso.group(2), iso.group(3)
    if year >= _FIRST_BE_YEAR:
        year -= BE_OFFSET
    try:
        if not tail:
            day = date.fromisoformat(f"{year:04d}{rest}")
            return datetime.combine(day, time.max, tzinfo=BANGKOK)
        moment = datetime.fromisoformat(f"{year:04d}{rest}{tail}")
    except ValueError:
        raise _bad_moment(text, field) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BANGKOK)


def _bad_moment(text: str, field: str) -> InvalidInput:
    return InvalidInput(
        f"cannot read {text!r} as a time",
        field=field,
        rule="ISO 8601 (2014-04-30, 2014-04-30T09:15+07:00) or a BE date (2557-04-30, 30/04/2557)",
    )
