"""Helpers for tests of the read side: open every projection of a store, dump and rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

from commands.handlers import HandlerContext
from ledger.persistence.settings import Settings
from projections.base import LedgerProjection
from projections.catch_up import catch_up, catch_up_many
from projections.documents import Row
from projections.registry import PROJECTIONS, open_projection


def open_all(settings: Settings, ctx: HandlerContext) -> dict[str, LedgerProjection]:
    return {name: open_projection(settings, name, ctx.framework) for name in PROJECTIONS}


def catch_up_all(ctx: HandlerContext, views: dict[str, LedgerProjection], batch: int = 200) -> None:
    catch_up_many(ctx.app, list(views.values()), batch_size=batch)


def dumps(views: dict[str, LedgerProjection]) -> dict[str, list[Row]]:
    return {name: projection.view.dump() for name, projection in views.items()}


def rebuilt(
    ctx: HandlerContext, views: dict[str, LedgerProjection], batch: int = 500
) -> dict[str, list[Row]]:
    """Drop every view, rebuild it from the whole log, and dump it."""
    for projection in views.values():
        projection.view.drop()
        assert projection.view.dump() == []
        catch_up(ctx.app, projection, batch_size=batch)
    return dumps(views)


def copy_store(source: Path, folder: Path) -> Settings:
    """A private copy of a SQLite event store (its views are not copied)."""
    target = folder / source.name
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return Settings(database=str(target))


def close_all(views: dict[str, LedgerProjection]) -> None:
    """Close each view's connections (a PostgreSQL view holds a pool of its own)."""
    for projection in views.values():
        projection.view.datastore.close()  # type: ignore[attr-defined]
