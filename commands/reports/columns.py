"""Columns more than one sheet has: a KPI's criteria, one column per level."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from commands.reports.cells import Cell, Column
from ledger.scoring.levels import level_points

__all__ = ["LEVELS", "criteria_cells", "criteria_columns", "penalty_cells"]

# The most levels any scoring method has (five-level: T1..T5; three-level: basic, standard,
# advanced in the first three; a milestone KPI has none).
LEVELS = max(len(level_points("five_level")), len(level_points("three_level")))


def criteria_columns(en: str = "Criteria", th: str = "เกณฑ์") -> list[Column]:
    """A number column per level, lowest first."""
    return [Column(f"{en} level {n}", f"{th}ระดับ {n}", "number") for n in range(1, LEVELS + 1)]


def criteria_cells(thresholds: Sequence[Decimal]) -> list[Cell]:
    """The thresholds, one per level column, the columns past them empty. Requires at most
    ``LEVELS`` thresholds (every scoring method's count is checked when they are recorded)."""
    if len(thresholds) > LEVELS:
        raise ValueError(f"{len(thresholds)} thresholds for {LEVELS} level columns")
    return [*thresholds, *[None] * (LEVELS - len(thresholds))]


def penalty_cells(amounts: Sequence[tuple[str, Decimal]]) -> list[Cell]:
    """The total deducted (exact) and each deduction as ``ID: amount``, or two empty cells.

    >>> penalty_cells([("PEN-1", Decimal("0.5")), ("PEN-2", Decimal("1.25"))])
    [Decimal('1.75'), 'PEN-1: 0.5; PEN-2: 1.25']
    """
    if not amounts:
        return [None, None]
    total = sum((amount for _, amount in amounts), Decimal(0))
    return [total, "; ".join(f"{pid}: {amount:f}" for pid, amount in amounts)]
