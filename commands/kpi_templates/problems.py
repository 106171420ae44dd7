"""Every bad cell of a template at once: a unit fixing its KPI file should not learn of its
mistakes one import at a time. The cells are read on; the refusal names the first (its
field and rule, as any refusal) and lists the others in its message.
"""

from __future__ import annotations

from ledger.errors import InvalidInput

__all__ = ["Problems"]

# The others listed in the message; the rest are counted.
LISTED = 10


class Problems:
    """The refusals met while reading a template, in the order met."""

    def __init__(self) -> None:
        self.found: list[InvalidInput] = []

    def add(self, error: InvalidInput) -> None:
        self.found.append(error)

    def raise_any(self) -> None:
        """InvalidInput for the first problem, its message listing the others; nothing when
        there was none.

        >>> problems = Problems()
        >>> problems.raise_any()
        >>> problems.add(InvalidInput("row 11: not a number", field="KPIs!G11", rule="r1"))
        >>> problems.add(InvalidInput("row 12: empty", field="KPIs!B12", rule="r2"))
        >>> problems.raise_any()
        Traceback (most recent call last):
        ...
        ledger.errors.InvalidInput: row 11: not a number (and 1 more problem: row 12: empty)
        """
        if not self.found:
            return
        error, others = self.found[0], self.found[1:]
        message = error.message
        if others:
            listed = "; ".join(other.message for other in others[:LISTED])
            more = f"; and {len(others) - LISTED} more" if len(others) > LISTED else ""
            noun = "problem" if len(others) == 1 else "problems"
            message += f" (and {len(others)} more {noun}: {listed}{more})"
        raise InvalidInput(
            message,
            field=error.field,
            rule=error.rule,
            expected=error.expected,
            actual=error.actual,
        )
