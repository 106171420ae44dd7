"""``ledger prove`` and ``ledger verify-proof``: offline proofs for chosen events, as the
ledger's JSON bundle or as c2sp.org/tlog-proof files any transparency-log tool can read."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from rich.table import Table

from commands.cli.merkle_log import caught_up_log
from commands.cli.options import db_option
from commands.cli.render import console, print_table
from commands.cli.tables import column
from commands.keyfiles import checked, load_verifier
from ledger.errors import InvalidInput
from ledger.grammar import counted
from ledger.integrity.bundle import read_bundle, verify_bundle
from ledger.integrity.canonical import CanonicalEvent
from ledger.integrity.checkpoint import Cosignature, SignedCheckpoint
from ledger.integrity.files import BUNDLE, read_given
from ledger.integrity.keys import Verifier
from ledger.integrity.log import TransparencyLog
from ledger.integrity.proving import make_bundle, make_tlog_proof
from ledger.integrity.tlog_proof import parse_tlog_proof, verify_tlog_proof
from ledger.integrity.tree_store import Leaf
from ledger.thaidate import format_be_datetime

__all__ = ["prove", "verify_proof"]

_EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.argument("event_ids", metavar="EVENT_ID...", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Bundle file; with --format tlog-proof and several events, a folder.",
)
@click.option(
    "--format",
    "form",
    type=click.Choice(["bundle", "tlog-proof"]),
    default="bundle",
    show_default=True,
    help="The ledger's JSON bundle, or c2sp.org/tlog-proof@v1 (one event a file).",
)
@db_option()
def prove(event_ids: tuple[str, ...], out: Path | None, form: str, database: str | None) -> None:
    """Write a self-contained proof for each EVENT_ID (stdout unless --out).

    EVENT_ID is a log position (as `ledger history` shows it) or AGGREGATE_ID:VERSION. A
    bundle holds each event's canonical bytes, its leaf index and inclusion proof, and the
    signed checkpoint (with its cosignatures). A tlog-proof (--format tlog-proof) holds the
    same for one event in the open C2SP format, the event's bytes on its extra line; several
    events make one LEAF.tlog-proof file each in the folder --out. `ledger verify-proof`
    checks either offline.
    """
    log = caught_up_log(database)
    leaves = [log.locate(e) for e in event_ids]
    if form == "bundle":
        _write(out, make_bundle(log, leaves).encode())
    elif len(leaves) == 1:
        _write(out, make_tlog_proof(log, leaves[0]).text().encode())
    else:
        _write_proofs(log, leaves, out)
    if out is not None:
        proved = len(event_ids)
        click.echo(
            f"wrote {out}: {counted(proved, 'event')} / เขียนไฟล์แล้ว {proved} เหตุการณ์", err=True
        )


def _write(out: Path | None, data: bytes) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)


def _write_proofs(log: TransparencyLog, leaves: list[Leaf], folder: Path | None) -> None:
    if folder is None or folder.is_file():
        raise InvalidInput(
            "several events need a folder for their proofs",
            field="--out",
            rule="a tlog-proof proves one event; give --out FOLDER for several",
        )
    folder.mkdir(parents=True, exist_ok=True)
    for leaf in leaves:
        (folder / f"{leaf.index}.tlog-proof").write_text(make_tlog_proof(log, leaf).text())


def _describe(entries: list[tuple[int, CanonicalEvent]]) -> Table:
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
    for leaf_index, event in entries:
        payload = event.payload
        table.add_row(
            str(leaf_index),
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
    """Check a proof with no database: signatures, then every inclusion proof.

    FILE is a bundle from `ledger prove` or a c2sp.org/tlog-proof@v1 file (`ledger prove
    --format tlog-proof`). Exit code 0 when every event is in the signed (and cosigned) tree; 4
    when anything fails, naming it (a bundle with no entries proves nothing and fails); 1 when
    FILE is not a regular file of at most 64 MiB. Leaf order is recording order, so the table
    also shows which came first.
    """
    log_key = load_verifier(key, "--key")
    witnesses = [load_verifier(p, "--witness") for p in witness_keys]
    data = read_given(bundle_file, BUNDLE, "FILE")
    with checked("FILE", "every event is in the tree the signed checkpoint names"):
        signed, cosignatures, entries = _verified(data, log_key, witnesses)
    head = signed.checkpoint
    print_table(_describe(entries))
    proven = "The event is" if len(entries) == 1 else f"All {len(entries)} events are"
    console.print(f"{proven} in the log {head.origin}.")
    console.print(f"Checkpoint of {head.size} events signed by {log_key.name}.")
    for cosignature in cosignatures:
        console.print(
            f"Cosigned by {cosignature.witness} at {format_be_datetime(cosignature.time)}: "
            "these events existed by then."
        )


def _verified(
    data: bytes, log_key: Verifier, witnesses: list[Verifier]
) -> tuple[SignedCheckpoint, list[Cosignature], list[tuple[int, CanonicalEvent]]]:
    """Either form, checked: the checkpoint, its cosignatures and the proven events."""
    if data.lstrip().startswith(b"{"):
        bundle = verify_bundle(read_bundle(data), log_key, witnesses)
        entries = [(item.leaf_index, item.event) for item in bundle.entries]
        return bundle.signed, bundle.cosignatures, entries
    proof = verify_tlog_proof(parse_tlog_proof(data.decode()), log_key, witnesses)
    return proof.signed, proof.cosignatures, [(proof.index, proof.event)]
