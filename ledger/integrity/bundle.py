"""Offline proof bundles: events, their inclusion proofs and the checkpoint that covers them.

A bundle is one JSON file. Each entry holds an event's canonical bytes (as UTF-8 text), its
leaf index and the RFC 9162 inclusion proof to the checkpoint's root; the checkpoint is the
signed note, with whatever witness cosignatures it carries. Checking a bundle needs only the
file and the public keys: no database, no network. Leaf indices are the order the ledger
recorded the events in, so a bundle also proves which of its events was recorded first.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from itertools import pairwise
from typing import Annotated, Literal

import msgspec

from ledger.integrity.canonical import CanonicalEvent, CanonicalFormError, parse_canonical
from ledger.integrity.checkpoint import (
    CheckpointError,
    Cosignature,
    SignedCheckpoint,
    parse_signed,
)
from ledger.integrity.files import EVENT_BYTES
from ledger.integrity.keys import Verifier
from ledger.integrity.merkle import ProofError, leaf_hash, verify_inclusion

__all__ = [
    "BundleEntry",
    "BundleError",
    "ProofBundle",
    "VerifiedBundle",
    "VerifiedEntry",
    "bundle_entry",
    "check_signed",
    "read_bundle",
    "verify_bundle",
]

FORMAT: Literal["assessment-ledger/proof-bundle/v1"] = "assessment-ledger/proof-bundle/v1"


class BundleError(ValueError):
    """A bundle that does not prove what it claims; the message names the part that fails."""


_Index = Annotated[int, msgspec.Meta(ge=0)]
# No inclusion proof in a tree of fewer than 2**64 leaves holds more hashes.
_MOST_HASHES = 64


class BundleEntry(msgspec.Struct, frozen=True, kw_only=True):
    event: str
    leaf_index: _Index
    position: _Index
    inclusion_proof: Annotated[list[str], msgspec.Meta(max_length=_MOST_HASHES)]


class ProofBundle(msgspec.Struct, frozen=True, kw_only=True):
    format: Literal["assessment-ledger/proof-bundle/v1"] = FORMAT
    checkpoint: str
    entries: list[BundleEntry]

    def encode(self) -> bytes:
        return msgspec.json.format(msgspec.json.encode(self), indent=2) + b"\n"


@dataclass(frozen=True)
class VerifiedEntry:
    leaf_index: int
    position: int
    event: CanonicalEvent


@dataclass(frozen=True)
class VerifiedBundle:
    signed: SignedCheckpoint
    cosignatures: list[Cosignature]
    entries: list[VerifiedEntry]


def read_bundle(data: bytes) -> ProofBundle:
    try:
        return msgspec.json.decode(data, type=ProofBundle)
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        raise BundleError(f"not a proof bundle ({FORMAT}): {error}") from error


def bundle_entry(data: bytes, leaf_index: int, position: int, proof: list[bytes]) -> BundleEntry:
    return BundleEntry(
        event=data.decode(),
        leaf_index=leaf_index,
        position=position,
        inclusion_proof=[base64.b64encode(p).decode() for p in proof],
    )


def verify_bundle(
    bundle: ProofBundle, log_key: Verifier, witnesses: list[Verifier]
) -> VerifiedBundle:
    """Check the checkpoint's signatures (the log's and every witness's in ``witnesses``)
    and every entry's inclusion; BundleError naming the part that fails otherwise.

    Requires nothing of the bundle: it refuses one with no entries, an entry whose leaf is
    not in the checkpoint's tree (0 <= leaf_index < size), two entries for one leaf, and
    entries whose positions are not in the order of their leaves.
    """
    if not bundle.entries:
        raise BundleError("the bundle holds no entries: it proves nothing")
    signed, cosignatures = check_signed(bundle.checkpoint, log_key, witnesses)
    head = signed.checkpoint
    verified = [
        _verified(n, item, head.size, head.root) for n, item in enumerate(bundle.entries, 1)
    ]
    _check_order(verified)
    return VerifiedBundle(signed, cosignatures, verified)


def check_signed(
    note: str, log_key: Verifier, witnesses: list[Verifier]
) -> tuple[SignedCheckpoint, list[Cosignature]]:
    """The checkpoint note, signed by ``log_key`` and cosigned by every one of ``witnesses``."""
    try:
        signed = parse_signed(note)
        signed.verify_log(log_key)
        return signed, [signed.verify_cosignature(w) for w in witnesses]
    except CheckpointError as error:
        raise BundleError(f"checkpoint: {error}") from error


def _verified(n: int, item: BundleEntry, size: int, root: bytes) -> VerifiedEntry:
    where = f"entry {n} (leaf {item.leaf_index})"
    if item.leaf_index >= size:
        raise BundleError(
            f"{where}: the checkpoint's tree holds leaves 0 to {size - 1}; "
            f"leaf {item.leaf_index} is not in it"
        )
    if item.position <= item.leaf_index:
        raise BundleError(
            f"{where}: claims position {item.position}, but {item.leaf_index} events were "
            f"recorded before it, so its log position is above {item.leaf_index}"
        )
    try:
        data = item.event.encode()
        if len(data) > EVENT_BYTES:
            raise BundleError(f"the event is {len(data)} bytes; an event is at most {EVENT_BYTES}")
        event = parse_canonical(data)
        proof = [base64.b64decode(p, validate=True) for p in item.inclusion_proof]
        verify_inclusion(item.leaf_index, size, leaf_hash(data), proof, root)
    except (CanonicalFormError, ProofError, ValueError) as error:
        raise BundleError(f"{where}: {error}") from error
    return VerifiedEntry(item.leaf_index, item.position, event)


def _check_order(entries: list[VerifiedEntry]) -> None:
    """Leaves are numbered in recording order, and so are positions: their orders agree."""
    ordered = sorted(entries, key=lambda e: e.leaf_index)
    for a, b in pairwise(ordered):
        if a.leaf_index == b.leaf_index:
            raise BundleError(f"two entries are for leaf {a.leaf_index}")
        if a.position >= b.position:
            raise BundleError(
                f"leaf {a.leaf_index} is at position {a.position} and leaf {b.leaf_index} at "
                f"position {b.position}: positions must rise with leaves"
            )
