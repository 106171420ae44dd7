"""Running a command to an answer: again after a write conflict, and again after a lost
connection when, and only when, the command carries an id that makes a second send safe."""

from __future__ import annotations

import time
from collections.abc import Callable

from eventsourcing.persistence import InterfaceError, OperationalError

from commands.handlers import Answer, HandlerContext, answer
from commands.messages import AnyCommand
from ledger.errors import StoreUnavailable, WriteConflict

__all__ = ["OutcomeUnknown", "execute"]


class OutcomeUnknown(StoreUnavailable):
    """The store went away mid-command and the command has no id: it may or may not have been
    recorded, and sending it again could record it twice."""


def execute(
    ctx: HandlerContext,
    command: AnyCommand,
    *,
    attempts: int = 8,
    pause: Callable[[int], None] = lambda n: time.sleep(min(0.05 * 2**n, 2.0)),
) -> Answer:
    """``handle`` the command, running it again (up to ``attempts`` times in all) when another
    writer got there first, or when the connection failed and the command carries an id.

    Each run re-reads the aggregate and re-checks every rule, so a second committee deciding
    a request the first one already decided gets that request's conflict, not a double entry.
    """
    for attempt in range(1, attempts):
        try:
            return _once(ctx, command)
        except (WriteConflict, OperationalError, InterfaceError):
            pause(attempt)
    return _once(ctx, command)


def _once(ctx: HandlerContext, command: AnyCommand) -> Answer:
    try:
        return answer(ctx, command)
    except (OperationalError, InterfaceError) as error:
        if command.command_id is None:
            raise OutcomeUnknown(
                f"the store failed during the command ({error}); it may have been recorded",
                field="command_id",
                rule="only a command with a command_id is sent again after a failure",
            ) from error
        raise
