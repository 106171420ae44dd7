"""One phase of the national harness (bench/national.py), run in a process of its own so that
its peak RSS is its own: ``python -m bench.national_phase PHASE --db URL [...]`` prints one JSON
object whose ``wall`` is the phase's timed seconds and ``maxrss_kb`` the process's peak RSS.

Phases: ``generate`` (the history, its last ``--tail`` lines kept apart for the one-command
path), ``ingest`` (the full command path in batches of 500), ``one_command`` (the tail, one
command per transaction), ``seal`` (Merkle leaves and a signed checkpoint), ``bare`` (the same
events saved with the bare library, then the tail as get-then-save per command), ``copy``
(executemany / COPY of the stored rows) and ``read`` (read and decode the whole log).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.national_rows import copy_rows
from bench.peak_rss import peak_kb
from commands.handlers import HandlerContext
from commands.messages import AnyCommand

__all__ = ["main"]

Figures = dict[str, Any]
INGEST_BATCH = 500
SAVE_BATCH = 500
READ_PAGE = 5000


def _generate(args: argparse.Namespace) -> Figures:
    from bench.generate import generate_lines

    start = time.perf_counter()
    lines = 0
    main_file, tail_file = Path(args.file), Path(args.file + ".tail")
    with main_file.open("w", encoding="utf-8") as out:
        tail: deque[str] = deque()
        for line in generate_lines(args.units, args.seed, args.token_expiry):
            tail.append(line)
            if len(tail) > args.tail:  # keep the last ``tail`` lines back, write the rest
                out.write(tail.popleft() + "\n")
            lines += 1
    tail_file.write_text("".join(line + "\n" for line in tail), encoding="utf-8")
    return {"wall": time.perf_counter() - start, "lines": lines, "tail_lines": len(tail)}


def _apply(args: argparse.Namespace, batch_size: int) -> Figures:
    from bench.generate import enterer_of
    from commands.cli.apply import apply_lines, read_lines
    from commands.wiring import build_context
    from ledger.persistence.settings import Settings

    ctx = build_context(Settings.from_environment(args.db, access="create"))
    contexts: dict[str, HandlerContext] = {}

    def entering(command: AnyCommand) -> HandlerContext:
        user = enterer_of(command)
        if user not in contexts:
            contexts[user] = ctx.entering(user)
        return contexts[user]

    with open(args.file, "rb") as stream:
        start = time.perf_counter()
        summary = apply_lines(
            ctx, read_lines(stream), keep_going=True, entering=entering, batch_size=batch_size
        )
        wall = time.perf_counter() - start
    head = ctx.app.head()
    ctx.app.close()
    return {
        "wall": wall,
        "commands": summary.commands,
        "events": summary.events,
        "refused": len(summary.refused),
        "head": head,
    }


def _seal(args: argparse.Namespace) -> Figures:
    from commands.sealing import seal
    from commands.wiring import build_context
    from ledger.integrity.log import TransparencyLog
    from ledger.persistence.settings import Settings

    ctx = build_context(Settings.from_environment(args.db, access="write"))
    log = TransparencyLog(ctx.app)
    stored = _store_evidence(log, Path(args.file))
    start = time.perf_counter()
    checkpoint = seal(ctx.app, log)
    wall = time.perf_counter() - start
    head = ctx.app.head()
    ctx.app.close()
    return {"wall": wall, "events": head, "signed": checkpoint is not None, "evidence": stored}


def _store_evidence(log: Any, history: Path) -> int:
    """The stand-in file behind every evidence hash the history cites (the generator reuses
    the demo's evidence, so these are the demo's files), as an operator stores scans; without
    them, verification rightly fails on evidence it cannot re-hash."""
    import msgspec

    from commands.demo.common import evidence_content

    names: set[str] = set()
    with history.open("rb") as lines:
        for line in lines:
            if b'"evidence"' in line:
                names.update(e["file_name"] for e in msgspec.json.decode(line).get("evidence", []))
    for name in sorted(names):
        log.records.add_evidence(evidence_content(name))
    return len(names)


def _pages(app: Any, after: int, upto: int | None, size: int) -> Iterator[list[Any]]:
    while page := app.log_page(after, size):
        if upto is not None:
            page = [(n, e) for n, e in page if n <= upto]
        if page:
            yield [event for _, event in page]
        after = page[-1][0] if page else after
        if not page or (upto is not None and after >= upto):
            return


def _bare(args: argparse.Namespace) -> Figures:
    """The bare library: the ingested events saved 500 per ``save`` into an empty store, then
    each tail command's events saved after ``repository.get`` of the aggregates they extend."""
    from ledger.application import LedgerApplication
    from ledger.persistence.settings import Settings

    source = LedgerApplication(Settings.from_environment(args.db, access="read"))
    target = LedgerApplication(Settings.from_environment(args.to, access="create"))
    saving = reading = 0.0
    events = 0
    pages = _pages(source, 0, args.upto, SAVE_BATCH)
    while True:
        start = time.perf_counter()
        chunk = next(pages, None)
        reading += time.perf_counter() - start
        if chunk is None:
            break
        start = time.perf_counter()
        target.save(*chunk)
        saving += time.perf_counter() - start
        events += len(chunk)
    tail = [event for page in _pages(source, args.upto, None, READ_PAGE) for event in page]
    commands, wall = _get_then_save(target, tail)
    source.close()
    target.close()
    return {
        "wall": saving,
        "events": events,
        "read_wall": reading,
        "one_command_wall": wall,
        "one_command_commands": commands,
    }


def _get_then_save(app: Any, tail: list[Any]) -> tuple[int, float]:
    """Per command (its receipt names its events): get each agreement it extends (folded),
    read every other aggregate's events, then save the command's events in one save."""
    from ledger.domain.agreement import NOT_AGREEMENT_EVENTS, project_agreement
    from ledger.domain.receipt import CommandHandled

    by_ref = {(e.originator_id, e.originator_version): e for e in tail}
    receipts = [e for e in tail if isinstance(e, CommandHandled)]
    start = time.perf_counter()
    for receipt in receipts:
        group = [by_ref[(r.originator_id, r.originator_version)] for r in receipt.recorded]
        for event in {e.originator_id: e for e in group if e.originator_version > 1}.values():
            if isinstance(event, NOT_AGREEMENT_EVENTS):
                list(app.events.get(event.originator_id))
            else:
                app.repository.get(event.originator_id, projector_func=project_agreement)
        app.save(*group, receipt)
    return len(receipts), time.perf_counter() - start


def _read(args: argparse.Namespace) -> Figures:
    from ledger.application import LedgerApplication
    from ledger.persistence.settings import Settings

    app = LedgerApplication(Settings.from_environment(args.db, access="read"))
    start = time.perf_counter()
    events = sum(len(page) for page in _pages(app, 0, None, READ_PAGE))
    wall = time.perf_counter() - start
    app.close()
    return {"wall": wall, "events": events}


def _copy(args: argparse.Namespace) -> Figures:
    from ledger.application import LedgerApplication
    from ledger.persistence.settings import Settings

    app = LedgerApplication(Settings.from_environment(args.db, access="read"))
    table = app.recorder.events_table_name.split(".")[-1]  # type: ignore[attr-defined]
    app.close()
    wall, rows = copy_rows(args.db, table, args.scratch)
    return {"wall": wall, "rows": rows, "events": rows}


PHASES: dict[str, Callable[[argparse.Namespace], Figures]] = {
    "generate": _generate,
    "ingest": lambda args: _apply(args, INGEST_BATCH),
    "one_command": lambda args: _apply(args, 1),
    "seal": _seal,
    "bare": _bare,
    "copy": _copy,
    "read": _read,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("--db", help="the store's URL (the application role's on PostgreSQL)")
    parser.add_argument("--to", help="bare: the empty store to save into")
    parser.add_argument("--scratch", help="copy: the scratch database (SQLite) or schema URL")
    parser.add_argument("--upto", type=int, help="bare: the last ingested log position")
    parser.add_argument("--file", help="generate: the file to write; apply: the file to read")
    parser.add_argument("--units", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tail", type=int, default=200)
    parser.add_argument("--token-expiry")
    args = parser.parse_args(argv)
    figures = PHASES[args.phase](args)
    figures["maxrss_kb"] = peak_kb()
    sys.stdout.write(json.dumps(figures) + "\n")


if __name__ == "__main__":
    main()
