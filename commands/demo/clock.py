"""The demo's simulated clock: each line recorded when it would have been, so the year can be
read as of dates in it (``ledger as-of``, ``ledger diff`` by recorded time).

Only ``ledger demo`` makes one, and only for an empty store it bootstraps as a demo (the
bootstrap event says so, and every read and verification repeats it): a store that holds
anything, so every production store, is refused (``SimulatedClock.for_store``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec

from ledger.application import LedgerApplication
from ledger.errors import InvalidInput
from ledger.thaidate import parse_moment, utc_now

__all__ = ["SimulatedClock"]

# A line is entered this long after the moment it takes effect (10:00 Bangkok time in the
# scenarios, so entered at noon), and never before the line before it.
ENTERED_AFTER = timedelta(hours=2)
NEXT_LINE = timedelta(minutes=1)


class SimulatedClock:
    """Call it for the time now; ``follow(line)`` moves it to when that line is entered;
    ``release()`` hands over to the real clock (tokens that work today are issued then)."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._released = False

    @classmethod
    def for_store(cls, app: LedgerApplication, start: datetime) -> SimulatedClock:
        """A clock for ``app``'s store, which must be empty: simulated times are for a demo
        store alone, and a store becomes one only at its first event."""
        if app.head() != 0:
            raise InvalidInput(
                "the store already holds events; the demo records on a simulated clock "
                "into an empty store only",
                field="--db",
                rule="a simulated clock is for a new demo store, never for one in use",
            )
        return cls(start)

    def __call__(self) -> datetime:
        return utc_now() if self._released else self._now

    def follow(self, line: str) -> str:
        """Move the clock to when ``line`` is entered: ENTERED_AFTER its effective time, and
        after the line before it. Returns the line, for use in a stream of lines."""
        effective = msgspec.json.decode(line).get("effective_at")
        moment = self._now + NEXT_LINE
        if effective:
            moment = max(moment, parse_moment(effective) + ENTERED_AFTER)
        self._now = moment
        return line

    def release(self) -> None:
        self._released = True
