"""What a KPI's links to other aggregates need checked: the joint KPI it joins, and the
parent KPI it cascades from."""

from __future__ import annotations

import msgspec

from commands.handlers.context import Handling
from ledger.domain.agreement import Agreement, KpiState
from ledger.domain.decisions.cascade import check_cascade_link, parent_of
from ledger.domain.joint.sharing import check_joining
from ledger.domain.values import KpiTerms
from ledger.errors import NotFound

__all__ = ["checked_links", "parent_kpi"]


def _agreement(ctx: Handling, ref: str) -> Agreement | None:
    try:
        return ctx.ledger.agreement(ref)
    except NotFound:
        return None


def parent_kpi(ctx: Handling, terms: KpiTerms) -> KpiState | None:
    """The KPI ``terms`` cascade from, as it stands (None when not cascaded or not found)."""
    parent = parent_of(terms)
    if parent is None:
        return None
    ref, kpi_id = parent
    found = _agreement(ctx, ref)
    return found.kpis.get(kpi_id) if found else None


def _cascade(ctx: Handling, agreement: Agreement, terms: KpiTerms) -> None:
    """Check the parent ``terms`` cascade from, reading each agreement up the chain once."""
    read: dict[str, Agreement | None] = {}

    def agreement_of(ref: str) -> Agreement | None:
        if ref not in read:
            read[ref] = _agreement(ctx, ref)
        return read[ref]

    def terms_of(kpi_ref: str) -> KpiTerms | None:
        ref, _, kpi_id = kpi_ref.rpartition("#")
        found = agreement_of(ref)
        kpi = found.kpis.get(kpi_id) if found else None
        return kpi.terms if kpi else None

    parent = parent_of(terms)
    assert parent is not None
    check_cascade_link(agreement, agreement_of(parent[0]), terms, terms_of)


def checked_links(ctx: Handling, agreement: Agreement, terms: KpiTerms) -> KpiTerms:
    """``terms`` once their links hold: a joint KPI joined as its participants must (its
    host filled in), a parent KPI in force in another agreement of the same fiscal year,
    measured the same way, at most MAX_CASCADE_LEVELS down and on no loop
    (``ledger.domain.decisions.cascade.check_cascade_link``)."""
    if terms.joint_id is not None:
        joint = ctx.joint(terms.joint_id)
        check_joining(joint, terms, agreement.fiscal_year, agreement.framework_id)
        terms = msgspec.structs.replace(terms, joint_host=joint.host_unit_id)
    elif terms.joint_host is not None:
        ctx.ledger.unit(terms.joint_host, field="joint_host")
    if terms.cascaded_from is not None:
        _cascade(ctx, agreement, terms)
    return terms
