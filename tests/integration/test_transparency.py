"""The transparency log over a real store: the persisted Merkle log, its proofs, checkpoints,
the same bytes on SQLite and PostgreSQL, and proofs that a change came after the results."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from eventsourcing.persistence import Tracking

from commands.cli.audit import write_change_proofs
from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.errors import IntegrityViolation, NotFound
from ledger.integrity.bundle import read_bundle, verify_bundle
from ledger.integrity.checkpoint import Checkpoint, sign
from ledger.integrity.keys import generate
from ledger.integrity.log import TransparencyLog
from ledger.integrity.merkle import (
    MemoryTree,
    leaf_hash,
    root_hash,
    verify_consistency,
    verify_inclusion,
)
from ledger.integrity.stored import StoredEvent, stored_events
from ledger.integrity.tree_store import Leaf
from ledger.persistence.settings import Settings
from projections.audit import audit_log
from tests.builders import (
    decide_change,
    fy2557_signed,
    fy2568_signed,
    request_change,
    run,
    sar,
    ticking_clock,
)
from tests.verifying import verified

REF = "TH-81/2557"
KEY = generate("ledger.example/test", "log")


def _events(ctx: HandlerContext) -> list[StoredEvent]:
    found = list(stored_events(ctx.app))
    assert all(isinstance(e, StoredEvent) for e in found)
    return [e for e in found if isinstance(e, StoredEvent)]


@pytest.fixture
def signed(ctx: HandlerContext) -> HandlerContext:
    for command in fy2557_signed():
        run(ctx, command)
    return ctx


def test_the_merkle_log_is_the_tree_of_the_stored_events(signed: HandlerContext) -> None:
    log = TransparencyLog(signed.app)
    events = _events(signed)
    taken = 0
    while added := log.catch_up(batch=7):
        taken += added
    assert taken == log.size() == len(events)
    expected = MemoryTree()
    for event in events:
        expected.append(leaf_hash(event.data))
    for size in (1, 2, 7, 8, 13, len(events)):
        assert log.root(size) == root_hash(expected, size)
    size = len(events)
    for index in (0, 5, size - 1):
        proof = log.inclusion(index, size)
        verify_inclusion(index, size, leaf_hash(events[index].data), proof, log.root(size))
    for old in (1, 6, 8, size - 1):
        verify_consistency(old, size, log.root(old), log.root(size), log.consistency(old, size))
    assert log.catch_up() == 0


def test_gaps_in_notification_ids_leave_no_gaps_in_the_tree(signed: HandlerContext) -> None:
    tree = TransparencyLog(signed.app).tree
    ids = [UUID(int=n) for n in range(3)]
    leaves = [Leaf(n, p, ids[n], 1, leaf_hash(bytes([n]))) for n, p in enumerate((3, 9, 40))]
    tree.append(Tracking("AssessmentLedger", 40), leaves)
    assert tree.size() == 3
    at_nine = tree.leaf_at(9)
    assert at_nine is not None
    assert at_nine.index == 1
    assert tree.leaf_at(4) is None
    assert tree.leaf_of(ids[2], 1) == leaves[2]


def test_a_checkpoint_is_kept_once_per_size(signed: HandlerContext) -> None:
    log = TransparencyLog(signed.app)
    signed_head = log.sign_head(KEY)
    assert log.records.checkpoints() == [signed_head]
    assert log.sign_head(KEY) == signed_head
    fork = sign(Checkpoint(KEY.name, signed_head.checkpoint.size, bytes(32)), KEY)
    with pytest.raises(IntegrityViolation, match="fork"):
        log.records.add_checkpoint(fork)
    with pytest.raises(NotFound):
        log.locate("99999")
    assert log.records.public_keys() == [KEY.verifier]


def _year(settings: Settings) -> HandlerContext:
    ctx = build_context(settings, clock=ticking_clock())
    for command in fy2568_signed():
        run(ctx, command)
    return ctx


def test_sqlite_and_postgresql_store_the_same_canonical_bytes(
    sqlite_settings: Settings, pg_settings: Settings
) -> None:
    on_sqlite, on_postgres = _year(sqlite_settings), _year(pg_settings)
    lite, pg = _events(on_sqlite), _events(on_postgres)
    assert [e.data for e in lite] == [e.data for e in pg]
    lite_log, pg_log = TransparencyLog(on_sqlite.app), TransparencyLog(on_postgres.app)
    lite_head, pg_head = lite_log.sign_head(KEY), pg_log.sign_head(KEY)
    assert lite_head == pg_head
    evidence, _ = pg_log.records.add_evidence(b"scanned letter")
    report = verified(pg_log, KEY.verifier)
    assert report.ok, report.failures
    assert (report.events, report.checkpoints, report.evidence_files) == (len(pg), 1, 1)
    assert evidence == pg_log.records.add_evidence(b"scanned letter")[0]


NINE_MONTHS = {"P1": "78"}


def test_audit_proofs_show_the_results_were_recorded_before_the_change(
    signed: HandlerContext, settings: Settings, tmp_path: Path
) -> None:
    run(signed, sar(REF, "9m", NINE_MONTHS))
    gentler = {"thresholds": ["69", "74", "79", "84", "89"]}
    run(signed, request_change(REF, "CR-1", "P1", "2014-08-15", proposal=gentler))
    run(signed, decide_change(REF, "CR-1", "2014-08-29"))
    TransparencyLog(signed.app).sign_head(KEY)
    reports = audit_log(signed.app.all_events())
    (path,) = write_change_proofs(reports, tmp_path / "proofs", settings.database)
    assert path.name == "TH-81-2557-P1-v2.proof.json"
    proven = verify_bundle(read_bundle(path.read_bytes()), KEY.verifier, []).entries
    kinds = [entry.event.topic.rpartition(":")[2] for entry in proven]
    assert kinds == ["SarFiled", "ChangeDecided"]
    assert proven[0].leaf_index < proven[1].leaf_index
