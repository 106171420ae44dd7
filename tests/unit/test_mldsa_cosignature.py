"""ML-DSA-44 witness cosignatures (C2SP tlog-cosignature, type 0x06) beside the Ed25519 ones.

The signed messages are rebuilt here from the spec's text, not from the code under test, and
checked with the cryptography primitives directly: a wrong field order, length prefix or label
in ``checkpoint.py`` fails these tests. No published ML-DSA-44 tlog-cosignature test vectors
exist (the C2SP repository has none, and ML-DSA signing here is randomised), so the layout is
pinned by this independent construction instead.
"""

from __future__ import annotations

import base64
import hashlib
import stat
import struct
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA44PrivateKey, MLDSA44PublicKey

from ledger.errors import InvalidInput
from ledger.integrity.checkpoint import (
    Checkpoint,
    CheckpointError,
    SignedCheckpoint,
    cosign,
    parse_signed,
    sign,
)
from ledger.integrity.keys import (
    Algorithm,
    KeyFileError,
    Signer,
    Verifier,
    generate,
    parse_signer,
    parse_verifier,
    read_signer,
    read_verifier,
    write_signer,
)
from ledger.integrity.policy import parse_policy

LOG = generate("ledger.example.go.th/fy2568", "log")
MLDSA = generate("witness.oag.example.go.th", "witness", "ml-dsa-44")
ED25519 = generate("witness.nacc.example.go.th", "witness")
ROOT = hashlib.sha256(b"the root").digest()
HEAD = sign(Checkpoint(LOG.name, 276, ROOT), LOG)
AT = datetime(2025, 10, 1, 2, 3, 4, tzinfo=UTC)
SECONDS = int(AT.timestamp())
TYPE = b"\x06"
WITNESSES = {"ml-dsa-44": MLDSA, "ed25519": ED25519}


def spec_message_mldsa(name: str, seconds: int, origin: str, size: int, root: bytes) -> bytes:
    """tlog-cosignature's ``cosigned_message``, field by field as the spec writes it."""
    label = b"subtree/v1\n\x00"
    assert len(label) == 12
    return (
        label
        + struct.pack(">B", len(name.encode()))
        + name.encode()
        + struct.pack(">Q", seconds)
        + struct.pack(">B", len(origin.encode()))
        + origin.encode()
        + struct.pack(">QQ", 0, size)
        + root
    )


def spec_message_ed25519(seconds: int, body: str) -> bytes:
    return f"cosignature/v1\ntime {seconds}\n".encode() + body.encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def line_raw(signed: SignedCheckpoint, name: str) -> bytes:
    """The decoded ``KEYID || TIME || SIGNATURE`` of the line by ``name``."""
    [line] = [x for x in signed.signature_lines if x.split(" ")[1] == name]
    return base64.b64decode(line.split(" ")[2])


def with_line(signed: SignedCheckpoint, name: str, raw: bytes) -> SignedCheckpoint:
    line = f"\N{EM DASH} {name} {base64.b64encode(raw).decode()}"
    return SignedCheckpoint(signed.checkpoint, (signed.signature_lines[0], line))


@pytest.mark.parametrize("algorithm", ["ml-dsa-44", "ed25519"])
def test_round_trip_through_the_note_text(algorithm: Algorithm) -> None:
    witness = WITNESSES[algorithm]
    cosigned = parse_signed(cosign(HEAD, witness, AT).text())
    cosigned.verify_log(LOG.verifier)
    cosignature = cosigned.verify_cosignature(witness.verifier)
    assert (cosignature.witness, cosignature.time) == (witness.name, AT)
    raw = line_raw(cosigned, witness.name)
    assert len(raw) == 4 + 8 + {"ml-dsa-44": 2420, "ed25519": 64}[algorithm]
    assert raw[:4] == witness.verifier.id
    assert int.from_bytes(raw[4:12], "big") == SECONDS


def test_the_mldsa_signature_is_over_the_spec_struct() -> None:
    raw = line_raw(cosign(HEAD, MLDSA, AT), MLDSA.name)
    message = spec_message_mldsa(MLDSA.name, SECONDS, LOG.name, 276, ROOT)
    public = MLDSA44PublicKey.from_public_bytes(MLDSA.verifier.public)
    public.verify(raw[12:], message)  # raises InvalidSignature on any other layout
    assert len(message) == 12 + 1 + len(MLDSA.name) + 8 + 1 + len(LOG.name) + 16 + 32


def test_the_ed25519_signature_is_over_the_spec_lines() -> None:
    raw = line_raw(cosign(HEAD, ED25519, AT), ED25519.name)
    message = spec_message_ed25519(SECONDS, HEAD.checkpoint.body())
    Ed25519PublicKey.from_public_bytes(ED25519.verifier.public).verify(raw[12:], message)


def test_a_cosignature_made_outside_the_ledger_verifies() -> None:
    # A witness using only the spec and the primitive, as another implementation would.
    seed = bytes(range(32))
    private = MLDSA44PrivateKey.from_seed_bytes(seed)
    public = private.public_key().public_bytes_raw()
    name = "witness.elsewhere.example"
    key_id = hashlib.sha256(name.encode() + b"\n\x06" + public).digest()[:4]
    signature = private.sign(spec_message_mldsa(name, SECONDS, LOG.name, 276, ROOT))
    signed = with_line(HEAD, name, key_id + SECONDS.to_bytes(8, "big") + signature)
    verifier = parse_verifier(f"{name}+{key_id.hex()}+{b64(TYPE + public)}")
    assert signed.verify_cosignature(verifier).time == AT
    signer = parse_signer(f"PRIVATE+KEY+{name}+{key_id.hex()}+{b64(TYPE + seed)}")
    assert signer.verifier == verifier


@pytest.mark.parametrize("algorithm", ["ml-dsa-44", "ed25519"])
def test_a_changed_root_size_or_time_fails(algorithm: Algorithm) -> None:
    witness = WITNESSES[algorithm]
    cosigned = cosign(HEAD, witness, AT)
    for changed in (
        replace(HEAD.checkpoint, root=hashlib.sha256(b"another").digest()),
        replace(HEAD.checkpoint, size=277),
    ):
        moved = SignedCheckpoint(changed, cosigned.signature_lines)
        with pytest.raises(CheckpointError, match="does not verify"):
            moved.verify_cosignature(witness.verifier)
    raw = line_raw(cosigned, witness.name)
    later = raw[:4] + (SECONDS + 1).to_bytes(8, "big") + raw[12:]
    with pytest.raises(CheckpointError, match="does not verify"):
        with_line(cosigned, witness.name, later).verify_cosignature(witness.verifier)


def test_the_mldsa_cosignature_commits_to_the_witness_name() -> None:
    # The same key under another name: the key id is recomputed to match, yet the signed
    # message held the first name, so it fails (an Ed25519 cosignature would not notice).
    renamed = Verifier("witness.other.example", MLDSA.key_type, MLDSA.verifier.public)
    raw = line_raw(cosign(HEAD, MLDSA, AT), MLDSA.name)
    moved = with_line(HEAD, renamed.name, renamed.id + raw[4:])
    with pytest.raises(CheckpointError, match="does not verify"):
        moved.verify_cosignature(renamed)


def test_lines_are_matched_by_name_and_key_id_and_their_length_checked() -> None:
    cosigned = cosign(HEAD, MLDSA, AT)
    raw = line_raw(cosigned, MLDSA.name)
    other_id = bytes(b ^ 0xFF for b in raw[:4]) + raw[4:]
    # A line under the witness's name with another key id is ignored...
    with pytest.raises(CheckpointError, match="carries no signature"):
        with_line(HEAD, MLDSA.name, other_id).verify_cosignature(MLDSA.verifier)
    # ...and does not hide the right one beside it.
    both = cosigned.with_lines(with_line(HEAD, MLDSA.name, other_id).signature_lines[1:])
    assert both.verify_cosignature(MLDSA.verifier).time == AT
    # The right name and key id with an Ed25519-sized signature: the length is refused.
    short = raw[:12] + raw[12:76]
    with pytest.raises(CheckpointError, match="is 76 bytes, not 2432 for an ml-dsa-44 key"):
        with_line(HEAD, MLDSA.name, short).verify_cosignature(MLDSA.verifier)
    with pytest.raises(CheckpointError, match="is 2433 bytes, not 2432"):
        with_line(HEAD, MLDSA.name, raw + b"\0").verify_cosignature(MLDSA.verifier)
    # An ML-DSA line never verifies under an Ed25519 key of the same name.
    impostor = generate(MLDSA.name, "witness")
    with pytest.raises(CheckpointError, match="carries no signature"):
        cosigned.verify_cosignature(impostor.verifier)


def test_a_time_past_two_to_the_63_is_refused() -> None:
    raw = line_raw(cosign(HEAD, MLDSA, AT), MLDSA.name)
    signed = with_line(HEAD, MLDSA.name, raw[:4] + (2**63).to_bytes(8, "big") + raw[12:])
    with pytest.raises(CheckpointError, match="2\\^63"):
        signed.verify_cosignature(MLDSA.verifier)
    with pytest.raises(CheckpointError, match="0 to 2\\^63 - 1"):
        cosign(HEAD, MLDSA, datetime(1969, 12, 31, tzinfo=UTC))


def test_an_mldsa_key_is_only_a_witness_key() -> None:
    with pytest.raises(KeyFileError, match="witness key, not a log key"):
        generate(LOG.name, "log", "ml-dsa-44")
    as_log = Signer(LOG.name, MLDSA.key_type, MLDSA.private)
    with pytest.raises(CheckpointError, match="not a log key"):
        sign(HEAD.checkpoint, as_log)
    with pytest.raises(CheckpointError, match="not a log"):
        HEAD.verify_log(as_log.verifier)
    with pytest.raises(CheckpointError, match="not a witness"):
        cosign(HEAD, LOG, AT)
    assert MLDSA.verifier.kind == "witness"


def test_key_files_round_trip_in_the_seed_form(tmp_path: Path) -> None:
    path = tmp_path / "witness.key"
    write_signer(MLDSA, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    name, hex_id, material = path.read_text().strip().split("+", 4)[2:]
    assert (name, hex_id) == (MLDSA.name, MLDSA.verifier.id.hex())
    assert base64.b64decode(material) == b"\x06" + MLDSA.private.private_bytes_raw()
    assert len(base64.b64decode(material)) == 33
    loaded = read_signer(path)
    assert loaded.verifier == MLDSA.verifier
    (tmp_path / "witness.vkey").write_text(MLDSA.verifier.text() + "\n")
    vkey = read_verifier(tmp_path / "witness.vkey")
    name, hex_id, material = MLDSA.verifier.text().split("+", 2)
    public = base64.b64decode(material)
    assert (public[0], len(public)) == (0x06, 1 + 1312)
    spec_id = hashlib.sha256(name.encode() + b"\n" + public).digest()[:4]
    assert hex_id == spec_id.hex()
    # A key loaded from its file cosigns what the original verifies.
    assert cosign(HEAD, loaded, AT).verify_cosignature(vkey).witness == MLDSA.name


@pytest.mark.parametrize(
    ("material", "message"),
    [
        (b"\x06" + bytes(1311), "holds 1312 bytes, not 1311"),
        (b"\x06" + bytes(32), "holds 1312 bytes, not 32"),
        (b"\x04" + bytes(1312), "holds 32 bytes, not 1312"),
        (b"\x07" + bytes(1312), "type 0x01, 0x04 or 0x06"),
    ],
)
def test_verifier_keys_of_the_wrong_size_are_refused(material: bytes, message: str) -> None:
    text = f"w+00000000+{base64.b64encode(material).decode()}"
    with pytest.raises(KeyFileError, match=message):
        parse_verifier(text)


def test_a_signer_key_holding_an_expanded_key_is_refused() -> None:
    text = f"PRIVATE+KEY+w+00000000+{b64(TYPE + bytes(2560))}"
    with pytest.raises(KeyFileError, match="holds 32 bytes, not 2560"):
        parse_signer(text)


def test_the_trust_policy_counts_mldsa_and_ed25519_witnesses() -> None:
    policy = parse_policy(
        "\n".join(
            [
                f"log {LOG.verifier.text()}",
                f"witness oag {MLDSA.verifier.text()}",
                f"witness nacc {ED25519.verifier.text()}",
                "group both all oag nacc",
                "quorum both",
            ]
        )
    )
    both = cosign(cosign(HEAD, MLDSA, AT), ED25519, AT)
    assert policy.trusts(parse_signed(both.text())) == (True, [])
    assert policy.trusts(cosign(HEAD, MLDSA, AT)) == (False, [])
    tampered = with_line(HEAD, MLDSA.name, line_raw(both, MLDSA.name)[:-1] + b"\x00")
    trusted, problems = policy.trusts(tampered)
    assert not trusted
    assert problems == [f"witness oag: the cosignature of {MLDSA.name} does not verify"]


def test_a_policy_refuses_an_mldsa_key_on_a_log_line() -> None:
    with pytest.raises(InvalidInput, match="is not a log key"):
        parse_policy(f"log {MLDSA.verifier.text()}")
