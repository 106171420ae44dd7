"""Ed25519 and ML-DSA-44 keys in the C2SP signed-note text forms.

A verifier key (``vkey``) is ``NAME+KEYID+base64(TYPE || public key)``; a signer key is
``PRIVATE+KEY+NAME+KEYID+base64(TYPE || private seed)``, the form Go's ``sumdb/note`` reads.
TYPE is 0x01 for a log's Ed25519 note signatures, 0x04 for a witness's timestamped Ed25519
cosignatures and 0x06 for a witness's timestamped ML-DSA-44 cosignatures (C2SP
tlog-cosignature, the post-quantum kind that spec recommends for new witnesses). The key id is
SHA-256(NAME || "\\n" || TYPE || public key)[:4].

Both algorithms keep the 32-byte seed as the private key: RFC 8032's for Ed25519 and FIPS 204's
``xi`` for ML-DSA-44 (the 2,560-byte expanded key is derived from it on load), so a key file
stays one short line and the public key (32 or 1,312 bytes) always follows from it. ML-DSA-44
is only a witness key here: the log signs its checkpoints with Ed25519 (type 0x01), which every
checkpoint reader understands.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA44PrivateKey, MLDSA44PublicKey

from ledger.errors import LedgerError
from ledger.integrity.files import KEY_FILE, read_given

__all__ = [
    "ALGORITHMS",
    "COSIGNATURE",
    "MLDSA_COSIGNATURE",
    "NOTE_SIGNATURE",
    "Algorithm",
    "AlgorithmUnavailable",
    "KeyFileError",
    "KeyKind",
    "Signer",
    "Verifier",
    "by_kind",
    "generate",
    "key_id",
    "parse_signer",
    "parse_verifier",
    "read_signer",
    "read_verifier",
    "write_signer",
]

NOTE_SIGNATURE = 0x01
COSIGNATURE = 0x04
MLDSA_COSIGNATURE = 0x06
KeyKind = Literal["log", "witness"]
Algorithm = Literal["ed25519", "ml-dsa-44"]
ALGORITHMS: tuple[Algorithm, ...] = ("ed25519", "ml-dsa-44")
_TYPES: dict[tuple[KeyKind, Algorithm], int] = {
    ("log", "ed25519"): NOTE_SIGNATURE,
    ("witness", "ed25519"): COSIGNATURE,
    ("witness", "ml-dsa-44"): MLDSA_COSIGNATURE,
}
_SEED_SIZE = 32
# The public key's size for each type: what a vkey of that type must carry.
_PUBLIC_SIZE = {NOTE_SIGNATURE: 32, COSIGNATURE: 32, MLDSA_COSIGNATURE: 1312}
_PrivateKey = Ed25519PrivateKey | MLDSA44PrivateKey
_T = TypeVar("_T")


class KeyFileError(ValueError):
    """A key that cannot be read, or a name a signed note cannot carry."""


class AlgorithmUnavailable(KeyFileError):
    """The installed cryptography cannot do ML-DSA-44 (see ``_mldsa``)."""


def _check_name(name: str) -> None:
    if not name or "+" in name or any(c.isspace() for c in name) or not name.isprintable():
        raise KeyFileError(
            f"key name {name[:80]!r} must be non-empty, printable, without spaces or '+'"
        )


def key_id(name: str, key_type: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([key_type]) + public).digest()[:4]


@dataclass(frozen=True)
class Verifier:
    name: str
    key_type: int
    public: bytes

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.key_type, self.public)

    @property
    def kind(self) -> KeyKind:
        return "witness" if self.key_type in (COSIGNATURE, MLDSA_COSIGNATURE) else "log"

    @property
    def algorithm(self) -> Algorithm:
        return "ml-dsa-44" if self.key_type == MLDSA_COSIGNATURE else "ed25519"

    def text(self) -> str:
        encoded = base64.b64encode(bytes([self.key_type]) + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"

    def verify(self, signature: bytes, message: bytes) -> bool:
        """Whether ``signature`` is this key's over ``message`` (ML-DSA-44: the pure form
        with the empty context string, as tlog-cosignature signs)."""
        try:
            if self.key_type == MLDSA_COSIGNATURE:
                _mldsa(lambda: MLDSA44PublicKey.from_public_bytes(self.public)).verify(
                    signature, message
                )
            else:
                Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    name: str
    key_type: int
    private: _PrivateKey

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, self.key_type, self.private.public_key().public_bytes_raw())

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    def text(self) -> str:
        seed = self.private.private_bytes_raw()
        encoded = base64.b64encode(bytes([self.key_type]) + seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{encoded}"


def _mldsa(load: Callable[[], _T]) -> _T:
    """``load()``, or AlgorithmUnavailable when this cryptography build has no ML-DSA-44 (it
    needs cryptography 48 or later with its bundled OpenSSL, or one built on OpenSSL 3.5+)."""
    try:
        return load()
    except UnsupportedAlgorithm as error:
        raise AlgorithmUnavailable(
            "ML-DSA-44 keys need cryptography 48 or later built with OpenSSL 3.5+ "
            "(its own wheels are)"
        ) from error


def by_kind(keys: list[Verifier]) -> tuple[list[Verifier], list[Verifier]]:
    """The log keys and the witness keys among ``keys``."""
    return [k for k in keys if k.kind == "log"], [k for k in keys if k.kind == "witness"]


def generate(name: str, kind: KeyKind, algorithm: Algorithm = "ed25519") -> Signer:
    """A new key pair; KeyFileError for a bad name or an ML-DSA-44 log key (a log signs its
    checkpoints with Ed25519; ML-DSA-44 is a witness's cosigning key)."""
    _check_name(name)
    key_type = _TYPES.get((kind, algorithm))
    if key_type is None:
        raise KeyFileError(f"an {algorithm} key is a witness key, not a {kind} key")
    if key_type == MLDSA_COSIGNATURE:
        return Signer(name, key_type, _mldsa(MLDSA44PrivateKey.generate))
    return Signer(name, key_type, Ed25519PrivateKey.generate())


def _decode_typed(field: str, what: str, sizes: dict[int, int]) -> tuple[int, bytes]:
    try:
        raw = base64.b64decode(field, validate=True)
    except binascii.Error as error:
        raise KeyFileError(f"{what}: the key material is not base64") from error
    if not raw or raw[0] not in sizes:
        raise KeyFileError(f"{what}: expected a key of type 0x01, 0x04 or 0x06")
    if len(raw) - 1 != sizes[raw[0]]:
        raise KeyFileError(
            f"{what}: a key of type 0x{raw[0]:02x} holds {sizes[raw[0]]} bytes, not {len(raw) - 1}"
        )
    return raw[0], raw[1:]


def _private_key(key_type: int, seed: bytes) -> _PrivateKey:
    if key_type == MLDSA_COSIGNATURE:
        return _mldsa(lambda: MLDSA44PrivateKey.from_seed_bytes(seed))
    return Ed25519PrivateKey.from_private_bytes(seed)


def parse_verifier(text: str) -> Verifier:
    # Base64 may itself hold '+', so only the first two separate fields.
    parts = text.strip().split("+", 2)
    if len(parts) != 3:
        raise KeyFileError("a verifier key reads NAME+KEYID+BASE64")
    name, hex_id, material = parts
    _check_name(name)
    key_type, public = _decode_typed(material, "verifier key", _PUBLIC_SIZE)
    verifier = Verifier(name, key_type, public)
    if verifier.id.hex() != hex_id.lower():
        raise KeyFileError("verifier key: the key id does not match the name and key")
    return verifier


def parse_signer(text: str) -> Signer:
    parts = text.strip().split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise KeyFileError("a signer key reads PRIVATE+KEY+NAME+KEYID+BASE64")
    name, hex_id, material = parts[2:]
    _check_name(name)
    key_type, seed = _decode_typed(material, "signer key", dict.fromkeys(_PUBLIC_SIZE, _SEED_SIZE))
    signer = Signer(name, key_type, _private_key(key_type, seed))
    if signer.verifier.id.hex() != hex_id.lower():
        raise KeyFileError("signer key: the key id does not match the name and key")
    return signer


def read_verifier(path: Path) -> Verifier:
    """The verifier key in ``path``; KeyFileError when it is not a regular file of at most
    64 KiB holding one verifier key in UTF-8."""
    return parse_verifier(_read(path))


def read_signer(path: Path) -> Signer:
    """The signer key in ``path``; KeyFileError as for ``read_verifier``."""
    return parse_signer(_read(path))


def _read(path: Path) -> str:
    try:
        return read_given(path, KEY_FILE, str(path)).decode("utf-8")
    except LedgerError as error:
        raise KeyFileError(f"cannot read key file {path}: {error.message}") from error
    except UnicodeDecodeError as error:
        raise KeyFileError(
            f"key file {path} is not UTF-8 text (byte {error.start} is not)"
        ) from error


def write_signer(signer: Signer, path: Path) -> None:
    """Write the private key readable by its owner only (mode 0600 from the first byte)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(signer.text() + "\n")
