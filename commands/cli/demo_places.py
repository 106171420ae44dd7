"""Where ``ledger demo`` writes, all checked before it records anything: the store (a new one;
with --force, a demo store or an empty one, never a store in use), the operator's keys beside
it, and the demo witness's folder away from it, one folder per store.

A refusal names the option and the rule and touches nothing; what the demo replaces is
removed only once every check has passed (``DemoPlaces.clear``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import msgspec

from ledger.application import LedgerApplication
from ledger.errors import InvalidInput
from ledger.integrity.files import safe_file_name
from ledger.persistence.settings import Settings

__all__ = ["DemoPlaces", "default_witness_dir", "plan_places", "require_empty"]

# The files the demo writes in the witness's folder (which may be given, and reused).
WITNESS_FILES = ("witness.key", "log.vkey", "witness.vkey", "witness-state.json", "trust.policy")
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")
REPLACED_ONLY = "--force replaces only a demo store (ledger demo's mark) or an empty store"
LEFTOVER_RULE = "the demo writes a store's keys and views into new folders only"
WRITABLE_RULE = "the demo writes a store's keys beside it, in a folder it can write"
FOLDER_RULE = "the demo witness's folder must be a folder the demo can write"
IN_USE_RULE = "the demo records into a new, empty store only, never into one in use"


@dataclass(frozen=True)
class DemoPlaces:
    """The operator's keys folder, the witness's folder, and what ``clear`` removes first:
    the SQLite files, views and keys of the demo or empty store --force replaces."""

    keys: Path
    witness: Path
    replaced: tuple[Path, ...] = ()

    def clear(self) -> None:
        for path in self.replaced:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


def plan_places(settings: Settings, force: bool, witness_dir: Path | None) -> DemoPlaces:
    """Check every place the demo will write; raises InvalidInput (naming --db, --force or
    --witness-dir) before anything is recorded or removed."""
    witness = witness_dir or default_witness_dir(settings)
    _check_witness_folder(witness)
    if settings.is_postgres:
        app = LedgerApplication(settings)
        try:
            require_empty(app)
        finally:
            app.close()
        env = settings.eventsourcing_env()
        name = f"{safe_file_name(env['POSTGRES_DBNAME'])}-{safe_file_name(env['POSTGRES_SCHEMA'])}"
        keys = Path(f"ledger-demo-{name}.keys")
        _check_new(keys)
        return DemoPlaces(keys=keys, witness=witness)
    path = settings.sqlite_path()
    keys = path.with_name(f"{path.stem}.keys")
    views = settings.projections_dir()
    if not path.exists():
        _check_new(keys)
        _check_new(views)
        return DemoPlaces(keys=keys, witness=witness)
    if not force:
        raise InvalidInput(
            f"{path} exists; use --force to replace it (a demo store or an empty one only)",
            field="--db",
            rule="the demo never overwrites a database unasked",
        )
    _check_replaceable(settings, path)
    files = tuple(Path(f"{path}{suffix}") for suffix in SQLITE_SUFFIXES)
    return DemoPlaces(keys=keys, witness=witness, replaced=(*files, views, keys))


def default_witness_dir(settings: Settings) -> Path:
    """$XDG_STATE_HOME/assessment-ledger/demo-witness/STORE (else under ~/.local/state): a
    folder of each store's own, away from the store, so one demo never replaces the policy
    another store is verified against, and rolling a store's folder back leaves its witness."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "assessment-ledger" / "demo-witness" / store_label(settings)


def store_label(settings: Settings) -> str:
    """A name for the store, readable and its own: the file's stem, or the database and
    schema, then 8 hex digits of where it is (the file's full path, or server, database
    and schema).

    >>> store_label(Settings(database="/srv/a/ledger-demo.sqlite"))
    'ledger-demo-ca4dd877'
    """
    if settings.is_postgres:
        env = settings.eventsourcing_env()
        name = f"{env['POSTGRES_DBNAME']}-{env['POSTGRES_SCHEMA']}"
        where = f"{env['POSTGRES_HOST']}:{env['POSTGRES_PORT']}/{name}"
    else:
        path = settings.sqlite_path().absolute()
        name, where = path.stem, str(path)
    return f"{safe_file_name(name)}-{hashlib.sha256(where.encode()).hexdigest()[:8]}"


def require_empty(app: LedgerApplication) -> None:
    """Refuse a store that holds events (a PostgreSQL schema in use: --force never empties
    one), before the demo records anything."""
    if app.head() != 0:
        raise InvalidInput(
            "the store already holds events; the demo records into an empty store only "
            "(on PostgreSQL --force empties nothing: make a new schema with `ledger db init`)",
            field="--db",
            rule=IN_USE_RULE,
        )


def _check_replaceable(settings: Settings, path: Path) -> None:
    """Refuse (naming --force) unless the file is empty, or a store with no events, or a
    store marked as a demo at its first event."""
    if path.is_file() and path.stat().st_size == 0:
        return
    reading = msgspec.structs.replace(settings, access="read", read_database=None)
    try:
        app = LedgerApplication(reading)
    except Exception:
        raise _not_a_demo(path, "it is not a ledger store the demo can read") from None
    try:
        if app.head() == 0:
            return
        directory = app.directory()
        scenario = directory.demo_scenario if directory is not None else None
    except Exception:
        raise _not_a_demo(path, "it is not a ledger store the demo can read") from None
    finally:
        app.close()
    if scenario is None:
        raise _not_a_demo(path, "it holds events and is not marked as a demo")


def _not_a_demo(path: Path, why: str) -> InvalidInput:
    return InvalidInput(
        f"{path} is not replaced: {why}; --force replaces only a store `ledger demo` made "
        "(on its simulated clock) or an empty one. Nothing was changed; choose another --db",
        field="--force",
        rule=REPLACED_ONLY,
    )


def _check_new(folder: Path) -> None:
    """A keys or views folder the demo makes for a new store must not be there already:
    it would hold another store's keys or views (a crash after the year was recorded)."""
    if folder.exists() or folder.is_symlink():
        raise InvalidInput(
            f"{folder} is already there (left by an earlier store or demo); move or remove "
            "it, or choose another --db: the demo writes a new store's keys and views afresh",
            field="--db",
            rule=LEFTOVER_RULE,
        )
    parent = folder.absolute().parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        why = "cannot be written" if parent.is_dir() else "is not an existing folder"
        raise InvalidInput(
            f"the demo writes {folder}, and {parent} {why}; run it from a folder you can "
            "write, or choose another --db",
            field="--db",
            rule=WRITABLE_RULE,
        )


def _check_witness_folder(folder: Path) -> None:
    """The witness's folder (made if missing) and the files the demo replaces in it must be
    writable: a folder, and plain files where the demo writes files."""
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    problem = None
    if not existing.is_dir():
        problem = f"{existing} is not a folder"
    elif not os.access(existing, os.W_OK | os.X_OK):
        problem = f"{existing} cannot be written"
    elif existing == folder:
        for name in WITNESS_FILES:
            if (folder / name).is_dir():
                problem = f"{folder / name} is a folder, where the demo writes a file"
    if problem is not None:
        raise InvalidInput(
            f"the demo witness's folder {folder}: {problem}",
            field="--witness-dir",
            rule=FOLDER_RULE,
        )
