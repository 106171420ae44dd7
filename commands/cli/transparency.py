"""``ledger keys``, ``ledger checkpoint`` and ``ledger witness``: signing tree heads and
cosigning them as a second party."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.table import Table

from commands.cli.csv_directory import CHECKPOINTS
from commands.cli.csv_out import print_csv
from commands.cli.merkle_log import caught_up_log, open_log
from commands.cli.options import csv_option, db_option, json_option
from commands.cli.render import print_json_array, print_table
from commands.cli.subcommands import LazyGroup, Subcommand
from commands.cli.tables import column
from commands.cli.witness_ask import (
    WitnessRequest,
    ask_and_report,
    require_quorum,
    witness_options,
)
from commands.keyfiles import checked, load_checkpoint, load_signer, load_verifier
from ledger.errors import InvalidInput
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.keys import (
    ALGORITHMS,
    Algorithm,
    AlgorithmUnavailable,
    KeyKind,
    generate,
    write_signer,
)
from ledger.integrity.witness import cosign_checkpoint, read_state, write_state
from ledger.thaidate import format_be_datetime

__all__ = ["checkpoint", "keys", "witness"]

_PATH = click.Path(dir_okay=False, path_type=Path)
_EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


def _write_note(signed: SignedCheckpoint, out: Path | None) -> None:
    if out is not None:
        out.write_text(signed.text(), encoding="utf-8")
    sys.stdout.write(signed.text())


@click.group()
def keys() -> None:
    """Create the key pairs that sign checkpoints (log) and cosign them (witness).

    A log key is Ed25519; a witness key is Ed25519 or ML-DSA-44 (post-quantum).
    """


_MLDSA_RULE = "an ML-DSA-44 key is a witness key (--witness); a log signs with Ed25519"


@keys.command("generate")
@click.argument("name")
@click.option("--witness", is_flag=True, help="A witness's cosigning key instead of a log key.")
@click.option(
    "--algorithm",
    type=click.Choice(ALGORITHMS),
    default="ed25519",
    show_default=True,
    help="ml-dsa-44: a post-quantum witness key (type 0x06, with --witness only); "
    "ed25519: type 0x01 for a log, 0x04 for a witness.",
)
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to write NAME.key and NAME.vkey (the name's '/' become '_').",
)
def keys_generate(name: str, witness: bool, algorithm: Algorithm, directory: Path) -> None:
    """Create a key pair named NAME (for a log, its origin, e.g. ledger.example.go.th/fy2568).

    The private key (NAME.key) is written readable by its owner only (mode 0600); keep it
    secret. The public verifier key (NAME.vkey) is printed and written; publish it. An
    ML-DSA-44 witness key keeps its 32-byte seed; its public key is 1,312 bytes.
    """
    kind: KeyKind = "witness" if witness else "log"
    if algorithm != "ed25519" and kind != "witness":
        raise InvalidInput(
            f"--algorithm {algorithm} makes only witness keys: add --witness",
            field="--algorithm",
            rule=_MLDSA_RULE,
        )
    with checked("NAME", "a key name has no spaces and no '+'"):
        try:
            signer = generate(name, kind, algorithm)
        except AlgorithmUnavailable as error:
            raise InvalidInput(
                str(error), field="--algorithm", rule="ML-DSA-44 needs cryptography 48 or later"
            ) from error
    directory.mkdir(parents=True, exist_ok=True)
    stem = name.replace("/", "_")
    private, public = directory / f"{stem}.key", directory / f"{stem}.vkey"
    if private.exists():
        raise InvalidInput(
            f"{private} exists", field="NAME", rule="a key file is never overwritten"
        )
    write_signer(signer, private)
    public.write_text(signer.verifier.text() + "\n", encoding="utf-8")
    click.echo(signer.verifier.text())
    click.echo(f"private key: {private} (mode 0600)  public key: {public}", err=True)


@click.group(invoke_without_command=True)
@click.option(
    "--key",
    type=_EXISTING,
    envvar="LEDGER_LOG_KEY",
    help="The log's private key file (default: $LEDGER_LOG_KEY).",
)
@click.option("--out", type=_PATH, help="Also write the signed checkpoint to this file.")
@witness_options
@db_option()
@click.pass_context
def checkpoint(
    ctx: click.Context,
    key: Path | None,
    out: Path | None,
    asking: WitnessRequest,
    database: str | None,
) -> None:
    """Sign the current tree head with the log's key, keep it, and print it.

    Takes every recorded event into the Merkle log first. The checkpoint is a C2SP
    tlog-checkpoint signed note: origin, tree size, base64 root hash, signature line.
    With --trust, the policy's witnesses that have a URL (or --witness-url) are asked
    at once to cosign it within --timeout; the cosignatures that verify are kept, and
    the command fails (exit 5) unless the policy's quorum cosigned.
    """
    if ctx.invoked_subcommand is not None:
        return
    if key is None:
        raise InvalidInput(
            "no log key", field="--key", rule="pass --key FILE or set LEDGER_LOG_KEY"
        )
    signer = load_signer(key, "log")
    log = caught_up_log(database)
    signed = log.sign_head(signer)
    if asking.policy is None:
        _write_note(signed, out)
        return
    answered = ask_and_report(log, signed, asking)
    _write_note(answered.signed, out)
    require_quorum(answered)


@checkpoint.command("attach")
@click.argument("cosigned", type=_EXISTING)
@click.option(
    "--witness",
    "witness_keys",
    type=_EXISTING,
    multiple=True,
    required=True,
    help="A witness's public key (.vkey); its cosignature is checked before it is kept.",
)
@db_option()
def checkpoint_attach(cosigned: Path, witness_keys: tuple[Path, ...], database: str | None) -> None:
    """Keep the witness cosignatures of COSIGNED (a checkpoint this log signed)."""
    witnesses = [load_verifier(p, "--witness") for p in witness_keys]
    signed = load_checkpoint(cosigned, "COSIGNED")
    with checked("COSIGNED", "a witness cosignature must verify before it is kept"):
        kept = open_log(database).attach(signed, witnesses)
    _write_note(kept, None)


@checkpoint.command("list")
@db_option()
@json_option
@csv_option
def checkpoint_list(database: str | None, as_json: bool, as_csv: bool) -> None:
    """Every kept checkpoint: tree size, root hash and who signed it.

    With --json: each checkpoint's origin, size, root (base64), signers and signed note."""
    table = Table(
        column("Tree size\nขนาด", right=True),
        column("Root hash (base64)\nแฮชราก"),
        column("Signed by\nผู้ลงนาม"),
        title="Checkpoints / จุดตรวจสอบ",
        title_justify="left",
    )
    log = open_log(database)
    if as_csv:
        print_csv(CHECKPOINTS, log.records.checkpoints())
        return
    if as_json:
        print_json_array(_checkpoint_json(signed) for signed in log.records.checkpoints())
        return
    for signed in log.records.checkpoints():
        names = "\n".join(signed.signer_of(line) for line in signed.signature_lines)
        table.add_row(str(signed.checkpoint.size), signed.checkpoint.root_base64, names)
    print_table(table)


def _checkpoint_json(signed: SignedCheckpoint) -> dict[str, object]:
    return {
        "origin": signed.checkpoint.origin,
        "size": signed.checkpoint.size,
        "root": signed.checkpoint.root_base64,
        "signed_by": [signed.signer_of(line) for line in signed.signature_lines],
        "note": signed.text(),
    }


# `witness serve` brings the HTTP server (Litestar, uvicorn): imported only when it runs.
@click.group(
    cls=LazyGroup,
    lazy={
        "serve": Subcommand(
            "commands.cli.witness_serve:witness_serve",
            "Serve the C2SP witness protocol: cosign the checkpoints logs submit.",
        )
    },
)
def witness() -> None:
    """Act as a witness: cosign a log's checkpoints after checking it only grows."""


@witness.command("cosign")
@click.argument("checkpoint_file", metavar="CHECKPOINT", type=_EXISTING)
@click.option(
    "--state",
    type=_PATH,
    required=True,
    help="The witness's state file for this log (created on first use).",
)
@click.option("--key", type=_EXISTING, required=True, help="The witness's private key file.")
@click.option(
    "--log-key", type=_EXISTING, required=True, help="The log's public key (.vkey) to check."
)
@click.option("--out", type=_PATH, help="Write the cosigned checkpoint here (else stdout only).")
@db_option()
def witness_cosign(
    checkpoint_file: Path,
    state: Path,
    key: Path,
    log_key: Path,
    out: Path | None,
    database: str | None,
) -> None:
    """Cosign CHECKPOINT if the log signed it and it extends the last one this witness cosigned.

    The consistency proof is read from the log (--db) and checked here, so nothing the log
    sends is trusted. A smaller tree (rollback) or one that does not extend the last
    (fork) is refused with exit code 4 and the state file is left as it was.
    """
    signer = load_signer(key, "witness")
    log_verifier = load_verifier(log_key, "--log-key")
    signed = load_checkpoint(checkpoint_file)
    with checked("CHECKPOINT", "a witness cosigns only a tree that extends the last one"):
        before = read_state(state)
        now = datetime.now(UTC)
        cosigned, after = cosign_checkpoint(
            signed, signer, log_verifier, before, open_log(database).consistency, now
        )
    write_state(state, after)
    _write_note(cosigned, out)
    click.echo(
        f"cosigned {after.size} events of {after.origin} at {format_be_datetime(now)}",
        err=True,
    )
