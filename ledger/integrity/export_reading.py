"""Reading an export without trusting it (the folder ``ledger export`` writes; see
``ledger.integrity.export`` for its layout).

Everything in the folder is a claim: the manifest's counts are checked against what is there,
only regular files of the expected names are read (through ``ledger.integrity.files``), with
size limits, and anything else found is a finding for the verification report, never a crash
or a wait.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec

from ledger.errors import InvalidInput, LedgerError
from ledger.integrity.canonical import CanonicalFormError, parse_canonical
from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint, parse_signed
from ledger.integrity.export import FORMAT, Manifest, Step
from ledger.integrity.files import (
    CHECKPOINT_NOTE,
    CONSISTENCY,
    EVENT_BYTES,
    EVIDENCE,
    KEY_FILE,
    MANIFEST,
    Entry,
    FileKind,
    LongLine,
    list_folder,
    open_inside,
    read_inside,
    read_lines,
)
from ledger.integrity.keys import KeyFileError, Verifier, by_kind, parse_verifier
from ledger.integrity.merkle import HASH_SIZE
from ledger.integrity.policy import TrustPolicy
from ledger.integrity.stored import StoredEvent, UnreadableEvent
from ledger.integrity.verification import Failure, Inputs, RuleCheck

__all__ = ["export_keys", "read_export", "read_manifest"]


_FIXED = re.compile(r"[a-z]+(\.[a-z]+)?")
_NOTE = re.compile(r"[0-9]{12}\.note")
_EVIDENCE = re.compile(r"[0-9a-f]{64}")
_KEY = re.compile(r"(log|witness)-[A-Za-z0-9._-]{1,200}\.vkey")
_LAYOUT = {
    "manifest.json": True,
    "events.jsonl": True,
    "consistency.jsonl": True,
    "checkpoints": False,
    "keys": False,
    "evidence": False,
}
# The most hashes a consistency proof between trees of fewer than 2**64 leaves holds.
_MOST_PROOF_HASHES = 128
_EVENTS_FILE = FileKind("events file", 1 << 62)
_FINDING_KIND = {"checkpoints": "checkpoint", "keys": "key", "evidence": "evidence"}


class _Scan:
    """One export folder, looked at without trusting it: what is there, what is wrong."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.findings: list[Failure] = []
        self.evidence_names: list[str] = []
        self.here = {e.name: e for e in self._list("", ())}
        for entry in self.here.values():
            regular = _LAYOUT.get(entry.name)
            if regular is None:
                self._find("export", f"{entry.name!r} ({entry.kind}) is not part of an export")
            elif regular != entry.regular or (not regular and entry.kind != "a directory"):
                wanted = "a regular file" if regular else "a directory"
                self._find("export", f"{entry.name} is {entry.kind}, not {wanted}")
        for name in _LAYOUT:
            if name not in self.here:
                self._find("export", f"the export holds no {name}")

    def _find(self, kind: str, message: str) -> None:
        self.findings.append(Failure(kind, message))

    def _list(self, sub: str, pattern: tuple[tuple[str, re.Pattern[str]], ...]) -> list[Entry]:
        try:
            return list_folder(self.directory, pattern)
        except LedgerError as error:
            self._find("export", f"{sub or '.'}: {error.message}")
            return []

    def _folder(self, name: str, pattern: re.Pattern[str], kind: str) -> list[str]:
        """The regular files of a sub-folder named as ``pattern`` says; the rest are findings."""
        if name not in self.here or self.here[name].kind != "a directory":
            return []
        names = []
        for entry in self._list(name, ((name, _FIXED),)):
            if not pattern.fullmatch(entry.name):
                self._find(kind, f"{name}/{entry.name!r} is not a name an export uses there")
            elif not entry.regular:
                self._find(kind, f"{name}/{entry.name} is {entry.kind}, not a regular file")
            else:
                names.append(entry.name)
        return names

    def _read(self, sub: str, name: str, pattern: re.Pattern[str], kind: FileKind) -> bytes | None:
        try:
            return read_inside(self.directory, ((sub, _FIXED), (name, pattern)), kind)
        except LedgerError as error:
            self._find(_FINDING_KIND[sub], error.message)
            return None

    def _lines(self, name: str, kind: FileKind) -> Iterator[bytes | LongLine]:
        if name not in self.here or not self.here[name].regular:
            return
        try:
            with open_inside(self.directory, ((name, _FIXED),), kind) as handle:
                yield from read_lines(handle)
        except LedgerError as error:
            self._find("export", error.message)

    def check_events(self, manifest: Manifest) -> None:
        count = 0
        for count, line in enumerate(self._lines("events.jsonl", _EVENTS_FILE), start=1):
            length = line.length if isinstance(line, LongLine) else len(line)
            if length > EVENT_BYTES:
                self._find(
                    "event",
                    f"line {count} of events.jsonl holds {length} bytes; an event holds at "
                    f"most {EVENT_BYTES}",
                )
        if count != manifest.events:
            self._find(
                "export",
                f"manifest.json claims {manifest.events} events; events.jsonl holds {count} lines",
            )

    def events(self) -> Iterator[StoredEvent | UnreadableEvent]:
        for number, line in enumerate(self._lines("events.jsonl", _EVENTS_FILE), start=1):
            if isinstance(line, LongLine):
                yield UnreadableEvent(f"line {number} of events.jsonl is over the line limit")
                continue
            try:
                event = parse_canonical(line)
            except CanonicalFormError as error:
                yield UnreadableEvent(f"line {number} of events.jsonl: {error}")
                continue
            yield StoredEvent(number, event.originator_id, event.originator_version, line)

    def checkpoints(self, manifest: Manifest) -> list[SignedCheckpoint]:
        found: dict[str, SignedCheckpoint] = {}
        for name in self._folder("checkpoints", _NOTE, "checkpoint"):
            data = self._read("checkpoints", name, _NOTE, CHECKPOINT_NOTE)
            if data is None:
                continue
            try:
                signed = parse_signed(data.decode("utf-8"))
            except (CheckpointError, UnicodeDecodeError) as error:
                self._find("checkpoint", f"checkpoints/{name}: {error}")
                continue
            if signed.checkpoint.size != int(name.removesuffix(".note")):
                self._find(
                    "checkpoint",
                    f"checkpoints/{name} holds a checkpoint of size {signed.checkpoint.size}",
                )
            found[name] = signed
        claimed = {f"{size:012d}.note" for size in manifest.checkpoints}
        if len(claimed) != len(manifest.checkpoints):
            self._find("export", "manifest.json names a checkpoint size more than once")
        for name in sorted(claimed - set(found)):
            self._find("checkpoint", f"manifest.json claims checkpoints/{name}; it is not here")
        for name in sorted(set(found) - claimed):
            self._find("checkpoint", f"checkpoints/{name} is here; manifest.json does not claim it")
        return [found[name] for name in sorted(found)]

    def proofs(self) -> Callable[[int, int], list[bytes]]:
        steps: dict[tuple[int, int], list[bytes]] = {}
        for number, line in enumerate(self._lines("consistency.jsonl", CONSISTENCY), start=1):
            where = f"line {number} of consistency.jsonl"
            try:
                if isinstance(line, LongLine):
                    raise ValueError(f"{line.length} bytes, over the line limit")
                step = msgspec.json.decode(line, type=Step)
                if not 0 < step.old_size < step.new_size:
                    raise ValueError("it needs 0 < old_size < new_size")
                if len(step.proof) > _MOST_PROOF_HASHES:
                    raise ValueError(f"{len(step.proof)} hashes is more than any proof holds")
                hashes = [base64.b64decode(p, validate=True) for p in step.proof]
                if any(len(h) != HASH_SIZE for h in hashes):
                    raise ValueError(f"every hash is {HASH_SIZE} bytes")
            except (msgspec.DecodeError, msgspec.ValidationError, binascii.Error) as error:
                self._find("checkpoint", f"{where}: {error}")
                continue
            except ValueError as error:
                self._find("checkpoint", f"{where}: {error}")
                continue
            if (step.old_size, step.new_size) in steps:
                self._find(
                    "checkpoint", f"{where}: a second proof from {step.old_size} to {step.new_size}"
                )
            steps[step.old_size, step.new_size] = hashes

        def proof(old: int, new: int) -> list[bytes]:
            if (old, new) not in steps:
                raise LookupError(f"the export holds no consistency proof from {old} to {new}")
            return steps[old, new]

        return proof

    def keys(self) -> list[Verifier]:
        found = []
        for name in self._folder("keys", _KEY, "key"):
            data = self._read("keys", name, _KEY, KEY_FILE)
            if data is None:
                continue
            try:
                found.append(parse_verifier(data.decode("utf-8")))
            except (KeyFileError, UnicodeDecodeError) as error:
                self._find("key", f"keys/{name}: {error}")
        return found

    def check_evidence(self, manifest: Manifest) -> None:
        self.evidence_names = self._folder("evidence", _EVIDENCE, "evidence")
        held = len(self.evidence_names)
        if held != manifest.evidence_files:
            self._find(
                "export",
                f"manifest.json claims {manifest.evidence_files} evidence files; "
                f"evidence/ holds {held}",
            )

    def evidence(self) -> Iterator[tuple[str, bytes]]:
        for name in self.evidence_names:
            data = self._read("evidence", name, _EVIDENCE, EVIDENCE)
            if data is not None:
                yield name, data


def read_manifest(directory: Path) -> Manifest:
    """The manifest of the export in ``directory``.

    Raises NotFound when there is none, InvalidInput when it is not a regular file of at
    most 1 MiB, or not a manifest of this format. Its counts are claims: ``read_export``
    checks them.
    """
    data = read_inside(directory, (("manifest.json", _FIXED),), MANIFEST)
    try:
        manifest = msgspec.json.decode(data, type=Manifest)
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        raise InvalidInput(f"manifest.json: {error}", field="DIR") from error
    if manifest.format != FORMAT:
        raise InvalidInput(
            f"{directory} is a {manifest.format!r} export", field="DIR", rule=f"format {FORMAT}"
        )
    return manifest


def export_keys(directory: Path) -> tuple[list[Verifier], list[Verifier]]:
    """The log keys and witness keys the export carries (unreadable ones are left out;
    ``read_export`` names them)."""
    return by_kind(_Scan(directory).keys())


def read_export(
    directory: Path,
    *,
    policy: TrustPolicy | None,
    held: tuple[SignedCheckpoint, ...],
    rules: RuleCheck | None,
) -> Inputs:
    """The verification inputs of an export, with what is wrong with the export as a folder
    as ``findings``: each claim of the manifest checked (events, checkpoints, evidence
    files), anything in the folder that is not a regular file of the expected name, oversized
    lines, malformed keys and consistency steps. Oversized event lines are found while the
    events stream, so the list is complete once ``verify`` has read them.

    Reads nothing but regular files inside ``directory`` (see ``ledger.integrity.files``).
    Raises what ``read_manifest`` raises; everything else is a finding.
    """
    manifest = read_manifest(directory)
    scan = _Scan(directory)
    scan.check_events(manifest)
    checkpoints = scan.checkpoints(manifest)
    proofs = scan.proofs()
    scan.keys()
    scan.check_evidence(manifest)
    return Inputs(
        events=scan.events(),
        checkpoints=checkpoints,
        consistency=proofs,
        evidence=scan.evidence(),
        label=lambda e: (
            f"line {e.position} of events.jsonl ({e.originator_id} v{e.originator_version})"
        ),
        policy=policy,
        held=held,
        rules=rules,
        findings=scan.findings,
    )
