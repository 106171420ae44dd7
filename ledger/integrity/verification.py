"""Full verification in one pass over the events: every leaf, every checkpoint, the checkpoint
the verifier already holds, the rules every event was recorded under, and the evidence. The
same code checks a live store (``ledger verify``) and an export (``ledger verify-export``).

Trust comes from the caller: the policy's keys (``TrustPolicy``) and the newest checkpoint the
caller holds (``held``). Keys and checkpoints found with the data are checked against them,
never trusted for themselves. Every failure found is reported; the first bad event and the
first bad checkpoint are named, which is where an auditor starts looking.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol, cast

from eventsourcing.persistence import MapperDeserialisationError, StoredEvent

from ledger.demo_store import demo_notice
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.events import IdentityBootstrapped
from ledger.errors import LedgerError
from ledger.integrity.anchors import check_held, check_signatures, history_kept, root_holds
from ledger.integrity.canonical import CanonicalFormError, parse_canonical, stored_payload
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.merkle import Frontier, ProofError, leaf_hash, verify_consistency
from ledger.integrity.policy import TrustPolicy
from ledger.integrity.report import Failure, Report
from ledger.integrity.stored import StoredEvent as LogEvent
from ledger.integrity.stored import UnreadableEvent
from ledger.integrity.tree_store import Leaf
from ledger.persistence.codec import MsgspecMapper, MsgspecTranscoder

__all__ = ["Failure", "Inputs", "Report", "RuleCheck", "verify"]

# A placeholder leaf for a record with no canonical form: it can match no signed root.
_UNREADABLE = leaf_hash(b"\x00unreadable")


class RuleCheck(Protocol):
    """Checks each event against the rules it was recorded under (``commands.replay``)."""

    replayed: int
    certifications: int

    def feed(self, event: LedgerEvent) -> list[str]: ...

    def finish(self) -> list[str]: ...

    def name(self, event: LedgerEvent) -> str: ...


@dataclass(frozen=True)
class Inputs:
    """Where verification reads from. ``label`` names an event for a person (position, line).

    ``policy`` is None when the caller gave no trust anchor: everything is still recomputed,
    but no signature can be vouched for. ``held`` are checkpoints the caller already holds
    (the log must extend each); ``findings`` are problems met while reading the inputs
    themselves (read after the events, since some are found while they stream).
    """

    events: Iterable[LogEvent | UnreadableEvent]
    checkpoints: list[SignedCheckpoint]
    consistency: Callable[[int, int], list[bytes]]
    evidence: Iterable[tuple[str, bytes]]
    label: Callable[[LogEvent], str]
    policy: TrustPolicy | None = None
    held: tuple[SignedCheckpoint, ...] = ()
    rules: RuleCheck | None = None
    stored_leaves: Iterator[Leaf] | None = None
    findings: Sequence[Failure] = ()


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
    report = Report(anchored=inputs.policy is not None)
    stored = sorted(inputs.checkpoints, key=lambda c: c.checkpoint.size)
    trusted = check_signatures(report, stored, inputs.policy)
    held = [h for h in inputs.held if check_held(report, h, inputs.policy)]
    roots: dict[int, bytes] = {}
    referenced: dict[str, str] = {}
    wanted = {c.checkpoint.size for c in [*stored, *held]}
    frontier = Frontier()
    for item in inputs.events:
        index = frontier.size
        if isinstance(item, UnreadableEvent):
            report.fail("event", f"leaf {index}: {item}")
            frontier.append(_UNREADABLE)
        else:
            leaf = leaf_hash(item.data)
            _compare_leaf(report, inputs, item, index, leaf)
            frontier.append(leaf)
            _replay(report, inputs, item, referenced)
        if frontier.size in wanted:
            roots[frontier.size] = frontier.root()
        if progress is not None:
            progress(frontier.size)
    report.events = frontier.size
    if inputs.rules is not None:
        for message in inputs.rules.finish():
            report.fail("rule", f"at the end of the log: {message}")
        report.replayed = inputs.rules.replayed
        report.certifications = inputs.rules.certifications
    _check_extra_leaves(report, inputs)
    holding = [s for s in stored if root_holds(report, s, roots, "checkpoint")]
    anchors = [s for s in holding if s in trusted]
    for signed in held:
        if root_holds(report, signed, roots, "held") and history_kept(report, signed, stored):
            anchors.append(signed)
    report.newest = max(anchors, key=lambda s: s.checkpoint.size, default=None)
    report.sealed = report.newest.checkpoint.size if report.newest else 0
    if not stored and report.events:
        report.fail(
            "checkpoint",
            f"the store holds {report.events} events and no checkpoint: nothing signs its "
            "history (checkpoints were never made, or were deleted)",
        )
    _check_chain(report, stored, inputs.consistency)
    _check_evidence(report, inputs.evidence, referenced)
    for finding in inputs.findings:
        report.fail(finding.kind, finding.message)
    if report.unlogged:
        report.notes.append(
            f"{report.unlogged} events are newer than the Merkle log; the next write or "
            "`ledger checkpoint` takes them in"
        )
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


def _check_extra_leaves(report: Report, inputs: Inputs) -> None:
    if inputs.stored_leaves is None:
        return
    extra = next(inputs.stored_leaves, None)
    if extra is not None:
        report.fail(
            "event",
            f"leaf {extra.index}: the Merkle log holds position {extra.position} "
            f"({extra.originator_id} v{extra.originator_version}) but the store does not",
        )


def _replay(report: Report, inputs: Inputs, item: LogEvent, referenced: dict[str, str]) -> None:
    try:
        event = _domain(item)
    except (CanonicalFormError, MapperDeserialisationError, ValueError) as error:
        report.fail("event", f"{inputs.label(item)} cannot be read as a ledger event: {error}")
        return
    for evidence in getattr(event, "evidence", ()):
        referenced.setdefault(evidence.sha256, inputs.label(item))
    if isinstance(event, IdentityBootstrapped) and event.demo_scenario is not None:
        report.notes.append(demo_notice(event.demo_scenario))
    if inputs.rules is None:
        return
    name = inputs.rules.name(event)
    for message in inputs.rules.feed(event):
        report.fail("rule", f"{inputs.label(item)} {name}: {message}")


def _check_chain(
    report: Report,
    checkpoints: list[SignedCheckpoint],
    consistency: Callable[[int, int], list[bytes]],
) -> None:
    for old, new in pairwise(checkpoints):
        a, b = old.checkpoint, new.checkpoint
        if a.size == 0 or b.size > report.events:
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
