"""``ledger prove`` and ``ledger verify-proof``: offline proof bundles for chosen events."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from rich.table import Table

from commands.cli.options import db_option
from commands.cli.render import console, print_table
from commands.cli.tables import column
from commands.cli.transparency import caught_up_log
from commands.keyfiles import checked, load_verifier
from ledger.grammar import counted
from ledger.integrity.bundle import VerifiedBundle, read_bundle, verify_bundle
from ledger.integrity.files import BUNDLE, read_given
from ledger.integrity.proving import make_bundle
from ledger.thaidate import format_be_datetime

__all__ = ["prove", "verify_proof"]

_EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.argument("event_ids", metavar="EVENT_ID...", nargs=-1, required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Bundle file.")
@db_option()
def prove(event_ids: tuple[str, ...], out: Path | None, database: str | None) -> None:
    """Write a self-contained proof bundle for each EVENT_ID (stdout unless --out).

    EVENT_ID is a log position (as `ledger history` shows it) or AGGREGATE_ID:VERSION. The
    bundle holds each event's canonical bytes, its leaf index and inclusion proof, and the
    signed checkpoint (with its cosignatures); `ledger verify-proof` checks it offline.
    """
    log = caught_up_log(database)
    data = make_bundle(log, [log.locate(e) for e in event_ids]).encode()
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)
        click.echo(f"wrote {out}: {counted(len(event_ids), 'event')}", err=True)


def _describe(bundle: VerifiedBundle) -> Table:
    table = Table(
        column("Leaf\nใบ", right=True),
        column("Recorded (Bangkok, BE)\nบันทึก (พ.ศ.)"),
        column("Event\nเหตุการณ์"),
        column("KPI\nตัวชี้วัด"),
        column("Round\nรอบ"),
        column("Aggregate · version\nรายการ · รุ่น"),
        title="Proven / พิสูจน์แล้ว",
        title_justify="left",
    )
    for item in bundle.entries:
        event = item.event
        payload = event.payload
        table.add_row(
            str(item.leaf_index),
            format_be_datetime(datetime.fromisoformat(event.recorded_at)),
            event.topic.rpartition(":")[2],
            str(payload.get("kpi_id", "")),
            str(payload.get("round_id", "")),
            f"{event.originator_id}\nv{event.originator_version}",
        )
    return table


@click.command("verify-proof")
@click.argument("bundle_file", metavar="FILE", type=_EXISTING)
@click.option("--key", type=_EXISTING, required=True, help="The log's public key (.vkey).")
@click.option(
    "--witness",
    "witness_keys",
    type=_EXISTING,
    multiple=True,
    help="A witness public key whose cosignature must be on the checkpoint (repeatable).",
)
def verify_proof(bundle_file: Path, key: Path, witness_keys: tuple[Path, ...]) -> None:
    """Check a proof bundle with no database: signatures, then every inclusion proof.

    Exit code 0 when every event is in the signed (and cosigned) tree; 4 when anything fails,
    naming it (a bundle with no entries proves nothing and fails); 1 when FILE is not a
    regular file of at most 64 MiB. Leaf order is recording order, so the table also shows
    which came first.
    """
    log_key = load_verifier(key, "--key")
    witnesses = [load_verifier(p, "--witness") for p in witness_keys]
    data = read_given(bundle_file, BUNDLE, "FILE")
    with checked("FILE", "every event is in the tree the signed checkpoint names"):
        verified = verify_bundle(read_bundle(data), log_key, witnesses)
    head = verified.signed.checkpoint
    print_table(_describe(verified))
    console.print(f"All {len(verified.entries)} events are in the log {head.origin}.")
    console.print(f"Checkpoint of {head.size} events signed by {log_key.name}.")
    for cosignature in verified.cosignatures:
        console.print(
            f"Cosigned by {cosignature.witness} at {format_be_datetime(cosignature.time)}: "
            "these events existed by then."
        )
