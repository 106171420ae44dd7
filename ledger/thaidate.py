"""Buddhist-Era dates, as Thai readers see them.

Thai readers date things in the Buddhist Era: BE = CE + 543. Times are shown in Bangkok time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "bangkok_date",
    "format_be_date",
    "format_be_datetime",
    "utc_now",
]

BE_OFFSET = 543
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
