"""``ledger evidence``: content-addressed evidence files, stored under the SHA-256 of their
bytes."""

from __future__ import annotations

from pathlib import Path

import click

from commands.cli.merkle_log import open_log
from commands.cli.options import db_option
from ledger.integrity.files import EVIDENCE, hash_file, open_given

__all__ = ["evidence"]


@click.group()
def evidence() -> None:
    """Content-addressed evidence files: stored under the SHA-256 of their bytes."""


@evidence.command("add")
@click.argument(
    "files",
    metavar="FILE...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@db_option()
def evidence_add(files: tuple[Path, ...], database: str | None) -> None:
    """Store each FILE and print its SHA-256: the name SAR and appeal commands cite it by.

    Each FILE is a regular file of at most 256 MiB (a FIFO, a device or a larger file is
    refused with exit code 1 before anything is stored); files are read and hashed in chunks.
    """
    for path in files:
        # Every file is checked before the first is stored; each is then held alone.
        with open_given(path, EVIDENCE, str(path)):
            pass
    log = open_log(database)
    for path in files:
        with open_given(path, EVIDENCE, str(path)) as handle:
            content = hash_file(handle, EVIDENCE, str(path))[1]
        digest, new = log.records.add_evidence(content)
        click.echo(f"{digest}  {path}" + ("" if new else "  (already stored)"))
