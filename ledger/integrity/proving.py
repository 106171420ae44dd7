"""Proofs for chosen leaves: what ``ledger prove``, the audit and the API hand out, as the
ledger's own bundle or as c2sp.org/tlog-proof files."""

from __future__ import annotations

from ledger.errors import NotFound
from ledger.integrity.bundle import ProofBundle, bundle_entry
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.log import TransparencyLog
from ledger.integrity.tlog_proof import TLogProof
from ledger.integrity.tree_store import Leaf

__all__ = ["make_bundle", "make_tlog_proof"]


def _covering(log: TransparencyLog, last_leaf: int) -> SignedCheckpoint:
    """The checkpoint to prove against: covers every leaf, most cosigned, then the newest."""
    covering = [c for c in log.records.checkpoints() if c.checkpoint.size > last_leaf]
    if not covering:
        raise NotFound(
            f"no checkpoint covers leaf {last_leaf} yet",
            field="EVENT_ID",
            rule="run `ledger checkpoint` (and have it cosigned) before proving",
        )
    return max(covering, key=lambda c: (len(c.signature_lines), c.checkpoint.size))


def make_bundle(log: TransparencyLog, leaves: list[Leaf]) -> ProofBundle:
    """A bundle proving ``leaves`` (non-empty, in any order) against the best covering
    checkpoint; NotFound when no checkpoint covers them yet."""
    ordered = sorted(leaves, key=lambda leaf: leaf.index)
    signed = _covering(log, ordered[-1].index)
    size = signed.checkpoint.size
    return ProofBundle(
        checkpoint=signed.text(),
        entries=[
            bundle_entry(log.event_bytes(x), x.index, x.position, log.inclusion(x.index, size))
            for x in ordered
        ],
    )


def make_tlog_proof(log: TransparencyLog, leaf: Leaf) -> TLogProof:
    """A c2sp.org/tlog-proof for one leaf, its event's canonical bytes on the extra line."""
    signed = _covering(log, leaf.index)
    return TLogProof(
        index=leaf.index,
        hashes=tuple(log.inclusion(leaf.index, signed.checkpoint.size)),
        checkpoint=signed.text(),
        extra=log.event_bytes(leaf),
    )
