"""The HTTP API against the same work in-process: SAR filings and score reads, in one run.

    python -m bench.http_bench [--agreements 8] [--requests 300] [--clients 4]

A SQLite store gets signed FY2557 agreements (one per unit) and a reporter who may file for all
of them. Then, in order:

1. in-process, one SAR at a time: ``commands.cli.apply.apply_lines`` (what ``ledger apply``
   runs) with one line, then ``seal``, as the API seals after each write;
2. the same SARs as ``POST /api/commands/file_sar`` to a real ``uvicorn`` server (one worker,
   on 127.0.0.1), from one client, then from ``--clients`` clients at once (each on agreements
   of its own, so no two race on one agreement);
3. score reads: in-process (catch the ``scores`` view up, read one agreement's round), then
   ``GET /api/agreements/UNIT/2557/scores?round_id=9m`` from one client and from several.

One request of each kind is sent first and not counted (opening views, the Merkle log).

Prints a Markdown table (requests/s, p50 and p95 latency in ms) and the ratios to in-process.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import httpx
import msgspec
from litestar import Litestar

from commands.cli.apply import apply_lines
from commands.handlers import HandlerContext
from commands.http.app import create_app
from commands.http.limits import RateLimit
from commands.sealing import seal
from commands.wiring import build_context
from ledger.integrity.log import TransparencyLog
from ledger.persistence.settings import Settings
from projections.catch_up import catch_up
from projections.current_scores import read_scores
from projections.registry import open_projection
from tests.builders import UNIT, at, fy2557_signed, run, sar
from tests.http.people import token_for
from tests.identity import bootstrap

__all__ = ["main", "serve_app"]

Timed = tuple[float, list[float]]  # (wall seconds, each request's seconds)


def serve_app() -> Litestar:
    """What ``uvicorn --factory`` runs: the API over ``LEDGER_DATABASE_URL``, with a rate limit
    far above what the benchmark sends (the default would cap one token at 20 requests/s)."""
    settings = Settings.from_environment(access="write")
    return create_app(settings, rate_limit=RateLimit(rate=1e9, burst=10**9))


def _units(count: int) -> list[str]:
    return [f"BENCH-{n:03d}" for n in range(count)]


def _sar_line(unit: str, n: int) -> bytes:
    values = {"G1": str(60 + n % 40), "P1": str(55 + n % 45)}
    command = {**sar(f"{unit}/2557", "9m", values), "effective_at": at("2014-07-10")}
    return msgspec.json.encode(command)


def _prepared(folder: Path, units: list[str]) -> tuple[Settings, HandlerContext, str]:
    settings = Settings(database=str(folder / "bench.sqlite"))
    ctx = build_context(settings)
    bootstrap(ctx)
    for unit in units:
        for command in fy2557_signed(unit):
            run(ctx, command)
    seal(ctx.app)
    return settings, ctx, token_for(ctx, UNIT["id"])


def _timed(work: Callable[[int], None], jobs: list[list[int]]) -> Timed:
    """Run each job list on its own thread (one list: this thread); each item is timed."""
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(items: list[int]) -> None:
        mine = []
        for item in items:
            started = time.perf_counter()
            work(item)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(items,)) for items in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies


def _split(requests: int, clients: int, agreements: int) -> list[list[int]]:
    """Request numbers per client; client k only ever touches agreements k, k+clients, ..."""
    return [[n for n in range(requests) if n % agreements % clients == k] for k in range(clients)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server(database: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "--factory", "bench.http_bench:serve_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    command += ["--log-level", "warning", "--no-access-log"]
    env = {**os.environ, "LEDGER_DATABASE_URL": database}
    process = subprocess.Popen(command, env=env)
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("uvicorn did not start")


def _row(name: str, timed: Timed, clients: int) -> tuple[str, float, float, float]:
    wall, latencies = timed
    cuts = statistics.quantiles(latencies, n=20)
    rate = len(latencies) / wall
    print(
        f"| {name} | {clients} | {len(latencies)} | {rate:,.0f} | "
        f"{statistics.median(latencies) * 1000:.1f} | {cuts[18] * 1000:.1f} |"
    )
    return name, rate, statistics.median(latencies), cuts[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=8)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    units = _units(args.agreements)
    n, c = args.requests, args.clients
    with tempfile.TemporaryDirectory() as folder:
        settings, ctx, token = _prepared(Path(folder), units)
        log = TransparencyLog(ctx.app)
        reporter = replace(ctx, enterer=UNIT["id"])  # the signed-in reporter

        def apply_one(i: int) -> None:
            apply_lines(reporter, [_sar_line(units[i % len(units)], i)])
            seal(ctx.app, log)

        scores = open_projection(settings, "scores", ctx.framework)

        def read_one(i: int) -> None:
            catch_up(ctx.app, scores)
            with scores.view.reading() as docs:
                assert read_scores(docs, agreement=f"{units[i % len(units)]}/2557", round_id="9m")

        port = _free_port()
        server = _server(settings.database, port)
        base = f"http://127.0.0.1:{port}"
        headers = {"Authorization": f"Bearer {token}"}
        clients = [httpx.Client(base_url=base, headers=headers, timeout=60) for _ in range(c)]

        def post(client: httpx.Client, i: int) -> None:
            body = _sar_line(units[i % len(units)], i)
            sent = client.post("/api/commands/file_sar", content=body)
            assert sent.status_code == 201, sent.text

        def get(client: httpx.Client, i: int) -> None:
            path = f"/api/agreements/{units[i % len(units)]}/2557/scores?round_id=9m"
            answer = client.get(path)
            assert answer.status_code == 200, answer.text

        def by_owner(call: Callable[[httpx.Client, int], None]) -> Callable[[int], None]:
            return lambda i: call(clients[i % len(units) % c], i)

        try:
            # One of each first, not counted: opening views and the Merkle log, first imports.
            apply_one(n)
            read_one(n)
            by_owner(post)(n + 1)
            by_owner(get)(0)
            print("| path | clients | requests | requests/s | p50 ms | p95 ms |")
            print("|---|---|---|---|---|---|")
            rows = [
                _row("SAR, in-process apply + seal", _timed(apply_one, [list(range(n))]), 1),
                _row("SAR, POST over HTTP", _timed(by_owner(post), [list(range(n))]), 1),
                _row("SAR, POST over HTTP", _timed(by_owner(post), _split(n, c, len(units))), c),
                _row("scores, in-process read", _timed(read_one, [list(range(n))]), 1),
                _row("scores, GET over HTTP", _timed(by_owner(get), [list(range(n))]), 1),
                _row("scores, GET over HTTP", _timed(by_owner(get), _split(n, c, len(units))), c),
            ]
        finally:
            for client in clients:
                client.close()
            server.terminate()
            server.wait(timeout=30)
            ctx.app.close()
    _ratios(rows, c)


def _ratios(rows: list[tuple[str, float, float, float]], clients: int) -> None:
    (_, sar_in, sar_in_p50, _), (_, sar_one, sar_one_p50, _), (_, sar_many, _, _) = rows[:3]
    (_, read_in, read_in_p50, _), (_, read_one, read_one_p50, _), (_, read_many, _, _) = rows[3:]
    print()
    print(
        f"- SAR over HTTP, one client: x{sar_one / sar_in:.2f} the in-process rate, "
        f"p50 x{sar_one_p50 / sar_in_p50:.2f}; {clients} clients: x{sar_many / sar_in:.2f}."
    )
    print(
        f"- Score read over HTTP, one client: x{read_one / read_in:.2f} the in-process rate, "
        f"p50 x{read_one_p50 / read_in_p50:.2f}; {clients} clients: x{read_many / read_in:.2f}."
    )


if __name__ == "__main__":
    main()
