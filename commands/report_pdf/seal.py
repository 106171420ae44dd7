"""The checkpoint that seals an agreement in the report: the newest signed checkpoint, when its
tree holds the agreement's last event; and the commands that let a reader check it.

Read only: the Merkle log is not caught up and nothing is signed here (a read never writes;
every write path seals as it records, ``commands.sealing``). An event the log has not taken
in yet, or a store with no checkpoint covering it, is reported as not sealed yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.files import safe_file_name
from ledger.integrity.log import TransparencyLog

__all__ = ["Seal", "find_seal", "proof_file"]


@dataclass(frozen=True)
class Seal:
    """``position``: the log position of the agreement's last event (None: it has none);
    ``leaf``: its leaf index in the Merkle log (None: not taken in yet); ``signed``: the
    newest kept checkpoint, when its tree holds that leaf."""

    position: int | None
    leaf: int | None
    signed: SignedCheckpoint | None

    @property
    def size(self) -> int:
        """The sealing checkpoint's tree size; requires ``signed``."""
        assert self.signed is not None
        return self.signed.checkpoint.size

    @property
    def root(self) -> str:
        """The sealing checkpoint's root hash in base64, as its note carries it."""
        assert self.signed is not None
        return self.signed.checkpoint.root_base64

    @property
    def log_name(self) -> str:
        """The log key's name: the checkpoint's origin."""
        assert self.signed is not None
        return self.signed.checkpoint.origin

    @property
    def witnesses(self) -> list[str]:
        """Names of the other keys whose lines the kept note carries (witness cosignatures,
        each checked when it was attached; the reader checks them again with its own keys)."""
        assert self.signed is not None
        names = [self.signed.signer_of(line) for line in self.signed.signature_lines]
        return [n for n in dict.fromkeys(names) if n != self.log_name]


def find_seal(log: TransparencyLog, position: int | None) -> Seal:
    """Where the event at log ``position`` stands in ``log``: its leaf and the newest kept
    checkpoint if that one covers it (a later checkpoint covers every earlier leaf, so an
    older one never covers what the newest does not). Reads one leaf and one checkpoint."""
    leaf = log.tree.leaf_at(position) if position is not None else None
    if leaf is None:
        return Seal(position=position, leaf=None, signed=None)
    newest = log.records.newest_checkpoints(1)
    covering = newest[0] if newest and newest[0].checkpoint.size > leaf.index else None
    return Seal(position=position, leaf=leaf.index, signed=covering)


def proof_file(ref: str, position: int) -> str:
    """The bundle's file name the report's commands use: ``TH-81-2557-252.proof.json``."""
    return f"{safe_file_name(ref)}-{position}.proof.json"
