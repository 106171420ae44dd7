"""RFC 6962 / RFC 9162 Merkle trees: hashes, inclusion and consistency proofs.

Leaf hash = SHA-256(0x00 || data); interior node = SHA-256(0x01 || left || right); the tree over
n leaves splits at the largest power of two below n (RFC 9162 section 2.1.1). Proofs are built
from a ``NodeSource`` that serves the hash of any *perfect* subtree (2**level leaves, aligned):
every subtree the RFC's recursion visits is a perfect one or splits into them, so a store that
keeps perfect subtrees serves any proof in O(log n) lookups, with no tree recomputed.
Verification follows RFC 9162 sections 2.1.3.2 and 2.1.4.2 step by step.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "Frontier",
    "MemoryTree",
    "NodeSource",
    "ProofError",
    "RunSource",
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root_hash",
    "verify_consistency",
    "verify_inclusion",
]

EMPTY_ROOT = hashlib.sha256(b"").digest()
HASH_SIZE = 32


class ProofError(ValueError):
    """A proof that does not check out (or could not be a proof for those sizes)."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


class NodeSource(Protocol):
    def perfect(self, level: int, index: int) -> bytes:
        """The hash of leaves [index * 2**level, (index + 1) * 2**level)."""
        ...


class RunSource(NodeSource, Protocol):
    def perfect_run(self, level: int, first: int, count: int) -> list[bytes]:
        """The hashes ``perfect(level, i)`` for i in [first, first + count), in one read (as
        many as the source holds)."""
        ...


def _split(size: int) -> int:
    """The largest power of two strictly below ``size`` (size >= 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def range_hash(source: NodeSource, start: int, end: int) -> bytes:
    """The Merkle Tree Hash of leaves [start, end) as the RFC's recursion visits them."""
    size = end - start
    if size & (size - 1) == 0 and start % size == 0:
        return source.perfect(size.bit_length() - 1, start // size)
    k = _split(size)
    return node_hash(range_hash(source, start, start + k), range_hash(source, start + k, end))


def root_hash(source: NodeSource, size: int) -> bytes:
    return EMPTY_ROOT if size == 0 else range_hash(source, 0, size)


def _path(source: NodeSource, index: int, start: int, end: int) -> list[bytes]:
    if end - start == 1:
        return []
    k = _split(end - start)
    if index < start + k:
        return [*_path(source, index, start, start + k), range_hash(source, start + k, end)]
    return [*_path(source, index, start + k, end), range_hash(source, start, start + k)]


def inclusion_proof(source: NodeSource, index: int, size: int) -> list[bytes]:
    """PATH(index, D[size]) of RFC 6962 section 2.1.1."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is not in a tree of {size}")
    return _path(source, index, 0, size)


def _subproof(source: NodeSource, m: int, start: int, end: int, whole: bool) -> list[bytes]:
    size = end - start
    if m == size:
        return [] if whole else [range_hash(source, start, end)]
    k = _split(size)
    if m <= k:
        return [*_subproof(source, m, start, start + k, whole), range_hash(source, start + k, end)]
    return [*_subproof(source, m - k, start + k, end, False), range_hash(source, start, start + k)]


def consistency_proof(source: NodeSource, old_size: int, new_size: int) -> list[bytes]:
    """PROOF(old_size, D[new_size]) of RFC 6962 section 2.1.2 (empty when nothing to prove)."""
    if not 0 <= old_size <= new_size:
        raise ProofError(f"a tree of {old_size} cannot precede a tree of {new_size}")
    if old_size in (0, new_size):
        return []
    return _subproof(source, old_size, 0, new_size, True)


def _check_hashes(*hashes: bytes) -> None:
    if any(len(h) != HASH_SIZE for h in hashes):
        raise ProofError(f"every hash in a proof is {HASH_SIZE} bytes (SHA-256)")


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> None:
    """RFC 9162 section 2.1.3.2; ProofError unless ``leaf`` is at ``index`` under ``root``."""
    _check_hashes(leaf, root, *proof)
    if index >= size or index < 0:
        raise ProofError(f"leaf index {index} is outside a tree of {size}")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise ProofError("inclusion proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("inclusion proof is shorter than the tree is deep")
    if r != root:
        raise ProofError("inclusion proof does not lead to the root")


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """RFC 9162 section 2.1.4.2; raises ProofError unless the new tree extends the old one.

    An empty old tree is refused: every tree extends it, so such a "proof" proves nothing.
    """
    if not 0 <= old_size <= new_size:
        raise ProofError(f"a tree of {old_size} cannot precede a tree of {new_size}")
    if old_size == 0:
        raise ProofError("consistency from an empty tree proves nothing")
    if old_size == new_size:
        if proof:
            raise ProofError("trees of one size need an empty consistency proof")
        if old_root != new_root:
            raise ProofError("two trees of the same size have different roots")
        return
    if not proof:
        raise ProofError("consistency proof is empty")
    _check_hashes(old_root, new_root, *proof)
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof is longer than it can be")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("consistency proof is shorter than it must be")
    if fr != old_root:
        raise ProofError("consistency proof does not lead to the old root")
    if sr != new_root:
        raise ProofError("consistency proof does not lead to the new root")


class MemoryTree:
    """Every perfect subtree of a list of leaves, kept in memory (tests, exports, verifiers)."""

    def __init__(self) -> None:
        self.levels: list[list[bytes]] = [[]]

    def append(self, leaf: bytes) -> None:
        """Add a leaf hash and complete every perfect subtree it closes."""
        self.levels[0].append(leaf)
        level = 0
        while len(self.levels[level]) % 2 == 0:
            pair = self.levels[level][-2:]
            if level + 1 == len(self.levels):
                self.levels.append([])
            self.levels[level + 1].append(node_hash(pair[0], pair[1]))
            level += 1

    @property
    def size(self) -> int:
        return len(self.levels[0])

    def perfect(self, level: int, index: int) -> bytes:
        return self.levels[level][index]

    def perfect_run(self, level: int, first: int, count: int) -> list[bytes]:
        return self.levels[level][first : first + count] if level < len(self.levels) else []


class Frontier:
    """The right edge of a growing tree: one hash per set bit of its size, O(log n) memory.

    Enough to compute the root of every prefix in one pass over the leaves, which is what a
    verifier recomputing each checkpoint needs.
    """

    def __init__(self) -> None:
        self.size = 0
        self._edge: list[bytes] = []

    def append(self, leaf: bytes) -> None:
        value, index = leaf, self.size
        while index & 1:
            value = node_hash(self._edge.pop(), value)
            index >>= 1
        self._edge.append(value)
        self.size += 1

    def root(self) -> bytes:
        if not self._edge:
            return EMPTY_ROOT
        value = self._edge[-1]
        for left in reversed(self._edge[:-1]):
            value = node_hash(left, value)
        return value
