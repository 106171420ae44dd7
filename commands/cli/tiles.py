"""``ledger tiles export``: the Merkle log as C2SP tlog-tiles, static files anyone can serve and
any tlog client can verify (``ledger serve`` also serves them live under ``/tlog``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from commands.cli.merkle_log import caught_up_log
from commands.cli.options import db_option
from commands.cli.views import progress_bar
from ledger.integrity.tiles_export import export_tiles, latest_kept

__all__ = ["tiles"]


@click.group()
def tiles() -> None:
    """Publish the Merkle log as C2SP tlog-tiles (static files any tlog client verifies)."""


@tiles.command("export")
@click.argument(
    "directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path, writable=True)
)
@click.option(
    "--recheck",
    is_flag=True,
    help="Read and compare every file already in DIR, not only those past its checkpoint.",
)
@db_option()
def tiles_export(directory: Path, recheck: bool, database: str | None) -> None:
    """Write the tiles of the latest kept checkpoint into DIR (c2sp.org/tlog-tiles).

    DIR gets `checkpoint` (the signed note with its cosignatures), the hash tiles
    tile/<L>/<N>[.p/<W>] and the entry bundles tile/entries/<N>[.p/<W>], whose entries are
    the events' canonical bytes. Run it again after more checkpoints: DIR's checkpoint must
    be this log's, files are never rewritten (one that differs stops the export), only new
    ones are written, and the checkpoint is written last. Full tiles under DIR's checkpoint
    are taken as they are unless --recheck. Serve DIR from any web server; `ledger
    checkpoint --key FILE` signs a newer head first.
    """
    log = caught_up_log(database)
    size = latest_kept(log).checkpoint.size
    with progress_bar(sys.stderr.isatty() and size > 5000) as progress:
        task = progress.add_task("tiles", total=size)
        done = export_tiles(
            log, directory, lambda n: progress.update(task, completed=n), recheck=recheck
        )
    click.echo(
        f"Exported tree size {done.size:,} of {_fit(done.checkpoint.checkpoint.origin, 48)}\n"
        f"  to {_fit(str(directory), 74, tail=True)}\n"
        f"  written {done.written:,} {'file' if done.written == 1 else 'files'} "
        f"({done.bytes_written / 1e6:,.1f} MB), kept {done.kept:,} unchanged\n"
        f"  ขนาดต้นไม้ {done.size:,}: เขียน {done.written:,} ไฟล์, คงเดิม {done.kept:,} ไฟล์"
    )


def _fit(text: str, width: int, *, tail: bool = False) -> str:
    """``text`` cut to ``width`` characters with an ellipsis (a path keeps its end)."""
    if len(text) <= width:
        return text
    return "…" + text[1 - width :] if tail else text[: width - 1] + "…"
