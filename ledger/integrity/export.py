"""The export directory: everything an outsider needs to verify the ledger without a database.

    DIR/manifest.json        format, counts, checkpoint sizes, when it was written
    DIR/events.jsonl         every event's canonical bytes, one per line, in log order
    DIR/checkpoints/N.note   each signed checkpoint (N = tree size, 12 digits), with cosignatures
    DIR/consistency.jsonl    {"old_size", "new_size", "proof": [base64...]} per consecutive pair
    DIR/keys/*.vkey          the log's and the witnesses' verifier keys as the ledger knows them
    DIR/evidence/SHA256      each evidence file, named by the SHA-256 of its bytes

Line N of ``events.jsonl`` (from 1) is leaf N-1; its bytes without the newline are what the
leaf hash covers.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Annotated

import msgspec

from ledger.errors import InvalidInput
from ledger.integrity.files import (
    safe_file_name,
)
from ledger.integrity.keys import Verifier
from ledger.integrity.log import TransparencyLog
from ledger.integrity.stored import UnreadableEvent, stored_events

__all__ = ["FORMAT", "Manifest", "Step", "write_export"]

FORMAT = "assessment-ledger/export/v1"


_Count = Annotated[int, msgspec.Meta(ge=0)]


class Manifest(msgspec.Struct, frozen=True, kw_only=True):
    format: str
    events: _Count
    checkpoints: list[_Count]
    evidence_files: _Count
    exported_at: datetime


class Step(msgspec.Struct, frozen=True, kw_only=True):
    old_size: int
    new_size: int
    proof: list[str]


def _key_file(verifier: Verifier) -> str:
    return f"{verifier.kind}-{safe_file_name(verifier.name.replace('/', '_'))}.vkey"


def write_export(
    log: TransparencyLog, directory: Path, progress: Callable[[int], None] | None = None
) -> Manifest:
    """Write the export of the whole ledger into ``directory`` (new or empty)."""
    if directory.exists() and any(directory.iterdir()):
        raise InvalidInput(
            f"{directory} is not empty",
            field="DIR",
            rule="an export is written into a new or empty directory",
        )
    log.catch_up()
    for sub in ("checkpoints", "keys", "evidence"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    count = 0
    with (directory / "events.jsonl").open("wb") as out:
        for item in stored_events(log.app):
            if isinstance(item, UnreadableEvent):
                raise item
            out.write(item.data + b"\n")
            count += 1
            if progress is not None:
                progress(count)
    checkpoints = log.records.checkpoints()
    for signed in checkpoints:
        path = directory / "checkpoints" / f"{signed.checkpoint.size:012d}.note"
        path.write_text(signed.text(), encoding="utf-8")
    with (directory / "consistency.jsonl").open("wb") as out:
        for old, new in pairwise(c.checkpoint.size for c in checkpoints):
            if old == 0:
                continue
            proof = [base64.b64encode(p).decode() for p in log.consistency(old, new)]
            out.write(msgspec.json.encode(Step(old_size=old, new_size=new, proof=proof)) + b"\n")
    for verifier in log.records.public_keys():
        (directory / "keys" / _key_file(verifier)).write_text(verifier.text() + "\n")
    evidence = 0
    for name, content in log.records.evidence():
        (directory / "evidence" / name).write_bytes(content)
        evidence += 1
    manifest = Manifest(
        format=FORMAT,
        events=count,
        checkpoints=[c.checkpoint.size for c in checkpoints],
        evidence_files=evidence,
        exported_at=datetime.now(UTC),
    )
    (directory / "manifest.json").write_bytes(
        msgspec.json.format(msgspec.json.encode(manifest), indent=2) + b"\n"
    )
    return manifest
