"""Keys, checkpoints and cosignatures in the C2SP signed-note forms, checked against the
reference implementations' published values (Go's sumdb/note, transparency-dev/formats)."""

from __future__ import annotations

import base64
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledger.integrity.checkpoint import Checkpoint, CheckpointError, cosign, parse_signed, sign
from ledger.integrity.keys import (
    KeyFileError,
    generate,
    parse_signer,
    parse_verifier,
    read_signer,
    write_signer,
)

# golang.org/x/mod/sumdb/note, note_test.go: Ed25519 is deterministic, so the same key and
# text must give the very signature Go's reference implementation publishes.
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_SIGNATURE = (
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="
)


def test_go_reference_key_and_signature() -> None:
    signer = parse_signer(GO_SIGNER)
    assert signer.verifier.text() == GO_VERIFIER
    assert signer.text() == GO_SIGNER
    raw = signer.verifier.id + signer.sign(GO_TEXT.encode())
    assert base64.b64encode(raw).decode() == GO_SIGNATURE
    assert parse_verifier(GO_VERIFIER).verify(raw[4:], GO_TEXT.encode())


@pytest.mark.parametrize(
    ("vkey", "kind"),
    [
        # transparency-dev/formats note_cosigv1_test.go; the first has '+' in its base64.
        ("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6", "log"),
        ("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2", "witness"),
    ],
)
def test_published_verifier_keys_parse(vkey: str, kind: str) -> None:
    verifier = parse_verifier(vkey)
    assert verifier.kind == kind
    assert verifier.text() == vkey


@pytest.mark.parametrize(
    "vkey",
    [
        "bananas.sigstore.dev+12344556",
        "rekor.sigstore.dev+12345678+THIS_IS_NOT_BASE64!",
        "rekor.sigstore.dev+12345678+AwEB",
        "PeterNeumann+00000000+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ],
)
def test_malformed_verifier_keys_are_refused(vkey: str) -> None:
    with pytest.raises(KeyFileError):
        parse_verifier(vkey)


def test_private_key_file_is_owner_only_and_reads_back(tmp_path: Path) -> None:
    signer = generate("ledger.example/fy2568", "log")
    path = tmp_path / "log.key"
    write_signer(signer, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_signer(path).verifier == signer.verifier
    with pytest.raises(FileExistsError):
        write_signer(signer, path)


LOG = generate("ledger.example/fy2568", "log")
WITNESS = generate("witness.example/w1", "witness")
HEAD = Checkpoint("ledger.example/fy2568", 204, bytes(range(32)))


def test_checkpoint_note_form() -> None:
    signed = sign(HEAD, LOG)
    text = signed.text()
    assert text.startswith(
        f"ledger.example/fy2568\n204\n{base64.b64encode(bytes(range(32))).decode()}\n\n"
    )
    assert text.endswith("\n")
    assert text.split("\n")[4].startswith("\N{EM DASH} ledger.example/fy2568 ")
    again = parse_signed(text)
    assert again == signed
    again.verify_log(LOG.verifier)


def test_a_changed_checkpoint_or_another_key_fails() -> None:
    text = sign(HEAD, LOG).text()
    with pytest.raises(CheckpointError, match="does not verify"):
        parse_signed(text.replace("\n204\n", "\n205\n")).verify_log(LOG.verifier)
    impostor = generate("ledger.example/fy2568", "log")
    with pytest.raises(CheckpointError, match="no signature"):
        parse_signed(text).verify_log(impostor.verifier)
    other_origin = generate("other.example/log", "log")
    with pytest.raises(CheckpointError, match="origin"):
        parse_signed(text).verify_log(other_origin.verifier)


def test_cosignature_carries_its_time_and_covers_the_body() -> None:
    at = datetime(2025, 10, 1, 2, 3, 4, tzinfo=UTC)
    cosigned = cosign(sign(HEAD, LOG), WITNESS, at)
    assert len(cosigned.signature_lines) == 2
    again = parse_signed(cosigned.text())
    again.verify_log(LOG.verifier)
    assert again.verify_cosignature(WITNESS.verifier).time == at
    raw = base64.b64decode(again.signature_lines[1].split(" ")[2])
    assert raw[:4] == WITNESS.verifier.id
    assert int.from_bytes(raw[4:12], "big") == int(at.timestamp())
    forged = parse_signed(cosigned.text().replace("\n204\n", "\n203\n"))
    with pytest.raises(CheckpointError):
        forged.verify_cosignature(WITNESS.verifier)
    with pytest.raises(CheckpointError, match="not a witness"):
        again.verify_cosignature(LOG.verifier)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("origin\n12\nAAAA\n— x abc\n", "blank line"),
        ("origin\n012\n" + base64.b64encode(bytes(32)).decode() + "\n\n— x YQ==\n", "decimal"),
        # Digits Python's int() would read but C2SP's ASCII decimals are not, and a size no
        # uint64 holds.
        (
            "origin\n\u0661\u0662\n" + base64.b64encode(bytes(32)).decode() + "\n\n— x YQ==\n",
            "decimal",
        ),
        (
            "origin\n" + "9" * 21 + "\n" + base64.b64encode(bytes(32)).decode() + "\n\n— x YQ==\n",
            "digits",
        ),
        ("origin\n12\nAAAA\n\n— x YQ==\n", "not 32"),
        ("origin\n12\n" + base64.b64encode(bytes(32)).decode() + "\n\n- x YQ==\n", "em dash"),
        ("origin\t\n1\n" + base64.b64encode(bytes(32)).decode() + "\n\n— x YQ==\n", "control"),
    ],
)
def test_malformed_checkpoints_are_refused(text: str, message: str) -> None:
    with pytest.raises(CheckpointError, match=message):
        parse_signed(text)
