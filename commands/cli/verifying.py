"""``ledger export``, ``ledger verify``, ``ledger verify-export`` and ``ledger evidence``."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import click
from rich.table import Table

from commands.cli.keyfiles import load_verifier
from commands.cli.options import db_option
from commands.cli.render import console
from commands.cli.transparency import caught_up_log, open_log
from commands.cli.views import progress_bar
from commands.wiring import framework_resolver
from ledger.errors import IntegrityViolation
from ledger.integrity.export import (
    export_inputs,
    export_keys,
    live_inputs,
    read_manifest,
    write_export,
)
from ledger.integrity.keys import Verifier, by_kind
from ledger.integrity.verification import Inputs, Report, verify
from ledger.persistence.settings import Settings

__all__ = ["evidence", "export", "verify_export", "verify_live"]

_EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)
# Failures listed in full; a deleted event makes every later leaf fail, so the rest are counted.
_SHOWN = 10


def _key_options(func: Callable[..., None]) -> Callable[..., None]:
    func = click.option(
        "--witness",
        "witness_keys",
        type=_EXISTING,
        multiple=True,
        help="A witness public key (.vkey); its cosignatures are checked (repeatable).",
    )(func)
    return click.option(
        "--key",
        type=_EXISTING,
        help="The log's public key (.vkey); default: the keys the ledger or export holds.",
    )(func)


def _chosen_keys(
    key: Path | None,
    witness_keys: tuple[Path, ...],
    held: tuple[list[Verifier], list[Verifier]],
) -> tuple[list[Verifier], list[Verifier]]:
    logs = [load_verifier(key, "--key")] if key else held[0]
    witnesses = [load_verifier(p, "--witness") for p in witness_keys] or held[1]
    if key is None or not witness_keys:
        console.print(
            "[yellow]Using keys found with the data; compare them with the keys the operator "
            "and the witnesses publish, or pass --key/--witness.[/yellow]"
        )
    return logs, witnesses


def _run(inputs: Inputs, total: int) -> Report:
    with progress_bar(sys.stderr.isatty()) as progress:
        task = progress.add_task("verifying", total=total)
        return verify(inputs, progress=lambda done: progress.update(task, completed=done))


def _print_report(report: Report) -> None:
    table = Table("checked", "count", title="Verification")
    table.add_row("events (leaves recomputed)", str(report.events))
    table.add_row("checkpoints (signatures, roots, consistency)", str(report.checkpoints))
    table.add_row("witness cosignatures", str(report.cosignatures))
    table.add_row("certified scores recomputed", str(report.certifications))
    table.add_row("evidence files re-hashed", str(report.evidence_files))
    console.print(table)
    for note in report.notes:
        console.print(f"note: {note}", soft_wrap=True)
    if report.ok:
        console.print("[green]Everything holds.[/green]")
        return
    # soft_wrap: a failure is one line however long, so it can be searched for and copied.
    if report.first_bad_event:
        console.print(f"[red]first bad event:[/red] {report.first_bad_event}", soft_wrap=True)
    if report.first_bad_checkpoint:
        console.print(
            f"[red]first bad checkpoint:[/red] {report.first_bad_checkpoint}", soft_wrap=True
        )
    for failure in report.failures[:_SHOWN]:
        console.print(f"[red]FAILED[/red] {failure.kind}: {failure.message}", soft_wrap=True)
    if len(report.failures) > _SHOWN:
        kinds = Counter(f.kind for f in report.failures[_SHOWN:])
        why = "; one change early in the log shifts every leaf after it" if "event" in kinds else ""
        console.print(
            f"… and {len(report.failures) - _SHOWN} more ("
            + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
            + f"){why}"
        )
    raise IntegrityViolation(
        f"verification failed: {len(report.failures)} problems",
        rule="every leaf, checkpoint, certified score and evidence file must check out",
    )


@click.command("verify")
@_key_options
@db_option()
def verify_live(key: Path | None, witness_keys: tuple[Path, ...], database: str | None) -> None:
    """Verify the live ledger: recompute every leaf from the stored events and compare it with
    the Merkle log, every checkpoint's signatures and root, the consistency between
    consecutive checkpoints, every certified score, and every evidence file's hash.

    Exit code 0 only when everything holds; otherwise 4, naming the first bad event and the
    first bad checkpoint.
    """
    try:
        log = caught_up_log(database)
    except IntegrityViolation as error:
        console.print(f"[red]the Merkle log cannot take in every event:[/red] {error.message}")
        log = open_log(database)
    logs, witnesses = _chosen_keys(key, witness_keys, by_kind(log.records.public_keys()))
    resolver = framework_resolver(log.app.settings)
    _print_report(_run(live_inputs(log, logs, witnesses, resolver), log.app.head()))


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
        f"Exported {manifest.events} events, {len(manifest.checkpoints)} checkpoints and "
        f"{manifest.evidence_files} evidence files to {directory}."
    )


@click.command("verify-export")
@click.argument(
    "directory", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@_key_options
def verify_export(directory: Path, key: Path | None, witness_keys: tuple[Path, ...]) -> None:
    """Verify an export with no database: every leaf, the tree, every checkpoint signature,
    the consistency between consecutive checkpoints, every certified score (replayed from
    the events) and every evidence file. Exit code 0 only when everything holds, else 4."""
    manifest = read_manifest(directory)
    logs, witnesses = _chosen_keys(key, witness_keys, export_keys(directory))
    resolver = framework_resolver(Settings.from_environment())
    _print_report(_run(export_inputs(directory, logs, witnesses, resolver), manifest.events))


@click.group()
def evidence() -> None:
    """Content-addressed evidence files: stored under the SHA-256 of their bytes."""


@evidence.command("add")
@click.argument("files", metavar="FILE...", nargs=-1, required=True, type=_EXISTING)
@db_option()
def evidence_add(files: tuple[Path, ...], database: str | None) -> None:
    """Store each FILE and print its SHA-256: the name SAR and appeal commands cite it by."""
    log = open_log(database)
    for path in files:
        digest, new = log.records.add_evidence(path.read_bytes())
        click.echo(f"{digest}  {path}" + ("" if new else "  (already stored)"))
