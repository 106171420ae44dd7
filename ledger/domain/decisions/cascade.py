"""Cascaded KPIs (province -> agency -> individual): the link to the parent KPI, and drift.

A cascaded KPI names its parent ``AGREEMENT#KPI``: a KPI in force, in another unit's
agreement of the same fiscal year (the framework may differ: a province's framework covers
provinces, its agencies' another), measured the same way, at most
:data:`MAX_CASCADE_LEVELS` levels down from its root and never in a loop. The link is fixed
when the KPI is proposed: no amendment or change request carries ``cascaded_from``.

Each approved change of a KPI's criteria counts as a revision of it; a child follows its
parent's revision when proposed, when its own criteria are changed afterwards, or when its
committee keeps it with a recorded reason. A child is drifting while its parent has a
revision it has not followed.
"""

from __future__ import annotations

from collections.abc import Callable

from ledger.domain.agreement import Agreement, KpiState
from ledger.domain.control_events import CascadeDriftKept
from ledger.domain.stamp import Stamp
from ledger.domain.values import KpiTerms
from ledger.errors import InvalidInput, NotFound, RuleRefused

__all__ = [
    "MAX_CASCADE_LEVELS",
    "ancestry",
    "check_cascade_link",
    "drifting",
    "keep_cascaded_kpi",
    "parent_of",
]

# Twice the four levels the seeds know (province group -> province -> agency -> individual):
# room for any real cascade, and a bound every reader that follows the links can rely on.
MAX_CASCADE_LEVELS = 8

_LINK_RULE = "cascaded_from is AGREEMENT#KPI_ID of a KPI in force, measured the same way"
_OWN_RULE = "a KPI cascades from another unit's agreement, never its own agreement or itself"
_YEAR_RULE = "a KPI cascades from a KPI of the same fiscal year"
_LOOP_RULE = "a cascade never loops back on itself"
_DEPTH_RULE = f"a cascade has at most {MAX_CASCADE_LEVELS} levels"


def parent_of(terms: KpiTerms) -> tuple[str, str] | None:
    """The parent's agreement reference and KPI id, for a cascaded KPI."""
    if terms.cascaded_from is None:
        return None
    ref, _, kpi_id = terms.cascaded_from.rpartition("#")
    return ref, kpi_id


def ancestry(ref: str, terms_of: Callable[[str], KpiTerms | None]) -> tuple[str, ...]:
    """The refs from ``ref`` up its ``cascaded_from`` links, ``ref`` first, as ``terms_of``
    (a KPI's terms by ref; None when unknown) reads them. Stops at a root or an unknown KPI,
    after :data:`MAX_CASCADE_LEVELS` refs, or at a ref already met, which ends the tuple a
    second time (a loop: only a store written past the handlers holds one).

    >>> from decimal import Decimal
    >>> links = {"A#1": None, "B#1": "A#1", "C#1": "B#1", "X#1": "Y#1", "Y#1": "X#1"}
    >>> def terms_of(ref):
    ...     return None if ref not in links else KpiTerms(title_th="t", title_en="t",
    ...         component="1", unit_of_measure="%", direction="higher", weight=Decimal(0),
    ...         cascaded_from=links[ref])
    >>> ancestry("C#1", terms_of)
    ('C#1', 'B#1', 'A#1')
    >>> ancestry("X#1", terms_of)
    ('X#1', 'Y#1', 'X#1')
    """
    chain = [ref]
    while len(chain) < MAX_CASCADE_LEVELS:
        terms = terms_of(chain[-1])
        above = terms.cascaded_from if terms is not None else None
        if above is None:
            break
        chain.append(above)
        if above in chain[:-1]:
            break
    return tuple(chain)


def check_cascade_link(
    agreement: Agreement,
    parent_agreement: Agreement | None,
    terms: KpiTerms,
    terms_of: Callable[[str], KpiTerms | None],
) -> KpiState:
    """The parent KPI that ``terms`` (of a KPI in ``agreement``) cascade from, found in
    ``parent_agreement`` (None when never opened); ``terms_of`` reads any KPI's terms by ref,
    to follow the links above the parent.

    Requires ``terms.cascaded_from``. Raises RuleRefused when the parent is in ``agreement``
    itself, of another fiscal year, measured the other way or on a loop; NotFound when it
    is not in force; InvalidInput when the child would be more than
    :data:`MAX_CASCADE_LEVELS` levels down. Every refusal names the field and the rule.
    """
    link = terms.cascaded_from
    assert link is not None, "check_cascade_link requires a cascaded KPI"
    ref, _, kpi_id = link.rpartition("#")
    if ref == agreement.agreement_ref:
        raise RuleRefused(
            f"KPI {link} is in this agreement ({ref}); a KPI cascades from a KPI of another "
            "unit's agreement (province -> agency -> individual), never from its own "
            "agreement or from itself",
            field="cascaded_from",
            rule=_OWN_RULE,
            actual=link,
        )
    parent = parent_agreement.kpis.get(kpi_id) if parent_agreement is not None else None
    if parent_agreement is None or parent is None or not parent.in_agreement:
        state = "is not in force" if parent is not None else "does not exist"
        raise NotFound(
            f"KPI {link!r} {state}; nothing to cascade from",
            field="cascaded_from",
            rule=_LINK_RULE,
        )
    if parent_agreement.fiscal_year != agreement.fiscal_year:
        raise RuleRefused(
            f"KPI {link} is of fiscal year {parent_agreement.fiscal_year}; a KPI of "
            f"{agreement.agreement_ref} cascades from a KPI of fiscal year "
            f"{agreement.fiscal_year}",
            field="cascaded_from",
            rule=_YEAR_RULE,
            expected=agreement.fiscal_year,
            actual=parent_agreement.fiscal_year,
        )
    if parent.terms.direction != terms.direction:
        raise RuleRefused(
            f"KPI {link} is {parent.terms.direction}-is-better; a KPI cascaded "
            "from it runs the same way",
            field="direction",
            rule=_LINK_RULE,
            expected=parent.terms.direction,
            actual=terms.direction,
        )
    _check_chain(ancestry(link, terms_of))
    return parent


def _check_chain(chain: tuple[str, ...]) -> None:
    """``chain``: the parent and the refs above it (``ancestry``)."""
    if len(set(chain)) < len(chain):
        raise RuleRefused(
            f"the cascade above {chain[0]} loops back on itself ({' <- '.join(chain)}); "
            "nothing can cascade from it",
            field="cascaded_from",
            rule=_LOOP_RULE,
            actual=chain[0],
        )
    if len(chain) >= MAX_CASCADE_LEVELS:
        raise InvalidInput(
            f"KPI {chain[0]} is at level {len(chain)} or below of its cascade (its root is "
            f"level 1); a KPI cascaded from it would be more than {MAX_CASCADE_LEVELS} levels "
            "down",
            field="cascaded_from",
            rule=_DEPTH_RULE,
            expected=MAX_CASCADE_LEVELS,
            actual=len(chain) + 1,
        )


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
