"""The witness cosigns a checkpoint only when the log signed it and it extends the last one;
each refusal carries the status C2SP tlog-witness gives it, checked in the protocol's order."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledger.integrity.checkpoint import Checkpoint, SignedCheckpoint, cosign, parse_signed, sign
from ledger.integrity.keys import generate
from ledger.integrity.merkle import MemoryTree, consistency_proof, leaf_hash, root_hash
from ledger.integrity.witness import (
    AddCheckpoint,
    Inconsistent,
    MalformedRequest,
    NotSignedByLog,
    SizeConflict,
    UnknownLog,
    WitnessRefused,
    WitnessState,
    cosign_checkpoint,
    read_state,
    witness_checkpoint,
    write_state,
)
from ledger.integrity.witness_request import format_add_checkpoint, parse_add_checkpoint

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


def _request(old: int, signed: SignedCheckpoint, tree: MemoryTree = HONEST) -> AddCheckpoint:
    size = signed.checkpoint.size
    proof = consistency_proof(tree, old, size) if 0 < old < size else []
    return parse_add_checkpoint(format_add_checkpoint(old, proof, signed))


def _decide(request: AddCheckpoint, state: WitnessState | None) -> WitnessState:
    return witness_checkpoint(request, [LOG.verifier], [WITNESS], state, NOW)[1]


@pytest.mark.parametrize(
    ("old", "size", "tree", "refusal", "status"),
    [
        (0, 8, HONEST, SizeConflict, 409),  # the witness holds 12: the log must prove from it
        (20, 8, HONEST, MalformedRequest, 400),  # old above the size
        (12, 8, HONEST, MalformedRequest, 400),  # a rollback reaching the size check
        (12, 20, FORKED, Inconsistent, 422),
        (12, 12, FORKED, Inconsistent, 422),
    ],
)
def test_each_refusal_carries_the_protocols_status(
    old: int, size: int, tree: MemoryTree, refusal: type[WitnessRefused], status: int
) -> None:
    state = _decide(_request(0, _head(HONEST, 12)), None)
    with pytest.raises(refusal) as refused:
        _decide(_request(old, _head(tree, size), tree), state)
    assert refused.value.status == status
    if isinstance(refused.value, SizeConflict):
        assert refused.value.size == 12


def test_origin_then_signature_are_checked_first() -> None:
    stranger = generate("ledger.example/other", "log")
    other = sign(Checkpoint(stranger.name, 4, root_hash(HONEST, 4)), stranger)
    with pytest.raises(UnknownLog) as unknown:
        _decide(_request(9, other), None)  # 404 before the size checks
    assert unknown.value.status == 404
    impostor = generate(ORIGIN, "log")
    forged = sign(Checkpoint(ORIGIN, 4, root_hash(HONEST, 4)), impostor)
    with pytest.raises(NotSignedByLog) as unsigned:
        _decide(_request(9, forged), None)
    assert unsigned.value.status == 403


def test_the_empty_tree_needs_its_root_and_no_proof() -> None:
    empty = _decide(_request(0, _head(HONEST, 0)), None)
    assert empty.size == 0
    wrong = sign(Checkpoint(ORIGIN, 0, b"\x01" * 32), LOG)
    with pytest.raises(Inconsistent):
        _decide(_request(0, wrong), None)
    needless = AddCheckpoint(0, (b"\x02" * 32,), _head(HONEST, 4))
    with pytest.raises(Inconsistent):
        _decide(needless, None)


def test_the_kept_note_has_the_log_and_witness_signatures_only() -> None:
    stranger = generate("other.example/w", "witness")
    noisy = cosign(_head(HONEST, 6), stranger, NOW)
    state = _decide(_request(0, noisy), None)
    note = parse_signed(state.note)
    assert [note.signer_of(x) for x in note.signature_lines] == [ORIGIN, WITNESS.name]
    note.verify_cosignature(WITNESS.verifier)


@pytest.mark.parametrize(
    "body",
    [b"", b"old 0", b"old 00\n\n", b"old 1\n" + b"AAAA\n" * 64 + b"\n", b"\xff\n\n"],
)
def test_malformed_requests_are_400(body: bytes) -> None:
    with pytest.raises(MalformedRequest):
        parse_add_checkpoint(body + _head(HONEST, 3).text().encode())
