"""Concurrent writers: the load test's workload, timed, with its figures for docs/OPERATIONS.md.

    python -m bench.concurrent_writers [--backend postgresql|sqlite] [--commands 20000]

Eight writer processes send KPI proposals (each with a command_id) to agreements drawn at
random; then the store is checked as the load test checks it. Prints one Markdown table row.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from commands.wiring import build_context
from projections.catch_up import catch_up_many
from projections.registry import open_projection
from tests.load.runner import check_ledger, start_writer, store_with_agreements, summary_of
from tests.load.workload import write_command_files
from tests.stores import StoreMaker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--commands", type=int, default=20_000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--agreements", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        stores = StoreMaker(args.backend, Path(folder))
        settings = store_with_agreements(stores, "bench", args.agreements)
        ctx = build_context(settings)
        files = write_command_files(Path(folder), args.writers, args.commands, args.agreements)
        started = time.perf_counter()
        writers = [
            start_writer(settings.database, path, Path(folder) / f"acks-{n}")
            for n, path in enumerate(files)
        ]
        summaries = [summary_of(writer, timeout=3600) for writer in writers]
        writing = time.perf_counter() - started
        started = time.perf_counter()
        views = [open_projection(settings, name, ctx.framework) for name in ("scores", "trail")]
        events = sum(catch_up_many(ctx.app, views, batch_size=500).values()) // len(views)
        projecting = time.perf_counter() - started
        started = time.perf_counter()
        check = check_ledger(settings)
        checking = time.perf_counter() - started
        ctx.app.close()
        stores.close()
    retried = sum(s.retried for s in summaries)
    print(
        "| backend | writers | commands | commands/s | write conflicts run again "
        "| events | views (2) events/s | verify s | each command once | gaps | verified |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    once = check.proposals == dict.fromkeys(check.proposals, 1) and check.receipts == args.commands
    print(
        f"| {args.backend} | {args.writers} | {args.commands:,} "
        f"| {args.commands / writing:,.0f} | {retried} | {check.events:,} "
        f"| {events / projecting:,.0f} | {checking:.1f} | {'yes' if once else 'NO'} "
        f"| {len(check.version_gaps)} | {'yes' if check.verified else 'NO'} |"
    )


if __name__ == "__main__":
    main()
