"""The Merkle log as C2SP tlog-tiles: tile paths, which tiles a tree has, and their bytes.

A tiled log (c2sp.org/tlog-tiles) publishes its tree as static files anyone can mirror: hash
tiles ``tile/<L>/<N>[.p/<W>]`` of 256 hashes (level 0 the leaf hashes, level ``l`` the roots
of perfect subtrees of 256**l leaves) and entry bundles ``tile/entries/<N>[.p/<W>]`` holding
the entries themselves, each a big-endian uint16 length and the bytes. The tree store keeps
every perfect subtree, so hash ``i`` of tile ``(l, n)`` is ``perfect(8 * l, n * 256 + i)``:
one stored hash, nothing recomputed. The entries are the events' canonical bytes, exactly
what the leaves hash, so a verifier that never heard of this ledger can check them.

Everything here is pure (no I/O): ``tiles_export`` writes the files and ``commands.http.tlog``
serves them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ledger.bounds import MAX_EVENT_BYTES
from ledger.errors import IntegrityViolation, NotFound
from ledger.integrity.merkle import RunSource

__all__ = [
    "ENTRY_LIMIT_RULE",
    "TILE_WIDTH",
    "TREE_RULE",
    "Tile",
    "bundle_entries",
    "encode_index",
    "entry_bundle",
    "parse_path",
    "tile_hashes",
    "tiles_of",
]

TILE_WIDTH = 256
_MAX_LEVEL = 63
ENTRY_LIMIT_RULE = f"an event fits one C2SP tile entry ({MAX_EVENT_BYTES:,} bytes canonical)"
TREE_RULE = "the tiles match the tree the kept checkpoint signs; run `ledger verify`"
_PATH_RULE = "tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>] (c2sp.org/tlog-tiles)"
_PATH = re.compile(r"tile/(entries|0|[1-9][0-9]?)/((?:x[0-9]{3}/)*[0-9]{3})(?:\.p/([1-9][0-9]*))?")


def encode_index(index: int) -> str:
    """A tile index as zero-padded 3-digit path elements, all but the last prefixed ``x``.

    >>> encode_index(1234067)
    'x001/x234/067'
    >>> encode_index(5)
    '005'
    """
    if index < 0:
        raise ValueError(f"a tile index is not negative ({index})")
    digits = str(index)
    digits = digits.zfill(-(-len(digits) // 3) * 3)
    parts = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    return "/".join([*(f"x{p}" for p in parts[:-1]), parts[-1]])


@dataclass(frozen=True, order=True)
class Tile:
    """Tile ``index`` of ``level`` (None for an entry bundle), ``width`` entries wide (256
    when full). Its hashes (or entries) cover leaves ``[start, end)``."""

    level: int | None
    index: int
    width: int = TILE_WIDTH

    @property
    def full(self) -> bool:
        return self.width == TILE_WIDTH

    @property
    def path(self) -> str:
        kind = "entries" if self.level is None else str(self.level)
        suffix = "" if self.full else f".p/{self.width}"
        return f"tile/{kind}/{encode_index(self.index)}{suffix}"

    @property
    def span(self) -> int:
        """How many leaves each of its hashes (or entries) covers."""
        return int(TILE_WIDTH ** (self.level or 0))

    @property
    def start(self) -> int:
        return self.index * TILE_WIDTH * self.span

    @property
    def end(self) -> int:
        return (self.index * TILE_WIDTH + self.width) * self.span

    def within(self, size: int) -> bool:
        """Whether a tree of ``size`` leaves holds everything this tile covers (then its bytes
        are fixed for good: every hash in it is of a perfect subtree of that tree)."""
        return self.end <= size


def tiles_of(size: int, *, entries: bool = False) -> Iterator[Tile]:
    """The tiles a tree of ``size`` leaves publishes, level by level: the full ones and, per
    level, the rightmost partial one of ``floor(size / 256**l) mod 256`` hashes (none when
    that is 0: empty tiles are never served). With ``entries``, the entry bundles instead.

    >>> [t.path for t in tiles_of(257)]
    ['tile/0/000', 'tile/0/001.p/1', 'tile/1/000.p/1']
    """
    levels: Iterable[int | None] = [None] if entries else range(_MAX_LEVEL + 1)
    for level in levels:
        count = size // TILE_WIDTH ** (level or 0)
        if count == 0:
            return
        full, rest = divmod(count, TILE_WIDTH)
        for index in range(full):
            yield Tile(level, index)
        if rest:
            yield Tile(level, full, rest)


def tile_hashes(source: RunSource, tile: Tile) -> bytes:
    """The bytes of a hash tile: its ``width`` hashes, each a perfect subtree of
    ``256**level`` leaves, read in one go (requires ``tile.level`` is not None).
    IntegrityViolation when the source lacks any of them."""
    if tile.level is None:
        raise ValueError("an entry bundle holds entries, not hashes")
    hashes = source.perfect_run(8 * tile.level, tile.index * TILE_WIDTH, tile.width)
    if len(hashes) != tile.width:
        raise IntegrityViolation(
            f"the Merkle log lacks hashes of {tile.path}", field="path", rule=TREE_RULE
        )
    return b"".join(hashes)


def entry_bundle(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """An entry bundle: each entry as a big-endian uint16 length and its bytes.

    ``entries`` are (the event's name, its canonical bytes). IntegrityViolation naming the
    event when one is over 65,535 bytes: the bounds keep every event within one entry, so a
    longer one was stored behind the ledger's back.
    """
    out = bytearray()
    for name, data in entries:
        if len(data) > MAX_EVENT_BYTES:
            raise IntegrityViolation(
                f"the event {name} is {len(data):,} bytes canonical, more than a tile entry "
                f"holds ({MAX_EVENT_BYTES:,})",
                field="event",
                rule=ENTRY_LIMIT_RULE,
                expected=MAX_EVENT_BYTES,
                actual=len(data),
            )
        out += len(data).to_bytes(2, "big") + data
    return bytes(out)


def bundle_entries(bundle: bytes) -> list[bytes]:
    """The entries of an entry bundle; ValueError if it is cut short."""
    found, at = [], 0
    while at < len(bundle):
        length = int.from_bytes(bundle[at : at + 2], "big")
        if at + 2 > len(bundle) or at + 2 + length > len(bundle):
            raise ValueError(f"the entry bundle is cut short at byte {at}")
        found.append(bundle[at + 2 : at + 2 + length])
        at += 2 + length
    return found


def parse_path(path: str) -> Tile:
    """The tile a path names (``tile/...`` as published); NotFound (404) for anything that is
    not a tile path in the spec's one spelling (no leading zeroes, levels 0-63, widths
    1-255)."""
    match = _PATH.fullmatch(path)
    if match is not None and (match[1] == "entries" or int(match[1]) <= _MAX_LEVEL):
        width = int(match[3]) if match[3] else TILE_WIDTH
        index = int(match[2].replace("x", "").replace("/", ""))
        tile = Tile(None if match[1] == "entries" else int(match[1]), index, width)
        if 0 < width <= TILE_WIDTH and tile.path == path:
            return tile
    raise NotFound(f"no tile {path[:120]!r}", field="path", rule=_PATH_RULE)
