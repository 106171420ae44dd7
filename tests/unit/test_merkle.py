"""RFC 6962 / 9162 Merkle trees against the transparency-dev vectors (tests/vectors/rfc6962)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.integrity.merkle import (
    EMPTY_ROOT,
    Frontier,
    MemoryTree,
    ProofError,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_hash,
    verify_consistency,
    verify_inclusion,
)

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "rfc6962"
LEAVES = json.loads((VECTORS / "leaves.json").read_text())


def _cases(kind: str) -> list[Any]:
    files = sorted((VECTORS / "testdata" / kind).rglob("*.json"))
    return [pytest.param(json.loads(f.read_text()), id=str(f.relative_to(VECTORS))) for f in files]


def _b64(values: list[str] | None) -> list[bytes]:
    return [base64.b64decode(v) for v in values or []]


def _tree(count: int) -> MemoryTree:
    tree = MemoryTree()
    for data in LEAVES["leaves_hex"][:count]:
        tree.append(leaf_hash(bytes.fromhex(data)))
    return tree


def test_roots_of_every_prefix_match_the_reference_leaves() -> None:
    for size, expected in enumerate(LEAVES["roots_hex"]):
        assert root_hash(_tree(size), size).hex() == expected
    assert EMPTY_ROOT.hex() == LEAVES["roots_hex"][0]


@pytest.mark.parametrize("case", _cases("inclusion"))
def test_inclusion_vectors(case: dict[str, Any]) -> None:
    def verify() -> None:
        verify_inclusion(
            case["leafIdx"],
            case["treeSize"],
            base64.b64decode(case["leafHash"] or ""),
            _b64(case["proof"]),
            base64.b64decode(case["root"] or ""),
        )

    if case["wantErr"]:
        with pytest.raises(ProofError):
            verify()
    else:
        verify()


@pytest.mark.parametrize("case", _cases("consistency"))
def test_consistency_vectors(case: dict[str, Any]) -> None:
    def verify() -> None:
        verify_consistency(
            case["size1"],
            case["size2"],
            base64.b64decode(case["root1"] or ""),
            base64.b64decode(case["root2"] or ""),
            _b64(case["proof"]),
        )

    if case["wantErr"]:
        with pytest.raises(ProofError):
            verify()
    else:
        verify()


def test_the_vector_set_has_both_kinds_and_rejections() -> None:
    inclusion, consistency = _cases("inclusion"), _cases("consistency")
    assert len(inclusion) > 20
    assert len(consistency) > 20
    assert any(c.values[0]["wantErr"] for c in inclusion)
    assert any(not c.values[0]["wantErr"] for c in consistency)


@given(size=st.integers(min_value=1, max_value=70), data=st.data())
def test_generated_proofs_verify_and_tampered_ones_do_not(size: int, data: st.DataObject) -> None:
    tree = MemoryTree()
    for n in range(size):
        tree.append(leaf_hash(n.to_bytes(4, "big")))
    root = root_hash(tree, size)
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    proof = inclusion_proof(tree, index, size)
    verify_inclusion(index, size, tree.perfect(0, index), proof, root)
    old = data.draw(st.integers(min_value=1, max_value=size))
    link = consistency_proof(tree, old, size)
    verify_consistency(old, size, root_hash(tree, old), root, link)
    if proof:
        bent = [bytes(32), *proof[1:]]
        with pytest.raises(ProofError):
            verify_inclusion(index, size, tree.perfect(0, index), bent, root)
    if link:
        with pytest.raises(ProofError):
            verify_consistency(old, size, root_hash(tree, old), root, link[:-1])


@given(count=st.integers(min_value=0, max_value=70))
def test_frontier_root_is_the_tree_root_at_every_size(count: int) -> None:
    tree, frontier = MemoryTree(), Frontier()
    assert frontier.root() == EMPTY_ROOT
    for n in range(count):
        leaf = leaf_hash(n.to_bytes(4, "big"))
        tree.append(leaf)
        frontier.append(leaf)
        assert frontier.root() == root_hash(tree, n + 1)
