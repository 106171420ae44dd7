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
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import msgspec

from ledger.errors import InvalidInput, NotFound
from ledger.frameworks.model import Framework
from ledger.integrity.canonical import CanonicalFormError, parse_canonical
from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint, parse_signed
from ledger.integrity.keys import Verifier, by_kind, read_verifier
from ledger.integrity.log import TransparencyLog
from ledger.integrity.stored import StoredEvent, UnreadableEvent, stored_events
from ledger.integrity.verification import Inputs

__all__ = [
    "Manifest",
    "export_inputs",
    "export_keys",
    "live_inputs",
    "read_manifest",
    "write_export",
]

FORMAT = "assessment-ledger/export/v1"


class Manifest(msgspec.Struct, frozen=True, kw_only=True):
    format: str
    events: int
    checkpoints: list[int]
    evidence_files: int
    exported_at: datetime


class _Step(msgspec.Struct, frozen=True, kw_only=True):
    old_size: int
    new_size: int
    proof: list[str]


def _key_file(verifier: Verifier) -> str:
    return f"{verifier.kind}-{verifier.name.replace('/', '_')}.vkey"


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
            out.write(msgspec.json.encode(_Step(old_size=old, new_size=new, proof=proof)) + b"\n")
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


def read_manifest(directory: Path) -> Manifest:
    try:
        manifest = msgspec.json.decode((directory / "manifest.json").read_bytes(), type=Manifest)
    except FileNotFoundError:
        raise NotFound(f"{directory} holds no manifest.json", field="DIR") from None
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        raise InvalidInput(f"manifest.json: {error}", field="DIR") from error
    if manifest.format != FORMAT:
        raise InvalidInput(
            f"{directory} is a {manifest.format!r} export", field="DIR", rule=f"format {FORMAT}"
        )
    return manifest


def export_keys(directory: Path) -> tuple[list[Verifier], list[Verifier]]:
    """The log keys and witness keys the export carries."""
    keys = [read_verifier(p) for p in sorted((directory / "keys").glob("*.vkey"))]
    return by_kind(keys)


def _export_events(path: Path) -> Iterator[StoredEvent | UnreadableEvent]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            data = line.removesuffix(b"\n")
            try:
                event = parse_canonical(data)
            except CanonicalFormError as error:
                yield UnreadableEvent(f"line {number} of events.jsonl: {error}")
                continue
            yield StoredEvent(number, event.originator_id, event.originator_version, data)


def _export_checkpoints(directory: Path) -> list[SignedCheckpoint]:
    found = []
    for path in sorted((directory / "checkpoints").glob("*.note")):
        try:
            found.append(parse_signed(path.read_text(encoding="utf-8")))
        except CheckpointError as error:
            raise InvalidInput(f"{path.name}: {error}", field="checkpoints") from error
    return found


def _export_proofs(directory: Path) -> Callable[[int, int], list[bytes]]:
    steps: dict[tuple[int, int], list[bytes]] = {}
    path = directory / "consistency.jsonl"
    for line in path.read_bytes().splitlines() if path.exists() else []:
        step = msgspec.json.decode(line, type=_Step)
        steps[step.old_size, step.new_size] = [base64.b64decode(p) for p in step.proof]

    def proof(old: int, new: int) -> list[bytes]:
        if (old, new) not in steps:
            raise LookupError(f"the export holds no consistency proof from {old} to {new}")
        return steps[old, new]

    return proof


def _export_evidence(directory: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted((directory / "evidence").glob("*")):
        yield path.name, path.read_bytes()


def export_inputs(
    directory: Path,
    log_keys: list[Verifier],
    witness_keys: list[Verifier],
    frameworks: Callable[[str], Framework],
) -> Inputs:
    read_manifest(directory)
    return Inputs(
        events=_export_events(directory / "events.jsonl"),
        checkpoints=_export_checkpoints(directory),
        log_keys=log_keys,
        witness_keys=witness_keys,
        consistency=_export_proofs(directory),
        evidence=_export_evidence(directory),
        frameworks=frameworks,
        label=lambda e: (
            f"line {e.position} of events.jsonl ({e.originator_id} v{e.originator_version})"
        ),
    )


def live_inputs(
    log: TransparencyLog,
    log_keys: list[Verifier],
    witness_keys: list[Verifier],
    frameworks: Callable[[str], Framework],
) -> Inputs:
    return Inputs(
        events=stored_events(log.app),
        checkpoints=log.records.checkpoints(),
        log_keys=log_keys,
        witness_keys=witness_keys,
        consistency=log.consistency,
        evidence=log.records.evidence(),
        frameworks=frameworks,
        label=lambda e: f"position {e.position} ({e.originator_id} v{e.originator_version})",
        stored_leaves=log.tree.iter_leaves(),
    )
