"""The Excel export (``ledger export-xlsx``) on the demo year and on generated national
stores, in one run: wall time and peak RSS of the exporting process, and their ratios to the
demo's (memory must stay flat as the store grows: the workbook is streamed).

    python -m bench.export_xlsx [--events 100000,200000] [--runs 2] [--json PATH]

Stores, each SQLite, each with its views caught up (``ledger project``, timed apart) before
the export is timed:

- **demo**: ``ledger demo`` (the Andaman FY2557 year);
- **national**: ``bench.generate`` (seed 0) at about ``--events`` events per size, ingested
  as the national harness does (``bench.national_phase ingest``: ``apply_lines``, 500 lines a
  batch, each line entered by ``enterer_of``).

Each export is ``ledger export-xlsx --db STORE FILE`` in a process of its own whose peak RSS
is its own (``bench.peak_rss``), run ``--runs`` times (the median wall and the largest peak
are kept), with bytecode cached as an installed package has it (compiled by one uncounted
export of the demo, measured first).
For scale, the same store's ``ledger scores --json`` (every score table, streamed to a file)
is measured once the same way, and so is the workbook writer alone writing as many rows with
no store read (``bench.export_xlsx_writer``). Prints a Markdown table and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.generate import EVENTS_PER_UNIT, default_token_expiry
from bench.national_runs import Run, ledger, machine, phase

__all__ = ["main"]

Figures = dict[str, Any]
_ROWS = re.compile(r"^  (.+): ([\d,]+) rows?")


def _demo(folder: Path) -> tuple[str, Figures]:
    database = str(folder / "demo.sqlite")
    made = ledger("demo", "--db", database, "--witness-dir", str(folder / "witness")).check()
    return database, {"made_seconds": round(made.wall, 1)}


def _national(folder: Path, events: int) -> tuple[str, Figures]:
    source = folder / f"history-{events}.jsonl"
    database = str(folder / f"national-{events}.sqlite")
    units = max(1, events // EVENTS_PER_UNIT)
    generated = phase(
        "generate",
        *("--file", str(source), "--units", str(units), "--seed", "0", "--tail", "0"),
        *("--token-expiry", default_token_expiry()),
    )
    ingested = phase("ingest", "--db", database, "--file", str(source))
    source.unlink()
    return database, {
        "units": units,
        "lines": generated["lines"],
        "events_recorded": ingested["events"],
        "refused_lines": ingested["refused"],
        "ingest_seconds": round(ingested["wall"], 1),
    }


def _exported(run: Run) -> dict[str, int]:
    rows: dict[str, int] = {}
    for line in run.out.splitlines():
        found = _ROWS.match(line)
        if found:
            rows[found.group(1)] = int(found.group(2).replace(",", ""))
    return rows


def _measure(label: str, database: str, folder: Path, runs: int, *, warm_up: bool) -> Figures:
    env = _cached_bytecode(folder)
    project = ledger("project", "--db", database, env=env).check()
    scores = ledger("scores", "--json", "--db", database, env=env).check()
    target = folder / f"{label}.xlsx"
    walls: list[float] = []
    peaks: list[int] = []
    rows: dict[str, int] = {}
    if warm_up:
        ledger("export-xlsx", "--db", database, str(target), env=env).check()
    for _ in range(runs):
        run = ledger("export-xlsx", "--db", database, str(target), env=env).check()
        walls.append(run.wall)
        peaks.append(run.maxrss_kb or 0)
        rows = _exported(run)
    figures = {
        "project_seconds": round(project.wall, 1),
        "export_seconds": round(statistics.median(walls), 2),
        "export_seconds_each": [round(w, 2) for w in walls],
        "export_peak_rss_mb": round(max(peaks) / 1024, 1),
        "export_peak_rss_mb_each": [round(p / 1024, 1) for p in peaks],
        "workbook_mb": round(target.stat().st_size / 2**20, 2),
        "rows": rows,
        "rows_total": sum(rows.values()),
        "scores_json_seconds": round(scores.wall, 2),
        "scores_json_peak_rss_mb": round((scores.maxrss_kb or 0) / 1024, 1),
    }
    alone = Run([sys.executable, "-m", "bench.export_xlsx_writer", str(sum(rows.values())),
                 str(target)], env).check()  # fmt: skip
    written = json.loads(alone.out.strip().splitlines()[-1])
    figures["writer_alone_seconds"] = round(written["wall"], 2)
    figures["writer_alone_peak_rss_mb"] = round(written["maxrss_kb"] / 1024, 1)
    target.unlink()
    return figures


def _cached_bytecode(folder: Path) -> dict[str, str]:
    """The environment with bytecode written to and read from ``folder`` (some sandboxes set
    PYTHONDONTWRITEBYTECODE, which would compile every new module at each start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    return env


def _table(stores: dict[str, Figures]) -> list[str]:
    demo = stores["demo"]
    names = list(stores)
    out = [
        "| figure | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]

    def line(label: str, key: str, fmt: str = "{}") -> None:
        out.append(f"| {label} | " + " | ".join(fmt.format(stores[n][key]) for n in names) + " |")

    line("log rows (events + receipts)", "log_rows", "{:,}")
    line("rows written (every sheet)", "rows_total", "{:,}")
    line("workbook MB", "workbook_mb")
    line("views caught up (`ledger project`), s", "project_seconds")
    line("export wall, s (median)", "export_seconds")
    line("export peak RSS, MB", "export_peak_rss_mb")
    line("writer alone (as many rows, no store read), s", "writer_alone_seconds")
    line("writer alone, peak RSS, MB", "writer_alone_peak_rss_mb")
    line("`scores --json` wall, s", "scores_json_seconds")
    line("`scores --json` peak RSS, MB", "scores_json_peak_rss_mb")
    out.append("")
    for name in names[1:]:
        got = stores[name]
        rss = got["export_peak_rss_mb"] / demo["export_peak_rss_mb"]
        out.append(
            f"- {name} / demo: peak RSS x{rss:.2f}"
            f", wall x{got['export_seconds'] / demo['export_seconds']:.1f}, rows "
            f"x{got['rows_total'] / max(demo['rows_total'], 1):.0f}, log rows "
            f"x{got['log_rows'] / demo['log_rows']:.0f}; "
            f"{got['rows_total'] / got['export_seconds']:,.0f} rows/s"
        )
    return out


def _remove(store: Path) -> None:
    """A SQLite store, its WAL files and its views' folder."""
    for path in store.parent.glob(f"{store.name}*"):
        path.unlink()
    views = store.with_suffix(".projections")
    if views.is_dir():
        shutil.rmtree(views)


def _log_rows(database: str) -> int:
    from commands.wiring import build_read_context
    from ledger.persistence.settings import Settings

    ctx = build_read_context(Settings.from_environment(database, access="read"))
    try:
        return int(ctx.app.head())
    finally:
        ctx.app.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", default="100000,200000", help="national sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=2, help="exports timed per store")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)
    stores: dict[str, Figures] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        database, made = _demo(folder)
        stores["demo"] = {**made, **_measure("demo", database, folder, args.runs, warm_up=True)}
        stores["demo"]["log_rows"] = _log_rows(database)
        for events in (int(e) for e in args.events.split(",")):
            database, made = _national(folder, events)
            label = f"{events:,} events"
            measured = _measure(f"national-{events}", database, folder, args.runs, warm_up=False)
            stores[label] = {**made, **measured}
            stores[label]["log_rows"] = _log_rows(database)
            # Disk is finite: a store and its views take about 1 GB at 200,000 events.
            _remove(Path(database))
    for line in _table(stores):
        print(line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        result = {"machine": machine(None), "runs": args.runs, "stores": stores}
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
