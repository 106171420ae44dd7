"""C2SP tlog-tiles, the pure part: paths, which tiles a tree has, their bytes, entry bundles."""

from __future__ import annotations

from collections import Counter
from uuid import UUID

import pytest
from aics_tlog.tiles import materialise_tiles, parse_entry_bundle, parse_tile_path

from ledger.bounds import MAX_EVENT_BYTES
from ledger.errors import IntegrityViolation, NotFound
from ledger.integrity.canonical import canonical_bytes, canonical_from_stored
from ledger.integrity.merkle import MemoryTree, leaf_hash
from ledger.integrity.tiles import (
    Tile,
    bundle_entries,
    encode_index,
    entry_bundle,
    parse_path,
    tile_hashes,
    tiles_of,
)
from ledger.persistence.codec import MsgspecMapper, MsgspecTranscoder
from tests.unit.test_bounds import largest_events


def test_an_index_is_three_digit_elements_all_but_the_last_marked_x() -> None:
    assert encode_index(1234067) == "x001/x234/067"
    assert encode_index(0) == "000"
    assert encode_index(999) == "999"
    assert encode_index(1000) == "x001/000"
    assert Tile(0, 1234067, 5).path == "tile/0/x001/x234/067.p/5"
    assert Tile(None, 3).path == "tile/entries/003"
    assert Tile(2, 0, 1).path == "tile/2/000.p/1"


def test_the_specs_example_tree_of_70000() -> None:
    kinds = Counter((t.level, "full" if t.full else t.width) for t in tiles_of(70_000))
    assert kinds == {(0, "full"): 273, (0, 112): 1, (1, "full"): 1, (1, 17): 1, (2, 1): 1}
    bundles = Counter("full" if t.full else t.width for t in tiles_of(70_000, entries=True))
    assert bundles == {"full": 273, 112: 1}


def test_a_tree_of_256_has_one_full_tile_and_a_level_1_tile_of_one() -> None:
    assert [t.path for t in tiles_of(256)] == ["tile/0/000", "tile/1/000.p/1"]
    assert list(tiles_of(0)) == []
    assert [t.path for t in tiles_of(1)] == ["tile/0/000.p/1"]


@pytest.mark.parametrize("size", [1, 255, 256, 257, 300, 256 * 3 + 5, 65_536 + 3])
def test_the_same_paths_as_an_independent_tiler(size: int) -> None:
    ours = {t.path for t in tiles_of(size)} | {t.path for t in tiles_of(size, entries=True)}
    # aics-tlog builds every tile from the leaves themselves (cheap leaves: their index)
    theirs = set(materialise_tiles([b"%d" % i for i in range(size)]))
    assert ours == theirs


def test_tile_bytes_are_the_perfect_subtrees_an_independent_tiler_computes() -> None:
    entries = [b"entry %d" % i for i in range(256 * 3 + 5)]
    tree = MemoryTree()
    for entry in entries:
        tree.append(leaf_hash(entry))
    theirs = materialise_tiles(entries)
    for tile in tiles_of(len(entries)):
        assert tile_hashes(tree, tile) == theirs[tile.path], tile.path
    for bundle in tiles_of(len(entries), entries=True):
        ours = entry_bundle((str(i), entries[i]) for i in range(bundle.start, bundle.end))
        assert ours == theirs[bundle.path]
        assert bundle_entries(ours) == entries[bundle.start : bundle.end]


def test_a_tile_covers_its_span_and_lies_within_a_tree_that_holds_it() -> None:
    tile = Tile(1, 2, 17)
    assert (tile.start, tile.end, tile.span) == (2 * 65_536, 2 * 65_536 + 17 * 256, 256)
    assert tile.within(tile.end)
    assert not tile.within(tile.end - 1)


@pytest.mark.parametrize(
    "path",
    [
        "tile/0/000",
        "tile/0/x001/x234/067.p/5",
        "tile/entries/001.p/255",
        "tile/63/999",
        "tile/entries/x001/000",
    ],
)
def test_a_path_reads_back_as_the_tile_it_names(path: str) -> None:
    tile = parse_path(path)
    assert tile.path == path
    if tile.level is not None:
        assert parse_tile_path(path) == (tile.level, tile.index, None if tile.full else tile.width)


@pytest.mark.parametrize(
    "path",
    [
        "tile/0/001.p/256",  # a full tile has no width
        "tile/0/001.p/0",  # empty tiles are never served
        "tile/0/001.p/05",  # no leading zeroes
        "tile/0/x000/005",  # one spelling per index
        "tile/00/000",
        "tile/64/000",  # levels 0-63
        "tile/0/1",
        "tile/0/0001",
        "tile/-1/000",
        "tile/entries/",
        "tile/0/000/",
        "tile/0/000.p/",
        "checkpoint",
        "tile/0/x001",
    ],
)
def test_anything_else_is_not_a_tile(path: str) -> None:
    with pytest.raises(NotFound) as refused:
        parse_path(path)
    assert refused.value.field == "path"
    assert "tlog-tiles" in (refused.value.rule or "")


def test_an_entry_over_65535_bytes_is_refused_naming_the_event() -> None:
    assert len(entry_bundle([("at position 1", b"x" * MAX_EVENT_BYTES)])) == 2 + MAX_EVENT_BYTES
    with pytest.raises(IntegrityViolation) as refused:
        entry_bundle([("at position 1", b"ok"), ("at position 2", b"x" * (MAX_EVENT_BYTES + 1))])
    assert "at position 2" in refused.value.message
    assert "65,535" in (refused.value.rule or "")
    assert refused.value.actual == MAX_EVENT_BYTES + 1


def test_the_largest_events_the_bounds_allow_fit_an_entry_bundle() -> None:
    mapper = MsgspecMapper(transcoder=MsgspecTranscoder())
    entries = []
    for event in largest_events("ก"):
        stored = mapper.to_stored_event(event)
        canonical = canonical_from_stored(
            UUID(str(stored.originator_id)), stored.originator_version, stored.topic, stored.state
        )
        entries.append(canonical_bytes(canonical))
    largest = max(len(e) for e in entries)
    assert 30_000 < largest <= MAX_EVENT_BYTES  # Thai text: three bytes a character
    bundle = entry_bundle((str(i), e) for i, e in enumerate(entries))
    assert parse_entry_bundle(bundle) == entries


def test_a_cut_bundle_is_unreadable() -> None:
    bundle = entry_bundle([("a", b"abc"), ("b", b"defg")])
    with pytest.raises(ValueError, match="cut short"):
        bundle_entries(bundle[:-1])
    with pytest.raises(ValueError, match="cut short"):
        bundle_entries(bundle[:6])
