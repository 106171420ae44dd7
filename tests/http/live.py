"""A real server for the end-to-end tests: ``ledger serve`` as a subprocess on a free port,
with its people provisioned first."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from commands.wiring import build_context
from ledger.persistence.settings import Settings
from tests.http.people import people


@dataclass
class Live:
    url: str
    tokens: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def live_server(settings: Settings, folder: Path, *, workers: int = 1) -> Iterator[Live]:
    """Provision the store, start the server and wait until it is ready; stopped at the end."""
    ctx = build_context(settings)
    tokens = people(ctx)
    ctx.app.close()
    with serving(settings, folder, tokens, workers=workers) as live:
        yield live


@contextmanager
def serving(
    settings: Settings, folder: Path, tokens: dict[str, str], *, workers: int = 1
) -> Iterator[Live]:
    """``ledger serve`` over a store already provisioned (its log key, if any, from
    ``settings``), ready on a free port; stopped at the end."""
    port = free_port()
    log = folder / f"server-{port}.log"
    env = dict(os.environ)
    env.pop("LEDGER_DATABASE_URL", None)
    env.pop("LEDGER_LOG_KEY", None)
    if settings.log_key:
        env["LEDGER_LOG_KEY"] = settings.log_key
    command = [
        sys.executable, "-c", "from commands.cli.main import main; main()", "serve",
        "--db", settings.database, "--port", str(port), "--workers", str(workers),
        "--rate", "1000", "--burst", "1000",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    live = Live(f"http://127.0.0.1:{port}", tokens, process, log)
    try:
        _wait_ready(live)
        yield live
    finally:
        if process.poll() is None:
            live.stop(signal.SIGKILL)


def _wait_ready(live: Live, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if live.process.poll() is not None:
            raise RuntimeError(f"the server ended: {live.log.read_text()}")
        try:
            if httpx.get(f"{live.url}/ready", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not become ready: {live.log.read_text()}")
