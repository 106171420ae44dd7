"""Record a command's events, or, when change control refuses it, record the attempt."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec

from commands.handlers.context import Handling
from commands.messages import Command
from ledger.domain.agreement import Agreement
from ledger.domain.control_events import AttemptKind
from ledger.domain.decisions.attempts import AttemptRefused, refusal_event
from ledger.domain.events import LedgerEvent
from ledger.domain.stamp import Stamp

__all__ = ["record_unless_refused"]


def record_unless_refused(
    ctx: Handling,
    agreement: Agreement,
    command: Command,
    stamp: Stamp,
    decide: Callable[[], Sequence[LedgerEvent]],
    *,
    attempt: AttemptKind,
    kpi_id: str | None,
    request_id: str | None = None,
) -> list[LedgerEvent]:
    """Record what ``decide`` returns; on AttemptRefused record the attempt and re-raise."""
    try:
        events = list(decide())
    except AttemptRefused as refused:
        attempted = msgspec.json.encode(command).decode()
        kept = refusal_event(
            agreement, attempt, refused, attempted, stamp, kpi_id=kpi_id, request_id=request_id
        )
        ctx.record([kept], refused=True)
        raise
    ctx.record(events)
    return events
