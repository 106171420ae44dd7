"""The national harness's report: one markdown table of figures per run (size x backend), the
ratios against the references measured in the same run, growth between the smallest and the
largest size, and the extrapolation to a 10-million-event national year (linear, from the
largest size's rates) against the issue's goals."""

from __future__ import annotations

from typing import Any

__all__ = ["NATIONAL_EVENTS", "ratios", "report"]

NATIONAL_EVENTS = 10_000_000
EVENTS_TABLE = "assessmentledger_events"  # LedgerApplication.events_table on PostgreSQL
SNAPSHOTS_TABLE = "assessmentledger_snapshots"
# The goals for a national year on PostgreSQL, in minutes.
GOALS_MIN = {"ingest": 20, "rebuild": 20, "verify": 15}
# (label, path into a run, format)
ROWS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("events recorded (receipts not counted)", ("events",), "{:,.0f}"),
    ("log rows (events + receipts)", ("log_rows",), "{:,.0f}"),
    ("generate: seconds", ("generate", "wall"), "{:.1f}"),
    ("ingest (batch 500): events/s", ("ingest", "events_per_s"), "{:,.0f}"),
    ("ingest: log rows/s", ("ingest", "rows_per_s"), "{:,.0f}"),
    ("ingest: peak RSS MB", ("ingest", "maxrss_kb"), "mb"),
    ("ingest: refused lines", ("ingest", "refused"), "{:,}"),
    ("one command per transaction: commands/s", ("one_command", "commands_per_s"), "{:,.1f}"),
    ("seal (Merkle leaves + checkpoint): seconds", ("seal", "wall"), "{:.2f}"),
    ("seal: events/s", ("seal", "events_per_s"), "{:,.0f}"),
    ("ref: bare library save, 500/save: log rows/s", ("bare", "events_per_s"), "{:,.0f}"),
    ("ref: bare get-then-save: commands/s", ("bare", "one_command_per_s"), "{:,.1f}"),
    ("ref: executemany / COPY: rows/s", ("copy", "rows_per_s"), "{:,.0f}"),
    ("ref: read-and-decode: log rows/s", ("read", "events_per_s"), "{:,.0f}"),
    ("ref: read-and-decode: peak RSS MB", ("read", "maxrss_kb"), "mb"),
    ("rebuild --all: log rows/s", ("rebuild", "events_per_s"), "{:,.0f}"),
    ("rebuild --all: peak RSS MB", ("rebuild", "maxrss_kb"), "mb"),
    ("verify: log rows/s", ("verify", "events_per_s"), "{:,.0f}"),
    ("verify: peak RSS MB", ("verify", "maxrss_kb"), "mb"),
    ("scores --json (all): seconds", ("scores_all", "wall"), "{:.2f}"),
    ("scores --json (all): peak RSS MB", ("scores_all", "maxrss_kb"), "mb"),
    ("audit --all --json: seconds", ("audit_all", "wall"), "{:.2f}"),
    ("audit --all --json: peak RSS MB", ("audit_all", "maxrss_kb"), "mb"),
)


def _get(run: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = run
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _show(value: Any, fmt: str) -> str:
    if value is None:
        return "-"
    if fmt == "mb":
        return f"{value / 1024:,.0f}"
    return fmt.format(value)


def _failed(run: dict[str, Any]) -> list[str]:
    return [
        f"{name}: exit {run[name]['exit']}: {run[name]['error']} {run[name]['failed_kinds']}"
        for name in ("rebuild", "verify", "scores_all", "audit_all")
        if name in run and not run[name]["ok"]
    ]


def view_tables_ratio(run: dict[str, Any]) -> float | None:
    """Bytes of the view tables over the events table's (PostgreSQL): views are the tables
    ``ledger db init`` leaves rewritable, i.e. all but the log's own (as commands.database)."""
    from ledger.integrity import records, tree_store

    tables: dict[str, int] = run.get("tables") or {}
    events = tables.get(EVENTS_TABLE)
    if run["backend"] != "postgresql" or not events:
        return None
    log = {EVENTS_TABLE, SNAPSHOTS_TABLE, *tree_store.TABLES.values(), *records.TABLES.values()}
    return sum(size for name, size in tables.items() if name not in log) / events


def ratios(run: dict[str, Any]) -> dict[str, float | None]:
    """The issue's ratios for one run (None where a figure is missing)."""

    def over(top: tuple[str, ...], bottom: tuple[str, ...]) -> float | None:
        a, b = _get(run, top), _get(run, bottom)
        return a / b if a is not None and b else None

    read = ("read", "events_per_s")
    return {
        # Rows against rows: the bare library saves the very rows the ingest wrote.
        "ingest / bare save (goal >= 0.8)": over(
            ("ingest", "rows_per_s"), ("bare", "events_per_s")
        ),
        "ingest / executemany-COPY": over(("ingest", "rows_per_s"), ("copy", "rows_per_s")),
        "one command / bare get-then-save (goal >= 0.9)": over(
            ("one_command", "commands_per_s"), ("bare", "one_command_per_s")
        ),
        "rebuild / read-and-decode (goal >= 0.2)": over(("rebuild", "events_per_s"), read),
        "verify / read-and-decode (goal >= 0.3)": over(("verify", "events_per_s"), read),
        "PostgreSQL view tables / events table (goal <= 3)": view_tables_ratio(run),
    }


def extrapolation(run: dict[str, Any]) -> dict[str, float | None]:
    """Minutes for a national year: each phase's wall scaled linearly from this run's
    recorded events to ten million (the log then holds receipts besides, as here)."""
    minutes: dict[str, float | None] = {}
    for name in GOALS_MIN:
        wall = _get(run, (name, "wall"))
        minutes[name] = wall * NATIONAL_EVENTS / run["events"] / 60 if wall else None
    return minutes


def _growth(runs: list[dict[str, Any]]) -> list[str]:
    """Largest over smallest size, per backend: peak RSS (goal: not growing with the log) and
    the one-agreement reads' p95 (goal <= 1.2x)."""
    lines = []
    for backend in sorted({run["backend"] for run in runs}):
        mine = sorted((r for r in runs if r["backend"] == backend), key=lambda r: r["size"])
        if len(mine) < 2:
            continue
        small, large = mine[0], mine[-1]
        head = f"- {backend}, {large['size']:,} over {small['size']:,} events:"
        parts = []
        for name in ("ingest", "rebuild", "verify", "scores_all", "audit_all"):
            a, b = _get(large, (name, "maxrss_kb")), _get(small, (name, "maxrss_kb"))
            if a and b:
                parts.append(f"{name} peak RSS x{a / b:.2f}")
        for label, timing in large.get("startup", {}).items():
            before = small.get("startup", {}).get(label, {})
            if "p95_ms" in timing and "p95_ms" in before:
                parts.append(f"`{label}` p95 x{timing['p95_ms'] / before['p95_ms']:.2f}")
        lines.append(head + " " + "; ".join(parts))
    return lines


def report(results: dict[str, Any]) -> str:
    runs: list[dict[str, Any]] = results["runs"]
    facts = results["machine"]
    out = [
        "Machine: " + ", ".join(f"{k} {v}" for k, v in facts.items()),
        "",
        "| figure | " + " | ".join(f"{r['size']:,} {r['backend']}" for r in runs) + " |",
        "|---|" + "---|" * len(runs),
    ]
    for label, path, fmt in ROWS:
        out.append(f"| {label} | " + " | ".join(_show(_get(r, path), fmt) for r in runs) + " |")
    labels = sorted({label for r in runs for label in r.get("startup", {})})
    for label in labels:
        cells = []
        for r in runs:
            t = r.get("startup", {}).get(label, {})
            cells.append(f"{t['p50_ms']:.0f} / {t['p95_ms']:.0f}" if "p50_ms" in t else "-")
        out.append(f"| `{label}` p50 / p95 ms | " + " | ".join(cells) + " |")
    out += ["", "Ratios (same run):"]
    for r in runs:
        shown = [f"{k} x{v:.2f}" for k, v in ratios(r).items() if v is not None]
        out.append(f"- {r['size']:,} {r['backend']}: " + "; ".join(shown))
    out += _growth(runs)
    if runs:
        largest = max(r["size"] for r in runs)
        out += ["", f"National year ({NATIONAL_EVENTS:,} events), linear from {largest:,}:"]
        for r in (r for r in runs if r["size"] == largest):
            shown = [
                f"{name} {m:,.0f} min (goal <= {GOALS_MIN[name]})"
                for name, m in extrapolation(r).items()
                if m is not None
            ]
            out.append(f"- {r['backend']}: " + "; ".join(shown))
    failures = [f"- {r['size']:,} {r['backend']} {f}" for r in runs for f in _failed(r)]
    if failures:
        out += ["", "Failed commands:", *failures]
    return "\n".join(out)
