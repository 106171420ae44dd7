"""One document's run: its scratch folder, the environment its blocks share, the servers its
blocks leave running, and the PostgreSQL database it may use. The convention these implement
is described in test_shell_blocks.py."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from uuid import uuid4

import psycopg

from tests.stores import BASE_URL, require_postgres

__all__ = ["VENV", "DocumentSession", "Outcome", "uses_postgres"]

# The environment the tests run in: its bin/ goes first on PATH and is the scratch's .venv.
VENV = Path(sys.prefix)
BIN = Path(sys.executable).parent
REPOSITORY = Path(__file__).resolve().parents[2]
BLOCK_TIMEOUT = 180
_PORT = re.compile(r"(?<=--port )8000\b|(?<=:)8000\b")
_EXPORT = re.compile(r"^declare -x (?P<name>\w+)")
_PER_PROCESS = frozenset({"_", "SHLVL", "PWD", "OLDPWD"})


def uses_postgres(script: str) -> bool:
    """A block that names a PostgreSQL server: the page's database must exist first."""
    return "$PGDATABASE" in script or "${PGDATABASE" in script


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Outcome:
    """How a block ended: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


@dataclass
class DocumentSession:
    """The blocks of one document, run in order in ``scratch``, their own files in ``harness``."""

    name: str
    scratch: Path
    harness: Path
    port: int = field(default_factory=_free_port)
    database: str | None = None
    _ran: int = 0
    _running: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        (self.scratch / ".venv").symlink_to(VENV, target_is_directory=True)
        (self.harness / "home").mkdir()
        (self.harness / "env.sh").write_text("")

    def environment(self) -> dict[str, str]:
        """The user's environment without the ledger's and PostgreSQL's settings, with a home
        of its own (so the demo witness's default folder is the session's) and PATH led by
        the tests' venv."""
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("LEDGER_", "PG", "XDG_", "VIRTUAL_ENV"))
        }
        env["HOME"] = str(self.harness / "home")
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
        if self.database is not None:
            server = psycopg.conninfo.conninfo_to_dict(BASE_URL)
            env["PGHOST"] = str(server.get("host", "127.0.0.1"))
            env["PGPORT"] = str(server.get("port", "5432"))
            env["PGUSER"] = str(server.get("user", "postgres"))
            env["PGDATABASE"] = self.database
        return env

    def create_database(self) -> None:
        """A fresh database for this document (skipped, or failed under CI, without a server)."""
        if self.database is not None:
            return
        require_postgres()
        name = f"ledger_docs_{uuid4().hex[:10]}"
        with psycopg.connect(BASE_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        self.database = name

    def run(self, script: str) -> Outcome:
        """Run one block under ``bash -euo pipefail`` with the variables earlier blocks
        exported; what it leaves running in the background runs on until ``close``."""
        self._ran += 1
        path = self.harness / f"block-{self._ran}.sh"
        env_file = self.harness / "env.sh"
        path.write_text(
            f'source "{env_file}"\ncd "{self.scratch}"\n'
            f"trap 'export -p > \"{env_file}.new\"' EXIT\n"
            f'make() {{ command make --dry-run --directory "{REPOSITORY}" "$@" > /dev/null; }}\n'
            + _PORT.sub(str(self.port), script)
        )
        out, err = path.with_suffix(".out"), path.with_suffix(".err")
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(
                ["bash", "-euo", "pipefail", str(path)],
                cwd=self.scratch,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
            try:
                returncode = process.wait(timeout=BLOCK_TIMEOUT)
            except subprocess.TimeoutExpired:
                _stop(process.pid)
                returncode = -1
        self._keep_exports(env_file)
        if _alive(process.pid):
            self._running.append(process.pid)
        return Outcome(returncode, out.read_text(errors="replace"), err.read_text(errors="replace"))

    def _keep_exports(self, env_file: Path) -> None:
        exported = env_file.with_suffix(".sh.new")
        if exported.exists():
            env_file.write_text(_without_per_process(exported.read_text()))
            exported.unlink()

    def close(self) -> None:
        """Stop every background process and drop the document's databases."""
        for group in self._running:
            _stop(group)
        self._running.clear()
        if self.database is None:
            return
        with psycopg.connect(BASE_URL, autocommit=True) as admin:
            names = admin.execute(
                "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
                (self.database, f"{self.database}\\_%"),
            ).fetchall()
            for (name,) in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.database = None


def _without_per_process(exports: str) -> str:
    """``export -p``'s lines without the shell's own per-process variables (a value may run
    over several lines: its lines go with its name)."""
    kept, keeping = [], True
    for line in exports.splitlines():
        match = _EXPORT.match(line)
        if match:
            keeping = match["name"] not in _PER_PROCESS
        if keeping:
            kept.append(line)
    return "".join(line + "\n" for line in kept)


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _stop(group: int) -> None:
    """SIGTERM to the process group, then SIGKILL to whatever is left after five seconds."""
    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 1.0)):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(group):
                return
            time.sleep(0.05)
