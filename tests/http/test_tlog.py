"""``GET /tlog/...`` on a real ``ledger serve``: the checkpoint and hash tiles open to anyone,
entry bundles only with a whole-ledger reader's token, every tile the same bytes ``ledger
tiles export`` writes, bad paths a 404 in the API's JSON; and a third-party tlog client
(aics-tlog) verifying the server as its tile source."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from commands.wiring import build_context
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.log import TransparencyLog
from ledger.integrity.tiles_export import export_tiles
from tests.http.live import Live, serving
from tests.http.people import bearer, people
from tests.stores import StoreMaker
from tests.synthetic_log import LOG_KEY, grow_to

AICS_TLOG = str(Path(sys.executable).parent / "aics-tlog")


class Served:
    def __init__(self, live: Live, head: SignedCheckpoint, tiles: Path) -> None:
        self.live, self.head, self.tiles = live, head, tiles

    def get(self, path: str, token: str | None = None) -> httpx.Response:
        headers = bearer(self.live.tokens[token]) if token else {}
        return httpx.get(f"{self.live.url}{path}", headers=headers, timeout=30)


@pytest.fixture(scope="module")
def served(module_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A store of 600 events (people, then synthetic records) with a kept checkpoint, its
    tiles exported to compare with, and the server over it."""
    settings = module_stores.new()
    tmp_path = tmp_path_factory.mktemp("tlog")
    ctx = build_context(settings)
    tokens = people(ctx)
    log = TransparencyLog(ctx.app)
    head = grow_to(log, 600)
    tiles = tmp_path / "tiles"
    export_tiles(log, tiles)
    ctx.app.close()
    with serving(settings, tmp_path, tokens) as live:
        yield Served(live, head, tiles)


def test_the_checkpoint_and_hash_tiles_are_open_and_entries_need_a_token(served: Served) -> None:
    checkpoint = served.get("/tlog/checkpoint")
    assert checkpoint.status_code == 200
    assert checkpoint.headers["content-type"] == "text/plain; charset=utf-8"
    assert checkpoint.headers["cache-control"] == "no-cache"
    assert checkpoint.text == served.head.text()
    for path in ("tile/0/000", "tile/0/002.p/88", "tile/1/000.p/2"):
        tile = served.get(f"/tlog/{path}")
        assert tile.status_code == 200, tile.text
        assert tile.headers["content-type"] == "application/octet-stream"
        assert tile.content == (served.tiles / path).read_bytes()
    assert served.get("/tlog/tile/0/000").headers["cache-control"] == (
        "public, max-age=31536000, immutable"
    )
    assert served.get("/tlog/tile/0/002.p/88").headers["cache-control"] == "public, max-age=60"
    assert (
        served.get("/tlog/tile/0/002.p/7").content
        == ((served.tiles / "tile/0/002.p/88").read_bytes()[: 7 * 32])
    )  # an older checkpoint's partial tile: within the signed tree, so served
    refused = served.get("/tlog/tile/entries/000")
    assert refused.status_code == 401
    assert refused.json()["error"] == "unauthenticated"
    for path in ("tile/entries/000", "tile/entries/002.p/88"):
        bundle = served.get(f"/tlog/{path}", token="opdc-1")
        assert bundle.status_code == 200, bundle.text
        assert bundle.content == (served.tiles / path).read_bytes()
        assert bundle.headers["cache-control"].startswith("private, ")


BAD_PATHS = (
    "/tlog/tile/0/002.p/89",  # beyond the signed tree
    "/tlog/tile/0/003",
    "/tlog/tile/1/000",
    "/tlog/tile/0/x000/001",  # not the one spelling of index 1
    "/tlog/tile/0/001.p/256",
    "/tlog/tile/64/000",
    "/tlog/tile/0/..%2F..%2Fetc",
    "/tlog/tile/entries/004",
    "/tlog/tile/entries/x000/000",
    "/tlog/tile/entries",
    "/tlog/tile",
    "/tlog",
    "/tlog/nothing/here",
)


def test_a_bad_or_out_of_tree_path_is_a_404_in_the_api_json(served: Served) -> None:
    for path in BAD_PATHS:
        for token in (None, "opdc-1"):
            if token is None and path.startswith("/tlog/tile/entries/"):
                continue
            answer = served.get(path, token=token)
            assert answer.status_code == 404, (path, answer.text)
            assert answer.json()["error"] == "not-found", path
            assert "Traceback" not in answer.text
    assert "Traceback" not in served.live.log.read_text()


def test_aics_tlog_verifies_the_server_as_its_tile_source(served: Served, tmp_path: Path) -> None:
    vkey = tmp_path / "log.vkey"
    vkey.write_text(LOG_KEY.verifier.text() + "\n", encoding="utf-8")
    source = f"{served.live.url}/tlog/"
    done = subprocess.run(
        [AICS_TLOG, "verify-checkpoint", "--tiles", source, "--vkey-file", str(vkey)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"size": 600' in done.stdout
    leaf = (served.tiles / "tile/0/002.p/88").read_bytes()[32 * 50 : 32 * 51]  # leaf 562
    done = subprocess.run(
        [AICS_TLOG, "verify-inclusion", "--tiles", source, "--vkey-file", str(vkey),
         "--index", "562", "--leaf-hash", leaf.hex()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
