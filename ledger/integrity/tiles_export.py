"""Writing the log's tiles to a directory: static files any web server or bucket can serve.

The export follows the latest kept checkpoint, so every tile matches a signed tree head: the
files of ``tiles_of(size)``, their entry bundles, and ``checkpoint`` (the note with every
cosignature kept for it), written last, so a reader never sees a checkpoint whose tiles are not
there yet. Each file is written to a temporary name and renamed into place.

A path's bytes never change (c2sp.org/tlog-tiles: the endpoints are immutable), so a file
already there is never rewritten. The checkpoint the directory already publishes must be this
log's, at a size the tree had, with the root the tree had then: the directory is then this
log's up to that size, and a later export trusts the full tiles below it that are there
(reading nothing of them: a cron run costs what is new, not the whole log) and writes only the
new full tiles and the new right edge; the older partial tiles are left (the spec allows
deleting them once the full tile exists). Every other file found is read and compared: equal,
it is kept; different, the export stops before writing anything over it. ``recheck`` reads
every file (existing entry bundles are checked against the tree's leaf hashes, which proves
the same bytes without reading the events again).

Entries are read from the store a bundle at a time, so memory stays flat however long the
log; each is checked against its leaf hash before it is published.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ledger.errors import IntegrityViolation, NotFound
from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint, parse_signed
from ledger.integrity.log import TransparencyLog
from ledger.integrity.merkle import leaf_hash
from ledger.integrity.stored import UnreadableEvent, canonical_record
from ledger.integrity.tiles import (
    TREE_RULE,
    Tile,
    bundle_entries,
    entry_bundle,
    tile_hashes,
    tiles_of,
)
from ledger.integrity.tree_store import Leaf

__all__ = [
    "CHECKPOINT_FILE",
    "NO_CHECKPOINT_RULE",
    "Exported",
    "bundle_bytes",
    "export_tiles",
    "latest_kept",
]

CHECKPOINT_FILE = "checkpoint"
NO_CHECKPOINT_RULE = "tiles follow a kept checkpoint: sign one with `ledger checkpoint --key FILE`"
_NOT_THIS_LOG = "a tile directory holds one log, and a published path never changes its bytes"


@dataclass(frozen=True)
class Exported:
    """What an export did: the tree size of the checkpoint it published, files written and
    files found already there (and equal), bytes written."""

    checkpoint: SignedCheckpoint
    written: int
    kept: int
    bytes_written: int

    @property
    def size(self) -> int:
        return self.checkpoint.checkpoint.size


def latest_kept(log: TransparencyLog) -> SignedCheckpoint:
    """The largest kept checkpoint; NotFound (saying how to make one) when none is kept."""
    kept = log.records.newest_checkpoints(1)
    if not kept:
        raise NotFound("no checkpoint is kept yet", field="checkpoint", rule=NO_CHECKPOINT_RULE)
    return kept[-1]


class _Writer:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.written = self.kept = self.bytes = 0

    def existing(self, path: str) -> bytes | None:
        try:
            return (self.directory / path).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def refuse(self, path: str) -> IntegrityViolation:
        return IntegrityViolation(
            f"{self.directory / path} holds other bytes than this log's tile: the directory "
            "is not this log's",
            field="DIR",
            rule=_NOT_THIS_LOG,
        )

    def put(self, path: str, data: bytes) -> None:
        """Write ``path`` unless it holds ``data`` already; refuse if it holds anything else."""
        found = self.existing(path)
        if found is not None:
            if found != data:
                raise self.refuse(path)
            self.kept += 1
            return
        self.replace(path, data)

    def replace(self, path: str, data: bytes) -> None:
        target = self.directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                os.fchmod(out.fileno(), 0o644)  # public files, served as they are
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.written += 1
        self.bytes += len(data)


def export_tiles(
    log: TransparencyLog,
    directory: Path,
    progress: Callable[[int], None] | None = None,
    *,
    recheck: bool = False,
) -> Exported:
    """Write the tiles of the latest kept checkpoint into ``directory`` (made if missing);
    ``progress`` is called with how many leaves are done; ``recheck`` reads and compares
    every file already there, not only those past the checkpoint it publishes.

    Raises NotFound when no checkpoint is kept, IntegrityViolation when the tree or an event
    does not match the checkpoint, or the directory holds another log's files (or a larger
    checkpoint of this log: a published head is never rolled back).
    """
    signed = latest_kept(log)
    size = signed.checkpoint.size
    if log.size() < size or log.root(size) != signed.checkpoint.root:
        raise IntegrityViolation(
            f"the Merkle log does not hold the tree of size {size} the kept checkpoint signs",
            field="checkpoint",
            rule=TREE_RULE,
        )
    writer = _Writer(directory)
    published = _check_published(writer, signed, log)
    settled = 0 if recheck else published

    def published_already(tile: Tile) -> bool:
        """A full tile under the published head, there already: its bytes are this log's."""
        return tile.full and tile.end <= settled and (directory / tile.path).is_file()

    for bundle in tiles_of(size, entries=True):
        if published_already(Tile(0, bundle.index, bundle.width)) and published_already(bundle):
            writer.kept += 2
            if progress is not None:
                progress(bundle.end)
            continue
        leaves = log.tree.leaves(bundle.start, bundle.width)
        level0 = b"".join(leaf.hash for leaf in leaves)
        writer.put(Tile(0, bundle.index, bundle.width).path, level0)
        found = writer.existing(bundle.path)
        if found is None:
            writer.replace(bundle.path, bundle_bytes(log, leaves))
        elif _hashes(found, writer.refuse(bundle.path)) == level0:
            writer.kept += 1
        else:
            raise writer.refuse(bundle.path)
        if progress is not None:
            progress(bundle.end)
    for tile in tiles_of(size):
        if not tile.level:
            continue
        if published_already(tile):
            writer.kept += 1
        else:
            writer.put(tile.path, tile_hashes(log.tree, tile))
    writer.replace(CHECKPOINT_FILE, signed.text().encode())
    return Exported(signed, writer.written, writer.kept, writer.bytes)


def _check_published(writer: _Writer, signed: SignedCheckpoint, log: TransparencyLog) -> int:
    """The size of the tree the directory's checkpoint publishes (0 when it has none). Refuse
    a directory whose checkpoint is another log's, a fork of this one (another root at that
    size), or this log's at a larger size."""
    found = writer.existing(CHECKPOINT_FILE)
    if found is None:
        return 0
    try:
        published = parse_signed(found.decode()).checkpoint
    except (CheckpointError, UnicodeDecodeError):
        raise writer.refuse(CHECKPOINT_FILE) from None
    if published.origin != signed.checkpoint.origin:
        raise writer.refuse(CHECKPOINT_FILE)
    if published.size > signed.checkpoint.size:
        raise IntegrityViolation(
            f"{writer.directory / CHECKPOINT_FILE} publishes a tree of {published.size}, larger "
            f"than the latest kept checkpoint ({signed.checkpoint.size})",
            field="DIR",
            rule="a published checkpoint is never replaced by a smaller one",
        )
    if log.root(published.size) != published.root:
        raise writer.refuse(CHECKPOINT_FILE)
    return published.size


def _hashes(bundle: bytes, unreadable: IntegrityViolation) -> bytes:
    try:
        return b"".join(leaf_hash(entry) for entry in bundle_entries(bundle))
    except ValueError:
        raise unreadable from None


def bundle_bytes(log: TransparencyLog, leaves: Sequence[Leaf]) -> bytes:
    """The entry bundle of these leaves (consecutive, at least one), from their stored
    events, read as one page: the leaves follow the store's notification order, one per
    event. IntegrityViolation when an event does not hash to its leaf."""
    notifications = log.app.recorder.select_notifications(
        start=leaves[0].position, limit=len(leaves), inclusive_of_start=True
    )
    entries: list[tuple[str, bytes]] = []
    for leaf, notification in zip(leaves, notifications, strict=False):
        try:
            event = canonical_record(notification)
        except UnreadableEvent as error:
            raise IntegrityViolation(str(error), rule="every stored event is readable") from None
        name = f"at position {event.position} ({event.originator_id}:{event.originator_version})"
        if event.position != leaf.position or leaf_hash(event.data) != leaf.hash:
            raise IntegrityViolation(
                f"leaf {leaf.index} of the Merkle log is not the event {name}",
                field="event",
                rule=TREE_RULE,
            )
        entries.append((name, event.data))
    if len(entries) != len(leaves):
        raise IntegrityViolation(
            f"the store holds no event for leaf {leaves[len(entries)].index}",
            field="event",
            rule=TREE_RULE,
        )
    return entry_bundle(entries)
