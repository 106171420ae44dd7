"""A view's batch reads and writes an overlay and writes it back once (projections.buffered):
what a batch reads is what it wrote earlier in the batch, what it stores is what writing
through would have stored, and a batch that fails or repeats a position stores nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from ledger.application import LedgerApplication
from ledger.persistence.settings import Settings
from ledger.persistence.tracking import open_tracking_recorder
from projections.documents import DocumentView, SQLiteDocumentView
from projections.documents_postgres import PostgresDocumentView
from tests.stores import BACKENDS, StoreMaker


@pytest.fixture(params=BACKENDS)
def view(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DocumentView]:
    maker = StoreMaker(request.param, tmp_path)
    settings: Settings = maker.new("batches")
    found: DocumentView = open_tracking_recorder(
        settings, "scores", SQLiteDocumentView, PostgresDocumentView
    )
    yield found
    found.datastore.close()  # type: ignore[attr-defined]
    maker.close()


def _at(position: int) -> Tracking:
    return Tracking(LedgerApplication.name, position)


def _fill(view: DocumentView) -> None:
    with view.writing(_at(1)) as docs:
        for key in ("a|1", "a|2", "b|1"):
            docs.put("n", key, key.upper())
        docs.put("other", "a|1", "kept")


def test_a_batch_reads_its_own_writes_over_the_table(view: DocumentView) -> None:
    _fill(view)
    with view.writing(_at(2)) as docs:
        assert docs.get("n", "a|1", str) == "A|1"
        docs.delete_prefix("n", "a|")
        assert docs.get("n", "a|1", str) is None
        docs.put("n", "a|3", "new")
        docs.delete("n", "b|1")
        docs.put("n", "c|1", "first")
        docs.put("n", "c|1", "last")
        assert docs.scan("n", str, "a|") == [("a|3", "new")]
        assert docs.scan("n", str) == [("a|3", "new"), ("c|1", "last")]
        assert docs.get("n", "b|1", str) is None
    assert view.dump() == [
        ("n", "a|3", '"new"'),
        ("n", "c|1", '"last"'),
        ("other", "a|1", '"kept"'),
    ]
    assert view.max_tracking_id(LedgerApplication.name) == 2


def test_a_scan_merges_the_table_with_the_overlay_in_key_order(view: DocumentView) -> None:
    _fill(view)
    with view.writing(_at(2)) as docs:
        docs.put("n", "a|15", "between")
        docs.delete("n", "a|2")
        assert docs.scan("n", str, "a|") == [("a|1", "A|1"), ("a|15", "between")]
        docs.put("n", "a|2", "back")
        assert [key for key, _ in docs.scan("n", str, "a|")] == ["a|1", "a|15", "a|2"]
    with view.reading() as docs:
        assert docs.scan("n", str, "a|") == [("a|1", "A|1"), ("a|15", "between"), ("a|2", "back")]


def test_a_failed_batch_stores_nothing(view: DocumentView) -> None:
    _fill(view)
    before = view.dump()

    def interrupted() -> None:
        with view.writing(_at(2)) as docs:
            docs.delete_prefix("n", "")
            docs.put("n", "z", "lost")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted()
    assert view.dump() == before
    assert view.max_tracking_id(LedgerApplication.name) == 1


def test_a_batch_at_a_position_already_recorded_stores_nothing(view: DocumentView) -> None:
    _fill(view)
    before = view.dump()
    with pytest.raises(IntegrityError), view.writing(_at(1)) as docs:
        docs.put("n", "a|1", "twice")
    assert view.dump() == before


def test_documents_fetched_ahead_read_as_the_table_and_never_over_the_batch(
    view: DocumentView,
) -> None:
    _fill(view)
    with view.writing(_at(2)) as docs:
        docs.put("n", "a|2", "written in the batch")
        docs.delete_prefix("n", "b|")
        docs.preload("n", ["a|1", "a|2", "b|1", "z|9", "a|1"], str)
        assert docs.get("n", "a|1", str) == "A|1"
        assert docs.get("n", "a|2", str) == "written in the batch"
        assert docs.get("n", "b|1", str) is None  # deleted in the batch, in the table still
        assert docs.get("n", "z|9", str) is None
        docs.put("n", "z|9", "new")
    assert view.dump() == [
        ("n", "a|1", '"A|1"'),
        ("n", "a|2", '"written in the batch"'),
        ("n", "z|9", '"new"'),
        ("other", "a|1", '"kept"'),
    ]
