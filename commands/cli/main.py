"""The ``ledger`` command line. Every subcommand goes through the same handlers and views."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, NoReturn

import click

from commands.cli.apply import ApplyFailed, apply_lines, read_lines
from commands.cli.audit import audit
from commands.cli.bodies import bodies
from commands.cli.cascade import cascade
from commands.cli.database import db
from commands.cli.demo import demo
from commands.cli.evidence import evidence
from commands.cli.joints import joint
from commands.cli.options import db_option, json_option
from commands.cli.project import project, rebuild
from commands.cli.proofs import prove, verify_proof
from commands.cli.reads import history, scores, show
from commands.cli.registers import governor, requests, sars, warnings
from commands.cli.render import console, print_json
from commands.cli.sealed import seal_and_say
from commands.cli.serve import serve
from commands.cli.signing_in import sign_in, token_option
from commands.cli.terminal import EXIT_BROKEN_PIPE, safe_line
from commands.cli.time_travel import as_of, diff
from commands.cli.transparency import checkpoint, keys, witness
from commands.cli.users import users
from commands.cli.verifying import export, verify_export, verify_live
from commands.cli.what_if import what_if
from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.errors import EXIT_INTERNAL, EXIT_USAGE, LedgerError, exit_code_for
from ledger.frameworks.loader import builtin_frameworks, load_framework
from ledger.persistence.failures import store_failure
from ledger.persistence.settings import Settings

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Assessment Ledger: performance agreements as immutable events.

    Every write is a command (see `ledger apply --help`); every read is rebuilt from the
    recorded events. Times are shown in Bangkok time with Buddhist-Era dates.
    """


@cli.command("apply")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--keep-going",
    is_flag=True,
    help="Report refused commands and go on with the rest (exit code 1 if any was refused).",
)
@db_option()
@token_option
def apply_command(
    file: BinaryIO, keep_going: bool, database: str | None, token_files: tuple[Path, ...]
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

    A line holds at most 1 MiB of UTF-8 text; every text, number and list in a command is
    bounded (see "Bounds on what is recorded" in the README).

    Signed in: the token in $LEDGER_TOKEN or --token-file (docs/IDENTITY.md). Each command is
    entered by the signed-in user who is its actor, or for a body by a signed-in member of
    its secretariat.
    """
    ctx = build_context(Settings.from_environment(database, access="create"))
    signed_in = sign_in(ctx, token_files)
    lines = list(read_lines(file))
    try:
        summary = apply_lines(
            ctx,
            lines,
            total=len(lines),
            show_progress=sys.stderr.isatty(),
            keep_going=keep_going,
            entering=signed_in.entering,
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
    joint,
    cascade,
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
    users,
    bodies,
    serve,
    what_if,
):
    cli.add_command(command)


def main() -> None:
    """Entry point, and the CLI's one error boundary: every error a user can cause becomes
    one escaped line on stderr (``error: FAMILY: message; field: ...; rule: ...``) and the exit
    code ``ledger.errors.OUTCOMES`` gives it; click's usage errors exit 2, an interrupt 130;
    anything else is a bug, shown as one line and logged with its traceback."""
    try:
        code = cli.main(standalone_mode=False)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_after_broken_pipe()
    except SystemExit:
        # click answers a closed stdout itself (exit 1, our "refused"); keep 141 for it.
        if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            _quiet_after_broken_pipe()
        raise
    except LedgerError as error:
        _fail(error.family, error.describe(), exit_code_for(error))
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.UsageError as error:
        if error.ctx is not None:
            click.echo(safe_line(error.ctx.get_usage()), err=True)
            click.echo(f"Try '{error.ctx.command_path} -h' for help.", err=True)
        _fail("usage", error.format_message(), EXIT_USAGE)
    except click.ClickException as error:
        _fail("invalid-input", error.format_message(), error.exit_code)
    except Exception as error:  # the boundary: whatever is left is a store failure or a bug
        failure = store_failure(error)
        if failure is not None:
            _fail(failure.family, failure.describe(), exit_code_for(failure))
        said = f"{type(error).__name__}: {str(error)[:300]}"
        _fail("internal", f"{said} ({_log_traceback()})", EXIT_INTERNAL)
    if isinstance(code, int) and code:
        sys.exit(code)


def _fail(family: str, message: str, exit_code: int) -> NoReturn:
    click.echo(safe_line(f"error: {family}: {message}"), err=True)
    sys.exit(exit_code)


def _quiet_after_broken_pipe() -> NoReturn:
    """The reader went away (``ledger history X | head -1``): stop without a word, with the
    code a shell gives a process ended by SIGPIPE, and keep Python from complaining while it
    flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    sys.exit(EXIT_BROKEN_PIPE)


def _log_traceback() -> str:
    """Append the traceback being handled to the operator's error log; says where it went."""
    text = (
        f"--- {datetime.now(UTC).isoformat()} ledger {' '.join(sys.argv[1:])}\n"
        + traceback.format_exc()
    )
    for folder in _log_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "errors.log"
            with path.open("a", encoding="utf-8") as log:
                log.write(text)
        except OSError:
            continue
        return f"a bug; the traceback is in {path}"
    return "a bug; the traceback could not be written to any log"


def _log_folders() -> list[Path]:
    """``$LEDGER_LOG_DIR``, else ``$XDG_STATE_HOME/assessment-ledger``, else
    ``~/.local/state/assessment-ledger``; the temporary folder when none can be written."""
    chosen = os.environ.get("LEDGER_LOG_DIR")
    if chosen:
        return [Path(chosen), Path(tempfile.gettempdir()) / "assessment-ledger"]
    state = os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
    return [Path(state) / "assessment-ledger", Path(tempfile.gettempdir()) / "assessment-ledger"]
