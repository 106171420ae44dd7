"""Reading key, checkpoint and bundle files for the integrity commands, with errors that name
the option at fault."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ledger.errors import IntegrityViolation, InvalidInput
from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint, parse_signed
from ledger.integrity.files import CHECKPOINT_NOTE, FileKind, read_given
from ledger.integrity.keys import (
    KeyFileError,
    KeyKind,
    Signer,
    Verifier,
    read_signer,
    read_verifier,
)
from ledger.integrity.policy import TrustPolicy, parse_policy

__all__ = ["checked", "load_checkpoint", "load_policy", "load_signer", "load_verifier"]

_KEY_RULE = "a C2SP signed-note key file, as `ledger keys generate` writes"


def load_signer(path: Path, kind: KeyKind, field: str = "--key") -> Signer:
    """The private key in ``path``, of the kind the command signs with (a log's key signs
    checkpoints, a witness's cosigns them): InvalidInput naming ``field`` otherwise."""
    try:
        signer = read_signer(path)
    except KeyFileError as error:
        raise InvalidInput(str(error), field=field, rule=_KEY_RULE) from error
    if signer.verifier.kind != kind:
        raise InvalidInput(
            f"{signer.name} is a {signer.verifier.kind} key, not a {kind} key",
            field=field,
            rule="a log key signs checkpoints; a witness key (--witness) cosigns them",
        )
    return signer


def load_verifier(path: Path, field: str) -> Verifier:
    try:
        return read_verifier(path)
    except KeyFileError as error:
        raise InvalidInput(str(error), field=field, rule=_KEY_RULE) from error


def load_checkpoint(path: Path, field: str = "CHECKPOINT") -> SignedCheckpoint:
    """The signed checkpoint in ``path``: a regular file of at most 64 KiB, else InvalidInput."""
    data = read_given(path, CHECKPOINT_NOTE, field)
    try:
        return parse_signed(data.decode("utf-8"))
    except (CheckpointError, UnicodeDecodeError) as error:
        raise InvalidInput(
            f"{path}: {error}", field=field, rule="a C2SP tlog-checkpoint signed note"
        ) from error


@contextmanager
def checked(field: str, rule: str) -> Iterator[None]:
    """Turn a failed signature or proof check into an integrity error naming ``field``."""
    try:
        yield
    except ValueError as error:
        raise IntegrityViolation(str(error), field=field, rule=rule) from error


_POLICY_FILE = FileKind("trust policy", 1 << 20)


def load_policy(path: Path) -> TrustPolicy:
    """The trust policy in ``path`` (``--trust``): UTF-8 text of at most 1 MiB, read as
    docs/PROOFS.md describes; InvalidInput naming the line at fault otherwise."""
    text = read_given(path, _POLICY_FILE, "--trust")
    try:
        return parse_policy(text.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{path} is not UTF-8 text ({error.reason} at byte {error.start})",
            field="--trust",
            rule="a trust policy is UTF-8 text",
        ) from error
