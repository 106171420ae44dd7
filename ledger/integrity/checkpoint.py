"""Checkpoints as C2SP signed notes: the log's signature and witnesses' timestamped cosignatures.

A checkpoint body (C2SP tlog-checkpoint) is three lines: the log's origin, the tree size in
decimal, and the base64 root hash. The signed note is the body, a blank line, and signature
lines ``— NAME base64(KEYID || SIGNATURE)``. The log signs the body itself (type 0x01); a
witness signs ``cosignature/v1\\ntime T\\n`` + body and puts the 8-byte big-endian time T
before its signature (type 0x04), so a cosignature says when the witness saw the tree.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime

from ledger.integrity.keys import COSIGNATURE, Signer, Verifier
from ledger.integrity.merkle import HASH_SIZE

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


class CheckpointError(ValueError):
    """A checkpoint that cannot be read or whose signature does not hold."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def body(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"


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
        if log.name != self.checkpoint.origin:
            raise CheckpointError(
                f"the checkpoint's origin {self.checkpoint.origin!r} is not the log key's "
                f"name {log.name!r}"
            )
        signature = self._signature_of(log)
        if not log.verify(signature, self.checkpoint.body().encode()):
            raise CheckpointError(f"the log signature of {log.name} does not verify")

    def verify_cosignature(self, witness: Verifier) -> Cosignature:
        """The witness's cosignature (with its time); CheckpointError if absent or invalid."""
        if witness.key_type != COSIGNATURE:
            raise CheckpointError(f"{witness.name} is not a witness (cosignature) key")
        raw = self._signature_of(witness, extra=8)
        seconds = int.from_bytes(raw[:8], "big")
        if not witness.verify(raw[8:], _cosigned_message(seconds, self.checkpoint)):
            raise CheckpointError(f"the cosignature of {witness.name} does not verify")
        return Cosignature(witness.name, datetime.fromtimestamp(seconds, UTC))

    def _signature_of(self, key: Verifier, extra: int = 0) -> bytes:
        prefix = f"{_DASH}{key.name} "
        for line in self.signature_lines:
            if not line.startswith(prefix):
                continue
            raw = _b64(line.removeprefix(prefix), "signature")
            if raw[:4] == key.id and len(raw) == 4 + extra + 64:
                return raw[4:]
        raise CheckpointError(f"the checkpoint carries no signature by {key.name} ({key.text()})")


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise CheckpointError(f"the {what} is not base64") from error


def _cosigned_message(seconds: int, checkpoint: Checkpoint) -> bytes:
    return f"cosignature/v1\ntime {seconds}\n{checkpoint.body()}".encode()


def sign(checkpoint: Checkpoint, log: Signer) -> SignedCheckpoint:
    if log.name != checkpoint.origin:
        raise CheckpointError(f"a checkpoint of {checkpoint.origin!r} is signed by its own key")
    raw = log.verifier.id + log.sign(checkpoint.body().encode())
    return SignedCheckpoint(checkpoint, (f"{_DASH}{log.name} {base64.b64encode(raw).decode()}",))


def cosign(signed: SignedCheckpoint, witness: Signer, at: datetime) -> SignedCheckpoint:
    seconds = int(at.timestamp())
    signature = witness.sign(_cosigned_message(seconds, signed.checkpoint))
    raw = witness.verifier.id + seconds.to_bytes(8, "big") + signature
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
    if not size_text.isdigit() or (size_text.startswith("0") and size_text != "0"):
        raise CheckpointError(f"the tree size {size_text!r} is not a decimal number")
    root = _b64(root_text, "root hash")
    if len(root) != HASH_SIZE:
        raise CheckpointError(f"the root hash is {len(root)} bytes, not {HASH_SIZE}")
    if len(lines) > 3:
        raise CheckpointError("this log writes no checkpoint extension lines")
    signature_lines = tuple(signatures.removesuffix("\n").split("\n"))
    if not signatures.endswith("\n") or not all(x.startswith(_DASH) for x in signature_lines):
        raise CheckpointError("every signature line starts with an em dash and ends the line")
    return SignedCheckpoint(Checkpoint(origin, int(size_text), root), signature_lines)
