"""The national-scale harness (issue 16, point 7): one command measures every path at each
size on each backend, with the references in the same run, and prints a table and ratios.

    .venv/bin/python -m bench.national --events 100000,1000000 --backends sqlite,postgresql \\
        [--pg-url postgresql://postgres@127.0.0.1:5432/DB] [--out docs/bench/national.json]

Per size: the history is generated once (bench.generate). Per backend, in a fresh store: bulk
ingest through the full command path, the tail one command per transaction, sealing, the
bare-library / executemany-or-COPY / read-and-decode references, ``ledger rebuild --all``,
``ledger verify``, the whole-ledger reads, and start-up of one-agreement reads. Each phase runs
in a process of its own (bench.national_phase, or the ``ledger`` script), so every peak RSS is
that phase's. What each figure means: bench/national_report.py and docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from bench.generate import EVENTS_PER_UNIT, default_token_expiry
from bench.national_report import report
from bench.national_runs import LEDGER, Stores, ledger, machine, phase, repeated, table_sizes

__all__ = ["main", "measure"]

# The first province of the first block: every history holds it.
AGREEMENT = "TH-81-00000/2557"
TAIL = 200
STARTUP_RUNS = 15


def _rate(count: int, wall: float) -> float:
    return count / wall if wall > 0 else 0.0


def _cli(run: Any, events: int) -> dict[str, Any]:
    return {
        "wall": run.wall,
        "events_per_s": _rate(events, run.wall),
        "maxrss_kb": run.maxrss_kb,
        "ok": run.code == 0,
        "exit": run.code,
        "error": None if run.code == 0 else run.err.strip()[-500:],
        # e.g. "evidence": the generator names evidence files it does not store
        "failed_kinds": dict(
            Counter(line.split()[1].rstrip(":") for line in _failed_lines(run.out))
        ),
    }


def _failed_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("FAILED ")]


def measure(
    backend: str, source: Path, folder: Path, pg_url: str, key: Path, *, startup_runs: int
) -> dict[str, Any]:
    """Every figure for one history on one backend (fresh stores, removed afterwards)."""
    stores = Stores(backend, folder, pg_url)
    try:
        return _measure(stores, source, key, startup_runs)
    finally:
        stores.drop()


def _measure(stores: Stores, source: Path, key: Path, startup_runs: int) -> dict[str, Any]:
    url, owner = stores.new("ingest")
    got: dict[str, Any] = {}
    got["ingest"] = ingest = phase("ingest", "--db", url, "--file", str(source))
    ingest["events_per_s"] = _rate(ingest["events"], ingest["wall"])
    # Receipts included: the rows the bare library saves too.
    ingest["rows_per_s"] = _rate(ingest["head"], ingest["wall"])
    got["one_command"] = one = phase("one_command", "--db", url, "--file", f"{source}.tail")
    one["commands_per_s"] = _rate(one["commands"] + one["refused"], one["wall"])
    sealing_env = {**os.environ, "LEDGER_LOG_KEY": str(key.with_suffix(".key"))}
    got["seal"] = seal = phase("seal", "--db", url, "--file", str(source), env=sealing_env)
    seal["events_per_s"] = _rate(seal["events"], seal["wall"])
    events = seal["events"]

    bare_url, _ = stores.new("bare")
    got["bare"] = bare = phase("bare", "--db", url, "--to", bare_url, "--upto", str(ingest["head"]))
    bare["events_per_s"] = _rate(bare["events"], bare["wall"])
    bare["one_command_per_s"] = _rate(bare["one_command_commands"], bare["one_command_wall"])
    stores.drop_last()
    got["copy"] = copy = phase("copy", "--db", owner, "--scratch", stores.scratch("copy"))
    copy["rows_per_s"] = _rate(copy["rows"], copy["wall"])
    got["read"] = read = phase("read", "--db", url)
    read["events_per_s"] = _rate(read["events"], read["wall"])

    got["rebuild"] = _cli(ledger("rebuild", "--all", "--db", url), events)
    got["tables"] = table_sizes(owner)
    got["verify"] = _cli(
        ledger("verify", "--db", url, "--key", str(key), "--allow-unsealed"), events
    )
    got["scores_all"] = _cli(ledger("scores", "--json", "--db", url), events)
    got["audit_all"] = _cli(ledger("audit", "--all", "--json", "--db", url), events)
    db = ["--db", url]
    reads = {
        "ledger --help": [LEDGER, "--help"],
        f"scores {AGREEMENT}": [LEDGER, "scores", AGREEMENT, *db],
        f"as-of {AGREEMENT} 2099-01-01": [LEDGER, "as-of", AGREEMENT, "2099-01-01", *db],
        f"audit {AGREEMENT}": [LEDGER, "audit", AGREEMENT, *db],
        f"history {AGREEMENT}": [LEDGER, "history", AGREEMENT, *db],
    }
    got["startup"] = {}
    for label, argv in reads.items():
        try:
            got["startup"][label] = repeated(argv, startup_runs, stores.folder / "bytecode")
        except subprocess.CalledProcessError as error:  # a failing read is reported
            got["startup"][label] = {"error": str(error)}
    got["log_rows"] = events
    got["events"] = ingest["events"] + one["events"]
    return got


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", default="100000,1000000", help="sizes, comma-separated")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--out", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--startup-runs", type=int, default=STARTUP_RUNS)
    parser.add_argument("--folder", type=Path, help="work here (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.events.split(",")]
    backends = args.backends.split(",")
    results: dict[str, Any] = {
        "machine": machine(args.pg_url if "postgresql" in backends else None),
        "command": "python -m bench.national " + " ".join(argv or sys.argv[1:]),
        "runs": [],
    }
    with tempfile.TemporaryDirectory(dir=args.folder) as work:
        folder = Path(work)
        ledger("keys", "generate", "national", "--dir", str(folder)).check()
        key = folder / "national.vkey"
        for size in sizes:
            source = folder / f"history-{size}.jsonl"
            units = max(1, size // EVENTS_PER_UNIT)
            generated = phase(
                "generate",
                *("--file", str(source), "--units", str(units), "--seed", str(args.seed)),
                *("--tail", str(TAIL), "--token-expiry", default_token_expiry()),
            )
            for backend in backends:
                got = measure(
                    backend, source, folder, args.pg_url, key, startup_runs=args.startup_runs
                )
                got.update(size=size, backend=backend, units=units, generate=generated)
                results["runs"].append(got)
                if args.out:  # after each run, so a long run keeps what it measured
                    args.out.write_text(json.dumps(results, indent=2) + "\n")
            source.unlink()
    print(report(results))


if __name__ == "__main__":
    main()
