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
from typing import Literal

import msgspec

from ledger.integrity.canonical import CanonicalEvent, CanonicalFormError, parse_canonical
from ledger.integrity.checkpoint import (
    CheckpointError,
    Cosignature,
    SignedCheckpoint,
    parse_signed,
)
from ledger.integrity.keys import Verifier
from ledger.integrity.merkle import ProofError, leaf_hash, verify_inclusion

__all__ = [
    "BundleEntry",
    "BundleError",
    "ProofBundle",
    "VerifiedBundle",
    "VerifiedEntry",
    "bundle_entry",
    "read_bundle",
    "verify_bundle",
]

FORMAT: Literal["assessment-ledger/proof-bundle/v1"] = "assessment-ledger/proof-bundle/v1"


class BundleError(ValueError):
    """A bundle that does not prove what it claims; the message names the part that fails."""


class BundleEntry(msgspec.Struct, frozen=True, kw_only=True):
    event: str
    leaf_index: int
    position: int
    inclusion_proof: list[str]


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
    """Check the checkpoint's signatures and every entry's inclusion; BundleError otherwise."""
    try:
        signed = parse_signed(bundle.checkpoint)
        signed.verify_log(log_key)
        cosignatures = [signed.verify_cosignature(w) for w in witnesses]
    except CheckpointError as error:
        raise BundleError(f"checkpoint: {error}") from error
    head = signed.checkpoint
    verified = []
    for n, item in enumerate(bundle.entries, start=1):
        data = item.event.encode()
        try:
            event = parse_canonical(data)
            proof = [base64.b64decode(p, validate=True) for p in item.inclusion_proof]
            verify_inclusion(item.leaf_index, head.size, leaf_hash(data), proof, head.root)
        except (CanonicalFormError, ProofError, ValueError) as error:
            raise BundleError(f"entry {n} (leaf {item.leaf_index}): {error}") from error
        verified.append(VerifiedEntry(item.leaf_index, item.position, event))
    return VerifiedBundle(signed, cosignatures, verified)
