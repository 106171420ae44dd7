"""``ledger export``, ``ledger verify`` and ``ledger verify-export``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

import click

from commands.cli.merkle_log import caught_up_log
from commands.cli.options import db_option, json_option
from commands.cli.render import console
from commands.cli.trust import Anchors, anchor_options, save_state
from commands.cli.verdict import conclude
from commands.cli.views import progress_bar
from commands.replay import RuleReplay
from commands.wiring import framework_resolver
from ledger.application import LedgerApplication
from ledger.grammar import counted
from ledger.integrity.export import write_export
from ledger.integrity.export_reading import export_keys, read_export, read_manifest
from ledger.integrity.live import read_live
from ledger.integrity.log import TransparencyLog
from ledger.integrity.verification import Inputs, Report, verify
from ledger.persistence.settings import Settings
from projections.checking import ViewFinding, check_views
from projections.registry import PROJECTIONS

__all__ = ["export", "verify_export", "verify_live"]


def _run(inputs: Inputs, total: int) -> Report:
    with progress_bar(sys.stderr.isatty()) as progress:
        task = progress.add_task("verifying", total=total)
        return verify(inputs, progress=lambda done: progress.update(task, completed=done))


def _keep_state(report: Report, anchors: Anchors) -> None:
    if anchors.state is not None and report.ok and report.anchored and report.newest:
        save_state(anchors.state, report.newest)


@click.command("verify")
@anchor_options
@db_option()
@json_option
def verify_live(anchors: Anchors, database: str | None, as_json: bool) -> None:
    """Verify the live ledger against anchors you hold: your trust policy (--trust) or the
    log's key (--key, with any --witness), and the checkpoint you hold (--checkpoint, --state).

    Recomputes every leaf and compares it with the Merkle log; checks every checkpoint's
    signatures against your keys, its root and the consistency between checkpoints; checks
    that the log extends every checkpoint you hold (a rollback or rewrite fails); replays
    every event through the rules it was recorded under; rebuilds every view and compares it
    with the stored one; re-hashes every evidence file.

    Exit code 0 only when everything holds; 4 when something does not (named); 5 when
    nothing is wrong but you gave no anchor, or events are newer than the newest trusted
    checkpoint (unless --allow-unsealed). --json prints the counts, the verdict and every
    failure as one JSON object, with the same exit code.
    """
    settings = Settings.from_environment(database, access="read")
    log = TransparencyLog(LedgerApplication(settings))
    frameworks = framework_resolver(settings)
    inputs = read_live(log, policy=anchors.policy, held=anchors.held, rules=RuleReplay(frameworks))
    # The views are rebuilt and compared in a process of their own while this one replays
    # the log: the two halves take about as long, and the machine has a core for each.
    views = _views_elsewhere(settings)
    report = _run(inputs, log.app.head())
    with progress_bar(sys.stderr.isatty()) as progress:
        progress.add_task("views: rebuilding and comparing", total=None)
        findings = views()
    for finding in findings:
        report.fail("view", f"view {finding.view}: {finding.message}")
    _keep_state(report, anchors)
    keys, _ = log.records.public_keys_and_findings()
    conclude(
        report,
        found_keys=keys,
        allow_unsealed=anchors.allow_unsealed,
        views=len(PROJECTIONS),
        as_json=as_json,
    )


def _views_elsewhere(settings: Settings) -> Callable[[], list[ViewFinding]]:
    """Start the view check in another process; returns how to wait for its findings. Where
    no second process can be had (multiprocessing needs a helper process and semaphores,
    which a restricted account may be refused), the check runs here when its turn comes."""
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
        running = pool.submit(_view_findings, settings)
    except (OSError, BrokenProcessPool):
        return lambda: _view_findings(settings)

    def findings() -> list[ViewFinding]:
        try:
            return running.result()
        except BrokenProcessPool:
            return _view_findings(settings)
        finally:
            pool.shutdown()

    return findings


def _view_findings(settings: Settings) -> list[ViewFinding]:
    """``check_views`` on a store of its own (run in another process)."""
    app = LedgerApplication(settings)
    try:
        return check_views(app, settings, framework_resolver(settings))
    finally:
        app.close()


@click.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@db_option()
def export(directory: Path, database: str | None) -> None:
    """Write every event (canonical JSON Lines), the checkpoints, the consistency proofs
    between them, the public keys and the evidence files into DIR (new or empty)."""
    log = caught_up_log(database)
    with progress_bar(sys.stderr.isatty()) as progress:
        task = progress.add_task("exporting", total=log.app.head())
        manifest = write_export(
            log, directory, progress=lambda n: progress.update(task, completed=n)
        )
    console.print(
        f"Exported {counted(manifest.events, 'event')}, "
        f"{counted(len(manifest.checkpoints), 'checkpoint')} and "
        f"{counted(manifest.evidence_files, 'evidence file')} to {directory}."
    )


@click.command("verify-export")
@click.argument(
    "directory", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@anchor_options
@json_option
def verify_export(directory: Path, anchors: Anchors, as_json: bool) -> None:
    """Verify an export with no database, against anchors you hold (--trust or --key, and
    --checkpoint/--state): every leaf, every checkpoint's signatures and root, the
    consistency between checkpoints, every event replayed through the rules, every evidence
    file. Exit code 0 only when everything holds; 4 when something does not; 5 when no
    anchor was given or events are unsealed."""
    manifest = read_manifest(directory)
    frameworks = framework_resolver(Settings.from_environment())
    inputs = read_export(
        directory, policy=anchors.policy, held=anchors.held, rules=RuleReplay(frameworks)
    )
    report = _run(inputs, manifest.events)
    _keep_state(report, anchors)
    logs, witnesses = export_keys(directory)
    conclude(
        report,
        found_keys=[*logs, *witnesses],
        allow_unsealed=anchors.allow_unsealed,
        views=None,
        as_json=as_json,
    )
