"""Processes and stores for the national harness: each phase and each ``ledger`` command runs
in a child process whose own peak RSS is taken from ``wait4``; fresh stores are SQLite files or
PostgreSQL schemas made by ``ledger db init`` and written as the application role."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse
from uuid import uuid4

from bench.peak_rss import MARK

__all__ = ["Run", "Stores", "ledger", "machine", "phase", "repeated", "table_sizes"]

LEDGER = str(Path(sys.executable).parent / "ledger")
APP_ROLE = "ledger_app"


class Run:
    """One child process: wall seconds, peak RSS (kB, its own: the ``peak_rss_kb`` line it
    writes last on stderr, see bench.peak_rss), exit code, stdout and stderr."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, text=True)
            _, status, _ = os.wait4(proc.pid, 0)
            self.wall = time.perf_counter() - start
            proc.returncode = self.code = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            self.out, self.err = out.read(), err.read()
        lines = self.err.rstrip().splitlines()
        said = lines[-1].split() if lines else []
        self.maxrss_kb = int(said[1]) if len(said) == 2 and said[0] == MARK else None

    def check(self) -> Run:
        if self.code != 0:
            raise RuntimeError(f"exit {self.code}: {self.err[-2000:]}")
        return self


def phase(name: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``bench.national_phase NAME`` and return its figures."""
    run = Run([sys.executable, "-m", "bench.national_phase", name, *args], env).check()
    figures: dict[str, Any] = json.loads(run.out.strip().splitlines()[-1])
    figures["process_wall"] = run.wall
    return figures


def ledger(*args: str, env: dict[str, str] | None = None) -> Run:
    """``ledger ARGS`` in a process that reports its own peak RSS."""
    return Run([sys.executable, "-m", "bench.peak_rss", *args], env)


def repeated(argv: list[str], runs: int, bytecode: Path) -> dict[str, float]:
    """p50 and p95 wall milliseconds of ``runs`` fresh processes, after one warm-up run, with
    bytecode cached in ``bytecode`` as an installed package has it (some sandboxes set
    PYTHONDONTWRITEBYTECODE, which would recompile the ledger at every start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)

    def once() -> float:
        start = time.perf_counter()
        subprocess.run(
            argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        return (time.perf_counter() - start) * 1000

    once()
    timings = [once() for _ in range(runs)]
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    return {"p50_ms": statistics.median(timings), "p95_ms": p95}


class Stores:
    """Fresh stores on one backend; ``drop`` removes the PostgreSQL schemas made."""

    def __init__(self, backend: str, folder: Path, pg_url: str) -> None:
        self.backend, self.folder, self.pg_url = backend, folder, pg_url
        self.schemas: list[str] = []
        self.last = ""

    def new(self, name: str) -> tuple[str, str]:
        """(application URL, owner URL) of a fresh, empty store; equal on SQLite."""
        self.last = name
        if self.backend == "sqlite":
            path = str(self.folder / f"{name}.sqlite")
            return path, path
        schema = f"national_{name}_{uuid4().hex[:8]}"
        self.schemas.append(schema)
        owner = urlunparse(urlparse(self.pg_url)._replace(query=f"schema={schema}"))
        ledger("db", "init", "--db", owner).check()
        parts = urlparse(owner)
        app = urlunparse(parts._replace(netloc=f"{APP_ROLE}@{parts.hostname}:{parts.port}"))
        return app, owner

    def scratch(self, name: str) -> str:
        if self.backend == "sqlite":
            return str(self.folder / f"{name}.scratch.sqlite")
        return f"national_scratch_{uuid4().hex[:8]}"

    def drop_last(self) -> None:
        """Remove the store made last (a reference's, once measured): disk is finite."""
        if self.backend == "sqlite":
            for path in self.folder.glob(f"{self.last}.sqlite*"):  # -wal and -shm too
                path.unlink()
            return
        schema = self.schemas.pop()
        self._drop([schema])

    def drop(self) -> None:
        self._drop(self.schemas)
        self.schemas.clear()

    def _drop(self, schemas: list[str]) -> None:
        if not schemas:
            return
        import psycopg

        with psycopg.connect(self.pg_url, autocommit=True) as admin:
            for schema in schemas:
                admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def table_sizes(owner_url: str) -> dict[str, int]:
    """Every table of the store's schema (PostgreSQL) with its total size in bytes, indexes
    and TOAST included; on SQLite the bytes of each table's pages (dbstat) when available."""
    if not owner_url.startswith("postgresql://"):
        try:
            with sqlite3.connect(owner_url) as conn:
                rows = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
                return {str(name): int(size) for name, size in rows}
        except sqlite3.Error:
            return {}
    import psycopg

    from bench.national_rows import schema_of

    schema = schema_of(owner_url)
    with psycopg.connect(owner_url.split("?", 1)[0]) as conn:
        found = conn.execute(
            "SELECT table_name, pg_total_relation_size(format('%%I.%%I', table_schema, "
            "table_name)) FROM information_schema.tables WHERE table_schema = %s",
            (schema,),
        ).fetchall()
    return {str(name): int(size) for name, size in found}


def machine(pg_url: str | None) -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    ram = int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    facts: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "ram_gib": round(ram / 2**30, 1),
        "cpu": model,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "kernel": platform.release(),
    }
    if pg_url:
        import psycopg

        try:
            with psycopg.connect(pg_url, connect_timeout=3) as conn:
                row = conn.execute("SHOW server_version").fetchone()
                facts["postgresql"] = row[0] if row else None
        except psycopg.OperationalError:
            facts["postgresql"] = None
    return facts
