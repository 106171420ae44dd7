"""Offline proofs in the open format c2sp.org/tlog-proof@v1, one event a proof.

A proof is text: the line ``c2sp.org/tlog-proof@v1``, an ``extra`` line, an ``index`` line, the
RFC 6962 inclusion proof (one base64 hash a line, from the leaf's sibling up), an empty line and
the signed checkpoint verbatim, cosignatures included. The spec leaves ``extra`` to the
application and says not to trust it as given: here it carries the event's canonical bytes, and
a verifier trusts them only because their leaf hash leads, through the proof, to the root the
log signed. Any tlog-proof reader can check the inclusion; reading the event needs this ledger's
canonical form (docs/PROOFS.md). The ledger's own JSON bundle (ledger/integrity/bundle.py) stays
the richer wrapper: several events, their log positions, their order.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from ledger.integrity.bundle import BundleError, check_signed
from ledger.integrity.canonical import CanonicalEvent, CanonicalFormError, parse_canonical
from ledger.integrity.checkpoint import Cosignature, SignedCheckpoint
from ledger.integrity.files import EVENT_BYTES
from ledger.integrity.keys import Verifier
from ledger.integrity.merkle import ProofError, leaf_hash, verify_inclusion
from ledger.integrity.note_fields import decimal, proof_hashes

__all__ = ["HEADER", "TLogProof", "VerifiedTLogProof", "parse_tlog_proof", "verify_tlog_proof"]

HEADER = "c2sp.org/tlog-proof@v1"


@dataclass(frozen=True)
class TLogProof:
    index: int
    hashes: tuple[bytes, ...]
    checkpoint: str
    extra: bytes | None = None

    def text(self) -> str:
        lines = [HEADER]
        if self.extra is not None:
            lines.append(f"extra {base64.b64encode(self.extra).decode()}")
        lines.append(f"index {self.index}")
        lines += [base64.b64encode(h).decode() for h in self.hashes]
        return "\n".join(lines) + "\n\n" + self.checkpoint


@dataclass(frozen=True)
class VerifiedTLogProof:
    index: int
    event: CanonicalEvent
    signed: SignedCheckpoint
    cosignatures: list[Cosignature]


def _base64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise BundleError(f"the {what} is not base64") from error


def parse_tlog_proof(text: str) -> TLogProof:
    """Read a tlog-proof; BundleError names the line that does not follow the format."""
    head, separator, checkpoint = text.partition("\n\n")
    if not separator:
        raise BundleError("a tlog-proof has its proof lines, an empty line, then the checkpoint")
    lines = head.split("\n")
    if lines[0] != HEADER:
        raise BundleError(f"a tlog-proof starts with the line {HEADER!r}")
    extra = None
    rest = lines[1:]
    if rest and rest[0].startswith("extra "):
        extra = _base64(rest.pop(0).removeprefix("extra "), "extra data")
    if not rest or not rest[0].startswith("index "):
        raise BundleError("the line after the header (and extra) is 'index N'")
    try:
        index = decimal(rest[0].removeprefix("index "), "the index")
        hashes = proof_hashes(rest[1:], "inclusion proof")
    except ValueError as error:
        raise BundleError(str(error)) from error
    return TLogProof(index, hashes, checkpoint, extra)


def verify_tlog_proof(
    proof: TLogProof, log_key: Verifier, witnesses: list[Verifier]
) -> VerifiedTLogProof:
    """Check the checkpoint's signatures (the log's, every witness's in ``witnesses``) and
    that the event on the extra line is the leaf at ``index`` of the signed tree."""
    signed, cosignatures = check_signed(proof.checkpoint, log_key, witnesses)
    head = signed.checkpoint
    if proof.extra is None:
        raise BundleError("the proof carries no event: a ledger proof's extra line holds it")
    if len(proof.extra) > EVENT_BYTES:
        raise BundleError(f"the event is {len(proof.extra)} bytes; at most {EVENT_BYTES}")
    if proof.index >= head.size:
        raise BundleError(
            f"the checkpoint's tree holds leaves 0 to {head.size - 1}; "
            f"leaf {proof.index} is not in it"
        )
    try:
        event = parse_canonical(proof.extra)
        verify_inclusion(proof.index, head.size, leaf_hash(proof.extra), proof.hashes, head.root)
    except (CanonicalFormError, ProofError) as error:
        raise BundleError(f"leaf {proof.index}: {error}") from error
    return VerifiedTLogProof(proof.index, event, signed, cosignatures)
