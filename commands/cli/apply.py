"""Apply JSON Lines commands in order; stop at the first one that is invalid or refused,
or, with ``keep_going``, report it and go on. Lines are read as bytes: decoding refuses a line
over 1 MiB or not UTF-8, naming its number, and nothing of that line is recorded."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import msgspec
from rich.progress import Progress

from commands.bulk import Batches
from commands.handlers import HandlerContext
from commands.messages import AnyCommand
from ledger.bounds import MAX_LINE_BYTES
from ledger.errors import LedgerError

__all__ = [
    "DEFAULT_BATCH",
    "ApplyFailed",
    "ApplySummary",
    "Refusal",
    "acknowledging",
    "apply_lines",
    "count_lines",
    "read_lines",
]

# Commands per transaction: large enough that a national year's ingest is bound by the rules,
# not by commits; small enough that a batch's aggregates fit in memory many times over.
DEFAULT_BATCH = 500


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


def count_lines(stream: BinaryIO) -> int | None:
    """How many lines a file holds, for the progress bar (None for a pipe, which is read
    once); the file is left at its start. Reads in chunks, so a large file costs no memory."""
    if not stream.seekable():
        return None
    count = 0
    while chunk := stream.read(1 << 20):
        count += chunk.count(b"\n")
    stream.seek(0)
    return count


def acknowledging(path: Path | None) -> Callable[[int], None] | None:
    """A ``committed`` callback that keeps ``path`` at the last line committed, replaced
    atomically and synced, so it never names a line that is not in the store."""
    if path is None:
        return None

    def acknowledge(last_line: int) -> None:
        partial = path.with_name(path.name + ".partial")
        with partial.open("w", encoding="ascii") as out:
            out.write(f"{last_line}\n")
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)

    return acknowledge


def apply_lines(
    ctx: HandlerContext,
    lines: Iterable[str | bytes],
    *,
    total: int | None = None,
    show_progress: bool = False,
    keep_going: bool = False,
    entering: Callable[[AnyCommand], HandlerContext] | None = None,
    first_line: int = 1,
    batch_size: int = DEFAULT_BATCH,
    committed: Callable[[int], None] | None = None,
) -> ApplySummary:
    """Decode and handle each non-blank line, ``batch_size`` lines per transaction
    (``commands.bulk``); raise ApplyFailed at the first refusal unless ``keep_going``, in
    which case refusals are collected in the summary. ``entering`` gives the context (the
    signed-in user) each command is entered in; by default ``ctx``. ``first_line`` numbers
    the first line (when ``lines`` continue an earlier batch). ``committed`` is told the last
    line number of each batch once it is in the store."""
    with Progress(disable=not show_progress, transient=True) as progress:
        task = progress.add_task("Applying commands", total=total)

        def acknowledge(last_line: int, held: int) -> None:
            progress.advance(task, held)
            if committed is not None:
                committed(last_line)

        batches = Batches(
            ctx, size=batch_size, keep_going=keep_going, entering=entering, committed=acknowledge
        )
        outcome = batches.run(enumerate(lines, start=first_line))
    summary = ApplySummary(
        commands=outcome.commands,
        events=outcome.events,
        refused=tuple(Refusal(line_number=n, error=e) for n, e in outcome.refused),
        resent=outcome.resent,
    )
    if outcome.stopped is not None:
        number, error = outcome.stopped
        raise ApplyFailed(number, error, summary) from error
    return summary
