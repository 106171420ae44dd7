"""A witness: a second party that cosigns a checkpoint only if it extends the last one it saw.

The checks are those of C2SP tlog-witness ``add-checkpoint``, in its order, so the HTTP service
(``ledger witness serve``) and the local command (``ledger witness cosign``) decide alike: an
unknown origin, a checkpoint no trusted log key signed, an old size above the checkpoint's, an
old size other than the one last cosigned, and a tree that does not extend the last one are
each a typed refusal carrying the HTTP status the protocol gives it (``WitnessRefused.status``,
the one place statuses are named). The witness keeps one small state per log: the log key that
signed, the last tree head it cosigned and that checkpoint's note. The proof comes from the log
but is checked here, so the witness trusts nothing it is sent.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import msgspec

from ledger.integrity.checkpoint import SignedCheckpoint, cosign
from ledger.integrity.keys import Signer, Verifier
from ledger.integrity.merkle import EMPTY_ROOT, ProofError, verify_consistency

__all__ = [
    "AddCheckpoint",
    "Inconsistent",
    "MalformedRequest",
    "NotSignedByLog",
    "SizeConflict",
    "StateUnreadable",
    "UnknownLog",
    "WitnessRefused",
    "WitnessState",
    "cosign_checkpoint",
    "followed_keys",
    "read_state",
    "witness_checkpoint",
    "write_state",
]


class WitnessRefused(ValueError):
    """The witness will not cosign: the message says why; ``status`` is the HTTP status
    tlog-witness gives the refusal (each subclass names its own)."""

    status: ClassVar[int] = 422


class MalformedRequest(WitnessRefused):
    """The request cannot be read, or its old size is above the checkpoint's (400)."""

    status = 400


class NotSignedByLog(WitnessRefused):
    """No trusted log key signed the checkpoint, or a signature by one fails (403)."""

    status = 403


class UnknownLog(WitnessRefused):
    """No trusted log key names the checkpoint's origin (404)."""

    status = 404


class SizeConflict(WitnessRefused):
    """The old size is not the size this witness last cosigned; ``size`` is that size (409)."""

    status = 409

    def __init__(self, message: str, size: int) -> None:
        super().__init__(message)
        self.size = size


class Inconsistent(WitnessRefused):
    """The checkpoint does not extend the last one cosigned (a fork), or its proof or its
    empty root is wrong (422)."""

    status = 422


class StateUnreadable(WitnessRefused):
    """The witness's own state cannot be read: the witness's fault, not the request's (500)."""

    status = 500


class WitnessState(msgspec.Struct, frozen=True, kw_only=True):
    """The last tree head cosigned for one log. ``note`` (added later, so defaulted) is that
    checkpoint with the log's verified signature and this witness's cosignatures, as the
    monitoring endpoint serves it."""

    origin: str
    log_key: str
    size: int
    root: str
    cosigned_at: datetime
    note: str = ""


@dataclass(frozen=True)
class AddCheckpoint:
    """An add-checkpoint request: the old size, the consistency proof from it, the checkpoint."""

    old: int
    proof: tuple[bytes, ...]
    signed: SignedCheckpoint


def read_state(path: Path) -> WitnessState | None:
    if not path.exists():
        return None
    try:
        return msgspec.json.decode(path.read_bytes(), type=WitnessState)
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        raise StateUnreadable(f"the witness state {path} cannot be read: {error}") from error


def write_state(path: Path, state: WitnessState) -> None:
    """Replace the state file in one step, on disk before returning, so a crash leaves the
    old state or the new one and a cosignature is never answered for a state not kept."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        handle.write(msgspec.json.format(msgspec.json.encode(state), indent=2))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _verified_log_key(signed: SignedCheckpoint, keys: Sequence[Verifier]) -> Verifier:
    """The trusted key whose signature holds; signatures by other keys are ignored, but one
    whose name and id match a trusted key and that fails makes the note malformed (403)."""
    body = signed.checkpoint.body().encode()
    good: Verifier | None = None
    for line in signed.signature_lines:
        name, _, encoded = line.partition(" ")[2].partition(" ")
        for key in keys:
            if name != key.name:
                continue
            try:
                raw = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raw = b""
            if raw[:4] != key.id:
                continue
            if not key.verify(raw[4:], body):
                raise NotSignedByLog(f"the signature of {key.name} ({key.text()}) does not verify")
            good = good or key
    if good is None:
        raise NotSignedByLog(
            f"the checkpoint carries no signature by a trusted key of {signed.checkpoint.origin}"
        )
    return good


def _check(request: AddCheckpoint, state: WitnessState | None) -> None:
    head, old = request.signed.checkpoint, request.old
    last = state.size if state is not None else 0
    when = f" on {state.cosigned_at.isoformat()}" if state is not None else ""
    if old > head.size:
        rollback = f"rollback: this witness cosigned {last}{when}; " if head.size < last else ""
        raise MalformedRequest(
            f"{rollback}the old size {old} is above the checkpoint's size {head.size} (400)"
        )
    if old != last:
        if head.size < last:
            raise SizeConflict(
                f"rollback: the checkpoint has {head.size} leaves but this witness already "
                f"cosigned {last}{when} (409, with that size)",
                last,
            )
        raise SizeConflict(
            f"the old size {old} is not the size this witness last cosigned, {last} (409)", last
        )
    if head.size == 0 and head.root != EMPTY_ROOT:
        raise Inconsistent("a checkpoint of size 0 has the empty tree's root (422)")
    if old == 0:
        if request.proof:
            raise Inconsistent("a proof from the empty tree is empty (422)")
        return
    assert state is not None  # old == last > 0
    try:
        verify_consistency(old, head.size, base64.b64decode(state.root), head.root, request.proof)
    except ProofError as error:
        raise Inconsistent(
            f"fork: the checkpoint of {head.size} leaves does not extend the one of {old} "
            f"this witness cosigned{when} ({error}) (422)"
        ) from error


def followed_keys(origin: str, log_keys: Sequence[Verifier]) -> list[Verifier]:
    """The trusted log keys named ``origin``; UnknownLog (404) when there are none."""
    trusted = [k for k in log_keys if k.name == origin]
    if not trusted:
        raise UnknownLog(f"this witness follows no log named {origin[:200]!r}")
    return trusted


def witness_checkpoint(
    request: AddCheckpoint,
    log_keys: Sequence[Verifier],
    witnesses: Sequence[Signer],
    state: WitnessState | None,
    now: datetime,
) -> tuple[tuple[str, ...], WitnessState]:
    """Decide an add-checkpoint as C2SP tlog-witness says, given the log keys this witness
    trusts (any origin) and its state for the checkpoint's origin: the cosignature lines (one
    per witness key) and the state to keep. Raises a ``WitnessRefused`` subclass, in the
    protocol's order: UnknownLog, NotSignedByLog, MalformedRequest (old above size),
    SizeConflict, Inconsistent. The caller keeps the state atomically with this call."""
    signed = request.signed
    trusted = followed_keys(signed.checkpoint.origin, log_keys)
    if state is not None and state.log_key not in {k.text() for k in trusted}:
        raise NotSignedByLog(
            f"this witness follows the log key {state.log_key}, not "
            + ", ".join(k.text() for k in trusted)
        )
    key = _verified_log_key(signed, trusted)
    _check(request, state)
    ours = {key.name}
    log_lines = tuple(x for x in signed.signature_lines if signed.signer_of(x) in ours)
    note = SignedCheckpoint(signed.checkpoint, log_lines)
    for witness in witnesses:
        note = cosign(note, witness, now)
    lines = note.signature_lines[len(log_lines) :]
    head = signed.checkpoint
    return lines, WitnessState(
        origin=head.origin,
        log_key=key.text(),
        size=head.size,
        root=head.root_base64,
        cosigned_at=now,
        note=note.text(),
    )


def cosign_checkpoint(
    signed: SignedCheckpoint,
    witness: Signer,
    log_key: Verifier,
    state: WitnessState | None,
    proof: Callable[[int, int], list[bytes]],
    now: datetime,
) -> tuple[SignedCheckpoint, WitnessState]:
    """The local path (``ledger witness cosign``, the demo): the request a log would send
    from the size last cosigned, with the proof read from the log, decided as over HTTP.
    Returns the checkpoint with this witness's cosignature, and the witness's next state."""
    old = state.size if state is not None else 0
    size = signed.checkpoint.size
    steps = proof(old, size) if 0 < old < size else []
    request = AddCheckpoint(old, tuple(steps), signed)
    lines, after = witness_checkpoint(request, [log_key], [witness], state, now)
    return signed.with_lines(lines), after
