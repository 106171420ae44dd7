"""Record a command's events, or, when change control refuses it, record the attempt."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec

from commands.handlers.context import Handling
from commands.messages import Command
from ledger.domain.agreement import Agreement
from ledger.domain.control_events import AttemptKind
from ledger.domain.decisions.attempts import AccessRefusedAndKept, AttemptRefused, refusal_event
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.access import Scope
from ledger.domain.stamp import Stamp
from ledger.errors import NotAllowed

__all__ = ["record_unless_refused"]


def record_unless_refused(
    ctx: Handling,
    agreement: Agreement,
    command: Command,
    decide: Callable[[Stamp], Sequence[LedgerEvent]],
    *,
    roles: tuple[str, ...],
    scope: Scope,
    attempt: AttemptKind,
    kpi_id: str | None,
    request_id: str | None = None,
) -> list[LedgerEvent]:
    """Authorize the command and record what ``decide`` returns. When the actor lacks the
    grant (NotAllowed) or change control refuses it (AttemptRefused), record the attempt and
    raise; a signed-in user is needed for either (Unauthenticated records nothing)."""
    stamp = ctx.unchecked_stamp(command)
    try:
        ctx.authorize(command, roles, scope, stamp.recorded_at)
        events = list(decide(stamp))
    except (NotAllowed, AttemptRefused) as error:
        refused = error if isinstance(error, AttemptRefused) else _kept_access(error)
        attempted = msgspec.json.encode(command).decode()
        event = refusal_event(
            agreement, attempt, refused, attempted, stamp, kpi_id=kpi_id, request_id=request_id
        )
        ctx.record([event], refused=True)
        raise refused from None
    ctx.record(events)
    return events


def _kept_access(error: NotAllowed) -> AccessRefusedAndKept:
    return AccessRefusedAndKept(
        error.message,
        field=error.field,
        rule=error.rule,
        expected=error.expected,
        actual=error.actual,
    )
