"""The add-checkpoint request body of C2SP tlog-witness, read and written.

The body is an ``old N`` line, at most 63 base64 consistency proof lines, an empty line, and a
signed checkpoint note. Reading refuses anything else with ``MalformedRequest`` (400) naming
what is wrong, so a hostile body never reaches the signature or proof checks half-read.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint, parse_signed
from ledger.integrity.note_fields import decimal, proof_hashes
from ledger.integrity.witness import AddCheckpoint, MalformedRequest

__all__ = [
    "MAX_BODY",
    "SIZE_MEDIA_TYPE",
    "format_add_checkpoint",
    "parse_add_checkpoint",
    "parse_size_body",
]

# 63 proof lines are under 3 KB; the rest leaves room for a checkpoint carrying a few
# cosignatures, ML-DSA-44 ones (about 3.3 KB each in base64) included.
MAX_BODY = 16 * 1024
# The Content-Type of a 409's body: the size the witness last cosigned.
SIZE_MEDIA_TYPE = "text/x.tlog.size"


def parse_add_checkpoint(body: bytes) -> AddCheckpoint:
    """The request in ``body``; MalformedRequest naming the first thing that is wrong."""
    if len(body) > MAX_BODY:
        raise MalformedRequest(f"the body is over {MAX_BODY} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MalformedRequest(f"the body is not UTF-8 (byte {error.start})") from error
    head, separator, note = text.partition("\n\n")
    if not separator:
        raise MalformedRequest(
            "the body is an old size line, proof lines, an empty line and a note"
        )
    lines = head.split("\n")
    keyword, _, size = lines[0].partition(" ")
    if keyword != "old":
        raise MalformedRequest("the body starts with the line 'old SIZE'")
    try:
        old = decimal(size, "the old size")
        proof = proof_hashes(lines[1:], "consistency proof")
    except ValueError as error:
        raise MalformedRequest(str(error)) from error
    try:
        signed = parse_signed(note)
    except CheckpointError as error:
        raise MalformedRequest(f"the checkpoint: {error}") from error
    return AddCheckpoint(old, proof, signed)


def format_add_checkpoint(old: int, proof: Sequence[bytes], signed: SignedCheckpoint) -> bytes:
    """The body a log sends to ask for a cosignature of ``signed`` from ``old``."""
    lines = [f"old {old}", *(base64.b64encode(step).decode() for step in proof)]
    return ("\n".join(lines) + "\n\n" + signed.text()).encode()


def parse_size_body(body: bytes) -> int:
    """The size in a 409's ``text/x.tlog.size`` body (``SIZE\\n``); ValueError otherwise."""
    text = body.decode("ascii", errors="replace")
    if not text.endswith("\n"):
        raise ValueError("a size body ends with a newline")
    return decimal(text[:-1], "the witness's size")
