"""Verification speed on the demo scaled up, and proofs from a Merkle log of millions of leaves.

Part 1 records the demo year COPIES times over (as ``bench.as_of_scaling`` does), seals it in a
signed checkpoint and times, in events per second: the Merkle log taking in every event, ``ledger
verify`` (live) and ``ledger verify-export`` (no database), each twice: with the hash checks
alone (leaves against the stored tree, roots, signatures, evidence: what verification was before
issue 13) and in full (every event replayed through the handlers; live, every view rebuilt and
compared too), and the export.

Part 2 fills a SQLite Merkle log with LEAVES synthetic leaf hashes (no events: the tree alone)
and times an inclusion and a consistency proof at several sizes, read from the stored perfect
subtrees; the proof cost should grow with log2(n), not n.

Run: .venv/bin/python -m bench.verification_speed [--copies 1 10 50] [--leaves 1000000]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from uuid import UUID

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.utils import Environment

from bench.as_of_scaling import _copy_lines
from commands.cli.apply import apply_lines
from commands.cli.demo import store_demo_evidence
from commands.replay import RuleReplay
from commands.wiring import build_context
from ledger.integrity.export import write_export
from ledger.integrity.export_reading import read_export
from ledger.integrity.keys import generate
from ledger.integrity.live import read_live
from ledger.integrity.log import TransparencyLog
from ledger.integrity.merkle import (
    consistency_proof,
    inclusion_proof,
    root_hash,
    verify_consistency,
    verify_inclusion,
)
from ledger.integrity.policy import policy_from_keys
from ledger.integrity.tree_store import Leaf, SQLiteTreeStore, TreeStore
from ledger.integrity.verification import verify
from ledger.persistence.settings import Settings
from projections.checking import check_views


def _seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def verification(copies: int, folder: Path) -> dict[str, float]:
    settings = Settings(database=str(folder / f"verify-{copies}.sqlite"))
    ctx = build_context(settings)
    log = TransparencyLog(ctx.app)
    for copy in range(copies):
        lines = _copy_lines(copy)
        apply_lines(ctx, lines, keep_going=True)
        store_demo_evidence(log, lines)
    events = ctx.app.head()
    catch_up = _seconds(log.catch_up)
    key = generate("bench.example/ledger", "log")
    log.sign_head(key)
    policy = policy_from_keys(key.verifier, [])

    def live(rules: bool) -> None:
        replay = RuleReplay(ctx.framework) if rules else None
        _must_hold(verify(read_live(log, policy=policy, held=(), rules=replay)))
        if rules:
            assert not check_views(ctx.app, settings, ctx.framework)

    export = folder / f"export-{copies}"
    exporting = _seconds(lambda: write_export(log, export))

    def offline(rules: bool) -> None:
        replay = RuleReplay(ctx.framework) if rules else None
        _must_hold(verify(read_export(export, policy=policy, held=(), rules=replay)))

    return {
        "events": events,
        "catch_up": events / catch_up,
        "verify_hashes": events / _seconds(lambda: live(False)),
        "verify": events / _seconds(lambda: live(True)),
        "export": events / exporting,
        "verify_export_hashes": events / _seconds(lambda: offline(False)),
        "verify_export": events / _seconds(lambda: offline(True)),
    }


def _must_hold(report: object) -> None:
    assert getattr(report, "ok", False), report


def _tree(folder: Path) -> TreeStore:
    env = Environment(
        "merkle",
        {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(folder / "tree.sqlite"),
        },
    )
    factory = InfrastructureFactory[TreeStore].construct(env=env)
    return factory.tracking_recorder(SQLiteTreeStore)


def _median_ms(action: Callable[[], object], repeat: int = 50) -> float:
    return statistics.median(_seconds(action) * 1000 for _ in range(repeat))


def tree_proofs(total: int, folder: Path) -> list[dict[str, float]]:
    tree = _tree(folder)
    checkpoints = sorted({total // 100, total // 10, total})
    rows, size, batch, started = [], 0, 50_000, time.perf_counter()
    for target in checkpoints:
        while size < target:
            count = min(batch, target - size)
            leaves = [
                Leaf(n, n + 1, UUID(int=n), 1, hashlib.sha256(n.to_bytes(8, "big")).digest())
                for n in range(size, size + count)
            ]
            tree.append(Tracking("bench", size + count), leaves)
            size += count
        elapsed = time.perf_counter() - started
        root = root_hash(tree, size)
        index, old = size // 3, size // 2 + 1
        old_root = root_hash(tree, old)
        path = inclusion_proof(tree, index, size)
        verify_inclusion(index, size, tree.perfect(0, index), path, root)
        steps = consistency_proof(tree, old, size)
        verify_consistency(old, size, old_root, root, steps)
        rows.append(
            {
                "leaves": size,
                "append_per_s": size / elapsed,
                "inclusion_ms": _median_ms(partial(inclusion_proof, tree, index, size)),
                "consistency_ms": _median_ms(partial(consistency_proof, tree, old, size)),
                "proof_hashes": len(path),
                "megabytes": (folder / "tree.sqlite").stat().st_size / 2**20,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print(
            "| copies | events | Merkle catch-up ev/s | verify, hashes only ev/s "
            "| verify, full ev/s | full / hashes | export ev/s "
            "| verify-export, hashes only ev/s | verify-export, full ev/s | full / hashes |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        results = [verification(copies, folder) for copies in args.copies]
        for copies, r in zip(args.copies, results, strict=True):
            print(
                f"| {copies} | {r['events']:.0f} | {r['catch_up']:.0f} "
                f"| {r['verify_hashes']:.0f} | {r['verify']:.0f} "
                f"| x{r['verify'] / r['verify_hashes']:.2f} | {r['export']:.0f} "
                f"| {r['verify_export_hashes']:.0f} | {r['verify_export']:.0f} "
                f"| x{r['verify_export'] / r['verify_export_hashes']:.2f} |"
            )
        first, last = results[0], results[-1]
        print(
            f"\nRatios (log x{last['events'] / first['events']:.1f}): full verify speed "
            f"x{last['verify'] / first['verify']:.2f}, full verify-export speed "
            f"x{last['verify_export'] / first['verify_export']:.2f}"
        )
        print(
            "\n| leaves | append leaves/s | inclusion proof ms | consistency proof ms "
            "| proof hashes | tree MB |"
        )
        print("|---|---|---|---|---|---|")
        rows = tree_proofs(args.leaves, folder)
        for row in rows:
            print(
                f"| {row['leaves']:.0f} | {row['append_per_s']:.0f} | {row['inclusion_ms']:.2f} "
                f"| {row['consistency_ms']:.2f} | {row['proof_hashes']:.0f} "
                f"| {row['megabytes']:.0f} |"
            )
        print(
            f"\nRatios (leaves x{rows[-1]['leaves'] / rows[0]['leaves']:.0f}): inclusion proof "
            f"x{rows[-1]['inclusion_ms'] / rows[0]['inclusion_ms']:.2f}, consistency proof "
            f"x{rows[-1]['consistency_ms'] / rows[0]['consistency_ms']:.2f}"
        )


if __name__ == "__main__":
    main()
