"""A witness: a second party that cosigns a checkpoint only if it extends the last one it saw.

The witness keeps one small state file per log: the log's verifier key (pinned the first time)
and the last tree head it cosigned. It cosigns a new checkpoint when the log's signature holds
and a consistency proof shows the new tree extends the old; a smaller tree (a rollback) or a
tree that does not extend the old one (a fork) is refused and the state is left as it was.
The proof comes from the log but is checked here, so the witness trusts nothing it is sent.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import msgspec

from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint, cosign
from ledger.integrity.keys import Signer, Verifier
from ledger.integrity.merkle import ProofError, verify_consistency

__all__ = ["WitnessRefused", "WitnessState", "cosign_checkpoint", "read_state", "write_state"]


class WitnessRefused(ValueError):
    """The witness will not cosign: the message says why (bad signature, rollback, fork)."""


class WitnessState(msgspec.Struct, frozen=True, kw_only=True):
    origin: str
    log_key: str
    size: int
    root: str
    cosigned_at: datetime


def read_state(path: Path) -> WitnessState | None:
    if not path.exists():
        return None
    try:
        return msgspec.json.decode(path.read_bytes(), type=WitnessState)
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        raise WitnessRefused(f"the witness state {path} cannot be read: {error}") from error


def write_state(path: Path, state: WitnessState) -> None:
    """Replace the state file in one step, so a crash leaves the old state or the new one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(msgspec.json.format(msgspec.json.encode(state), indent=2))
    os.replace(temporary, path)


def cosign_checkpoint(
    signed: SignedCheckpoint,
    witness: Signer,
    log_key: Verifier,
    state: WitnessState | None,
    proof: Callable[[int, int], list[bytes]],
    now: datetime,
) -> tuple[SignedCheckpoint, WitnessState]:
    """The checkpoint with this witness's cosignature, and the witness's next state."""
    if state is not None and state.log_key != log_key.text():
        raise WitnessRefused(
            f"this witness follows the log key {state.log_key}, not {log_key.text()}"
        )
    try:
        signed.verify_log(log_key)
    except CheckpointError as error:
        raise WitnessRefused(str(error)) from error
    head = signed.checkpoint
    if state is not None:
        old_root = base64.b64decode(state.root)
        if head.size < state.size:
            raise WitnessRefused(
                f"rollback: the checkpoint has {head.size} events but this witness already "
                f"cosigned {state.size} on {state.cosigned_at.isoformat()}"
            )
        try:
            # Every tree extends the empty one, which has nothing to prove.
            steps = proof(state.size, head.size) if head.size > state.size > 0 else []
            if state.size > 0:
                verify_consistency(state.size, head.size, old_root, head.root, steps)
        except ProofError as error:
            raise WitnessRefused(
                f"fork: the checkpoint of {head.size} events does not extend the one of "
                f"{state.size} this witness cosigned ({error})"
            ) from error
    cosigned = cosign(signed, witness, now)
    return cosigned, WitnessState(
        origin=head.origin,
        log_key=log_key.text(),
        size=head.size,
        root=base64.b64encode(head.root).decode(),
        cosigned_at=now,
    )
