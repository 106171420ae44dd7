"""The witness cosigns a checkpoint only when the log signed it and it extends the last one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledger.integrity.checkpoint import Checkpoint, SignedCheckpoint, sign
from ledger.integrity.keys import generate
from ledger.integrity.merkle import MemoryTree, consistency_proof, leaf_hash, root_hash
from ledger.integrity.witness import (
    WitnessRefused,
    WitnessState,
    cosign_checkpoint,
    read_state,
    write_state,
)

ORIGIN = "ledger.example/fy2568"
LOG = generate(ORIGIN, "log")
WITNESS = generate("witness.example/w1", "witness")
NOW = datetime(2025, 10, 1, tzinfo=UTC)


def _tree(leaves: list[bytes]) -> MemoryTree:
    tree = MemoryTree()
    for data in leaves:
        tree.append(leaf_hash(data))
    return tree


HONEST = _tree([f"event {n}".encode() for n in range(20)])
FORKED = _tree([f"event {n}".encode() for n in range(9)] + [b"forged"] * 11)


def _head(tree: MemoryTree, size: int) -> SignedCheckpoint:
    return sign(Checkpoint(ORIGIN, size, root_hash(tree, size)), LOG)


def _cosign(
    tree: MemoryTree, size: int, state: WitnessState | None
) -> tuple[SignedCheckpoint, WitnessState]:
    return cosign_checkpoint(
        _head(tree, size),
        WITNESS,
        LOG.verifier,
        state,
        lambda old, new: consistency_proof(tree, old, new),
        NOW,
    )


def test_first_and_extending_checkpoints_are_cosigned() -> None:
    first, state = _cosign(HONEST, 8, None)
    assert first.verify_cosignature(WITNESS.verifier).time == NOW
    assert (state.size, state.log_key) == (8, LOG.verifier.text())
    second, state = _cosign(HONEST, 20, state)
    second.verify_log(LOG.verifier)
    second.verify_cosignature(WITNESS.verifier)
    assert state.size == 20
    _, same = _cosign(HONEST, 20, state)
    assert same.size == 20


def test_rollback_is_refused() -> None:
    _, state = _cosign(HONEST, 20, None)
    with pytest.raises(WitnessRefused, match="rollback"):
        _cosign(HONEST, 8, state)


def test_fork_is_refused_at_a_larger_and_at_the_same_size() -> None:
    _, state = _cosign(HONEST, 12, None)
    with pytest.raises(WitnessRefused, match="fork"):
        _cosign(FORKED, 20, state)
    with pytest.raises(WitnessRefused, match="fork"):
        _cosign(FORKED, 12, state)


def test_a_checkpoint_the_log_did_not_sign_is_refused() -> None:
    impostor = generate(ORIGIN, "log")
    forged = sign(Checkpoint(ORIGIN, 20, root_hash(FORKED, 20)), impostor)
    with pytest.raises(WitnessRefused, match="no signature"):
        cosign_checkpoint(forged, WITNESS, LOG.verifier, None, lambda a, b: [], NOW)
    _, state = _cosign(HONEST, 8, None)
    with pytest.raises(WitnessRefused, match="follows the log key"):
        cosign_checkpoint(forged, WITNESS, impostor.verifier, state, lambda a, b: [], NOW)


def test_state_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "witness.json"
    assert read_state(path) is None
    _, state = _cosign(HONEST, 8, None)
    write_state(path, state)
    assert read_state(path) == state
    path.write_text("{")
    with pytest.raises(WitnessRefused, match="cannot be read"):
        read_state(path)
