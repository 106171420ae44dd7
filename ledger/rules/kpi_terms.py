"""Checks on one KPI's terms against its framework, before they are proposed or amended."""

from __future__ import annotations

from decimal import Decimal

from ledger.domain.values import KpiTerms
from ledger.errors import InvalidInput, RuleRefused
from ledger.frameworks.model import Framework
from ledger.scoring.levels import check_thresholds

__all__ = ["check_kpi_terms"]


def check_kpi_terms(terms: KpiTerms, framework: Framework, level: str) -> None:
    """Raise InvalidInput or RuleRefused unless the terms fit the framework for this level."""
    components = {c.id for c in framework.components_for(level)}
    if terms.component not in components:
        raise RuleRefused(
            f"component {terms.component!r} is not in framework {framework.id} for level {level}",
            field="component",
            rule="component must exist in the framework",
            expected=", ".join(sorted(components)),
            actual=terms.component,
        )
    if terms.weight < 0:
        raise InvalidInput("a weight cannot be negative", field="weight", rule="weight >= 0")
    if terms.monitor and terms.weight != 0:
        raise RuleRefused(
            "a monitor KPI is tracked, not scored, and carries weight 0",
            field="weight",
            rule="monitor KPIs have weight 0",
            expected=Decimal(0),
            actual=terms.weight,
        )
    if not terms.monitor and terms.weight == 0:
        raise RuleRefused(
            "a scored KPI needs a weight above 0 (mark it monitor to track it unscored)",
            field="weight",
            rule="scored KPIs have weight > 0",
        )
    # A monitor KPI may be recorded without criteria: it is reported, never scored.
    if not (terms.monitor and not terms.thresholds and terms.direction != "milestone"):
        check_thresholds(framework.scoring, terms.direction, terms.thresholds)
    if terms.mandatory_code is not None:
        codes = {m.code for m in framework.mandatory_for(level)}
        if terms.mandatory_code not in codes:
            raise RuleRefused(
                f"framework {framework.id} has no mandatory KPI {terms.mandatory_code!r} "
                f"for level {level}",
                field="mandatory_code",
                rule="mandatory code must be listed by the framework",
                expected=", ".join(sorted(codes)),
                actual=terms.mandatory_code,
            )
