"""Reads from a streaming-replication standby (``--read-db``): two throwaway PostgreSQL
clusters on 127.0.0.1, a primary and a hot standby made with ``pg_basebackup -R``. The ledger
writes to the primary; reads from the standby give the primary's views and say how far
behind the standby (and its views) are; ``ledger project --read-db`` reads the log from the
standby and writes the views on the primary."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from commands.cli.demo import demo_lines
from commands.database import initialise_database
from commands.wiring import build_context
from ledger.errors import InvalidInput
from ledger.persistence.settings import Settings
from projections.catch_up import Lag, catch_up_many, lag
from projections.registry import open_projection
from tests.builders import ticking_clock
from tests.cli import ledger
from tests.identity import apply_as_actors

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
SCHEMA = "replicated"


@dataclass(frozen=True)
class Clusters:
    primary: str  # the application role's URL on the primary
    standby: str  # the same on the standby
    owner: str  # the superuser's URL on the primary
    standby_owner: str  # and on the standby


def _binaries() -> Path:
    """The newest installed PostgreSQL's bin folder; skip (fail with CI=true) when absent."""
    env_dir = os.environ.get("LEDGER_TEST_PG_BIN")
    for folder in [Path(env_dir)] if env_dir else BIN_DIRS:
        if (folder / "pg_basebackup").is_file() and (folder / "initdb").is_file():
            return folder
    message = "PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _url(port: int, user: str) -> str:
    return f"postgresql://{user}@127.0.0.1:{port}/postgres?schema={SCHEMA}"


@pytest.fixture(scope="module")
def clusters() -> Iterator[Clusters]:
    bin_dir = _binaries()
    # The server refuses to run as root: as root, run every server tool as ``postgres``.
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    top = Path(tempfile.mkdtemp(prefix="ledger-replica-"))
    if as_postgres:
        shutil.chown(top, "postgres")

    def run(*args: str | Path) -> None:
        subprocess.run([*as_postgres, *map(str, args)], check=True, capture_output=True, timeout=60)

    primary, standby = top / "primary", top / "standby"
    ports = _free_port(), _free_port()
    started: list[Path] = []
    try:
        run(bin_dir / "initdb", "-D", primary, "-U", "postgres", "--auth=trust", "--no-sync")
        settings = (
            f"listen_addresses = '127.0.0.1'\nport = {ports[0]}\n"
            f"unix_socket_directories = '{top}'\nwal_level = replica\nmax_wal_senders = 4\n"
            "fsync = off\nshared_buffers = 16MB\n"
        )
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(settings)
        with (primary / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        run(bin_dir / "pg_ctl", "-D", primary, "-l", top / "primary.log", "-w", "start")
        started.append(primary)
        run(
            bin_dir / "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(ports[0]), "-U", "postgres"),
            *("-D", standby, "-R", "-X", "stream", "--no-sync"),
        )
        with (standby / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {ports[1]}\nhot_standby = on\n")
        run(bin_dir / "pg_ctl", "-D", standby, "-l", top / "standby.log", "-w", "start")
        started.append(standby)
        owner = _url(ports[0], "postgres")
        initialise_database(Settings(database=owner))
        yield Clusters(
            _url(ports[0], "ledger_app"),
            _url(ports[1], "ledger_app"),
            owner,
            _url(ports[1], "postgres"),
        )
    finally:
        for data in reversed(started):
            run(bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(top, ignore_errors=True)


def _replayed(clusters: Clusters) -> None:
    """Wait until the standby has replayed everything the primary has written so far."""
    with psycopg.connect(Settings(database=clusters.owner).postgres_conninfo()) as primary:
        row = primary.execute("SELECT pg_current_wal_lsn()::text").fetchone()
    assert row is not None
    target = row[0]
    standby = Settings(database=clusters.standby).postgres_conninfo()
    with psycopg.connect(standby, autocommit=True) as connection:
        for _ in range(200):
            done = connection.execute(
                "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s::pg_lsn) >= 0", (target,)
            ).fetchone()
            if done is not None and done[0]:
                return
            time.sleep(0.05)
    pytest.fail(f"the standby did not replay up to {target} in 10 s")


def _scores(*args: str) -> tuple[list[object], str]:
    done = ledger("scores", "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def test_reads_from_the_standby_are_the_primarys_views_with_the_lag_said(
    clusters: Clusters,
) -> None:
    lines = demo_lines()
    # Up to the SARs (provisional scores), the assessments, then the appeal and its certificate.
    cut = next(i for i, line in enumerate(lines) if '"record_assessment"' in line)
    first, rest, last = lines[:cut], lines[cut:-4], lines[-4:]
    primary = Settings(database=clusters.primary)
    ctx = build_context(primary, clock=ticking_clock())
    apply_as_actors(ctx, first, keep_going=True)
    views = [open_projection(primary, name, ctx.framework) for name in ("scores", "trail")]
    catch_up_many(ctx.app, views)
    head = ctx.app.head()
    _replayed(clusters)

    on_primary, _ = _scores("--db", clusters.primary)
    on_standby, note = _scores("--db", clusters.primary, "--read-db", clusters.standby)
    assert on_standby == on_primary != []
    assert f"standby 127.0.0.1:{clusters.standby.split(':')[2].split('/')[0]}" in note
    assert "0 bytes not yet replayed" in note
    assert f"view 'scores' at log position {head} of the standby's {head} (0 behind" in note
    assert "อ่านจากสำเนา" in note
    assert len(note.strip().splitlines()) == 1

    # More events on the primary, views not caught up: the standby has the events, its views
    # are behind, and a read says so instead of writing (a standby is read-only).
    apply_as_actors(ctx, rest, keep_going=True)
    later = ctx.app.head()
    _replayed(clusters)
    stale, note = _scores("--db", clusters.primary, "--read-db", clusters.standby)
    assert stale == on_primary
    assert f"at log position {head} of the standby's {later} ({later - head} behind" in note

    # Catch-up reads the log's pages from the standby and writes the views on the primary:
    # with the standby's replay paused, the views reach the standby's head, not the primary's.
    standby_owner = Settings(database=clusters.standby_owner).postgres_conninfo()
    with psycopg.connect(standby_owner, autocommit=True) as standby:
        standby.execute("SELECT pg_wal_replay_pause()")
        apply_as_actors(ctx, last, keep_going=True)
        final = ctx.app.head()
        assert final > later
        done = ledger("project", "scores", "--db", clusters.primary, "--read-db", clusters.standby)
        assert done.returncode == 0, done.stderr
        assert "read from standby" in done.stderr
        assert lag(ctx.app, views[0]) == Lag(projection="scores", position=later, head=final)
        standby.execute("SELECT pg_wal_replay_resume()")
    _replayed(clusters)
    current, note = _scores("--db", clusters.primary, "--read-db", clusters.standby)
    assert current == _scores("--db", clusters.primary, "--no-catch-up")[0] != on_primary
    assert f"at log position {later} of the standby's {final} ({final - later} behind" in note
    ctx.app.close()


def test_read_db_must_name_a_postgresql_server(tmp_path: Path) -> None:
    done = ledger("scores", "--db", str(tmp_path / "x.sqlite"), "--read-db", "replica.sqlite")
    assert done.returncode != 0
    assert "--read-db" in done.stderr
    assert "PostgreSQL" in done.stderr


def test_reads_go_to_the_standby_read_only_and_a_bad_standby_url_names_read_db() -> None:
    standby = "postgresql://ledger_app@standby:5432/db?schema=ledger"
    settings = Settings.from_environment(
        "postgresql://ledger_app@primary/db", {}, access="write", read_database=standby
    )
    reading = settings.reading()
    assert (reading.database, reading.access, reading.read_database) == (standby, "read", None)
    assert settings.database == "postgresql://ledger_app@primary/db"
    assert Settings.from_environment("x.sqlite", {}).reading().database == "x.sqlite"
    with pytest.raises(InvalidInput, match="port") as refused:
        Settings.from_environment(None, {}, read_database="postgresql://h:99999/db")
    assert refused.value.field == "--read-db"
