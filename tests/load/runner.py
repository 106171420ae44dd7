"""Start writer processes over a store, and check the store afterwards the way an auditor would.

Shared by the load and crash tests and by bench/load_and_crash.py, which reports the figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from uuid import UUID

import msgspec

from commands.batch_ledger import BatchLedger
from commands.wiring import build_context
from ledger.application import LedgerApplication
from ledger.domain.events import KpiProposed
from ledger.domain.receipt import CommandHandled
from ledger.integrity.keys import generate
from ledger.integrity.log import TransparencyLog
from ledger.persistence.settings import Settings
from tests.builders import run
from tests.load.workload import setup_commands
from tests.stores import StoreMaker
from tests.verifying import verified

__all__ = [
    "LedgerCheck",
    "WriterSummary",
    "acknowledged",
    "check_ledger",
    "start_writer",
    "store_with_agreements",
]

_ROOT = Path(__file__).resolve().parents[2]
# Setup events recorded per transaction.
SETUP_BATCH = 2000


class WriterSummary(msgspec.Struct, frozen=True):
    answered: int
    retried: int
    seconds: float


class LedgerCheck(msgspec.Struct, frozen=True, kw_only=True):
    """What the store holds: ``proposals`` per command id, aggregates whose versions have gaps,
    and whether the full verification held."""

    events: int
    receipts: int
    proposals: dict[str, int]
    version_gaps: list[str]
    verified: bool
    failures: list[str]


def start_writer(database: str, commands: Path, acks: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.load.writer", database, str(commands), str(acks)],
        cwd=_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def summary_of(process: subprocess.Popen[str], timeout: float) -> WriterSummary:
    out, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"writer exited {process.returncode}"
    return msgspec.convert(json.loads(out.strip().splitlines()[-1]), WriterSummary)


def acknowledged(files: Iterable[Path]) -> list[str]:
    """Every command id a writer was answered for, in the order of the files."""
    return [line for path in files if path.exists() for line in path.read_text().split()]


def store_with_agreements(stores: StoreMaker, name: str, agreements: int) -> Settings:
    """A fresh store holding the workload's units and their open agreements."""
    settings = stores.new(name)
    ctx = build_context(settings)
    # Recorded in batches (the bulk-ingest path): a thousand units one transaction each took
    # a minute and a half on PostgreSQL before the load began.
    batch = BatchLedger(ctx.app)
    batch.begin()
    for command in setup_commands(agreements):
        run(replace(ctx, ledger=batch), command)
        if len(batch.pending) >= SETUP_BATCH:
            batch.flush()
            batch.begin()
    batch.flush()
    ctx.app.close()
    return settings


def check_ledger(settings: Settings) -> LedgerCheck:
    """Count receipts and proposals per command, look for version gaps in every aggregate,
    then build the Merkle log, sign its head and run the full verification."""
    app = LedgerApplication(settings)
    try:
        versions: dict[UUID, list[int]] = defaultdict(list)
        receipts = events = 0
        command_of: dict[tuple[UUID, int], str] = {}
        proposed: list[tuple[UUID, int]] = []
        for _, event in app.all_events():
            events += 1
            versions[event.originator_id].append(event.originator_version)
            if isinstance(event, CommandHandled):
                receipts += 1
                for ref in event.recorded:
                    command_of[(ref.originator_id, ref.originator_version)] = str(event.command_id)
            elif isinstance(event, KpiProposed):
                proposed.append((event.originator_id, event.originator_version))
        proposals = Counter(command_of.get(key, "no receipt") for key in proposed)
        gaps = [
            str(aggregate)
            for aggregate, seen in versions.items()
            if seen != list(range(1, len(seen) + 1))
        ]
        log = TransparencyLog(app)
        signer = generate("load.ledger.test/log", "log")
        log.sign_head(signer)
        report = verified(log, signer.verifier)
        return LedgerCheck(
            events=events,
            receipts=receipts,
            proposals=dict(proposals),
            version_gaps=gaps,
            verified=report.ok,
            failures=[str(f) for f in report.failures],
        )
    finally:
        app.close()
