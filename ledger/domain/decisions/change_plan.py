"""What an approved change request would do to an agreement: the KPI's final terms, the
weight it moves to the others, and rule 1 evaluated on the results the ledger already held.

The committee's decision (``change.decide_change``) and the what-if shown before it
(``what_if``) both come from ``plan_change``, so the numbers shown are the numbers recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import msgspec

from ledger.domain.agreement import Agreement, ChangeRequestState, KpiState
from ledger.domain.values import KpiTerms, ResetCheck, WeightMove
from ledger.errors import RuleRefused
from ledger.frameworks.model import Framework
from ledger.rules.reset_check import evaluate_reset
from ledger.scoring.redistribution import proportional_shares

__all__ = ["ChangePlan", "plan_change"]


@dataclass(frozen=True)
class ChangePlan:
    """``final`` is None for a cancellation; ``before`` and ``after`` hold the terms of every
    KPI in the agreement around the change."""

    kpi: KpiState
    final: KpiTerms | None
    moves: tuple[WeightMove, ...]
    before: dict[str, KpiTerms]
    after: dict[str, KpiTerms]
    check: ResetCheck


def _rebased(request: ChangeRequestState, target: KpiTerms, current: KpiTerms) -> KpiTerms:
    """Apply what the proposal changed onto the KPI's current terms, so that weight moved to
    it by another decision since the request is kept."""
    changed = {
        name: getattr(target, name)
        for name in target.__struct_fields__
        if getattr(target, name) != getattr(request.terms_at_request, name)
    }
    return msgspec.structs.replace(current, **changed)


def _scored_others(agreement: Agreement, kpi_id: str) -> list[KpiState]:
    return [k for k in agreement.kpis_in_agreement() if k.scored and k.kpi_id != kpi_id]


def _weight_moves(
    agreement: Agreement, framework: Framework, kpi: KpiState, new_weight: Decimal | None
) -> tuple[WeightMove, ...]:
    """Weight freed by a cancellation (``new_weight`` None) or by a weight change, moved to
    the other scored KPIs in proportion: within the component when any remain there."""
    old_weight = kpi.terms.weight
    freed = old_weight - (new_weight if new_weight is not None else Decimal(0))
    if freed == 0:
        return ()
    others = _scored_others(agreement, kpi.kpi_id)
    same_component = [k for k in others if k.terms.component == kpi.terms.component]
    if new_weight is not None:
        if kpi.terms.mandatory_code is not None:
            raise RuleRefused(
                f"KPI {kpi.kpi_id} is mandatory KPI {kpi.terms.mandatory_code}; its weight is "
                "fixed by the framework",
                field="weight",
                rule="mandatory KPIs keep the framework's weight",
            )
        if not same_component:
            raise RuleRefused(
                f"no other scored KPI in component {kpi.terms.component} to balance a weight "
                "change against",
                field="weight",
                rule="a weight change is balanced within the KPI's component",
            )
    recipients = same_component or others
    if not recipients:
        raise RuleRefused(
            f"KPI {kpi.kpi_id} is the last scored KPI; it cannot be cancelled",
            field="kpi_id",
            rule="an agreement keeps at least one scored KPI",
        )
    shares = proportional_shares(
        {k.kpi_id: k.terms.weight for k in recipients}, freed, framework.weight_quantum
    )
    moves = []
    for k in recipients:
        after = k.terms.weight + shares[k.kpi_id]
        if after <= 0:
            raise RuleRefused(
                f"the weight change would leave KPI {k.kpi_id} with weight {after}",
                field="weight",
                rule="scored KPIs keep a weight above 0",
            )
        moves.append(WeightMove(kpi_id=k.kpi_id, before=k.terms.weight, after=after))
    return tuple(moves)


def plan_change(
    agreement: Agreement,
    framework: Framework,
    request: ChangeRequestState,
    kpi: KpiState,
    target: KpiTerms | None,
) -> ChangePlan:
    """The change to ``kpi`` to ``target`` terms (None: cancelled), as approved now; raises
    RuleRefused when the weights cannot be balanced."""
    final = _rebased(request, target, kpi.terms) if target else None
    moves = _weight_moves(agreement, framework, kpi, final.weight if final else None)
    before = {k.kpi_id: k.terms for k in agreement.kpis_in_agreement()}
    after = dict(before)
    if final is None:
        del after[kpi.kpi_id]
    else:
        after[kpi.kpi_id] = final
    for move in moves:
        after[move.kpi_id] = msgspec.structs.replace(after[move.kpi_id], weight=move.after)
    check = evaluate_reset(framework, kpi.kpi_id, before, after, agreement.known_results)
    return ChangePlan(kpi=kpi, final=final, moves=moves, before=before, after=after, check=check)
