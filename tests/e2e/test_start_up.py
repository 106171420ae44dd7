"""Start-up stays fast because `ledger --help` and the one-agreement reads import only what they
use (issue 16, point 5). Checked by the modules a real process imports (``python -X importtime``),
never by timing: bench/start_up.py measures the wall time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from commands.cli.main import cli
from commands.cli.subcommands import SUBCOMMANDS

AGREEMENT = "TH-81/2557"
RUN_LEDGER = "import sys; sys.argv[0] = 'ledger'; from commands.cli.main import main; main()"

# What no read of one agreement needs: the HTTP server, the PostgreSQL driver (the store here
# is SQLite), the signing keys (no --proofs), the holiday calendars (no lateness is counted),
# the command handlers, and a progress bar (nothing to catch up, no terminal).
NOT_FOR_READS = (
    "litestar",
    "uvicorn",
    "psycopg",
    "psycopg_pool",
    "eventsourcing.postgres",
    "cryptography",
    "holidays",
    "commands.handlers",
    "commands.http",
    "rich.progress",
)
# `ledger --help` lists the subcommands from their summaries: none of their code is loaded.
NOT_FOR_HELP = (
    *NOT_FOR_READS,
    "rich",
    "icu4py",
    "msgspec",
    "eventsourcing",
    "ledger.application",
    "projections",
    "commands.cli.reads",
    "commands.cli.applying",
)
READS = (
    ("scores", AGREEMENT),
    ("as-of", AGREEMENT, "2099-01-01"),
    ("audit", AGREEMENT),
    ("history", AGREEMENT),
)


def imported_by(*args: str) -> set[str]:
    """The modules ``ledger ARGS`` imports, from its ``-X importtime`` report."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", RUN_LEDGER, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {
        line.rpartition("|")[2].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("start-up")
    store = folder / "demo.sqlite"
    demo = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN_LEDGER,
            "demo",
            "--db",
            str(store),
            "--witness-dir",
            str(folder / "witness"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert demo.returncode == 0, demo.stderr[-2000:]
    return store


def test_help_loads_no_subcommand() -> None:
    modules = imported_by("--help")
    assert "commands.cli.main" in modules  # the report is read right
    assert loaded(modules, NOT_FOR_HELP) == []


@pytest.mark.parametrize("read", READS, ids=[read[0] for read in READS])
def test_a_one_agreement_read_loads_only_what_it_uses(
    demo_store: Path, read: tuple[str, ...]
) -> None:
    imported_by(*read, "--db", str(demo_store))  # first: the views catch up with the demo
    modules = imported_by(*read, "--db", str(demo_store))
    assert "ledger.application" in modules
    assert loaded(modules, NOT_FOR_READS) == []


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_each_listed_summary_is_the_commands_own(name: str) -> None:
    command = SUBCOMMANDS[name].load()
    listed = click.Command(name, help=SUBCOMMANDS[name].summary)
    assert command.name == name
    assert not command.hidden
    assert command.short_help is None
    for limit in range(20, 200, 7):
        assert listed.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_help_reads_the_same_before_and_after_the_subcommands_are_loaded() -> None:
    runner = CliRunner()
    lazily = runner.invoke(cli, ["--help"], terminal_width=100)
    context = click.Context(cli)
    for name in SUBCOMMANDS:
        assert cli.get_command(context, name) is not None  # loads and registers it
    assert all(name in cli.commands for name in SUBCOMMANDS)
    eagerly = runner.invoke(cli, ["--help"], terminal_width=100)
    assert lazily.exit_code == eagerly.exit_code == 0
    assert lazily.output == eagerly.output
    assert "  sar " in lazily.output
    assert "  what-if " in lazily.output
