"""``ledger apply``: record commands from a JSON Lines file through the handlers.

Its own module so that ``ledger --help`` and the reads need not import the write path
(commands.cli.subcommands).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import click

from commands.cli.apply import (
    DEFAULT_BATCH,
    ApplyFailed,
    acknowledging,
    apply_lines,
    count_lines,
    read_lines,
)
from commands.cli.options import db_option
from commands.cli.sealed import seal_and_say
from commands.cli.signing_in import sign_in, token_option
from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.errors import exit_code_for
from ledger.persistence.settings import Settings

__all__ = ["apply_command"]


@click.command("apply")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--keep-going",
    is_flag=True,
    help="Report refused commands and go on with the rest (exit code 1 if any was refused).",
)
@click.option(
    "--batch",
    "batch_size",
    type=click.IntRange(1, 100_000),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Commands recorded per transaction (1: each on its own).",
)
@click.option(
    "--acknowledge",
    "acknowledge_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="After each transaction commits, write the number of the last line it recorded "
    "to this file: a feeder stopped midway resumes after that line.",
)
@db_option()
@token_option
def apply_command(
    file: BinaryIO,
    keep_going: bool,
    batch_size: int,
    acknowledge_file: Path | None,
    database: str | None,
    token_files: tuple[Path, ...],
) -> None:
    """Apply commands from FILE (JSON Lines, one command per line; - for stdin).

    Each line is an object with a "type" (register_unit, open_agreement, propose_kpi,
    record_negotiation_decision, sign_agreement, file_sar, record_assessment,
    certify_scores, cancel_round, request_change, decide_change, request_appeal,
    decide_appeal, adjust_score, correct_kpi_wording, keep_cascaded_kpi,
    define_joint_kpi, file_shared_result, verify_shared_result, request_shared_appeal,
    decide_shared_appeal, adjust_shared_result) and the command's fields. Commands are
    applied in order; at the first invalid or refused one nothing of it is recorded (except
    a refused change-control attempt, which is kept for the audit), the ones before it stay
    recorded, and the exit code is 1.

    Give a command a "command_id" (a UUID of your own) to make sending it again safe: a
    command whose id was recorded before is answered from its receipt, not recorded twice.
    A command that met a concurrent write is run again against the new state.

    Commands are recorded --batch at a time, each batch in one transaction: a batch is in
    the store whole or not at all, and a refused line leaves the rest of its batch to go on
    or stop as above. --acknowledge names a file kept at the last line committed.

    A line holds at most 1 MiB of UTF-8 text; every text, number and list in a command is
    bounded (see "Bounds on what is recorded" in docs/ARCHITECTURE.md).

    Signed in: the token in $LEDGER_TOKEN or --token-file (docs/IDENTITY.md). Each command is
    entered by the signed-in user who is its actor, or for a body by a signed-in member of
    its secretariat.
    """
    ctx = build_context(Settings.from_environment(database, access="create"))
    signed_in = sign_in(ctx, token_files)
    showing = sys.stderr.isatty()
    try:
        summary = apply_lines(
            ctx,
            read_lines(file),
            # Counting reads the file once more: only worth it for a bar someone will see.
            total=count_lines(file) if showing else None,
            show_progress=showing,
            keep_going=keep_going,
            entering=signed_in.entering,
            batch_size=batch_size,
            committed=acknowledging(acknowledge_file),
        )
    except ApplyFailed as failed:
        _seal(ctx)
        click.echo(
            f"error: {failed}; applied before it: {failed.applied.commands} commands", err=True
        )
        sys.exit(exit_code_for(failed.error))
    _seal(ctx)
    for refusal in summary.refused:
        error = refusal.error
        click.echo(
            f"refused: line {refusal.line_number}: {error.family}: {error.describe()}", err=True
        )
    click.echo(
        f"applied {summary.commands} commands, recorded {summary.events} events"
        + (f", refused {len(summary.refused)}" if summary.refused else "")
        + (
            f", {summary.resent} already recorded under the same command_id"
            if summary.resent
            else ""
        )
    )
    if summary.refused:
        sys.exit(1)


def _seal(ctx: HandlerContext) -> None:
    """Every write ends sealed (commands.cli.sealed)."""
    seal_and_say(ctx)
