"""Apply JSON Lines commands in order; stop at the first one that is invalid or refused,
or, with ``keep_going``, report it and go on. Lines are read as bytes: decoding refuses a line
over 1 MiB or not UTF-8, naming its number, and nothing of that line is recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

import msgspec
from rich.progress import Progress

from commands.decoding import decode_command
from commands.execution import execute
from commands.handlers import HandlerContext
from commands.messages import AnyCommand
from ledger.bounds import MAX_LINE_BYTES
from ledger.domain.decisions.attempts import KeptRefusal
from ledger.errors import LedgerError

__all__ = ["ApplyFailed", "ApplySummary", "Refusal", "apply_lines", "read_lines"]


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


def read_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``stream`` without their line feeds, each cut at 1 MiB + 1 byte so that an
    endless line costs no memory; decoding refuses a cut line as too long."""
    while chunk := stream.readline(MAX_LINE_BYTES + 2):
        if chunk.endswith(b"\n"):
            yield chunk[:-1]
            continue
        if len(chunk) == MAX_LINE_BYTES + 2:
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
        yield chunk


def apply_lines(
    ctx: HandlerContext,
    lines: Iterable[str | bytes],
    *,
    total: int | None = None,
    show_progress: bool = False,
    keep_going: bool = False,
    entering: Callable[[AnyCommand], HandlerContext] | None = None,
    first_line: int = 1,
) -> ApplySummary:
    """Decode and handle each non-blank line; raise ApplyFailed at the first refusal unless
    ``keep_going``, in which case refusals are collected in the summary. ``entering`` gives
    the context (the signed-in user) each command is entered in; by default ``ctx``.
    ``first_line`` numbers the first line (when ``lines`` continue an earlier batch)."""
    commands = events = resent = 0
    refused: list[Refusal] = []
    with Progress(disable=not show_progress, transient=True) as progress:
        task = progress.add_task("Applying commands", total=total)
        for number, line in enumerate(lines, start=first_line):
            progress.advance(task)
            if not line.strip():
                continue
            try:
                command = decode_command(line)
                answered = execute(entering(command) if entering else ctx, command)
            except LedgerError as error:
                if keep_going:
                    refused.append(Refusal(line_number=number, error=error))
                    # A refused change-control attempt is itself recorded (one event).
                    events += isinstance(error, KeptRefusal)
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
