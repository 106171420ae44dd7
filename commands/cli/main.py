"""The ``ledger`` command line. Every subcommand goes through the same handlers and views."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from commands.cli.apply import ApplyFailed, apply_lines
from commands.cli.audit import audit
from commands.cli.database import db
from commands.cli.demo import demo
from commands.cli.options import db_option, json_option
from commands.cli.project import project, rebuild
from commands.cli.proofs import prove, verify_proof
from commands.cli.reads import history, scores, show
from commands.cli.registers import governor, requests, sars, warnings
from commands.cli.render import console, print_json
from commands.cli.time_travel import as_of, diff
from commands.cli.transparency import checkpoint, keys, witness
from commands.cli.verifying import evidence, export, verify_export, verify_live
from commands.wiring import build_context
from ledger.errors import LedgerError, exit_code_for
from ledger.frameworks.loader import builtin_frameworks, load_framework
from ledger.persistence.settings import Settings

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Assessment Ledger: performance agreements as immutable events.

    Every write is a command (see `ledger apply --help`); every read is rebuilt from the
    recorded events. Times are shown in Bangkok time with Buddhist-Era dates.
    """


@cli.command("apply")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--keep-going",
    is_flag=True,
    help="Report refused commands and go on with the rest (exit code 1 if any was refused).",
)
@db_option()
def apply_command(file: TextIO, keep_going: bool, database: str | None) -> None:
    """Apply commands from FILE (JSON Lines, one command per line; - for stdin).

    Each line is an object with a "type" (register_unit, open_agreement, propose_kpi,
    record_negotiation_decision, sign_agreement, file_sar, record_assessment,
    certify_scores, cancel_round, request_change, decide_change, request_appeal,
    decide_appeal, adjust_score) and the command's fields. Commands are applied in order;
    at the first invalid or refused one nothing of it is recorded (except a refused
    change-control attempt, which is kept for the audit), the ones before it stay
    recorded, and the exit code is 1.

    Give a command a "command_id" (a UUID of your own) to make sending it again safe: a
    command whose id was recorded before is answered from its receipt, not recorded twice.
    A command that met a concurrent write is run again against the new state.
    """
    lines: list[str] = list(file)
    ctx = build_context(Settings.from_environment(database))
    try:
        summary = apply_lines(
            ctx,
            lines,
            total=len(lines),
            show_progress=sys.stderr.isatty(),
            keep_going=keep_going,
        )
    except ApplyFailed as failed:
        click.echo(f"error: {failed}", err=True)
        click.echo(f"applied before it: {failed.applied.commands} commands", err=True)
        sys.exit(exit_code_for(failed.error))
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


@cli.group("frameworks")
def frameworks_group() -> None:
    """List the shipped frameworks, or check a new framework file."""


@frameworks_group.command("list")
@json_option
def frameworks_list(as_json: bool) -> None:
    """The frameworks shipped with the ledger."""
    shipped = builtin_frameworks()
    if as_json:
        print_json(list(shipped.values()))
        return
    for fw in shipped.values():
        console.print(
            f"{fw.id}  FY{fw.fiscal_year}  {fw.scoring}  {', '.join(fw.levels)}\n"
            f"  {fw.name_th}\n  {fw.name_en}"
        )


@frameworks_group.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def frameworks_check(path: Path) -> None:
    """Validate a framework file (TOML); names the field at fault."""
    framework = load_framework(str(path), path.read_bytes())
    click.echo(f"{path}: framework {framework.id} is valid")


for command in (
    scores,
    show,
    history,
    audit,
    requests,
    sars,
    governor,
    warnings,
    as_of,
    diff,
    project,
    rebuild,
    keys,
    checkpoint,
    witness,
    prove,
    verify_proof,
    export,
    verify_live,
    verify_export,
    evidence,
    db,
    demo,
):
    cli.add_command(command)


def main() -> None:
    """Entry point: run the CLI, turning ledger errors into a message and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except LedgerError as error:
        click.echo(f"error: {error.family}: {error.describe()}", err=True)
        sys.exit(exit_code_for(error))
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
