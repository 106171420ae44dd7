"""Ed25519 keys in the C2SP signed-note text forms.

A verifier key (``vkey``) is ``NAME+KEYID+base64(TYPE || public key)``; a signer key is
``PRIVATE+KEY+NAME+KEYID+base64(TYPE || private seed)``, the form Go's ``sumdb/note`` reads.
TYPE is 0x01 for a log's note signatures and 0x04 for a witness's timestamped cosignatures
(C2SP tlog-cosignature). The key id is SHA-256(NAME || "\\n" || TYPE || public key)[:4].
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from ledger.errors import LedgerError
from ledger.integrity.files import KEY_FILE, read_given

__all__ = [
    "COSIGNATURE",
    "NOTE_SIGNATURE",
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
KeyKind = Literal["log", "witness"]
_TYPES: dict[KeyKind, int] = {"log": NOTE_SIGNATURE, "witness": COSIGNATURE}


class KeyFileError(ValueError):
    """A key that cannot be read, or a name a signed note cannot carry."""


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
        return "witness" if self.key_type == COSIGNATURE else "log"

    def text(self) -> str:
        encoded = base64.b64encode(bytes([self.key_type]) + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    name: str
    key_type: int
    private: Ed25519PrivateKey

    @property
    def verifier(self) -> Verifier:
        public = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return Verifier(self.name, self.key_type, public)

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    def text(self) -> str:
        seed = self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        encoded = base64.b64encode(bytes([self.key_type]) + seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{encoded}"


def by_kind(keys: list[Verifier]) -> tuple[list[Verifier], list[Verifier]]:
    """The log keys and the witness keys among ``keys``."""
    return [k for k in keys if k.kind == "log"], [k for k in keys if k.kind == "witness"]


def generate(name: str, kind: KeyKind) -> Signer:
    _check_name(name)
    return Signer(name, _TYPES[kind], Ed25519PrivateKey.generate())


def _decode_typed(field: str, what: str) -> tuple[int, bytes]:
    try:
        raw = base64.b64decode(field, validate=True)
    except binascii.Error as error:
        raise KeyFileError(f"{what}: the key material is not base64") from error
    if len(raw) != 33 or raw[0] not in (NOTE_SIGNATURE, COSIGNATURE):
        raise KeyFileError(f"{what}: expected an Ed25519 key of type 0x01 or 0x04")
    return raw[0], raw[1:]


def parse_verifier(text: str) -> Verifier:
    # Base64 may itself hold '+', so only the first two separate fields.
    parts = text.strip().split("+", 2)
    if len(parts) != 3:
        raise KeyFileError("a verifier key reads NAME+KEYID+BASE64")
    name, hex_id, material = parts
    _check_name(name)
    key_type, public = _decode_typed(material, "verifier key")
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
    key_type, seed = _decode_typed(material, "signer key")
    signer = Signer(name, key_type, Ed25519PrivateKey.from_private_bytes(seed))
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
