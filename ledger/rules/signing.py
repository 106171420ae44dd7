"""What must hold before an agreement can be signed: the framework's weights and limits.

Each check returns nothing or raises :class:`RuleRefused` naming the rule and the numbers.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ledger.domain.agreement import Agreement, KpiState
from ledger.errors import RuleRefused
from ledger.frameworks.model import Framework

__all__ = ["check_ready_to_sign"]

_HUNDRED = Decimal(100)


def check_ready_to_sign(agreement: Agreement, framework: Framework, level: str) -> None:
    """Raise RuleRefused unless the agreement may be signed under its framework."""
    pending = [k.kpi_id for k in agreement.kpis.values() if k.status == "proposed"]
    if pending:
        raise RuleRefused(
            f"KPIs without a negotiation decision: {', '.join(pending)}",
            field="kpis",
            rule="every proposed KPI is accepted, amended or rejected before signing",
        )
    kpis = agreement.kpis_in_agreement()
    if not any(k.scored for k in kpis):
        raise RuleRefused(
            "the agreement has no scored KPI", field="kpis", rule="at least one scored KPI"
        )
    _check_total(kpis)
    _check_components(kpis, framework, level)
    _check_dimensions(kpis, framework, level)
    _check_limits(kpis, framework)
    _check_mandatory(kpis, framework, level)


def _check_total(kpis: list[KpiState]) -> None:
    total = sum((k.terms.weight for k in kpis), Decimal(0))
    if total != _HUNDRED:
        raise RuleRefused(
            f"KPI weights total {total}, not 100",
            field="weight",
            rule="weights total 100",
            expected=_HUNDRED,
            actual=total,
        )


def _component_totals(kpis: list[KpiState]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for k in kpis:
        totals[k.terms.component] += k.terms.weight
    return totals


def _check_components(kpis: list[KpiState], framework: Framework, level: str) -> None:
    totals = _component_totals(kpis)
    for component in framework.components_for(level):
        got = totals.get(component.id, Decimal(0))
        fixed = component.weight_for(level)
        if fixed is not None and got != fixed:
            raise RuleRefused(
                f"component {component.id} ({component.name_en}) carries {got}, "
                f"framework fixes {fixed}",
                field="weight",
                rule=f"component {component.id} weight is {fixed}",
                expected=fixed,
                actual=got,
            )
        if got < component.min_weight:
            raise RuleRefused(
                f"component {component.id} carries {got}, below its minimum {component.min_weight}",
                field="weight",
                rule=f"component {component.id} weight at least {component.min_weight}",
                expected=component.min_weight,
                actual=got,
            )


def _dimension_totals(kpis: list[KpiState], framework: Framework) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for k in kpis:
        component = framework.component(k.terms.component)
        if component is not None:
            totals[component.dimension] += k.terms.weight
    return totals


def _check_dimensions(kpis: list[KpiState], framework: Framework, level: str) -> None:
    totals = _dimension_totals(kpis, framework)
    for dimension in framework.dimensions_for(level):
        got = totals.get(dimension.id, Decimal(0))
        if dimension.weight is not None and got != dimension.weight:
            raise RuleRefused(
                f"dimension {dimension.id} ({dimension.name_en}) carries {got}, "
                f"framework fixes {dimension.weight}",
                field="weight",
                rule=f"dimension {dimension.id} weight is {dimension.weight}",
                expected=dimension.weight,
                actual=got,
            )
        if got < dimension.min_weight:
            raise RuleRefused(
                f"dimension {dimension.id} ({dimension.name_en}) carries {got}, "
                f"below its minimum {dimension.min_weight}",
                field="weight",
                rule=f"dimension {dimension.id} weight at least {dimension.min_weight}",
                expected=dimension.min_weight,
                actual=got,
            )
    for comparison in framework.weight_comparisons:
        left = sum((totals.get(d, Decimal(0)) for d in comparison.greater), Decimal(0))
        right = sum((totals.get(d, Decimal(0)) for d in comparison.than), Decimal(0))
        if not left > right:
            raise RuleRefused(
                f"{' + '.join(comparison.greater)} = {left} does not exceed "
                f"{' + '.join(comparison.than)} = {right}",
                field="weight",
                rule=comparison.rule_en,
                expected=f"> {right}",
                actual=left,
            )


def _check_limits(kpis: list[KpiState], framework: Framework) -> None:
    for limit in framework.kpi_count_limits:
        count = sum(1 for k in kpis if k.scored and k.terms.component in limit.components)
        if count > limit.max_scored_kpis:
            raise RuleRefused(
                f"{count} scored KPIs in components {', '.join(limit.components)}",
                field="kpis",
                rule=limit.rule_en,
                expected=f"at most {limit.max_scored_kpis}",
                actual=count,
            )


def _check_mandatory(kpis: list[KpiState], framework: Framework, level: str) -> None:
    present = {k.terms.mandatory_code: k for k in kpis if k.terms.mandatory_code}
    mandatory = framework.mandatory_for(level)
    moved: dict[str, Decimal] = defaultdict(Decimal)
    for m in mandatory:
        if m.code not in present and m.optional and m.weight_moves_to:
            moved[m.weight_moves_to] += m.weight
    for m in mandatory:
        kpi = present.get(m.code)
        if kpi is None:
            if m.optional:
                continue
            raise RuleRefused(
                f"mandatory KPI {m.code} ({m.title_en}) is missing",
                field="kpis",
                rule=f"framework {framework.id} requires KPI {m.code}",
            )
        expected = m.weight + moved.get(m.code, Decimal(0))
        if kpi.terms.weight != expected or kpi.terms.monitor != m.monitor:
            raise RuleRefused(
                f"mandatory KPI {m.code} ({kpi.kpi_id}) has weight {kpi.terms.weight}, "
                f"framework fixes {expected}",
                field=f"kpis.{kpi.kpi_id}.weight",
                rule=f"mandatory KPI {m.code} weight is {expected}",
                expected=expected,
                actual=kpi.terms.weight,
            )
