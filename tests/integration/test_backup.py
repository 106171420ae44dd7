"""Backups: a pg_dump of a ledger's schema, restored into an empty database, gives the same
scores, the same Merkle roots and signed checkpoints, verifies clean, and keeps refusing
rewrites (the triggers come back with the tables)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse
from uuid import uuid4

import psycopg
import pytest

from commands.cli.demo import demo_lines, store_demo_evidence
from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.integrity.keys import generate
from ledger.integrity.log import TransparencyLog
from ledger.persistence.settings import Settings
from projections.catch_up import catch_up
from projections.current_scores import read_scores
from projections.registry import open_projection
from projections.scores import RoundScores
from tests.builders import ticking_clock
from tests.identity import apply_as_actors
from tests.stores import BASE_URL
from tests.verifying import verified

KEY = generate("backup.ledger.test/log", "log")


def _scores(settings: Settings, ctx: HandlerContext) -> list[RoundScores]:
    scores = open_projection(settings, "scores", ctx.framework)
    scores.view.drop()
    catch_up(ctx.app, scores)
    with scores.view.reading() as docs:
        return read_scores(docs)


@pytest.fixture
def empty_database() -> Iterator[str]:
    name = f"ledger_restore_{uuid4().hex[:10]}"
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _in_database(settings: Settings, database: str) -> Settings:
    parts = urlparse(settings.database)
    return Settings(database=urlunparse(parts._replace(path=f"/{database}")))


def test_a_pg_dump_restored_into_an_empty_database_is_the_same_ledger(
    pg_settings: Settings, empty_database: str, tmp_path: Path
) -> None:
    ctx = build_context(pg_settings, clock=ticking_clock())
    lines = demo_lines()
    apply_as_actors(ctx, lines, keep_going=True)
    log = TransparencyLog(ctx.app)
    store_demo_evidence(log, lines)
    signed = log.sign_head(KEY)
    size = signed.checkpoint.size
    scores = _scores(pg_settings, ctx)

    dump = tmp_path / "ledger.dump"
    schema = pg_settings.postgres_schema
    subprocess.run(
        ["pg_dump", "--dbname", BASE_URL, "--schema", schema, "--format", "custom", "--file", dump],
        check=True,
        timeout=120,
    )
    restore_to = urlunparse(urlparse(BASE_URL)._replace(path=f"/{empty_database}"))
    subprocess.run(
        ["pg_restore", "--dbname", restore_to, "--exit-on-error", dump], check=True, timeout=120
    )

    restored = _in_database(pg_settings, empty_database)
    again = build_context(restored)
    restored_log = TransparencyLog(again.app)
    assert restored_log.size() == size
    assert restored_log.root(size) == log.root(size) == signed.checkpoint.root
    assert restored_log.records.checkpoints() == [signed]
    assert _scores(restored, again) == scores
    report = verified(restored_log, KEY.verifier)
    assert report.ok, report.failures
    assert (report.events, report.evidence_files) == (size, len(list(log.records.evidence())))
    with (
        psycopg.connect(restore_to, autocommit=True) as conn,
        pytest.raises(psycopg.errors.RaiseException, match="append-only"),
    ):
        conn.execute(f'DELETE FROM "{schema}".assessmentledger_events')
    again.app.close()
    ctx.app.close()
