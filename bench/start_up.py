"""Start-up wall time of `ledger --help` and one-agreement reads (issue 16, point 5).

Records the demo year into a fresh SQLite store (or uses --db), runs each command once to warm
the views, the file cache and the bytecode cache, then times RUNS fresh processes of each and
prints the median and p95 in milliseconds, beside a bare `python -c pass` in the same run.
`ledger CMD --help` is the read's start-up alone: its module and everything it imports.

Bytecode is cached in a scratch folder (PYTHONPYCACHEPREFIX), as in an installed package;
--no-bytecode-cache times what a process pays when it compiles every module of the ledger
each time (PYTHONDONTWRITEBYTECODE=1, as some sandboxes set).
Run: .venv/bin/python -m bench.start_up [--runs 20] [--db STORE.sqlite] [--no-bytecode-cache]
The ledger is run as `python -c "...main()"` (what the `ledger` script does), so PYTHONPATH
chooses the source tree: compare two trees with the same interpreter and packages.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AGREEMENT = "TH-81/2557"
LEDGER = [
    sys.executable,
    "-c",
    "import sys; sys.argv[0] = 'ledger'; from commands.cli.main import main; main()",
]


# What every table-printing read imports whatever the ledger does: its floor.
FLOOR = (
    "import click, msgspec, rich.console, rich.table, "
    "eventsourcing.application, eventsourcing.sqlite, eventsourcing.projection"
)


def commands(store: str) -> dict[str, list[str]]:
    db = ["--db", store]
    return {
        "python -c pass (reference)": [sys.executable, "-c", "pass"],
        "libraries a read cannot avoid (reference)": [sys.executable, "-c", FLOOR],
        "ledger --help": [*LEDGER, "--help"],
        "ledger scores --help": [*LEDGER, "scores", "--help"],
        f"ledger scores {AGREEMENT}": [*LEDGER, "scores", AGREEMENT, *db],
        f"ledger as-of {AGREEMENT} 2099-01-01": [*LEDGER, "as-of", AGREEMENT, "2099-01-01", *db],
        f"ledger audit {AGREEMENT}": [*LEDGER, "audit", AGREEMENT, *db],
        f"ledger history {AGREEMENT}": [*LEDGER, "history", AGREEMENT, *db],
    }


def environment(bytecode_cache: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    if bytecode_cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(bytecode_cache)
    return env


def timed_ms(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) milliseconds of one run: on a loaded machine the CPU
    time is the steadier of the two."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall * 1000, cpu * 1000


def p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20, method="inclusive")[-1]


def demo_store(folder: Path, env: dict[str, str]) -> str:
    store = str(folder / "demo.sqlite")
    subprocess.run(
        [*LEDGER, "demo", "--db", store, "--witness-dir", str(folder / "witness")],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", help="an existing store holding the demo year")
    parser.add_argument("--no-bytecode-cache", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cache = None if args.no_bytecode_cache else Path(folder) / "pycache"
        env = environment(cache)
        store = args.db or demo_store(Path(folder), env)
        mode = "compiled every run" if cache is None else "bytecode cached"
        print(
            f"| command ({mode}, {args.runs} runs) | wall median ms | wall p95 ms | CPU median ms |"
        )
        print("|---|---|---|---|")
        for label, argv in commands(store).items():
            timed_ms(argv, env)  # warm: views caught up, files and bytecode cached
            walls, cpus = zip(*(timed_ms(argv, env) for _ in range(args.runs)), strict=True)
            print(
                f"| `{label}` | {statistics.median(walls):.0f} | {p95(list(walls)):.0f} "
                f"| {statistics.median(cpus):.0f} |"
            )


if __name__ == "__main__":
    main()
