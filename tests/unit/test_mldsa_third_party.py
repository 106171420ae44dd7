"""ML-DSA-44 cosignatures checked by an implementation not written here: dilithium-py, a
pure-Python FIPS 204 (needs `dilithium-py>=1.5` in the test extras). It derives the public key
from our key file's seed, verifies our cosignature over the spec's struct, and signs one that
our verifier accepts."""

from __future__ import annotations

import base64
import struct
from datetime import UTC, datetime

from dilithium_py.ml_dsa import ML_DSA_44

from ledger.integrity.checkpoint import Checkpoint, SignedCheckpoint, cosign, sign
from ledger.integrity.keys import generate, parse_verifier

LOG = generate("ledger.example.go.th/fy2568", "log")
WITNESS = generate("witness.oag.example.go.th", "witness", "ml-dsa-44")
HEAD = sign(Checkpoint(LOG.name, 276, bytes(range(32))), LOG)
AT = datetime(2025, 10, 1, tzinfo=UTC)


def message(name: str, seconds: int, origin: str, size: int, root: bytes) -> bytes:
    return (
        b"subtree/v1\n\x00"
        + bytes([len(name)]) + name.encode() + struct.pack(">Q", seconds)
        + bytes([len(origin)]) + origin.encode() + struct.pack(">QQ", 0, size) + root
    )  # fmt: skip


def test_dilithium_py_reads_our_keys_and_cosignatures_and_we_read_its() -> None:
    seed = base64.b64decode(WITNESS.text().split("+", 4)[4])[1:]
    public, private = ML_DSA_44.key_derive(seed)
    assert public == WITNESS.verifier.public
    raw = base64.b64decode(cosign(HEAD, WITNESS, AT).signature_lines[1].split(" ")[2])
    seconds = int.from_bytes(raw[4:12], "big")
    signed_message = message(WITNESS.name, seconds, LOG.name, 276, bytes(range(32)))
    assert ML_DSA_44.verify(public, signed_message, raw[12:])
    assert not ML_DSA_44.verify(
        public, signed_message.replace(b"witness.oag", b"witness.oaX"), raw[12:]
    )
    theirs = raw[:12] + ML_DSA_44.sign(private, signed_message)
    line = f"\N{EM DASH} {WITNESS.name} {base64.b64encode(theirs).decode()}"
    got = SignedCheckpoint(HEAD.checkpoint, (*HEAD.signature_lines, line))
    assert got.verify_cosignature(parse_verifier(WITNESS.verifier.text())).time == AT
