"""Whole-ledger reads stream: the same bytes as printing the whole list, without holding it.

``scores``, ``audit --all``, the registers and ``joint list`` print every agreement's documents
as they are read from the view a chunk at a time; their JSON must stay byte for byte what
``print_json`` of the list printed, and reading a view must not hold all of it at once.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from eventsourcing.persistence import Tracking

from commands.cli.demo import demo_lines
from commands.cli.main import cli
from commands.cli.render import print_json
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from projections.cascades import read_drifting
from projections.change_register import read_register
from projections.current_scores import read_scores
from projections.documents import Documents
from projections.early_warning import read_trends
from projections.head_evaluation import read_head_rounds
from projections.integrity import read_integrity
from projections.joints import participant_counts, read_joints
from projections.registry import open_projection
from projections.sar_register import read_sar_register
from tests.builders import ticking_clock
from tests.cli import LEDGER, ledger
from tests.identity import apply_as_actors
from tests.stores import StoreMaker

TODAY = "2557-10-15"


@pytest.fixture(scope="module")
def demo(module_stores: StoreMaker) -> Settings:
    """The demo year, recorded once per backend."""
    settings = module_stores.new("streaming")
    ctx = build_context(settings, clock=ticking_clock())
    apply_as_actors(ctx, demo_lines(), keep_going=True)
    ctx.app.close()
    return settings


def _printed(value: Any) -> str:
    """What the former list-based reads printed: ``print_json`` of the whole list."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_json(value)
    return out.getvalue()


def _former(settings: Settings, view: str, read: Callable[[Documents], Any]) -> str:
    ctx = build_context(settings)
    with open_projection(settings, view, ctx.framework).view.reading() as docs:
        return _printed(read(docs))


def _sars(docs: Documents) -> list[dict[str, Any]]:
    day = date(2014, 10, 15)  # 2557-10-15 BE
    return [{"status": e.status(day), "entry": e} for e in read_sar_register(docs)]


def _joints(docs: Documents) -> list[dict[str, Any]]:
    counts = participant_counts(docs)
    return [{"participants": counts.get(e.joint_id, 0), "joint": e} for e in read_joints(docs)]


FORMER: dict[tuple[str, ...], tuple[str, Callable[[Documents], Any]]] = {
    ("scores",): ("scores", read_scores),
    ("scores", "--round", "12m"): ("scores", lambda docs: read_scores(docs, round_id="12m")),
    ("audit", "--all"): ("integrity", read_integrity),
    ("requests",): ("requests", read_register),
    ("sar", "--today", TODAY): ("sar", _sars),
    ("governor",): ("governor", read_head_rounds),
    ("joint", "list"): ("joints", _joints),
}


@pytest.mark.parametrize("command", list(FORMER), ids=" ".join)
def test_streamed_json_is_byte_for_byte_the_former_list(
    demo: Settings, command: tuple[str, ...]
) -> None:
    result = CliRunner().invoke(
        cli, [*command, "--json", "--db", demo.database], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    view, read = FORMER[command]
    expected = _former(demo, view, read)
    assert result.output == expected
    # The demo year has something in each of them but the governor's rounds (FY2568 only).
    assert expected.count("\n") > 3 or command == ("governor",)


@pytest.mark.parametrize("show_all", [False, True])
def test_streamed_warnings_are_the_former_document(demo: Settings, show_all: bool) -> None:
    args = ["warnings", "--json", "--db", demo.database, *(["--all"] if show_all else [])]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ctx = build_context(demo)
    with (
        open_projection(demo, "warnings", ctx.framework).view.reading() as trends,
        open_projection(demo, "cascades", ctx.framework).view.reading() as nodes,
    ):
        expected = _printed(
            {
                "trends": read_trends(trends, only_off_track=not show_all),
                "drifting": read_drifting(nodes),
            }
        )
    assert result.output == expected


def test_scores_table_streams_every_agreement(demo: Settings) -> None:
    result = CliRunner().invoke(cli, ["scores", "--db", demo.database], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ctx = build_context(demo)
    with open_projection(demo, "scores", ctx.framework).view.reading() as docs:
        agreements = {table.agreement for table in read_scores(docs)}
    assert agreements
    assert all(ref in result.output for ref in agreements)


# Many documents of 1 KB: the view is 20 MB of bodies, a chunk of rows (1,000) about 1 MB.
_DOCUMENTS = 20_000
_BODY = "x" * 1000


def test_a_view_is_streamed_a_chunk_at_a_time(module_stores: StoreMaker) -> None:
    """Reading every document one at a time keeps one chunk in memory, not the view; the
    same read as a list (``scan``) holds it all, so the bound is one the list breaks."""
    settings = module_stores.new("big-view")
    ctx = build_context(settings)
    view = open_projection(settings, "scores", ctx.framework).view
    with view.writing(Tracking(application_name="AssessmentLedger", notification_id=1)) as docs:
        for n in range(_DOCUMENTS):
            docs.put("round", f"A-{n:05d}|00", {"body": _BODY, "n": n})
    whole = _DOCUMENTS * len(_BODY)

    def peak(read: Callable[[Documents], int]) -> tuple[int, int]:
        with view.reading() as reading:
            tracemalloc.start()
            try:
                seen = read(reading)
                return seen, tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

    def one_at_a_time(reading: Documents) -> int:
        keys = [int(doc["n"]) for _, doc in reading.stream("round", dict, "A-")]
        assert keys == list(range(_DOCUMENTS))
        return len(keys)

    streamed, streamed_peak = peak(one_at_a_time)
    listed, listed_peak = peak(lambda reading: len(reading.scan("round", dict, "A-")))
    assert streamed == listed == _DOCUMENTS
    assert listed_peak > whole
    assert streamed_peak < whole / 3


def test_a_stream_outlives_lookups_not_its_read(module_stores: StoreMaker) -> None:
    """A reader may look a document up while streaming a range (the stream has its own
    cursor), across more than one chunk."""
    settings = module_stores.new("interleaved")
    ctx = build_context(settings)
    view = open_projection(settings, "scores", ctx.framework).view
    with view.writing(Tracking(application_name="AssessmentLedger", notification_id=1)) as docs:
        for n in range(2500):
            docs.put("round", f"A-{n:05d}|00", {"n": n})
        docs.put("other", "key", {"n": -1})
    with view.reading() as reading:
        seen = []
        for _, doc in reading.stream("round", dict, "A-"):
            assert reading.get("other", "key", dict) == {"n": -1}
            seen.append(doc["n"])
    assert seen == list(range(2500))

    # A read that stops half-way through a stream (it failed): the stream's cursor is closed
    # with its transaction, not later on a connection closed or back in the pool.
    with view.reading() as reading:
        left = reading.stream("round", dict, "A-")
        next(left)
    assert next(left, None) is None
    for _ in range(2):
        with view.reading() as reading:
            assert sum(1 for _ in reading.stream("round", dict, "A-")) == 2500


def _scores_store(demo_db: Path, folder: Path, extra: int) -> tuple[Path, int]:
    """A copy of the demo with ``extra`` more score tables in its (caught-up) scores view,
    copies of a real one under new agreement references (the view grows, not the log), and
    the bytes they add."""
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{demo_db}{suffix}").exists():
            shutil.copyfile(f"{demo_db}{suffix}", folder / f"{demo_db.name}{suffix}")
    views = folder / f"{demo_db.stem}.projections"
    shutil.copytree(demo_db.with_name(views.name), views)
    with contextlib.closing(sqlite3.connect(views / "scores.sqlite")) as conn, conn:
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO documents SELECT 'round', printf('ZZ-%06d/2557|00', i), body FROM n, "
            "(SELECT body FROM documents WHERE collection = 'round' ORDER BY key LIMIT 1)",
            (extra,),
        )
        (added,) = conn.execute(
            "SELECT sum(length(body)) FROM documents WHERE key LIKE 'ZZ-%'"
        ).fetchone()
    return folder / demo_db.name, int(added)


def _peak_rss_kb(*args: str) -> int:
    """Peak resident set of ``ledger ARGS`` (its output thrown away), from the kernel."""
    # Spawned and reaped by hand: wait4 is what reports the child's peak.
    child = os.posix_spawn(
        LEDGER,
        [LEDGER, *args],
        os.environ,
        file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)],
    )
    _, status, usage = os.wait4(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_maxrss  # kilobytes on Linux


def test_scores_json_peak_memory_does_not_grow_with_the_view(tmp_path: Path) -> None:
    """``scores --json`` over a view 5x larger: the peak RSS stays put (measured: +1 MB for
    26 MB more documents, where the former list-based read grew by 170 MB). The bound, half
    the added documents' bytes, is far from both."""
    demo_db = tmp_path / "demo" / "demo.sqlite"
    demo_db.parent.mkdir()
    made = ledger("demo", "--db", str(demo_db))
    assert made.returncode == 0, made.stderr
    small, small_bytes = _scores_store(demo_db, tmp_path / "small", 2000)
    large, large_bytes = _scores_store(demo_db, tmp_path / "large", 10_000)
    growth_kb = _peak_rss_kb("scores", "--json", "--db", str(large)) - _peak_rss_kb(
        "scores", "--json", "--db", str(small)
    )
    assert growth_kb < (large_bytes - small_bytes) / 1024 / 2
