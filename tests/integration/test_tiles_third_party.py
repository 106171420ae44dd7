"""The exported tiles checked by a verifier nobody here wrote: aics-tlog 0.2.1 (PyPI, pure
Python, c2sp.org/tlog-tiles, tlog-checkpoint, signed-note, tlog-cosignature), its library and
its command line, on SQLite and PostgreSQL.

One store grows through sizes that give full and partial tiles at levels 0, 1 and 2 (1, 255,
256, 257, 300, 773 and 65,539 leaves), a checkpoint is signed at each, and each size is
exported to a folder of its own and, incrementally, into one shared folder.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aics_tlog import (
    FileSystemTileReader,
    TileVerificationError,
    VerifiedTileReader,
    audit_tiles,
    inclusion_proof_from_tiles,
    leaf_hash,
    read_entry,
    tree_root_from_tiles,
    verify_inclusion,
)

from commands.wiring import build_context
from ledger.integrity import merkle
from ledger.integrity.checkpoint import SignedCheckpoint, cosign
from ledger.integrity.log import TransparencyLog
from ledger.integrity.tiles_export import export_tiles
from tests.stores import StoreMaker
from tests.synthetic_log import LOG_KEY, WITNESS_KEY, grow_to

SIZES = (1, 255, 256, 257, 300, 256 * 3 + 5, 65_536 + 3)
AICS_TLOG = str(Path(sys.executable).parent / "aics-tlog")


@dataclass
class Grown:
    log: TransparencyLog
    heads: dict[int, SignedCheckpoint]
    folder: Path

    def tiles(self, size: int) -> Path:
        return self.folder / f"tiles-{size}"

    @property
    def shared(self) -> Path:
        return self.folder / "tiles-incremental"


@pytest.fixture(scope="module")
def grown(module_stores: StoreMaker) -> Iterator[Grown]:
    ctx = build_context(module_stores.new())
    log = TransparencyLog(ctx.app)
    found = Grown(log, {}, module_stores.folder)
    for size in SIZES:
        found.heads[size] = grow_to(log, size)
        export_tiles(log, found.tiles(size))
        export_tiles(log, found.shared)
    yield found
    ctx.app.close()


def _reader(folder: Path, head: SignedCheckpoint) -> VerifiedTileReader:
    return VerifiedTileReader(
        FileSystemTileReader(folder), head.checkpoint.size, head.checkpoint.root
    )


@pytest.mark.parametrize("size", SIZES)
def test_aics_tlog_authenticates_every_tile_and_bundle_of_each_size(
    grown: Grown, size: int
) -> None:
    head = grown.heads[size]
    report = audit_tiles(FileSystemTileReader(grown.tiles(size)), size, head.checkpoint.root)
    assert report.bundles == -(-size // 256)
    assert report.tiles == sum(-(-(size // 256**level) // 256) for level in range(3))
    reader = FileSystemTileReader(grown.tiles(size))
    assert tree_root_from_tiles(reader, size) == head.checkpoint.root


def test_the_incremental_folder_serves_every_size_it_was_exported_at(grown: Grown) -> None:
    for size, head in grown.heads.items():
        audit_tiles(FileSystemTileReader(grown.shared), size, head.checkpoint.root)
    assert (grown.shared / "checkpoint").read_text() == grown.heads[SIZES[-1]].text()


@pytest.mark.parametrize("size", [257, 256 * 3 + 5, 65_536 + 3])
def test_inclusion_proofs_from_the_tiles_prove_the_events_canonical_bytes(
    grown: Grown, size: int
) -> None:
    head = grown.heads[size]
    reader = _reader(grown.tiles(size), head)
    for index in sorted({0, 1, 255, 256, size // 2, size - 2, size - 1} & set(range(size))):
        proof = inclusion_proof_from_tiles(reader, index, size)
        entry = read_entry(reader, index, size)
        leaf = grown.log.tree.leaves(index, 1)[0]
        assert entry == grown.log.event_bytes(leaf)
        assert verify_inclusion(leaf_hash(entry), index, size, proof, head.checkpoint.root)
        assert proof == grown.log.inclusion(index, size)  # the same proof as ours
        merkle.verify_inclusion(index, size, leaf.hash, proof, head.checkpoint.root)


def _aics(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [AICS_TLOG, *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def cosigned(grown: Grown, tmp_path: Path) -> Path:
    """The 773-leaf tiles with the checkpoint cosigned by a witness (kept, then exported
    again: only the checkpoint changes); the keys in ``tmp_path``, away from the tiles."""
    size = 256 * 3 + 5
    head = grown.heads[size]
    witnessed = cosign(head, WITNESS_KEY, datetime.now(UTC))
    kept = grown.log.attach(witnessed, [WITNESS_KEY.verifier])
    tiles = tmp_path / "tiles"
    shutil.copytree(grown.tiles(size), tiles)
    (tiles / "checkpoint").write_text(kept.text(), encoding="utf-8")
    (tmp_path / "log.vkey").write_text(LOG_KEY.verifier.text() + "\n", encoding="utf-8")
    return tiles


def test_its_cli_verifies_the_checkpoint_and_a_witness_cosignature(
    cosigned: Path, tmp_path: Path
) -> None:
    vkey = str(tmp_path / "log.vkey")
    witness = WITNESS_KEY.verifier.text()
    done = _aics("verify-checkpoint", "--tiles", str(cosigned), "--vkey-file", vkey,
                 "--witness-key", witness, "--quorum", "1")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"cosignatures": 1' in done.stdout
    assert '"tiles_ok": true' in done.stdout
    stranger = "witness.test.example+00000000+BA" + "A" * 42 + "="
    done = _aics("verify-checkpoint", "--tiles", str(cosigned), "--vkey-file", vkey,
                 "--witness-key", stranger, "--quorum", "1")  # fmt: skip
    assert done.returncode != 0


def test_its_cli_proves_an_entry_and_writes_its_canonical_bytes(
    grown: Grown, cosigned: Path, tmp_path: Path
) -> None:
    out = tmp_path / "entry-700"
    done = _aics("verify-inclusion", "--tiles", str(cosigned),
                 "--vkey-file", str(tmp_path / "log.vkey"), "--index", "700",
                 "--entry-out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes() == grown.log.event_bytes(grown.log.tree.leaves(700, 1)[0])


def test_a_tampered_tile_or_bundle_is_refused(cosigned: Path, tmp_path: Path) -> None:
    vkey = str(tmp_path / "log.vkey")
    head_size = 256 * 3 + 5
    original = (cosigned / "tile/0/001").read_bytes()
    damaged = bytes([original[40] ^ 1])
    (cosigned / "tile/0/001").write_bytes(original[:40] + damaged + original[41:])
    text = (cosigned / "checkpoint").read_text().split("\n")
    root = base64.b64decode(text[2])
    with pytest.raises(TileVerificationError):
        audit_tiles(FileSystemTileReader(cosigned), head_size, root)
    done = _aics("verify-inclusion", "--tiles", str(cosigned), "--vkey-file", vkey,
                 "--index", "257")  # fmt: skip
    assert done.returncode != 0
    assert "TileVerificationError" in done.stdout
    (cosigned / "tile/0/001").write_bytes(original)
    bundle = cosigned / "tile/entries/002"
    data = bundle.read_bytes()
    bundle.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    done = _aics("verify-inclusion", "--tiles", str(cosigned), "--vkey-file", vkey,
                 "--index", "600", "--entry-out", os.devnull)  # fmt: skip
    assert done.returncode != 0
    assert "does not match" in done.stdout
