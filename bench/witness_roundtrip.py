"""Witness round trip on 127.0.0.1: add-checkpoint latency against the local cosigning path.

A witness (``ledger witness serve``, one uvicorn process) follows one log; a keep-alive client
submits CALLS checkpoints of a growing tree (GROW leaves more each time, the consistency proof
from the previous size), and each POST is timed from sending the body to reading the answer.
The same sequence through the local path (``cosign_checkpoint`` and the state file's atomic
write, what ``ledger witness cosign`` does after its start-up) gives the cost without HTTP.
Both for an Ed25519 witness key and, where this cryptography has it, an ML-DSA-44 one.

Run: .venv/bin/python -m bench.witness_roundtrip [--calls 500] [--grow 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from ledger.integrity.checkpoint import Checkpoint, sign
from ledger.integrity.keys import Algorithm, KeyFileError, Signer, generate, write_signer
from ledger.integrity.merkle import MemoryTree, consistency_proof, leaf_hash, root_hash
from ledger.integrity.witness import WitnessState, cosign_checkpoint, write_state
from ledger.integrity.witness_request import format_add_checkpoint

ORIGIN = "bench.example/witness"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(folder: Path, witness: Signer, log: Signer) -> tuple[subprocess.Popen[bytes], str]:
    write_signer(witness, folder / "witness.key")
    (folder / "log.vkey").write_text(log.verifier.text() + "\n")
    port = _free_port()
    command = [
        sys.executable, "-c", "from commands.cli.main import main; main()", "witness", "serve",
        "--key", str(folder / "witness.key"), "--log-key", str(folder / "log.vkey"),
        "--state-dir", str(folder / "state"), "--port", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{url}/{'0' * 64}/checkpoint", timeout=1)
            return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the witness did not start")


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered) * 1000, p95 * 1000, statistics.fmean(ordered) * 1000


def _http(url: str, log: Signer, calls: int, grow: int) -> list[float]:
    tree, samples, old = MemoryTree(), [], 0
    with httpx.Client(base_url=url, timeout=30) as client:
        for call in range(calls):
            for n in range(grow):
                tree.append(leaf_hash(f"event {call}.{n}".encode()))
            size = tree.size
            signed = sign(Checkpoint(ORIGIN, size, root_hash(tree, size)), log)
            proof = consistency_proof(tree, old, size) if old else []
            content = format_add_checkpoint(old, proof, signed)
            started = time.perf_counter()
            answer = client.post("/add-checkpoint", content=content)
            samples.append(time.perf_counter() - started)
            if answer.status_code != 200:
                raise RuntimeError(f"refused: {answer.status_code} {answer.text}")
            old = size
    return samples


def _local(folder: Path, witness: Signer, log: Signer, calls: int, grow: int) -> list[float]:
    tree, samples = MemoryTree(), []
    state: WitnessState | None = None
    path = folder / "local-state.json"
    for call in range(calls):
        for n in range(grow):
            tree.append(leaf_hash(f"event {call}.{n}".encode()))
        signed = sign(Checkpoint(ORIGIN, tree.size, root_hash(tree, tree.size)), log)
        started = time.perf_counter()
        _, state = cosign_checkpoint(
            signed,
            witness,
            log.verifier,
            state,
            lambda a, b: consistency_proof(tree, a, b),
            datetime.now(UTC),
        )
        write_state(path, state)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--grow", type=int, default=3)
    args = parser.parse_args()
    log = generate(ORIGIN, "log")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load} (1, 5, 15 min) at the start"
    )
    print("| witness key | path | p50 ms | p95 ms | mean ms |")
    print("|---|---|---:|---:|---:|")
    algorithms: tuple[Algorithm, ...] = ("ed25519", "ml-dsa-44")
    for algorithm in algorithms:
        try:
            witness = generate(f"bench.example/{algorithm}", "witness", algorithm)
        except KeyFileError as error:
            print(f"| {algorithm} | not available here: {error} | | | |")
            continue
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            process, url = _serve(folder, witness, log)
            try:
                over_http = _http(url, log, args.calls, args.grow)
            finally:
                process.terminate()
                process.wait(30)
            local = _local(folder, witness, log, args.calls, args.grow)
        for path, samples in (("HTTP add-checkpoint", over_http), ("local core", local)):
            p50, p95, mean = _percentiles(samples)
            print(f"| {algorithm} | {path} | {p50:.2f} | {p95:.2f} | {mean:.2f} |")


if __name__ == "__main__":
    main()
