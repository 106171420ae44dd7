"""The text fields C2SP's line formats share (tlog-witness requests, tlog-proof): a decimal
size or index, and a consistency or inclusion proof given as one base64 hash a line.

Each reader wraps the ValueError in its own refusal (a 400 for a witness, exit 4 for a proof),
so the two formats are read by one set of rules.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from ledger.integrity.merkle import HASH_SIZE

__all__ = ["MAX_PROOF_HASHES", "decimal", "proof_hashes"]

# No proof in a tree of fewer than 2**63 leaves has more hashes (tlog-witness's limit).
MAX_PROOF_HASHES = 63
# A uint64 has at most 20 decimal digits; a longer number is no size.
_MOST_DIGITS = 20


def decimal(text: str, what: str) -> int:
    """``text`` as C2SP writes numbers: ASCII digits, no leading zeros (0 alone)."""
    if not text.isascii() or not text.isdigit() or (text.startswith("0") and text != "0"):
        raise ValueError(f"{what} {text[:40]!r} is not a decimal without leading zeros")
    if len(text) > _MOST_DIGITS:
        raise ValueError(f"{what} has more than {_MOST_DIGITS} digits")
    return int(text)


def proof_hashes(lines: Sequence[str], what: str) -> tuple[bytes, ...]:
    """One strict-base64 SHA-256 hash a line, at most ``MAX_PROOF_HASHES`` of them."""
    if len(lines) > MAX_PROOF_HASHES:
        raise ValueError(f"more than {MAX_PROOF_HASHES} {what} lines")
    return tuple(_hash(line, f"{what} line {n}") for n, line in enumerate(lines, start=1))


def _hash(line: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(line, validate=True)
    except binascii.Error:
        raw = b""
    if len(raw) != HASH_SIZE:
        raise ValueError(f"{what} is not a base64 {HASH_SIZE}-byte hash")
    return raw
