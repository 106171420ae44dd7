"""Record a file's proposals all together or not at all.

Each proposal goes the path every command goes (``answer``: the actor's grants, every rule,
receipts) over a ``BatchLedger`` (``commands.bulk``'s), so each sees the ones before it while
nothing is in the store; only when every one is accepted are they saved, in one transaction.
At the first refusal the batch is dropped and the refusal raised, named by its place.

A refusal the ledger keeps for the audit (a KPI proposed on a signed agreement, an actor
without the grant) is kept as ``ledger apply`` keeps it: that one attempt is recorded, run
again on its own, and none of the file's KPIs.

Every proposal carries a command id, so a write that met another writer, or a connection lost
mid-save, is run again safely; and sending the same file again records nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from eventsourcing.persistence import InterfaceError, OperationalError

from commands.batch_ledger import BatchLedger
from commands.handlers import Answer, HandlerContext, answer
from commands.kpi_templates.locating import Place, located
from commands.messages import AnyCommand
from ledger.domain.decisions.attempts import KeptRefusal
from ledger.domain.events import LedgerEvent
from ledger.errors import LedgerError, WriteConflict

__all__ = ["Entering", "Placed", "Recorded", "record_all"]

_ATTEMPTS = 8

Entering = Callable[[AnyCommand], HandlerContext]


@dataclass(frozen=True)
class Placed:
    """A command and where in the file it came from; ``columns_of`` names the column a
    refusal's field was read from."""

    command: AnyCommand
    place: Place
    columns_of: Callable[[Place, str | None], Place]

    def locate(self, error: LedgerError) -> LedgerError:
        return located(error, self.columns_of(self.place, error.field))


@dataclass(frozen=True)
class Recorded:
    """``events``: what this run recorded; ``resent``: commands recorded by an earlier send
    of the same file, answered from their receipts."""

    commands: int
    resent: int
    events: list[LedgerEvent]


def record_all(ctx: HandlerContext, placed: Sequence[Placed], entering: Entering) -> Recorded:
    """Record every command of ``placed`` in one transaction, or none.

    Raises the first refusal (its class and rule, located); after a write conflict or a lost
    connection the whole batch runs again on the store's new state (up to 8 times).
    """
    batch = BatchLedger(ctx.app)
    for attempt in range(1, _ATTEMPTS + 1):
        batch.forget()
        batch.begin()
        batch.expect_receipts(p.command.command_id for p in placed if p.command.command_id)
        answers = [_answered(ctx, batch, one, entering) for one in placed]
        try:
            batch.flush()
        except (WriteConflict, OperationalError, InterfaceError):
            if attempt == _ATTEMPTS:
                raise
            continue
        return Recorded(
            commands=len(answers),
            resent=sum(a.resent for a in answers),
            events=[e for a in answers if not a.resent for e in a.events],
        )
    raise AssertionError("unreachable: the last attempt returns or raises")


def _answered(ctx: HandlerContext, batch: BatchLedger, one: Placed, entering: Entering) -> Answer:
    try:
        return answer(replace(entering(one.command), ledger=batch), one.command)
    except LedgerError as error:
        batch.forget()
        if isinstance(error, KeptRefusal):
            _keep_attempt(ctx, one.command, entering)
        raise one.locate(error) from error


def _keep_attempt(ctx: HandlerContext, command: AnyCommand, entering: Entering) -> None:
    """Record the refused attempt as the command alone records it: only when, run on its
    own, it is refused and kept again (it could not have been refused because of an earlier
    row: the file's rows are not in the store)."""
    alone = BatchLedger(ctx.app)
    alone.begin()
    try:
        answer(replace(entering(command), ledger=alone), command)
    except KeptRefusal:
        alone.flush()
    except LedgerError:
        # Refused otherwise on its own: the file's refusal (raised by the caller) stands.
        return
