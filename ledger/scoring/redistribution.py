"""Moving weight between KPIs in proportion to their weights, exactly.

Used when a KPI is cancelled (its weight goes to the others) and when one KPI's weight is
changed (the difference comes from, or goes to, the others). Each share is a whole number of
quanta (the framework's weight step, 0.0001 by default). Shares are cut down to whole quanta,
and the quanta left over go one each to the largest remainders, ties broken by KPI id
(largest-remainder method). The shares therefore add up to the amount exactly, and no share is
a full quantum away from its exact proportional value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from ledger.errors import InvalidInput

__all__ = ["proportional_shares"]


def proportional_shares(
    weights: Mapping[str, Decimal], amount: Decimal, quantum: Decimal
) -> dict[str, Decimal]:
    """Split ``amount`` (may be negative) over ``weights`` in proportion to them.

    >>> from decimal import Decimal as D
    >>> proportional_shares({"a": D(10), "b": D(10), "c": D(10)}, D(10), D("0.01"))
    {'a': Decimal('3.34'), 'b': Decimal('3.33'), 'c': Decimal('3.33')}
    """
    total = sum((Fraction(w) for w in weights.values()), Fraction(0))
    if total <= 0 or any(w < 0 for w in weights.values()):
        raise InvalidInput(
            "weight can only move to KPIs that carry positive weight",
            field="weight",
            rule="redistribution in proportion to the remaining weights",
        )
    step = Fraction(quantum)
    quanta = Fraction(amount) / step
    if quanta.denominator != 1:
        raise InvalidInput(
            f"{amount} is not a multiple of the weight step {quantum}",
            field="weight",
            rule=f"weights are multiples of {quantum}",
        )
    exact = {kpi: quanta * Fraction(w) / total for kpi, w in weights.items()}
    whole = {kpi: math.floor(q) for kpi, q in exact.items()}
    left_over = int(quanta) - sum(whole.values())
    by_remainder = sorted(exact, key=lambda kpi: (-(exact[kpi] - whole[kpi]), kpi))
    for kpi in by_remainder[:left_over]:
        whole[kpi] += 1
    return {kpi: quantum * n for kpi, n in whole.items()}
