"""``ledger tiles export`` over a real store: what is written, what an incremental export
leaves alone, and what it refuses (no checkpoint, another log's folder, a changed tile, an
event too long for a tile entry)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from commands.wiring import build_context
from ledger.errors import IntegrityViolation, NotFound
from ledger.integrity.keys import generate
from ledger.integrity.log import TransparencyLog
from ledger.integrity.tiles_export import export_tiles
from ledger.persistence.settings import Settings
from tests.cli import ledger
from tests.stores import StoreMaker
from tests.synthetic_log import LOG_KEY, grow_to, record


@pytest.fixture
def log(settings: Settings) -> Iterator[TransparencyLog]:
    ctx = build_context(settings)
    yield TransparencyLog(ctx.app)
    ctx.app.close()


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file under ``folder``: its inode and modification time (ns)."""
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_an_incremental_export_writes_only_the_new_tiles(
    log: TransparencyLog, tmp_path: Path
) -> None:
    tiles = tmp_path / "tiles"
    grow_to(log, 600)
    first = export_tiles(log, tiles)
    assert (first.size, first.kept) == (600, 0)
    # two full level-0 tiles and bundles, a partial of each, level 1 of width 2, checkpoint
    assert first.written == 2 + 2 + 2 + 1 + 1
    before = _files(tiles)
    again = export_tiles(log, tiles)
    assert (again.written, again.kept) == (1, first.written - 1)  # the checkpoint alone
    grow_to(log, 1000)
    grown = export_tiles(log, tiles)
    after = _files(tiles)
    full = [p for p in before if p != "checkpoint" and ".p" not in p]
    assert len(full) == 4
    assert all(after[p] == before[p] for p in full)  # not rewritten, not even replaced
    assert set(before) <= set(after)  # the old partial tiles are left for older readers
    new = set(after) - set(before)
    assert new == {
        "tile/0/002", "tile/0/003.p/232", "tile/entries/002", "tile/entries/003.p/232",
        "tile/1/000.p/3",
    }  # fmt: skip
    assert grown.written == len(new) + 1
    assert (tiles / "checkpoint").read_text() == log.records.checkpoints()[-1].text()


def test_no_kept_checkpoint_says_how_to_sign_one(log: TransparencyLog, tmp_path: Path) -> None:
    record(log.app, 0)
    with pytest.raises(NotFound) as refused:
        export_tiles(log, tmp_path / "tiles")
    assert "ledger checkpoint --key" in (refused.value.rule or "")
    assert not (tmp_path / "tiles").exists()


def test_a_folder_holding_another_logs_tiles_is_refused(
    log: TransparencyLog, tmp_path: Path, stores: StoreMaker
) -> None:
    tiles = tmp_path / "tiles"
    grow_to(log, 300)
    export_tiles(log, tiles)
    published = (tiles / "checkpoint").read_bytes()
    other = TransparencyLog(build_context(stores.new("other")).app)
    for number in range(1000, 1600):  # another history under the same key
        record(other.app, number)
    other.sign_head(LOG_KEY)
    with pytest.raises(IntegrityViolation, match="not this log's"):
        export_tiles(other, tiles)  # its size is larger: refused at the first differing tile
    assert (tiles / "checkpoint").read_bytes() == published
    other.app.close()


def test_another_origin_or_a_rollback_of_the_published_head_is_refused(
    log: TransparencyLog, tmp_path: Path, stores: StoreMaker
) -> None:
    tiles = tmp_path / "tiles"
    grow_to(log, 10)
    export_tiles(log, tiles)
    published = (tiles / "checkpoint").read_text()
    for number in range(10, 20):
        record(log.app, number)
    log.sign_head(generate("someone.else.example/log", "log"))
    with pytest.raises(IntegrityViolation, match="not this log's"):
        export_tiles(log, tiles)
    smaller = TransparencyLog(build_context(stores.new("smaller")).app)
    grow_to(smaller, 5)
    with pytest.raises(IntegrityViolation, match="larger than the latest kept checkpoint"):
        export_tiles(smaller, tiles)
    smaller.app.close()
    assert (tiles / "checkpoint").read_text() == published


def test_a_changed_full_tile_is_refused_not_repaired(log: TransparencyLog, tmp_path: Path) -> None:
    tiles = tmp_path / "tiles"
    grow_to(log, 300)
    export_tiles(log, tiles)
    changed = b"\x00\x02{}" * 256
    (tiles / "tile/entries/000").write_bytes(changed)
    # Under the head the folder publishes, full tiles are trusted unread (a run costs what is
    # new); --recheck reads them all.
    assert export_tiles(log, tiles).written == 1
    with pytest.raises(IntegrityViolation, match="tile/entries/000"):
        export_tiles(log, tiles, recheck=True)
    assert (tiles / "tile/entries/000").read_bytes() == changed
    (tiles / "tile/0/000").write_bytes(bytes(8192))
    grow_to(log, 600)  # past the published head, a changed tile is still refused
    (tiles / "checkpoint").unlink()
    with pytest.raises(IntegrityViolation, match="tile/0/000"):
        export_tiles(log, tiles)


def test_a_missing_full_tile_under_the_published_head_is_written_again(
    log: TransparencyLog, tmp_path: Path
) -> None:
    tiles = tmp_path / "tiles"
    grow_to(log, 300)
    export_tiles(log, tiles)
    whole = (tiles / "tile/entries/000").read_bytes()
    (tiles / "tile/entries/000").unlink()
    export_tiles(log, tiles)
    assert (tiles / "tile/entries/000").read_bytes() == whole


def test_a_published_head_this_log_never_had_is_refused(
    log: TransparencyLog, tmp_path: Path, stores: StoreMaker
) -> None:
    tiles = tmp_path / "tiles"
    fork = TransparencyLog(build_context(stores.new("fork")).app)
    for number in range(2000, 2300):  # another history of the same size, under the same key
        record(fork.app, number)
    fork.sign_head(LOG_KEY)
    export_tiles(fork, tiles)
    fork.app.close()
    grow_to(log, 600)
    with pytest.raises(IntegrityViolation, match="checkpoint"):
        export_tiles(log, tiles)


def test_an_event_too_long_for_a_tile_entry_is_refused_naming_it(
    log: TransparencyLog, tmp_path: Path
) -> None:
    grow_to(log, 5)
    record(log.app, 5, padding=70_000)  # stored behind the ledger's back: no mapper bound
    log.sign_head(LOG_KEY)
    with pytest.raises(IntegrityViolation) as refused:
        export_tiles(log, tmp_path / "tiles")
    assert "at position 6" in refused.value.message
    assert "65,535" in (refused.value.rule or "")
    assert not (tmp_path / "tiles" / "checkpoint").exists()


def test_the_command_prints_a_summary_in_80_columns(
    settings: Settings, stores: StoreMaker, tmp_path: Path
) -> None:
    ctx = build_context(settings)
    grow_to(TransparencyLog(ctx.app), 257)
    ctx.app.close()
    done = ledger("tiles", "export", str(tmp_path / "tiles"), "--db", settings.database,
                  env={"COLUMNS": "80"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Exported tree size 257 of tiles.test.example/log"
    assert "written 6 files" in lines[2]
    assert all(len(line) <= 80 for line in lines)
    assert (tmp_path / "tiles/tile/1/000.p/1").stat().st_size == 32
    unsigned = stores.new("unsigned")
    ctx = build_context(unsigned)
    record(ctx.app, 0)
    ctx.app.close()
    refused = ledger("tiles", "export", str(tmp_path / "t2"), "--db", unsigned.database)
    assert refused.returncode == 1
    assert "ledger checkpoint --key" in refused.stderr
