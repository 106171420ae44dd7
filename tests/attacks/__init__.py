"""What a hostile operator or a careless user would do to an export, a bundle, the evidence
store and the rows beside the events; each is caught, named, and never crashes or hangs.

Every case runs the CLI as a subprocess with a timeout, so a read that blocks (a FIFO) fails
the test instead of stalling the suite.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.cli import ledger

# Generous for a loaded machine, short enough that a blocked read fails the test.
TIMEOUT = 60


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str


def run(*args: str, cwd: Path | None = None, state: Path | None = None) -> Outcome:
    env = {"COLUMNS": "200"}
    if state is not None:
        env["XDG_STATE_HOME"] = str(state)
    result = ledger(*args, env=env, cwd=cwd, timeout=TIMEOUT)
    return Outcome(result.returncode, result.stdout + result.stderr)


@dataclass(frozen=True)
class Demo:
    """The demo's store and keys, and an export of it, made once per module."""

    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / "d.sqlite"

    @property
    def export(self) -> Path:
        return self.folder / "out"

    @property
    def log_key(self) -> Path:
        return self.folder / "d.keys" / "log.vkey"

    @property
    def witness_key(self) -> Path:
        return self.folder / "d.keys" / "witness.vkey"

    def copy(self, target: Path) -> Demo:
        shutil.copytree(self.folder, target / "demo", symlinks=True)
        return Demo(target / "demo")


def make_demo(folder: Path) -> Demo:
    demo = Demo(folder)
    made = run("demo", "--force", "--db", str(demo.db), state=folder / "state")
    assert made.code == 0, made.output
    exported = run("export", str(demo.export), "--db", str(demo.db))
    assert exported.code == 0, exported.output
    return demo


def refused(outcome: Outcome, code: int, *named: str) -> None:
    """The command failed with ``code``, said each of ``named``, and showed no traceback."""
    assert outcome.code == code, outcome.output
    assert "Traceback" not in outcome.output, outcome.output
    for text in named:
        assert text in outcome.output, outcome.output
