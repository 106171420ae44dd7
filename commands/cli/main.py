"""The ``ledger`` command line. Every subcommand goes through the same handlers and views."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from commands.cli.subcommands import SUBCOMMANDS, LazyGroup
from ledger.errors import EXIT_INTERNAL, EXIT_USAGE, LedgerError, exit_code_for

__all__ = ["cli", "main"]


@click.group(
    cls=LazyGroup,
    lazy=SUBCOMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
def cli() -> None:
    """Assessment Ledger: performance agreements as immutable events.

    Every write is a command (see `ledger apply --help`); every read is rebuilt from the
    recorded events. Times are shown in Bangkok time with Buddhist-Era dates.
    """


def main() -> None:
    """Entry point, and the CLI's one error boundary: every error a user can cause becomes
    one escaped line on stderr (``error: FAMILY: message; field: ...; rule: ...; กฎ: ...``, the
    rule in Thai where the rule table has it) and the exit
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
        _fail(error.family, _with_thai_rule(error), exit_code_for(error))
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.UsageError as error:
        if error.ctx is not None:
            from commands.cli.terminal import safe_line

            click.echo(safe_line(error.ctx.get_usage()), err=True)
            click.echo(f"Try '{error.ctx.command_path} -h' for help.", err=True)
        _fail("usage", error.format_message(), EXIT_USAGE)
    except click.ClickException as error:
        _fail("invalid-input", error.format_message(), error.exit_code)
    except Exception as error:  # the boundary: whatever is left is a store failure or a bug
        # Imported here: it loads the PostgreSQL driver, which most commands never touch.
        from ledger.persistence.failures import store_failure

        failure = store_failure(error)
        if failure is not None:
            _fail(failure.family, failure.describe(), exit_code_for(failure))
        said = f"{type(error).__name__}: {str(error)[:300]}"
        _fail("internal", f"{said} ({_log_traceback()})", EXIT_INTERNAL)
    if isinstance(code, int) and code:
        sys.exit(code)


def _with_thai_rule(error: LedgerError) -> str:
    """``describe()`` with the rule in Thai at the end, when the rule table has it (the line
    stays one line: scripts read it)."""
    from commands.rules_th import rule_in_thai

    described = error.describe()
    thai = rule_in_thai(error.rule) if error.rule else None
    return f"{described}; กฎ: {thai}" if thai and thai != error.rule else described


def _fail(family: str, message: str, exit_code: int) -> NoReturn:
    from commands.cli.terminal import safe_line

    click.echo(safe_line(f"error: {family}: {message}"), err=True)
    sys.exit(exit_code)


def _quiet_after_broken_pipe() -> NoReturn:
    """The reader went away (``ledger history X | head -1``): stop without a word, with the
    code a shell gives a process ended by SIGPIPE, and keep Python from complaining while it
    flushes stdout at exit."""
    from commands.cli.terminal import EXIT_BROKEN_PIPE

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    sys.exit(EXIT_BROKEN_PIPE)


def _log_traceback() -> str:
    """Append the traceback being handled to the operator's error log; says where it went."""
    import traceback  # only a bug gets here: not worth loading at every start-up

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
    import tempfile

    chosen = os.environ.get("LEDGER_LOG_DIR")
    if chosen:
        return [Path(chosen), Path(tempfile.gettempdir()) / "assessment-ledger"]
    state = os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
    return [Path(state) / "assessment-ledger", Path(tempfile.gettempdir()) / "assessment-ledger"]
