"""The log as C2SP tlog-tiles over HTTP, under ``/tlog``: what ``ledger tiles export`` writes,
computed on request from the tree store, so any tlog client can use the server as its tile
source (``aics-tlog verify-checkpoint --tiles http://HOST/tlog``).

- ``GET /tlog/checkpoint``: the latest kept checkpoint with its cosignatures (mutable: not
  cached);
- ``GET /tlog/tile/<L>/<N>[.p/<W>]``: hash tiles (hashes only, no ledger data: open, like the
  checkpoint);
- ``GET /tlog/tile/entries/<N>[.p/<W>]``: entry bundles, every event's bytes, so they ask for
  a bearer token (the token middleware guards every route that does not opt out) of a user
  who reads the whole ledger (opdc, administrator or auditor over it: a bundle mixes
  agreements and identity events).

A tile is served when everything it covers is inside the latest kept checkpoint's tree: its
bytes are then fixed for good (each hash is of a perfect subtree of a signed tree), so a
client holding an older checkpoint still gets the partial tiles of its size, and nothing
beyond a signed head is published. Full tiles are cached for a year (immutable); partial ones
for a minute, as the spec lets a log drop them once the full tile exists. A path that is not
a tile, or a tile beyond the tree, is a 404 in the API's error JSON.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import MediaType, Request, Response, Router, get
from litestar.params import PathParameter

from commands.http.errors import ERROR_RESPONSES, EXCEPTION_HANDLERS
from commands.http.read_access import READER, ReaderDep
from commands.http.read_params import ApiDep, SealerDep
from ledger.errors import NotFound
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.tiles import Tile, parse_path, tile_hashes
from ledger.integrity.tiles_export import bundle_bytes, latest_kept

__all__ = ["TLOG_ROUTES"]

_OPEN = {"exclude_from_auth": True}
Rest = Annotated[
    str, PathParameter(description="the rest of the tile path, as c2sp.org/tlog-tiles spells it")
]
_OCTETS = "application/octet-stream"
_FULL = "max-age=31536000, immutable"
_PARTIAL = "max-age=60"


def _latest(api: ApiDep, sealer: SealerDep) -> SignedCheckpoint:
    """The latest kept checkpoint, with the tree caught up to it (it always is after a
    seal; a SQLite tree rebuilt beside the views may lag until the next one)."""
    signed = latest_kept(sealer.log)
    if sealer.log.size() < signed.checkpoint.size:
        sealer.seal(api)
    return signed


def _tile(path: str, signed: SignedCheckpoint) -> Tile:
    tile = parse_path(path)
    size = signed.checkpoint.size
    if not tile.within(size):
        raise NotFound(
            f"{path} lies beyond the tree of the latest checkpoint ({size:,} leaves)",
            field="path",
            rule="tiles are served within the latest kept checkpoint's tree",
        )
    return tile


def _octets(data: bytes, tile: Tile, scope: str) -> Response[bytes]:
    cache = f"{scope}, {_FULL if tile.full else _PARTIAL}"
    return Response(data, media_type=_OCTETS, headers={"Cache-Control": cache})


@get(
    "/checkpoint",
    sync_to_thread=True,
    opt=_OPEN,
    summary="The latest checkpoint (c2sp.org/tlog-tiles)",
    tags=["transparency"],
    responses=ERROR_RESPONSES,
)
def tlog_checkpoint(api: ApiDep, sealer: SealerDep) -> Response[str]:
    """The latest kept checkpoint as a signed note with every cosignature kept for it; 404
    while none is kept."""
    return Response(
        _latest(api, sealer).text(),
        media_type=MediaType.TEXT,
        headers={"Cache-Control": "no-cache"},
    )


@get(
    "/tile/entries/{rest:path}",
    sync_to_thread=True,
    summary="An entry bundle: the events' canonical bytes (token required)",
    tags=["transparency"],
    security=[{"bearer": []}],
    responses=ERROR_RESPONSES,
)
def tlog_entries(api: ApiDep, sealer: SealerDep, reader: ReaderDep, rest: Rest) -> Response[bytes]:
    """Entry bundle ``tile/entries/<N>[.p/<W>]``: each event's canonical bytes after its
    big-endian uint16 length; 403 unless the reader reads the whole ledger."""
    reader.require_whole_ledger("an entry bundle holds every event", "Authorization")
    tile = _tile(f"tile/entries{rest}", _latest(api, sealer))
    leaves = sealer.log.tree.leaves(tile.start, tile.width)
    return _octets(bundle_bytes(sealer.log, leaves), tile, "private")


@get(
    "/tile/{rest:path}",
    sync_to_thread=True,
    opt=_OPEN,
    summary="A hash tile (c2sp.org/tlog-tiles)",
    tags=["transparency"],
    responses=ERROR_RESPONSES,
)
def tlog_tile(api: ApiDep, sealer: SealerDep, rest: Rest) -> Response[bytes]:
    """Hash tile ``tile/<L>/<N>[.p/<W>]``: 256 hashes (fewer when partial) of 32 bytes."""
    tile = _tile(f"tile{rest}", _latest(api, sealer))
    if tile.level is None:  # "entries" itself, with nothing after it
        raise NotFound(f"no tile 'tile{rest}'", field="path")
    return _octets(tile_hashes(sealer.log.tree, tile), tile, "public")


@get(
    ["/", "/{rest:path}", "/tile", "/tile/entries"],
    opt=_OPEN,
    sync_to_thread=False,
    include_in_schema=False,
)
def tlog_elsewhere(request: Request[Any, Any, Any]) -> None:
    """Anything else under /tlog: a 404 in the API's words, not a web page."""
    raise NotFound(
        f"no resource {request.url.path[:120]}",
        field="path",
        rule="/tlog serves checkpoint, tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>]",
    )


TLOG_ROUTES: list[Any] = [
    Router(
        "/tlog",
        route_handlers=[tlog_checkpoint, tlog_entries, tlog_tile, tlog_elsewhere],
        dependencies={"reader": READER},
        exception_handlers=EXCEPTION_HANDLERS,
    )
]
