"""As-of cost against log size: the `versions` index versus folding the whole log.

Records the demo year COPIES times over (each copy under its own unit ids) into a fresh SQLite
store, then times, for one agreement of the first copy:
  - as_recorded: the agreement as recorded at its last event (index + that agreement's events);
  - whole-log fold: what reads did before projections (fold every event, then score);
  - catch-up: building every view from the whole log (events per second).
Run: .venv/bin/python -m bench.as_of_scaling [--copies 1 10] [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from commands.cli.apply import apply_lines
from commands.cli.demo import demo_lines
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from projections.as_of import as_recorded
from projections.catch_up import catch_up_many
from projections.registry import PROJECTIONS, open_projection
from projections.scores import round_scores
from tests.oracle import fold_log  # the whole-log fold every read did before projections

_IDS = ("GRP-ANDAMAN", "TH-81", "TH-92", "TH-82", "TH-83", "TH-85")


def _copy_lines(copy: int) -> list[str]:
    if copy == 0:
        return demo_lines()
    renamed = []
    for line in demo_lines():
        for unit_id in _IDS:
            line = line.replace(f'"{unit_id}', f'"{unit_id}-C{copy}')
        renamed.append(line)
    return renamed


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def measure(copies: int, repeat: int, folder: Path) -> dict[str, float]:
    settings = Settings(database=str(folder / f"bench-{copies}.sqlite"))
    ctx = build_context(settings)
    for copy in range(copies):
        apply_lines(ctx, _copy_lines(copy), keep_going=True)
    events = ctx.app.head()
    started = time.perf_counter()
    views = {name: open_projection(settings, name, ctx.framework) for name in PROJECTIONS}
    catch_up_many(ctx.app, list(views.values()), batch_size=500)
    catch_up_seconds = time.perf_counter() - started
    ref = "TH-81/2557"
    moment = ctx.app.events_of(ctx.app.agreement(ref).id)[-1].recorded_at
    index = views["versions"]

    def by_index() -> object:
        return as_recorded(ctx.app, index, ref, moment, ctx.framework)

    def whole_log() -> object:
        catalogue = fold_log(e for _, e in ctx.app.all_events() if e.recorded_at <= moment)
        state = catalogue.agreements[ref]
        return round_scores(
            state, catalogue.units[state.unit_id], ctx.framework(state.framework_id)
        )

    return {
        "events": float(events),
        "as_of_ms": _median_ms(by_index, repeat),
        "fold_ms": _median_ms(whole_log, max(repeat // 5, 3)),
        "catch_up_events_per_s": events * len(PROJECTIONS) / catch_up_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = [(c, measure(c, args.repeat, Path(folder))) for c in args.copies]
    print("| copies | events | as-of (index) ms | whole-log fold ms | view build events/s |")
    print("|---|---|---|---|---|")
    for copies, m in rows:
        print(
            f"| {copies} | {int(m['events'])} | {m['as_of_ms']:.2f} | {m['fold_ms']:.1f} "
            f"| {m['catch_up_events_per_s']:.0f} |"
        )
    (small_copies, small), (large_copies, large) = rows[0], rows[-1]
    print(
        f"\nlog grew x{large['events'] / small['events']:.1f} ({small_copies} -> {large_copies} "
        f"copies): as-of x{large['as_of_ms'] / small['as_of_ms']:.2f}, "
        f"whole-log fold x{large['fold_ms'] / small['fold_ms']:.2f}"
    )


if __name__ == "__main__":
    main()
