"""The cascade tree (``ledger cascade``) and the drift list of ``ledger warnings``."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from commands.cli.render import console, format_number, print_table
from commands.cli.tables import column
from commands.cli.terminal import styled
from ledger.domain.decisions.cascade import MAX_CASCADE_LEVELS
from projections.cascades import CascadeNode, CascadeTree

__all__ = ["print_cascade", "print_drifting"]

DRIFTING = "DRIFTING / ไม่สอดคล้องกับต้นทาง"


def _label(tree: CascadeTree, asked: str) -> Text:
    node = tree.node
    label = styled(f"{node.ref}  ({node.unit_id})", "bold" if node.ref == asked else "")
    if node.drifting:
        label.append("  ")
        label.append(styled(DRIFTING, "bold red"))
    if node.status in ("rejected", "cancelled"):
        label.append(styled(f"  [{node.status}]"))
    latest = node.latest
    result = (
        f"{format_number(latest.value)} ({latest.round_id}, {latest.source})" if latest else "—"
    )
    thresholds = " / ".join(format_number(t) for t in node.thresholds) or "—"
    lines = [
        f"{node.title_en} / {node.title_th}",
        f"target / เป้าหมาย {format_number(node.target)}  (criteria / เกณฑ์ {thresholds})",
        f"latest / ผลล่าสุด {result}",
    ]
    if node.parent is not None:
        lines.append(
            f"criteria revision / ฉบับเกณฑ์ {node.revision}; follows parent's / ยึดต้นทาง "
            f"{node.aligned_revision} of {node.parent_revision}"
        )
    if node.answer is not None:
        a = node.answer
        how = "kept / คงไว้" if a.kind == "kept" else "changed in step / ปรับตาม"
        lines.append(f"last answer / การพิจารณาล่าสุด: {how} ({a.body}, {a.meeting_ref}): {a.reason}")
    hidden = len(set(node.children) - {child.node.ref for child in tree.children})
    if hidden:
        # read_cascade cut the tree here: a loop or a cascade deeper than the ledger allows
        # (a store written past the handlers).
        lines.append(
            f"{hidden} below not shown (a loop, or past {MAX_CASCADE_LEVELS} levels) / "
            f"ไม่แสดงอีก {hidden} รายการ (วนซ้ำ หรือเกิน {MAX_CASCADE_LEVELS} ระดับ)"
        )
    for line in lines:
        label.append("\n")
        label.append(styled(line, "dim" if line.startswith("criteria revision") else ""))
    return label


def _grow(branch: Tree, tree: CascadeTree, asked: str) -> None:
    for child in tree.children:
        _grow(branch.add(_label(child, asked)), child, asked)


def print_cascade(tree: CascadeTree, asked: str) -> None:
    """The tree from its root (province -> agency -> individual), ``asked`` in bold."""
    root = Tree(_label(tree, asked))
    _grow(root, tree, asked)
    console.print(styled(f"Cascade / การถ่ายทอดตัวชี้วัด: {asked}", "bold"))
    console.print(root)


def print_drifting(nodes: Sequence[CascadeNode]) -> None:
    if not nodes:
        console.print("No cascaded KPI drifts / ตัวชี้วัดที่ถ่ายทอดสอดคล้องกับต้นทางทั้งหมด")
        return
    table = Table(
        column("Cascaded KPI\nตัวชี้วัดที่ถ่ายทอด", prose=True),
        column("Parent\nต้นทาง"),
        column("Parent rev.\nฉบับต้นทาง", right=True),
        column("Follows\nที่ยึดถือ", right=True),
        title="Cascade drift / ตัวชี้วัดถ่ายทอดที่ต้นทางเปลี่ยนเกณฑ์",
        title_justify="left",
    )
    for n in nodes:
        table.add_row(
            f"{n.ref}\n{n.title_en}\n{n.title_th}",
            n.parent or "—",
            str(n.parent_revision),
            str(n.aligned_revision),
        )
    print_table(table)
