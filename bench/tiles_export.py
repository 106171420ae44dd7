"""Tile export speed (``ledger tiles export``, issue 20): a whole log, then incrementally.

    python -m bench.tiles_export [--events 100000] [--more 1000] [--json PATH]

The store is a generated national history (``bench.generate``, seed 0, about ``--events``
events), ingested as the national harness does (``bench.national_phase ingest``) into SQLite,
with its last ``--more`` command lines held back. Then, each a ``ledger`` process of its own:

1. ``ledger checkpoint --key`` (takes every event into the Merkle log and signs; timed apart:
   sealing is not the export's work);
2. ``ledger tiles export DIR``: every tile and entry bundle of that checkpoint (full export);
3. the held-back lines ingested, ``ledger checkpoint`` again, and ``ledger tiles export DIR``
   once more: the incremental export, which takes the full tiles under the checkpoint DIR
   publishes as they are (unread), compares the rest and writes only the new ones;
4. ``ledger tiles export DIR --recheck`` at the same size: every file already there read and
   checked (hash tiles by their bytes, entry bundles by their entries' leaf hashes).

Reported: leaves (events) per second and MB written per second of each export, files
written and kept, the exporting process's peak RSS, and for scale how long aics-tlog's
``audit_tiles`` takes to authenticate every tile and bundle of the result in this process.
"""

from __future__ import annotations

import argparse
import base64
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import EVENTS_PER_UNIT, default_token_expiry
from bench.national_runs import ledger, machine, phase

__all__ = ["main"]

Figures = dict[str, Any]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _export(database: str, tiles: Path, checkpoint_key: Path, *flags: str) -> Figures:
    sealed = ledger("checkpoint", "--key", str(checkpoint_key), "--db", database).check()
    size = int(sealed.out.splitlines()[1])
    before = _size(tiles) if tiles.exists() else 0
    run = ledger("tiles", "export", str(tiles), *flags, "--db", database).check()
    written = run.out.splitlines()[2].split()
    return {
        "tree_size": size,
        "checkpoint_seconds": round(sealed.wall, 2),
        "export_seconds": round(run.wall, 2),
        "files_written": int(written[1].replace(",", "")),
        "files_kept": int(run.out.splitlines()[2].split("kept ")[1].split()[0].replace(",", "")),
        "mb_written": round((_size(tiles) - before) / 1e6, 2),
        "peak_rss_mb": round((run.maxrss_kb or 0) / 1024, 1),
        "summary": run.out.strip(),
    }


def _audit(tiles: Path) -> float:
    from aics_tlog import FileSystemTileReader, audit_tiles

    lines = (tiles / "checkpoint").read_text().split("\n")
    start = time.perf_counter()
    audit_tiles(FileSystemTileReader(tiles), int(lines[1]), base64.b64decode(lines[2]))
    return round(time.perf_counter() - start, 2)


def measure(folder: Path, events: int, more: int) -> Figures:
    source = folder / "history.jsonl"
    database = str(folder / "tiles.sqlite")
    generated = phase(
        "generate",
        *("--file", str(source), "--units", str(max(1, events // EVENTS_PER_UNIT))),
        *("--seed", "0", "--tail", str(more), "--token-expiry", default_token_expiry()),
    )
    ingested = phase("ingest", "--db", database, "--file", str(source))
    keys = folder / "keys"
    ledger("keys", "generate", "bench.example/tiles", "--dir", str(keys)).check()
    key = keys / "bench.example_tiles.key"
    tiles = folder / "tiles"
    full = _export(database, tiles, key)
    full["audit_seconds"] = _audit(tiles)
    tail = phase("ingest", "--db", database, "--file", f"{source}.tail")
    again = _export(database, tiles, key)
    again["audit_seconds"] = _audit(tiles)
    rechecked = _export(database, tiles, key, "--recheck")
    rechecked["audit_seconds"] = again["audit_seconds"]
    return {
        "lines": generated["lines"],
        "ingest_seconds": round(ingested["wall"], 1),
        "events_recorded": ingested["events"],
        "more_lines": generated["tail_lines"],
        "more_events": tail["events"],
        "full": full,
        "incremental": again,
        "rechecked": rechecked,
    }


def _table(got: Figures) -> list[str]:
    full, inc = got["full"], got["incremental"]
    new = inc["tree_size"] - full["tree_size"]

    def rate(leaves: int, figures: Figures) -> str:
        seconds = figures["export_seconds"]
        return (
            f"| {figures['tree_size']:,} | {leaves:,} | {seconds} | {leaves / seconds:,.0f} "
            f"| {figures['mb_written']} | {figures['mb_written'] / seconds:.1f} "
            f"| {figures['files_written']:,} | {figures['files_kept']:,} "
            f"| {figures['peak_rss_mb']} | {figures['audit_seconds']} |"
        )

    return [
        "| export | tree size | new leaves | wall s | leaves/s | MB written | MB/s "
        "| files written | files kept | peak RSS MB | aics-tlog audit s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        "| full " + rate(full["tree_size"], full),
        "| incremental " + rate(new, inc),
        "| same, --recheck " + rate(new, got["rechecked"]),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="about this many events")
    parser.add_argument("--more", type=int, default=1000, help="command lines held back")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        got = measure(Path(scratch), args.events, args.more)
    got["machine"] = machine(None)
    for line in _table(got):
        print(line)
    print(
        json.dumps({k: v for k, v in got.items() if k != "machine"}, indent=1, ensure_ascii=False)
    )
    if args.json:
        args.json.write_text(json.dumps(got, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
