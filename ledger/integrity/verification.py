"""Full verification: every leaf, every checkpoint, the chain between them, the certified scores
and the evidence, in one pass over the events. The same code checks a live store (``ledger
verify``) and an export (``ledger verify-export``); only where the inputs come from differs.

It reports every failure it finds, and names the first bad event and the first bad checkpoint,
which is where an auditor starts looking.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import cast

from eventsourcing.persistence import MapperDeserialisationError, StoredEvent

from ledger.domain.events import LedgerEvent
from ledger.errors import LedgerError
from ledger.frameworks.model import Framework
from ledger.integrity.canonical import CanonicalFormError, parse_canonical, stored_payload
from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint
from ledger.integrity.keys import Verifier
from ledger.integrity.merkle import Frontier, ProofError, leaf_hash, verify_consistency
from ledger.integrity.replay import CertificationReplay
from ledger.integrity.stored import StoredEvent as LogEvent
from ledger.integrity.stored import UnreadableEvent
from ledger.integrity.tree_store import Leaf
from ledger.persistence.codec import MsgspecMapper, MsgspecTranscoder

__all__ = ["Failure", "Inputs", "Report", "verify"]

# A placeholder leaf for a record with no canonical form: it can match no signed root.
_UNREADABLE = leaf_hash(b"\x00unreadable")


@dataclass(frozen=True)
class Failure:
    kind: str
    message: str


@dataclass
class Report:
    events: int = 0
    checkpoints: int = 0
    cosignatures: int = 0
    certifications: int = 0
    evidence_files: int = 0
    unlogged: int = 0
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_bad_event: str | None = None
    first_bad_checkpoint: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    def fail(self, kind: str, message: str) -> None:
        self.failures.append(Failure(kind, message))
        if kind == "event" and self.first_bad_event is None:
            self.first_bad_event = message
        if kind == "checkpoint" and self.first_bad_checkpoint is None:
            self.first_bad_checkpoint = message


@dataclass(frozen=True)
class Inputs:
    """Where verification reads from. ``label`` names an event for a person (position, line)."""

    events: Iterable[LogEvent | UnreadableEvent]
    checkpoints: list[SignedCheckpoint]
    log_keys: list[Verifier]
    witness_keys: list[Verifier]
    consistency: Callable[[int, int], list[bytes]]
    evidence: Iterable[tuple[str, bytes]]
    frameworks: Callable[[str], Framework]
    label: Callable[[LogEvent], str]
    stored_leaves: Iterator[Leaf] | None = None


_MAPPER = MsgspecMapper(transcoder=MsgspecTranscoder())


def _domain(event: LogEvent) -> LedgerEvent:
    canonical = parse_canonical(event.data)
    stored = StoredEvent(
        originator_id=canonical.originator_id,
        originator_version=canonical.originator_version,
        topic=canonical.topic,
        state=stored_payload(canonical),
    )
    return cast(LedgerEvent, _MAPPER.to_domain_event(stored))


def verify(inputs: Inputs, progress: Callable[[int], None] | None = None) -> Report:
    report = Report()
    pending = sorted(inputs.checkpoints, key=lambda c: c.checkpoint.size)
    _check_signatures(report, pending, inputs.log_keys, inputs.witness_keys)
    frontier = Frontier()
    replay = CertificationReplay(inputs.frameworks)
    referenced: dict[str, str] = {}
    waiting = list(pending)
    for item in inputs.events:
        index = frontier.size
        if isinstance(item, UnreadableEvent):
            report.fail("event", f"leaf {index}: {item}")
            frontier.append(_UNREADABLE)
        else:
            leaf = leaf_hash(item.data)
            _compare_leaf(report, inputs, item, index, leaf)
            frontier.append(leaf)
            _replay(report, inputs, replay, item, referenced)
        while waiting and waiting[0].checkpoint.size == frontier.size:
            _check_root(report, waiting.pop(0), frontier.root())
        if progress is not None:
            progress(frontier.size)
    report.events = frontier.size
    report.certifications = replay.certifications
    for signed in waiting:
        report.fail(
            "checkpoint",
            f"checkpoint of size {signed.checkpoint.size} was signed, but only "
            f"{frontier.size} events are here: events {frontier.size + 1} to "
            f"{signed.checkpoint.size} are missing",
        )
    if inputs.stored_leaves is not None:
        extra = next(inputs.stored_leaves, None)
        if extra is not None:
            report.fail(
                "event",
                f"leaf {extra.index}: the Merkle log holds position {extra.position} "
                f"({extra.originator_id} v{extra.originator_version}) but the store does not",
            )
    covered = pending[-1].checkpoint.size if pending else 0
    if frontier.size > covered:
        report.notes.append(
            f"{frontier.size - covered} events are newer than the last checkpoint "
            f"(of {covered}); no signature covers them yet"
        )
    if report.unlogged:
        report.notes.append(
            f"{report.unlogged} events are newer than the Merkle log; `ledger checkpoint` "
            "takes them in"
        )
    _check_chain(report, pending, inputs.consistency)
    _check_evidence(report, inputs.evidence, referenced)
    return report


def _compare_leaf(report: Report, inputs: Inputs, item: LogEvent, index: int, leaf: bytes) -> None:
    if inputs.stored_leaves is None:
        return
    kept = next(inputs.stored_leaves, None)
    if kept is None:
        report.unlogged += 1
        return
    if kept.position != item.position or (kept.originator_id, kept.originator_version) != (
        item.originator_id,
        item.originator_version,
    ):
        report.fail(
            "event",
            f"leaf {index}: the Merkle log has position {kept.position} ({kept.originator_id} "
            f"v{kept.originator_version}) where the store has {inputs.label(item)} "
            "(an event was deleted, inserted or moved)",
        )
    elif kept.hash != leaf:
        report.fail(
            "event",
            f"leaf {index}: {inputs.label(item)} is not the event the Merkle log recorded "
            "(its bytes changed)",
        )


def _replay(
    report: Report,
    inputs: Inputs,
    replay: CertificationReplay,
    item: LogEvent,
    referenced: dict[str, str],
) -> None:
    try:
        event = _domain(item)
    except (CanonicalFormError, MapperDeserialisationError, ValueError) as error:
        report.fail("event", f"{inputs.label(item)} cannot be read as a ledger event: {error}")
        return
    for evidence in getattr(event, "evidence", ()):
        referenced.setdefault(evidence.sha256, inputs.label(item))
    mismatch = replay.feed(event)
    if mismatch is not None:
        report.fail(
            "score",
            f"{mismatch.agreement} v{mismatch.version} ({inputs.label(item)}): {mismatch.message}",
        )


def _check_signatures(
    report: Report,
    checkpoints: list[SignedCheckpoint],
    log_keys: list[Verifier],
    witness_keys: list[Verifier],
) -> None:
    report.checkpoints = len(checkpoints)
    cosigned_by: set[str] = set()
    for signed in checkpoints:
        size = signed.checkpoint.size
        keys = [k for k in log_keys if k.name == signed.checkpoint.origin]
        try:
            if not keys:
                raise CheckpointError(f"no log key named {signed.checkpoint.origin!r} is known")
            signed.verify_log(keys[0])
        except CheckpointError as error:
            report.fail("checkpoint", f"checkpoint of size {size}: {error}")
        for witness in witness_keys:
            if not signed.signed_by(witness.name):
                continue
            try:
                signed.verify_cosignature(witness)
            except CheckpointError as error:
                report.fail("checkpoint", f"checkpoint of size {size}: {error}")
                continue
            report.cosignatures += 1
            cosigned_by.add(witness.name)
    for witness in witness_keys:
        if checkpoints and witness.name not in cosigned_by:
            report.fail("checkpoint", f"no checkpoint is cosigned by witness {witness.name}")


def _check_root(report: Report, signed: SignedCheckpoint, root: bytes) -> None:
    if signed.checkpoint.root != root:
        report.fail(
            "checkpoint",
            f"checkpoint of size {signed.checkpoint.size}: the root recomputed from the events "
            "is not the signed root (an event it covers was changed, removed or added)",
        )


def _check_chain(
    report: Report,
    checkpoints: list[SignedCheckpoint],
    consistency: Callable[[int, int], list[bytes]],
) -> None:
    for old, new in pairwise(checkpoints):
        a, b = old.checkpoint, new.checkpoint
        if a.size == 0:
            continue
        try:
            proof = consistency(a.size, b.size) if b.size > a.size else []
            verify_consistency(a.size, b.size, a.root, b.root, proof)
        except (ProofError, LookupError, ValueError, LedgerError) as error:
            report.fail(
                "checkpoint",
                f"checkpoint of size {b.size} does not extend the one of size {a.size}: {error}",
            )


def _check_evidence(
    report: Report, evidence: Iterable[tuple[str, bytes]], referenced: dict[str, str]
) -> None:
    held: set[str] = set()
    for name, content in evidence:
        report.evidence_files += 1
        held.add(name)
        if hashlib.sha256(content).hexdigest() != name:
            report.fail("evidence", f"evidence {name}: its bytes no longer hash to its name")
    for digest, where in sorted(referenced.items()):
        if digest not in held:
            report.fail("evidence", f"evidence {digest} named by {where} is not in the store")
