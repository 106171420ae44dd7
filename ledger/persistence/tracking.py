"""Opening a tracked view (a projection's recorder) beside the event store the settings name."""

from __future__ import annotations

import atexit
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from eventsourcing.persistence import InfrastructureFactory, TrackingRecorder
from eventsourcing.utils import Environment

from ledger.persistence.settings import Settings

__all__ = ["open_tracking_recorder", "views_folder"]

R = TypeVar("R", bound=TrackingRecorder)

_scratch: dict[Path, Path] = {}


def open_tracking_recorder(
    settings: Settings, name: str, sqlite_class: type[R], postgres_class: type[R]
) -> R:
    """The recorder named ``name``: its own file in ``STORE.projections/`` on SQLite, tables
    ``NAME_tracking`` (and the class's own) in the store's schema on PostgreSQL."""
    if settings.is_postgres:
        chosen = postgres_class
        env = Environment(name, settings.projection_env(name))
    else:
        chosen = sqlite_class
        env = Environment(name, settings.projection_env(name, views_folder(settings, name)))
    return InfrastructureFactory[R].construct(env=env).tracking_recorder(chosen)


def views_folder(settings: Settings, name: str) -> Path:
    """SQLite only: where view ``name`` is kept. Beside the store (``STORE.projections/``),
    created when missing; but on a read of a store whose views cannot be written there
    (a read-only file, folder or mount), a scratch folder for this process, removed at exit,
    into which the view is copied when it exists, so reads of read-only stores still work."""
    folder = settings.projections_dir()
    if settings.access != "read" or _writable(folder, name):
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    scratch = _scratch.get(folder)
    if scratch is None:
        # Imported here: shutil loads the compression modules, and this path is rare.
        import shutil
        import tempfile

        scratch = Path(tempfile.mkdtemp(prefix="ledger-views-"))
        atexit.register(shutil.rmtree, scratch, True)
        _scratch[folder] = scratch
    _copy_view(folder / f"{name}.sqlite", scratch / f"{name}.sqlite")
    return scratch


def _writable(folder: Path, name: str) -> bool:
    if not folder.exists():
        return os.access(folder.parent, os.W_OK)
    view = folder / f"{name}.sqlite"
    return os.access(folder, os.W_OK) and (not view.exists() or os.access(view, os.W_OK))


def _copy_view(source: Path, target: Path) -> None:
    """A consistent copy of a view (SQLite's backup, not a file copy, so a write-ahead log is
    taken in); a view that cannot be read is left to be rebuilt from the log."""
    if target.exists() or not source.is_file():
        return
    uri = f"file:{quote(str(source.resolve()))}?mode=ro"
    for options in ("", "&immutable=1"):
        try:
            with (
                closing(sqlite3.connect(uri + options, uri=True)) as src,
                closing(sqlite3.connect(target)) as dst,
            ):
                src.backup(dst)
            return
        except sqlite3.Error:
            target.unlink(missing_ok=True)
