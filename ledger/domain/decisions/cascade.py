"""Cascaded KPIs (province -> agency -> individual): the link to the parent KPI, and drift.

A cascaded KPI names its parent ``AGREEMENT#KPI``. Each approved change of a KPI's criteria
counts as a revision of it; a child follows its parent's revision when proposed, when its
own criteria are changed afterwards, or when its committee keeps it with a recorded reason.
A child is drifting while its parent has a revision it has not followed.
"""

from __future__ import annotations

from ledger.domain.agreement import Agreement, KpiState
from ledger.domain.control_events import CascadeDriftKept
from ledger.domain.stamp import Stamp
from ledger.domain.values import KpiTerms
from ledger.errors import NotFound, RuleRefused

__all__ = ["check_cascade_link", "drifting", "keep_cascaded_kpi", "parent_of"]

_LINK_RULE = "cascaded_from is AGREEMENT#KPI_ID of a KPI in force, measured the same way"


def parent_of(terms: KpiTerms) -> tuple[str, str] | None:
    """The parent's agreement reference and KPI id, for a cascaded KPI."""
    if terms.cascaded_from is None:
        return None
    ref, _, kpi_id = terms.cascaded_from.rpartition("#")
    return ref, kpi_id


def check_cascade_link(parent: KpiState | None, terms: KpiTerms) -> KpiState:
    """The parent KPI ``terms`` cascade from; NotFound when there is none in force, and
    RuleRefused when it runs the other way."""
    if parent is None or not parent.in_agreement:
        state = "is not in force" if parent is not None else "does not exist"
        raise NotFound(
            f"KPI {terms.cascaded_from!r} {state}; nothing to cascade from",
            field="cascaded_from",
            rule=_LINK_RULE,
        )
    if parent.terms.direction != terms.direction:
        raise RuleRefused(
            f"KPI {terms.cascaded_from} is {parent.terms.direction}-is-better; a KPI cascaded "
            "from it runs the same way",
            field="direction",
            rule=_LINK_RULE,
            expected=parent.terms.direction,
            actual=terms.direction,
        )
    return parent


def drifting(child: KpiState, parent: KpiState) -> bool:
    """Whether the parent's criteria changed since the child last followed or kept them."""
    return parent.revision > child.aligned_revision


def keep_cascaded_kpi(
    agreement: Agreement,
    kpi_id: str,
    parent: KpiState | None,
    body: str,
    meeting_ref: str,
    reason: str,
    stamp: Stamp,
) -> CascadeDriftKept:
    """Record that the child's committee keeps its terms after its parent changed."""
    kpi = agreement.kpis.get(kpi_id)
    if kpi is None or not kpi.in_agreement:
        raise NotFound(
            f"no KPI {kpi_id!r} in {agreement.agreement_ref}",
            field="kpi_id",
            rule="KPI must be in the agreement",
        )
    if kpi.terms.cascaded_from is None:
        raise RuleRefused(
            f"KPI {kpi_id} is not cascaded from another KPI",
            field="kpi_id",
            rule="only a cascaded KPI can drift from its parent",
        )
    if parent is None or not drifting(kpi, parent):
        raise RuleRefused(
            f"KPI {kpi_id} is in step with its parent {kpi.terms.cascaded_from}; there is no "
            "drift to answer",
            field="kpi_id",
            rule="a drift is kept once its parent's criteria have changed",
        )
    return CascadeDriftKept(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        kpi_id=kpi_id,
        parent=kpi.terms.cascaded_from,
        parent_revision=parent.revision,
        body=body,
        meeting_ref=meeting_ref,
        reason=reason,
        **stamp.fields(),
    )
