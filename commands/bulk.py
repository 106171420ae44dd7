"""Bulk ingest: commands handled in batches, each batch recorded in one transaction.

Every line goes the one path every command goes (decoding, bounds, the signed-in user's
grants, every rule, receipts), over a ``BatchLedger`` that holds the batch's aggregates in
memory, so the store is read once per aggregate and written once per batch. A refused line is
refused exactly as alone: nothing of it is kept (but a refused change-control attempt, which
is recorded for the audit) and the rest of its batch goes on. A batch is acknowledged
(``committed``) only once its transaction has committed: a crash before that loses the batch
whole, and sending the lines again is safe when they carry command ids.

What a batch read stays in memory for the next batch only while nobody else has written (the
log's head is where the last save left it): any other write, a grant revoked say, makes the
next batch start from the store afresh. A write by another writer to an aggregate the batch
records on makes the save conflict, and the batch runs again on the new state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from eventsourcing.persistence import InterfaceError, OperationalError

from commands.batch_ledger import BatchLedger
from commands.decoding import decode_command
from commands.execution import OutcomeUnknown
from commands.handlers import HandlerContext, answer
from commands.messages import AnyCommand
from ledger.domain.decisions.attempts import KeptRefusal
from ledger.errors import LedgerError, WriteConflict

__all__ = ["Batches", "Line", "Outcome"]

# (line number, the line as read)
Line = tuple[int, str | bytes]

# How many times a batch is run again after another writer recorded on its aggregates.
_ATTEMPTS = 8


@dataclass
class Outcome:
    """What a run of lines did: counts, refusals kept going past, and the refusal that
    stopped it (``stopped``: line number and error) when not keeping going."""

    commands: int = 0
    events: int = 0
    resent: int = 0
    refused: list[tuple[int, LedgerError]] = field(default_factory=list)
    stopped: tuple[int, LedgerError] | None = None

    def add(self, other: Outcome) -> None:
        self.commands += other.commands
        self.events += other.events
        self.resent += other.resent
        self.refused.extend(other.refused)
        self.stopped = other.stopped


@dataclass
class Batches:
    """Runs numbered lines ``size`` at a time. ``entering`` gives the context (the signed-in
    user) a command is entered in; ``committed`` is told, once each batch is in the store,
    the number of its last line handled and how many lines it held."""

    ctx: HandlerContext
    size: int = 500
    keep_going: bool = False
    entering: Callable[[AnyCommand], HandlerContext] | None = None
    committed: Callable[[int, int], None] | None = None

    def __post_init__(self) -> None:
        self._ledger = BatchLedger(self.ctx.app)

    def run(self, lines: Iterable[Line]) -> Outcome:
        total = Outcome()
        for batch in _chunks(iter(lines), max(self.size, 1)):
            outcome = self._commit(batch)
            total.add(outcome)
            if self.committed is not None:
                last = outcome.stopped[0] - 1 if outcome.stopped else batch[-1][0]
                self.committed(last, len(batch))
            if outcome.stopped is not None:
                break
        return total

    def _commit(self, batch: list[Line]) -> Outcome:
        """Handle the batch and save what it recorded, again from the store's state after a
        conflict or, when every command in it carries an id, after a lost connection."""
        decoded = [(number, _decoded(line)) for number, line in batch if line.strip()]
        for attempt in range(1, _ATTEMPTS + 1):
            if attempt == 1:
                self._ledger.begin()
            else:
                self._ledger.forget()
            self._ledger.expect_receipts(
                c.command_id for _, c in decoded if not isinstance(c, LedgerError) and c.command_id
            )
            outcome = self._handle(decoded)
            try:
                self._ledger.flush()
            except WriteConflict:
                if attempt == _ATTEMPTS:
                    raise
                continue
            except (OperationalError, InterfaceError) as error:
                if attempt == _ATTEMPTS or not _resendable(decoded):
                    raise OutcomeUnknown(
                        f"the store failed while saving a batch ({error}); "
                        "it may have been recorded",
                        field="command_id",
                        rule="only a batch whose commands all carry a command_id is sent "
                        "again after a failure",
                    ) from error
                continue
            return outcome
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _handle(self, decoded: list[tuple[int, AnyCommand | LedgerError]]) -> Outcome:
        outcome = Outcome()
        for number, command in decoded:
            try:
                if isinstance(command, LedgerError):
                    raise command
                target = self.entering(command) if self.entering else self.ctx
                answered = answer(replace(target, ledger=self._ledger), command)
            except LedgerError as error:
                if not self.keep_going:
                    outcome.stopped = (number, error)
                    return outcome
                outcome.refused.append((number, _detached(error)))
                # A refused change-control attempt is itself recorded (one event).
                outcome.events += isinstance(error, KeptRefusal)
                continue
            outcome.commands += 1
            if answered.resent:
                outcome.resent += 1
            else:
                outcome.events += len(answered.events)
        return outcome


def _decoded(line: str | bytes) -> AnyCommand | LedgerError:
    try:
        return decode_command(line)
    except LedgerError as error:
        return error


def _detached(error: LedgerError) -> LedgerError:
    """The refusal without its traceback (nor its causes'): a kept traceback keeps every frame
    it passed through alive, with the batch and the states they held, for as long as the
    refusal is kept (the whole run)."""
    cause: BaseException | None = error
    while cause is not None:
        cause.__traceback__ = None
        cause = cause.__cause__ or cause.__context__
    return error


def _resendable(decoded: list[tuple[int, AnyCommand | LedgerError]]) -> bool:
    return all(not isinstance(c, LedgerError) and c.command_id for _, c in decoded)


def _chunks(lines: Iterator[Line], size: int) -> Iterator[list[Line]]:
    while chunk := list(islice(lines, size)):
        yield chunk
