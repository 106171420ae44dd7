"""The transparency log over the ledger: the Merkle log kept up with the events, and its heads.

``TransparencyLog`` joins the event store, the persisted tree (``TreeStore``) and the kept
records (checkpoints, keys, evidence). It reads the stored records themselves, not the decoded
events, so a leaf covers exactly the bytes the store holds.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from eventsourcing.persistence import IntegrityError, Tracking

from ledger.application import LedgerApplication
from ledger.errors import IntegrityViolation, InvalidInput, NotFound
from ledger.integrity.checkpoint import Checkpoint, SignedCheckpoint, sign
from ledger.integrity.keys import Signer, Verifier
from ledger.integrity.merkle import consistency_proof, inclusion_proof, leaf_hash, root_hash
from ledger.integrity.records import IntegrityRecords
from ledger.integrity.stored import UnreadableEvent, canonical_record, notification_pages
from ledger.integrity.tree_store import Leaf, PostgresTreeStore, SQLiteTreeStore, TreeStore
from ledger.persistence.tracking import open_tracking_recorder

__all__ = ["TransparencyLog", "open_tree"]

TREE_NAME = "merkle"


def open_tree(app: LedgerApplication) -> TreeStore:
    return open_tracking_recorder(app.settings, TREE_NAME, SQLiteTreeStore, PostgresTreeStore)


class TransparencyLog:
    def __init__(self, app: LedgerApplication) -> None:
        self.app = app
        self.tree = open_tree(app)
        self.records = IntegrityRecords.of(app)

    def position(self) -> int:
        """The last log position the tree has taken in."""
        return self.tree.max_tracking_id(self.app.name) or 0

    def catch_up(self, batch: int = 1000, progress: Callable[[int], None] | None = None) -> int:
        """Append a leaf for every event recorded since; returns how many.

        IntegrityViolation when a new record is unreadable or repeats an event the tree
        already holds: the store was changed behind the ledger's back, and the log refuses
        to grow over it (``ledger verify`` says where).
        """
        try:
            return self._catch_up(batch, progress)
        except UnreadableEvent as error:
            raise IntegrityViolation(str(error), rule="every stored event is readable") from None
        except IntegrityError:
            raise IntegrityViolation(
                "an event the Merkle log already holds appears again at a later position",
                rule="each event is in the log once; run `ledger verify`",
            ) from None

    def _catch_up(self, batch: int, progress: Callable[[int], None] | None) -> int:
        added, size = 0, self.tree.size()
        for page in notification_pages(self.app, self.position(), batch):
            leaves: list[Leaf] = []
            for notification in page:
                event = canonical_record(notification)
                leaves.append(
                    Leaf(
                        index=size + len(leaves),
                        position=event.position,
                        originator_id=event.originator_id,
                        originator_version=event.originator_version,
                        hash=leaf_hash(event.data),
                    )
                )
            after = page[-1].id
            self.tree.append(Tracking(self.app.name, after), leaves)
            size += len(leaves)
            added += len(leaves)
            if progress is not None:
                progress(after)
        return added

    def size(self) -> int:
        return self.tree.size()

    def root(self, size: int) -> bytes:
        return root_hash(self.tree, size)

    def sign_head(self, signer: Signer) -> SignedCheckpoint:
        """Catch up, sign the current tree head with the log's key and keep it."""
        self.catch_up()
        size = self.size()
        signed = sign(Checkpoint(signer.name, size, self.root(size)), signer)
        self.records.add_key(signer.verifier)
        return self.records.add_checkpoint(signed)

    def attach(self, cosigned: SignedCheckpoint, witnesses: list[Verifier]) -> SignedCheckpoint:
        """Keep the cosignatures of these witnesses on a checkpoint this log signed."""
        kept = self.records.checkpoint(cosigned.checkpoint.size)
        if kept.checkpoint != cosigned.checkpoint:
            raise InvalidInput(
                f"the checkpoint of size {cosigned.checkpoint.size} differs from the one kept",
                field="checkpoint",
                rule="cosignatures are attached to the tree head this log signed",
            )
        for witness in witnesses:
            cosigned.verify_cosignature(witness)
            self.records.add_key(witness)
        names = {w.name for w in witnesses}
        lines = tuple(x for x in cosigned.signature_lines if cosigned.signer_of(x) in names)
        return self.records.add_checkpoint(kept.with_lines(lines))

    def inclusion(self, index: int, size: int) -> list[bytes]:
        return inclusion_proof(self.tree, index, size)

    def consistency(self, old_size: int, new_size: int) -> list[bytes]:
        if new_size > self.size():
            raise NotFound(
                f"the Merkle log holds {self.size()} leaves, not {new_size}",
                field="checkpoint",
                rule="run `ledger checkpoint` to bring the log up to date",
            )
        return consistency_proof(self.tree, old_size, new_size)

    def locate(self, event_id: str) -> Leaf:
        """The leaf of an event named by its log position or as ``AGGREGATE_ID:VERSION``
        (among the events the tree has taken in: catch up first)."""
        aggregate, _, version = event_id.partition(":")
        try:
            found = (
                self.tree.leaf_of(UUID(aggregate), int(version))
                if version
                else self.tree.leaf_at(int(event_id))
            )
        except ValueError:
            raise InvalidInput(
                f"cannot read event id {event_id!r}",
                field="EVENT_ID",
                rule="a log position (as `ledger history` shows) or AGGREGATE_ID:VERSION",
            ) from None
        if found is None:
            raise NotFound(f"no event {event_id!r} in the log", field="EVENT_ID")
        return found

    def event_bytes(self, leaf: Leaf) -> bytes:
        notifications = self.app.recorder.select_notifications(
            start=leaf.position, limit=1, inclusive_of_start=True
        )
        if not notifications or notifications[0].id != leaf.position:
            raise NotFound(f"the store no longer holds position {leaf.position}", field="EVENT_ID")
        return canonical_record(notifications[0]).data
