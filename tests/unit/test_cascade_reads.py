"""``read_cascade`` over a cascades view holding what the ledger refuses to record (a loop, a
chain thousands of levels deep, children lists naming KPIs elsewhere): it ends, shows each
KPI once, MAX_CASCADE_LEVELS levels at most, and always the KPI asked; ``ledger cascade``
prints it and says where it was cut."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import msgspec
import pytest

from commands.cli.render_cascade import print_cascade
from ledger.domain.decisions.cascade import MAX_CASCADE_LEVELS
from projections.buffered import Documents
from projections.cascades import CascadeNode, CascadeTree, read_cascade

T = TypeVar("T")


class Memory(Documents):
    """A view's documents in a dict, as a read sees them."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, str], bytes] = {}

    def get(self, collection: str, key: str, kind: type[T]) -> T | None:
        body = self.docs.get((collection, key))
        return None if body is None else msgspec.json.decode(body, type=kind)

    def put(self, collection: str, key: str, value: Any) -> None:
        self.docs[(collection, key)] = msgspec.json.encode(value)

    def delete(self, collection: str, key: str) -> None:
        raise AssertionError("a read deleted")

    def delete_prefix(self, collection: str, prefix: str) -> None:
        raise AssertionError("a read deleted")

    def scan(self, collection: str, kind: type[T], prefix: str = "") -> list[tuple[str, T]]:
        found = sorted((k, v) for (c, k), v in self.docs.items() if c == collection)
        return [(k, msgspec.json.decode(v, type=kind)) for k, v in found if k.startswith(prefix)]

    def preload(self, collection: str, keys: Iterable[str], kind: type[Any]) -> None:
        pass


def node(docs: Memory, ref: str, parent: str | None, *children: str) -> None:
    agreement, _, kpi_id = ref.rpartition("#")
    docs.put(
        "node",
        ref,
        CascadeNode(
            ref=ref,
            agreement=agreement,
            unit_id=agreement.split("/")[0],
            kpi_id=kpi_id,
            status="accepted",
            title_th=f"ตัวชี้วัด {kpi_id}",
            title_en=f"KPI {kpi_id}",
            direction="higher",
            unit_of_measure="%",
            thresholds=(),
            target=None,
            latest=None,
            parent=parent,
            revision=0,
            aligned_revision=0,
            parent_revision=0 if parent else None,
            drifting=False,
            answer=None,
            children=children,
        ),
    )


def refs(tree: CascadeTree) -> Iterator[str]:
    return (node.ref for node in tree.nodes())


def depth(tree: CascadeTree) -> int:
    return 1 + max((depth(child) for child in tree.children), default=0)


def level(n: int) -> str:
    return f"U{n}/2557#C1"


@pytest.fixture
def chain() -> Memory:
    """U0 <- U1 <- ... <- U4999: far past Python's recursion limit, which a read that
    followed every link (as ``read_cascade`` once did) runs into."""
    docs = Memory()
    size = 5000
    for n in range(size):
        below = (level(n + 1),) if n + 1 < size else ()
        node(docs, level(n), level(n - 1) if n else None, *below)
    return docs


def test_a_chain_deeper_than_the_ledger_allows_is_read_to_a_bounded_tree(chain: Memory) -> None:
    top = read_cascade(chain, level(0))
    assert top is not None
    assert depth(top) == MAX_CASCADE_LEVELS
    assert list(refs(top)) == [level(n) for n in range(MAX_CASCADE_LEVELS)]
    bottom = read_cascade(chain, level(4999))
    assert bottom is not None
    assert bottom.node.ref == level(4999 - MAX_CASCADE_LEVELS + 1)  # climbed so far, no more
    assert list(refs(bottom))[-1] == level(4999)


def test_the_cut_is_said_on_the_command_line(
    chain: Memory, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = read_cascade(chain, level(2500))
    assert tree is not None
    print_cascade(tree, level(2500))
    out = capsys.readouterr().out
    assert level(2500) in out
    assert f"1 below not shown (a loop, or past {MAX_CASCADE_LEVELS} levels)" in out


def test_a_loop_and_a_kpi_cascaded_from_itself_end() -> None:
    docs = Memory()
    node(docs, "A/2557#1", "B/2557#1", "B/2557#1")
    node(docs, "B/2557#1", "A/2557#1", "A/2557#1", "C/2557#1")
    node(docs, "C/2557#1", "B/2557#1")
    node(docs, "S/2557#1", "S/2557#1", "S/2557#1")
    for asked in ("A/2557#1", "B/2557#1", "C/2557#1"):
        tree = read_cascade(docs, asked)
        assert tree is not None
        assert sorted(refs(tree)) == ["A/2557#1", "B/2557#1", "C/2557#1"]
    itself = read_cascade(docs, "S/2557#1")
    assert itself is not None
    assert (list(refs(itself)), depth(itself)) == (["S/2557#1"], 1)


def test_the_kpi_asked_is_in_its_tree_whatever_other_children_lists_name() -> None:
    """R's children are A0 and B; the asked X is B's child. A0's chain lists B again (a
    stale or forged children list) so that, read in order, B would be met first at the last
    level shown, X cut below it and lost, and the API's tree (pruned around the path to X)
    would fail. The path up from X is grown first."""
    docs = Memory()
    node(docs, "R/2557#1", None, "A0/2557#1", "B/2557#1")
    last = MAX_CASCADE_LEVELS - 3  # A{n} is at level n + 2: B would be at the last level
    for n in range(last + 1):
        parent = f"A{n - 1}/2557#1" if n else "R/2557#1"
        below = (f"A{n + 1}/2557#1",) if n < last else ("B/2557#1",)
        node(docs, f"A{n}/2557#1", parent, *below)
    node(docs, "B/2557#1", "R/2557#1", "X/2557#1")
    node(docs, "X/2557#1", "B/2557#1")
    tree = read_cascade(docs, "X/2557#1")
    assert tree is not None
    assert tree.node.ref == "R/2557#1"
    assert [child.node.ref for child in tree.children] == ["A0/2557#1", "B/2557#1"]
    (b,) = [child for child in tree.children if child.node.ref == "B/2557#1"]
    assert [child.node.ref for child in b.children] == ["X/2557#1"]
