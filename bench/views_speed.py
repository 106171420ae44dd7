"""View catch-up speed against reading and decoding the same log, and view storage.

Records the demo year (its cast signed in, as ``ledger demo`` does) into a store kept between
runs (a SQLite file in FOLDER, or a PostgreSQL schema), then copies its events COPIES - 1 times
under other unit, agreement and joint ids and aggregate ids (saved directly: the copies are a
workload for the views, not for the handlers). Then in one run it times: reading and decoding
the whole log (``app.log_page`` pages), and dropping and rebuilding every view from it
(``catch_up_many``, the path of ``ledger rebuild --all``). On PostgreSQL it also reports the
size of the view tables against the events table after the rebuild.

Run: .venv/bin/python -m bench.views_speed --backend sqlite --copies 20 [--batch 5000]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path
from uuid import UUID, uuid5

import msgspec
import psycopg

from bench.as_of_scaling import _IDS
from commands.cli.apply import apply_lines
from commands.cli.demo import demo_lines
from commands.cli.demo_cast import record_cast, units_prefix, with_what_if
from commands.database import initialise_database
from commands.wiring import build_context
from ledger.application import LedgerApplication, agreement_uuid, joint_uuid, unit_uuid
from ledger.domain.events import AgreementOpened, LedgerEvent, UnitRegistered
from ledger.domain.joint.events import JointKpiDefined
from ledger.persistence.settings import Settings
from projections.catch_up import catch_up_many
from projections.registry import PROJECTIONS, open_projection
from tests.stores import BASE_URL, app_url, owner_url


def _settings(backend: str, copies: int, folder: Path) -> tuple[Settings, bool]:
    """The store's settings, and whether it is new (then it needs filling)."""
    if backend == "sqlite":
        path = folder / f"views-{copies}.sqlite"
        return Settings(database=str(path)), not path.exists()
    schema = f"views_bench_{copies}"
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        found = admin.execute(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (schema,)
        ).fetchone()
    if found is None:
        initialise_database(Settings(database=owner_url(schema)))
    return Settings(database=app_url(schema)), found is None


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_JOINT = "J-2557-TOURISM"


def _renamed(text: str, copy: int) -> str:
    for unit_id in (*_IDS, "TAT", _JOINT):
        text = text.replace(f'"{unit_id}', f'"{unit_id}-C{copy}')
    return text


def _new_ids(events: list[LedgerEvent], copy: int) -> dict[str, str]:
    """Each aggregate id of the demo -> its copy's (derived from the renamed id when the
    views look it up by one)."""
    ids: dict[str, str] = {}
    for event in events:
        old = str(event.originator_id)
        if isinstance(event, AgreementOpened):
            ids[old] = str(agreement_uuid(_renamed(f'"{event.agreement_ref}', copy)[1:]))
        elif isinstance(event, UnitRegistered):
            ids[old] = str(unit_uuid(_renamed(f'"{event.unit_id}', copy)[1:]))
        elif isinstance(event, JointKpiDefined):
            ids[old] = str(joint_uuid(_renamed(f'"{event.joint_id}', copy)[1:]))
    return ids


def _copy_events(app: LedgerApplication, events: list[LedgerEvent], copy: int) -> None:
    ids = _new_ids(events, copy)
    copied = []
    for event in events:
        text = _renamed(msgspec.json.encode(event).decode(), copy)
        text = _UUID.sub(lambda m: ids.get(m[0]) or str(uuid5(UUID(m[0]), str(copy))), text)
        copied.append(msgspec.json.decode(text, type=type(event)))
    for start in range(0, len(copied), 1000):
        app.record(copied[start : start + 1000])


def _fill(settings: Settings, copies: int) -> None:
    ctx = build_context(settings)
    lines = demo_lines()
    split = units_prefix(lines)
    cast = record_cast(ctx, lines[:split], keep_going=True)
    # One command per transaction: a what-if is computed on the store as each line comes.
    year = with_what_if(ctx, lines[split:])
    apply_lines(ctx, year, keep_going=True, entering=cast.signed_in.entering, batch_size=1)
    events = [event for _, event in ctx.app.all_events()]
    for copy in range(1, copies):
        _copy_events(ctx.app, events, copy)


def _read_and_decode(settings: Settings, batch: int) -> tuple[int, float]:
    app = build_context(settings).app
    started = time.perf_counter()
    after, count = 0, 0
    while page := app.log_page(after, batch):
        count += len(page)
        after = page[-1][0]
    return count, time.perf_counter() - started


def _table_sizes(schema: str) -> tuple[int, int]:
    """(events table, every view table) in bytes, indexes and TOAST included."""
    with psycopg.connect(BASE_URL) as conn:
        rows = conn.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'",
            (schema,),
        ).fetchall()
    sizes = {str(name): int(size) for name, size in rows}
    events = sum(size for name, size in sizes.items() if name.endswith("_events"))
    views = sum(size for name, size in sizes.items() if name.endswith("_documents"))
    return events, views


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--batch", type=int, default=None, help="events per view transaction")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/scratch/views"))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    settings, new = _settings(args.backend, args.copies, args.folder)
    if new:
        _fill(settings, args.copies)
    ctx = build_context(settings)
    events, read_seconds = _read_and_decode(settings, 5000)
    views = [open_projection(settings, name, ctx.framework) for name in PROJECTIONS]
    for projection in views:
        projection.view.drop()
    started = time.perf_counter()
    chosen = {} if args.batch is None else {"batch_size": args.batch}
    catch_up_many(ctx.app, views, **chosen)
    rebuild_seconds = time.perf_counter() - started
    print(f"{args.backend}: {events} events, {len(views)} views")
    print(f"read and decode: {events / read_seconds:,.0f} events/s")
    rate = events / rebuild_seconds
    print(
        f"rebuild every view: {rate:,.0f} events/s ({rebuild_seconds:.1f} s; "
        f"{rate * read_seconds / events:.3f}x read-and-decode)"
    )
    if args.backend == "postgresql":
        events_bytes, views_bytes = _table_sizes(f"views_bench_{args.copies}")
        print(
            f"tables: events {events_bytes / 1e6:.1f} MB, views {views_bytes / 1e6:.1f} MB "
            f"({views_bytes / events_bytes:.1f}x)"
        )


if __name__ == "__main__":
    main()
