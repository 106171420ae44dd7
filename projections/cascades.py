"""Projection ``cascades``: every cascaded KPI and every KPI with cascaded children, as a node
``AGREEMENT#KPI`` with its target, its latest result, its parent and children, and whether it
drifts from its parent (``ledger.domain.decisions.cascade.drifting``) and how the last drift
was answered (changed in step, or kept with a recorded reason).

A parent's change of criteria makes each child drift, so an agreement's event rewrites its
own nodes, their children and their parents.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Literal

import msgspec

from ledger.application import agreement_uuid
from ledger.domain.agreement import Agreement, KpiState
from ledger.domain.agreement_state import KpiStatus
from ledger.domain.control_events import CascadeDriftKept, ChangeDecided
from ledger.domain.decisions.cascade import MAX_CASCADE_LEVELS, drifting
from ledger.domain.events import LedgerEvent
from ledger.rules.early_warning import standard_target
from projections.derived import DerivedPerAgreement
from projections.documents import Documents
from projections.shared import read_agreement

__all__ = [
    "CascadeNode",
    "CascadeTree",
    "Cascades",
    "DriftAnswer",
    "LatestResult",
    "read_cascade",
    "read_drifting",
    "read_node",
]


class LatestResult(msgspec.Struct, frozen=True, kw_only=True):
    value: Decimal
    round_id: str
    source: Literal["sar", "assessment"]
    joint_id: str | None


class DriftAnswer(msgspec.Struct, frozen=True, kw_only=True):
    """How the child's own agreement last answered its parent's change: ``changed`` (its
    criteria changed in step, by ``request_id``) or ``kept`` (with the recorded reason)."""

    kind: Literal["changed", "kept"]
    parent_revision: int
    body: str
    meeting_ref: str
    reason: str
    request_id: str | None
    recorded_at: datetime


class CascadeNode(msgspec.Struct, frozen=True, kw_only=True):
    ref: str
    agreement: str
    unit_id: str
    kpi_id: str
    status: KpiStatus
    title_th: str
    title_en: str
    direction: str
    unit_of_measure: str
    thresholds: tuple[Decimal, ...]
    # The criteria's standard level: T3 of five levels, "standard" of three.
    target: Decimal | None
    latest: LatestResult | None
    parent: str | None
    revision: int
    aligned_revision: int
    # The parent's revision now (None at a root): drifting while it is above aligned_revision.
    parent_revision: int | None
    drifting: bool
    answer: DriftAnswer | None
    children: tuple[str, ...]


class CascadeTree(msgspec.Struct, frozen=True, kw_only=True):
    node: CascadeNode
    children: tuple[CascadeTree, ...]

    def nodes(self) -> Iterator[CascadeNode]:
        """Every node of the tree, each above the ones below it (depth first)."""
        yield self.node
        for child in self.children:
            yield from child.nodes()


class _Refs(msgspec.Struct, frozen=True):
    refs: tuple[str, ...] = ()


def _split(ref: str) -> tuple[str, str]:
    agreement, _, kpi_id = ref.rpartition("#")
    return agreement, kpi_id


def _raw_kpi(docs: Documents, ref: str) -> KpiState | None:
    agreement, kpi_id = _split(ref)
    state = docs.get("agreement", str(agreement_uuid(agreement)), Agreement)
    return state.kpis.get(kpi_id) if state else None


def _answer(docs: Documents, event: LedgerEvent, state: Agreement) -> None:
    """Keep how a child's drift was answered, by the event that answered it."""
    answer: DriftAnswer | None = None
    kpi_id = getattr(event, "kpi_id", "")
    if isinstance(event, CascadeDriftKept):
        answer = DriftAnswer(
            kind="kept",
            parent_revision=event.parent_revision,
            body=event.body,
            meeting_ref=event.meeting_ref,
            reason=event.reason,
            request_id=None,
            recorded_at=event.recorded_at,
        )
    elif (
        isinstance(event, ChangeDecided)
        and event.outcome != "rejected"
        and event.parent_revision is not None
        and event.kpi_id in state.kpis
        and state.kpis[event.kpi_id].terms.cascaded_from is not None
    ):
        answer = DriftAnswer(
            kind="changed",
            parent_revision=event.parent_revision,
            body=event.body,
            meeting_ref=event.meeting_ref,
            reason=event.rationale,
            request_id=event.request_id,
            recorded_at=event.recorded_at,
        )
    if answer is not None:
        docs.put("answer", f"{state.agreement_ref}#{kpi_id}", answer)


class Cascades(DerivedPerAgreement):
    name = "cascades"
    summary = "cascaded KPIs: parent, children, targets, latest results and drift"
    # The nodes the page changed, by agreement reference: KPI ids to write at its end.
    _pending: dict[str, set[str]]

    def begin_page(self) -> None:
        super().begin_page()
        self._pending = {}

    def folded(self, docs: Documents, event: LedgerEvent, state: Agreement) -> None:
        _answer(docs, event, state)
        for kpi in state.kpis.values():
            ref = f"{state.agreement_ref}#{kpi.kpi_id}"
            parent = kpi.terms.cascaded_from
            if parent is not None:
                children = _children(docs, parent)
                if ref not in children:
                    docs.put("children", parent, _Refs((*children, ref)))
                self._note(ref, parent)
            kids = _children(docs, ref)
            if kids:
                self._note(ref, *kids)

    def _note(self, *refs: str) -> None:
        for ref in refs:
            agreement_ref, kpi_id = _split(ref)
            self._pending.setdefault(agreement_ref, set()).add(kpi_id)

    def derive(self, docs: Documents, state: Agreement) -> None:
        for kpi_id in sorted(self._pending.pop(state.agreement_ref, ())):
            self._write(docs, kpi_id, state)

    def settle(self, docs: Documents) -> None:
        """Each changed agreement's own nodes, then the parents' and children's nodes in
        agreements the page did not change (their children, drift or parent moved)."""
        super().settle(docs)
        for agreement_ref, kpi_ids in sorted(self._pending.items()):
            state = read_agreement(docs, agreement_ref, self.frameworks)
            if state is None:  # a parent named before its agreement was opened
                continue
            for kpi_id in sorted(kpi_ids):
                self._write(docs, kpi_id, state)
        self._pending.clear()

    def _write(self, docs: Documents, kpi_id: str, state: Agreement) -> None:
        kpi = state.kpis.get(kpi_id)
        if kpi is None:
            return
        ref = f"{state.agreement_ref}#{kpi_id}"
        parent_ref = kpi.terms.cascaded_from
        parent = _raw_kpi(docs, parent_ref) if parent_ref else None
        known = state.known_results.get(kpi_id)
        framework = self.frameworks(state.framework_id)
        node = CascadeNode(
            ref=ref,
            agreement=state.agreement_ref,
            unit_id=state.unit_id,
            kpi_id=kpi_id,
            status=kpi.status,
            title_th=kpi.terms.title_th,
            title_en=kpi.terms.title_en,
            direction=kpi.terms.direction,
            unit_of_measure=kpi.terms.unit_of_measure,
            thresholds=kpi.terms.thresholds,
            target=standard_target(framework.scoring, kpi.terms),
            latest=LatestResult(
                value=known.value,
                round_id=known.round_id,
                source=known.source,
                joint_id=known.joint_id,
            )
            if known
            else None,
            parent=parent_ref,
            revision=kpi.revision,
            aligned_revision=kpi.aligned_revision,
            parent_revision=parent.revision if parent else None,
            drifting=parent is not None and kpi.in_agreement and drifting(kpi, parent),
            answer=docs.get("answer", ref, DriftAnswer),
            children=_children(docs, ref),
        )
        docs.put("node", ref, node)


def _children(docs: Documents, ref: str) -> tuple[str, ...]:
    found = docs.get("children", ref, _Refs)
    return found.refs if found else ()


def read_node(docs: Documents, ref: str) -> CascadeNode | None:
    return docs.get("node", ref, CascadeNode)


def read_cascade(docs: Documents, ref: str) -> CascadeTree | None:
    """The whole tree ``ref`` belongs to, from its root; None when ``ref`` is in none.

    The ledger refuses a loop and a cascade of more than ``MAX_CASCADE_LEVELS`` levels, but
    a store written past the handlers (or before those rules) may hold either: the climb
    stops at a KPI met already or ``MAX_CASCADE_LEVELS - 1`` parents up, the tree shows
    each KPI once and ``MAX_CASCADE_LEVELS`` levels deep at most, and ``ref`` is always in
    it (a node whose ``children`` are not all shown was cut there)."""
    node = read_node(docs, ref)
    if node is None:
        return None
    path = [node]
    while len(path) < MAX_CASCADE_LEVELS and path[-1].parent is not None:
        parent = read_node(docs, path[-1].parent)
        if parent is None or any(p.ref == parent.ref for p in path):
            break
        path.append(parent)
    root, *down = reversed(path)
    return _tree(docs, root, set(), MAX_CASCADE_LEVELS, tuple(n.ref for n in down))


def _tree(
    docs: Documents, node: CascadeNode, seen: set[str], levels: int, path: tuple[str, ...]
) -> CascadeTree:
    """``node`` and, ``levels`` deep in all, the KPIs below it not in ``seen`` yet. ``path``:
    the refs from the child of ``node`` down to the KPI asked, grown before their siblings
    so that the asked KPI is in the tree whatever else the children name."""
    seen.add(node.ref)
    if levels <= 1:
        return CascadeTree(node=node, children=())
    refs = sorted({*node.children, *path[:1]})
    grown: dict[str, CascadeTree] = {}
    for ref in sorted(refs, key=lambda r: r not in path[:1]):
        kid = read_node(docs, ref) if ref not in seen else None
        if kid is not None:
            below = path[1:] if path[:1] == (ref,) else ()
            grown[ref] = _tree(docs, kid, seen, levels - 1, below)
    return CascadeTree(node=node, children=tuple(grown[r] for r in refs if r in grown))


def read_drifting(docs: Documents, agreement: str | None = None) -> list[CascadeNode]:
    """Cascaded KPIs (of ``agreement``, or all) whose parent changed since they followed."""
    prefix = f"{agreement}#" if agreement is not None else ""
    return [node for _, node in docs.scan("node", CascadeNode, prefix) if node.drifting]
