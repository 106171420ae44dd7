"""Checkpoints as C2SP signed notes: the log's signature and witnesses' timestamped cosignatures.

A checkpoint body (C2SP tlog-checkpoint) is three lines: the log's origin, the tree size in
decimal, and the base64 root hash. The signed note is the body, a blank line, and signature
lines ``— NAME base64(KEYID || SIGNATURE)``. The log signs the body itself (type 0x01). A
witness (C2SP tlog-cosignature) puts the 8-byte big-endian time T before its signature, so a
cosignature says when the witness saw the tree; what it signs depends on its key:

- Ed25519 (type 0x04): ``cosignature/v1\\ntime T\\n`` + the body, 64-byte signature;
- ML-DSA-44 (type 0x06): the binary ``cosigned_message`` of a subtree [0, size), which also
  commits to the witness's own name, 2,420-byte signature.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime

from ledger.integrity.keys import (
    MLDSA_COSIGNATURE,
    NOTE_SIGNATURE,
    KeyFileError,
    Signer,
    Verifier,
)
from ledger.integrity.merkle import HASH_SIZE
from ledger.integrity.note_fields import decimal

__all__ = [
    "Checkpoint",
    "CheckpointError",
    "Cosignature",
    "SignedCheckpoint",
    "cosign",
    "parse_signed",
    "sign",
]

_DASH = "\N{EM DASH} "
_SIGNATURE_SIZE = {"ed25519": 64, "ml-dsa-44": 2420}
_TIME = 8
# tlog-cosignature: "It MUST NOT exceed 2^63 - 1".
_LATEST = 2**63 - 1


class CheckpointError(ValueError):
    """A checkpoint that cannot be read or whose signature does not hold."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def body(self) -> str:
        return f"{self.origin}\n{self.size}\n{self.root_base64}\n"

    @property
    def root_base64(self) -> str:
        """The root hash as the note's third line writes it."""
        return base64.b64encode(self.root).decode()


@dataclass(frozen=True)
class Cosignature:
    witness: str
    time: datetime


@dataclass(frozen=True)
class SignedCheckpoint:
    checkpoint: Checkpoint
    signature_lines: tuple[str, ...]

    def text(self) -> str:
        return self.checkpoint.body() + "\n" + "".join(f"{line}\n" for line in self.signature_lines)

    @staticmethod
    def signer_of(line: str) -> str:
        """The key name a signature line is by (``— NAME SIGNATURE``)."""
        return line.removeprefix(_DASH).partition(" ")[0]

    def signed_by(self, name: str) -> bool:
        return any(self.signer_of(line) == name for line in self.signature_lines)

    def with_lines(self, lines: tuple[str, ...]) -> SignedCheckpoint:
        """The same checkpoint carrying these signature lines too (each line once)."""
        merged = self.signature_lines + tuple(x for x in lines if x not in self.signature_lines)
        return SignedCheckpoint(self.checkpoint, merged)

    def verify_log(self, log: Verifier) -> None:
        """CheckpointError unless the log's key signed this body and names its origin."""
        if log.key_type != NOTE_SIGNATURE:
            raise CheckpointError(f"{log.name} is not a log (note signature, type 0x01) key")
        if log.name != self.checkpoint.origin:
            raise CheckpointError(
                f"the checkpoint's origin {self.checkpoint.origin!r} is not the log key's "
                f"name {log.name!r}"
            )
        signature = self._signature_of(log)
        if not log.verify(signature, self.checkpoint.body().encode()):
            raise CheckpointError(f"the log signature of {log.name} does not verify")

    def verify_cosignature(self, witness: Verifier) -> Cosignature:
        """The witness's cosignature (with its time), Ed25519 or ML-DSA-44 as its key is;
        CheckpointError if absent, malformed or invalid. Only lines with the witness's name
        and key id are read (tlog-cosignature: clients ignore the rest)."""
        if witness.kind != "witness":
            raise CheckpointError(f"{witness.name} is not a witness (cosignature) key")
        raw = self._signature_of(witness, extra=_TIME)
        seconds = int.from_bytes(raw[:_TIME], "big")
        if seconds > _LATEST:
            raise CheckpointError(f"the cosignature of {witness.name} has a time past 2^63 - 1")
        message = _cosigned_message(witness.key_type, witness.name, seconds, self.checkpoint)
        try:
            holds = witness.verify(raw[_TIME:], message)
        except KeyFileError as error:  # no ML-DSA-44 in this cryptography build
            raise CheckpointError(f"the cosignature of {witness.name}: {error}") from error
        if not holds:
            raise CheckpointError(f"the cosignature of {witness.name} does not verify")
        try:
            time = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, ValueError, OSError) as error:
            raise CheckpointError(
                f"the cosignature of {witness.name} has a time ({seconds}) no date can hold"
            ) from error
        return Cosignature(witness.name, time)

    def _signature_of(self, key: Verifier, extra: int = 0) -> bytes:
        """The signature (after the key id) on the line with ``key``'s name and key id."""
        prefix = f"{_DASH}{key.name} "
        size = 4 + extra + _SIGNATURE_SIZE[key.algorithm]
        wrong: int | None = None
        for line in self.signature_lines:
            if not line.startswith(prefix):
                continue
            raw = _b64(line.removeprefix(prefix), "signature")
            if raw[:4] != key.id:
                continue
            if len(raw) == size:
                return raw[4:]
            wrong = len(raw)
        if wrong is not None:
            raise CheckpointError(
                f"the signature by {key.name} (key id {key.id.hex()}) is {wrong} bytes, "
                f"not {size} for an {key.algorithm} key"
            )
        # The key by name and id: an ML-DSA-44 vkey is 1,700 characters, too long to quote.
        raise CheckpointError(
            f"the checkpoint carries no signature by {key.name} (key id {key.id.hex()})"
        )


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise CheckpointError(f"the {what} is not base64") from error


def _cosigned_message(key_type: int, name: str, seconds: int, checkpoint: Checkpoint) -> bytes:
    """What a witness key of ``key_type`` signs for ``checkpoint`` at time ``seconds``."""
    if key_type != MLDSA_COSIGNATURE:
        return f"cosignature/v1\ntime {seconds}\n{checkpoint.body()}".encode()
    # struct { uint8 label[12]; opaque cosigner_name<1..2^8-1>; uint64 timestamp;
    #          opaque log_origin<1..2^8-1>; uint64 start; uint64 end; uint8 hash[32]; }
    # A checkpoint is the subtree [0, size): start 0, end the tree size.
    return b"".join(
        [
            b"subtree/v1\n\0",
            _opaque8(name, "cosigner name"),
            seconds.to_bytes(8, "big"),
            _opaque8(checkpoint.origin, "log origin"),
            (0).to_bytes(8, "big"),
            checkpoint.size.to_bytes(8, "big"),
            checkpoint.root,
        ]
    )


def _opaque8(text: str, what: str) -> bytes:
    """``opaque x<1..2^8-1>``: a one-byte length, then 1 to 255 bytes."""
    data = text.encode()
    if not 1 <= len(data) <= 255:
        raise CheckpointError(f"an ML-DSA-44 cosignature's {what} is 1 to 255 bytes")
    return bytes([len(data)]) + data


def sign(checkpoint: Checkpoint, log: Signer) -> SignedCheckpoint:
    """The log's signed note of ``checkpoint``; CheckpointError unless ``log`` is a log key
    (type 0x01) named as the checkpoint's origin."""
    if log.key_type != NOTE_SIGNATURE:
        raise CheckpointError(f"{log.name} is not a log key: a witness key only cosigns")
    if log.name != checkpoint.origin:
        raise CheckpointError(f"a checkpoint of {checkpoint.origin!r} is signed by its own key")
    raw = log.verifier.id + log.sign(checkpoint.body().encode())
    return SignedCheckpoint(checkpoint, (f"{_DASH}{log.name} {base64.b64encode(raw).decode()}",))


def cosign(signed: SignedCheckpoint, witness: Signer, at: datetime) -> SignedCheckpoint:
    """``signed`` with ``witness``'s cosignature at ``at`` (whole seconds) added: Ed25519 or
    ML-DSA-44 as the witness key is; CheckpointError for a log key or a time before 1970."""
    if witness.verifier.kind != "witness":
        raise CheckpointError(f"{witness.name} is not a witness (cosignature) key")
    seconds = int(at.timestamp())
    if not 0 <= seconds <= _LATEST:
        raise CheckpointError(f"a cosignature's time is 0 to 2^63 - 1 seconds, not {seconds}")
    message = _cosigned_message(witness.key_type, witness.name, seconds, signed.checkpoint)
    raw = witness.verifier.id + seconds.to_bytes(_TIME, "big") + witness.sign(message)
    line = f"{_DASH}{witness.name} {base64.b64encode(raw).decode()}"
    return signed.with_lines((line,))


def parse_signed(text: str) -> SignedCheckpoint:
    """Read a signed checkpoint note; CheckpointError names what is malformed."""
    if any(ord(c) < 0x20 and c != "\n" for c in text):
        raise CheckpointError("a signed note holds no control characters but newlines")
    body, separator, signatures = text.rpartition("\n\n")
    if not separator:
        raise CheckpointError("a signed note is a body, a blank line and signature lines")
    lines = body.split("\n")
    if len(lines) < 3:
        raise CheckpointError("a checkpoint body has an origin, a size and a root hash")
    origin, size_text, root_text = lines[:3]
    try:
        size = decimal(size_text, "the tree size")
    except ValueError as error:
        raise CheckpointError(str(error)) from error
    root = _b64(root_text, "root hash")
    if len(root) != HASH_SIZE:
        raise CheckpointError(f"the root hash is {len(root)} bytes, not {HASH_SIZE}")
    if len(lines) > 3:
        raise CheckpointError("this log writes no checkpoint extension lines")
    signature_lines = tuple(signatures.removesuffix("\n").split("\n"))
    if not signatures.endswith("\n") or not all(x.startswith(_DASH) for x in signature_lines):
        raise CheckpointError("every signature line starts with an em dash and ends the line")
    return SignedCheckpoint(Checkpoint(origin, size, root), signature_lines)
