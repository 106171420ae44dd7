"""The FrameworkCalendar aggregate: year-wide decisions about a framework's rounds.

A framework may cancel a round's report for a year (FY2557 cancelled its 6-month SAR).
That is an event on the framework's calendar, not an edit of the framework file.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

import msgspec

from ledger.domain.control_events import RoundCancelled
from ledger.domain.events import LedgerEvent
from ledger.domain.stamp import Stamp
from ledger.errors import AlreadyRecorded, InvalidInput
from ledger.frameworks.model import Framework

__all__ = ["FrameworkCalendar", "cancel_round", "project_calendar"]


class FrameworkCalendar(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    version: int
    framework_id: str
    cancelled_rounds: dict[str, str] = {}


def project_calendar(
    state: FrameworkCalendar | None, events: Iterable[LedgerEvent]
) -> FrameworkCalendar | None:
    for event in events:
        if not isinstance(event, RoundCancelled):
            raise TypeError(f"no calendar transition for {type(event).__name__}")
        cancelled = dict(state.cancelled_rounds) if state else {}
        cancelled[event.round_id] = event.reason
        state = FrameworkCalendar(
            id=event.originator_id,
            version=event.originator_version,
            framework_id=event.framework_id,
            cancelled_rounds=cancelled,
        )
    return state


def cancel_round(
    calendar_uuid: UUID,
    calendar: FrameworkCalendar | None,
    framework: Framework,
    round_id: str,
    reason: str,
    stamp: Stamp,
) -> RoundCancelled:
    if framework.round(round_id) is None:
        raise InvalidInput(
            f"framework {framework.id} has no round {round_id!r}",
            field="round_id",
            rule="round must be one of the framework's rounds",
            expected=", ".join(r.id for r in framework.rounds),
            actual=round_id,
        )
    if calendar is not None and round_id in calendar.cancelled_rounds:
        raise AlreadyRecorded(
            f"round {round_id} of {framework.id} is already cancelled",
            field="round_id",
            rule="a round is cancelled once",
        )
    return RoundCancelled(
        originator_id=calendar_uuid,
        originator_version=(calendar.version if calendar else 0) + 1,
        framework_id=framework.id,
        round_id=round_id,
        reason=reason,
        **stamp.fields(),
    )
