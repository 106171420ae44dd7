"""Witnesses for the tests: ``ledger witness serve`` as a subprocess on a free port of
127.0.0.1 (real uvicorn), ready when its monitoring route answers; keys written to files."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from ledger.integrity.keys import Signer, Verifier, write_signer
from tests.cli import LEDGER
from tests.http.live import free_port

__all__ = ["Witness", "key_files", "serving_witness"]


@dataclass
class Witness:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)


def key_files(folder: Path, signer: Signer) -> tuple[Path, Path]:
    """``signer`` as NAME.key and NAME.vkey in ``folder`` (written once)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = signer.name.replace("/", "_")
    private, public = folder / f"{stem}.key", folder / f"{stem}.vkey"
    if not private.exists():
        write_signer(signer, private)
        public.write_text(signer.verifier.text() + "\n")
    return private, public


@contextmanager
def serving_witness(
    folder: Path, witnesses: list[Signer], logs: list[Verifier], state_dir: Path
) -> Iterator[Witness]:
    """A witness with these keys following these logs, its state in ``state_dir``."""
    command = [LEDGER, "witness", "serve", "--state-dir", str(state_dir)]
    for signer in witnesses:
        command += ["--key", str(key_files(folder / "keys", signer)[0])]
    for number, verifier in enumerate(logs):
        path = folder / "keys" / f"log-{number}.vkey"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(verifier.text() + "\n")
        command += ["--log-key", str(path)]
    port = free_port()
    log = folder / f"witness-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    witness = Witness(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_ready(witness)
        yield witness
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)


def _wait_ready(witness: Witness, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if witness.process.poll() is not None:
            raise RuntimeError(f"the witness ended: {witness.log.read_text()}")
        try:
            httpx.get(f"{witness.url}/{'0' * 64}/checkpoint", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"the witness did not start: {witness.log.read_text()}")
