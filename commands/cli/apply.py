"""Apply JSON Lines commands in order; stop at the first one that is invalid or refused,
or, with ``keep_going``, report it and go on."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec
from rich.progress import Progress

from commands.decoding import decode_command
from commands.execution import execute
from commands.handlers import HandlerContext
from ledger.domain.decisions.attempts import AttemptRefused
from ledger.errors import LedgerError

__all__ = ["ApplyFailed", "ApplySummary", "Refusal", "apply_lines"]


class Refusal(msgspec.Struct, frozen=True, kw_only=True):
    line_number: int
    error: LedgerError


class ApplySummary(msgspec.Struct, frozen=True, kw_only=True):
    """``resent``: commands whose id was handled before, answered without recording again."""

    commands: int
    events: int
    refused: tuple[Refusal, ...] = ()
    resent: int = 0


class ApplyFailed(Exception):
    """A command was refused; those before it stay recorded."""

    def __init__(self, line_number: int, error: LedgerError, applied: ApplySummary) -> None:
        super().__init__(f"line {line_number}: {error.family}: {error.describe()}")
        self.line_number = line_number
        self.error = error
        self.applied = applied


def apply_lines(
    ctx: HandlerContext,
    lines: Iterable[str],
    *,
    total: int | None = None,
    show_progress: bool = False,
    keep_going: bool = False,
) -> ApplySummary:
    """Decode and handle each non-blank line; raise ApplyFailed at the first refusal unless
    ``keep_going``, in which case refusals are collected in the summary."""
    commands = events = resent = 0
    refused: list[Refusal] = []
    with Progress(disable=not show_progress, transient=True) as progress:
        task = progress.add_task("Applying commands", total=total)
        for number, line in enumerate(lines, start=1):
            progress.advance(task)
            if not line.strip():
                continue
            try:
                answered = execute(ctx, decode_command(line))
            except LedgerError as error:
                if keep_going:
                    refused.append(Refusal(line_number=number, error=error))
                    # A refused change-control attempt is itself recorded (one event).
                    events += isinstance(error, AttemptRefused)
                    continue
                raise ApplyFailed(
                    number, error, ApplySummary(commands=commands, events=events, resent=resent)
                ) from error
            commands += 1
            if answered.resent:
                resent += 1
            else:
                events += len(answered.events)
    return ApplySummary(commands=commands, events=events, refused=tuple(refused), resent=resent)
