"""One root error with a few families; each carries what a user needs to act on it.

The families map to exit codes (CLI) and, later, HTTP statuses in one table, so every
interface reports the same failure the same way.
"""

from __future__ import annotations

__all__ = [
    "ConflictError",
    "IntegrityViolation",
    "InvalidInput",
    "LedgerError",
    "NotFound",
    "RuleRefused",
    "WriteConflict",
    "exit_code_for",
]


class LedgerError(Exception):
    """Root of every error the ledger raises on purpose.

    ``field`` names the offending input (a JSON path or a field name), ``rule`` names the
    rule that was applied; ``expected`` and ``actual`` say what was wanted and what came.
    """

    family = "error"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        rule: str | None = None,
        expected: object = None,
        actual: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule
        self.expected = expected
        self.actual = actual

    def describe(self) -> str:
        """The message with the field and the rule, as shown to users."""
        parts = [self.message]
        if self.field:
            parts.append(f"field: {self.field}")
        if self.rule:
            parts.append(f"rule: {self.rule}")
        return "; ".join(parts)


class InvalidInput(LedgerError):
    """The input is malformed or of the wrong shape (types, missing or extra fields)."""

    family = "invalid-input"


class RuleRefused(LedgerError):
    """The input is well formed but a domain rule refuses it."""

    family = "refused"


class NotFound(LedgerError):
    """An id names nothing the ledger knows."""

    family = "not-found"


class ConflictError(LedgerError):
    """Someone else recorded first, or the thing already exists."""

    family = "conflict"


class WriteConflict(ConflictError):
    """Another command recorded on the same aggregate between this one's read and its write:
    nothing of this command was recorded, and running it again against the new state is safe."""


class IntegrityViolation(LedgerError):
    """Stored data does not match what the ledger guarantees."""

    family = "integrity"


_EXIT_CODES: dict[type[LedgerError], int] = {
    InvalidInput: 1,
    RuleRefused: 1,
    NotFound: 1,
    ConflictError: 3,
    IntegrityViolation: 4,
}


def exit_code_for(error: LedgerError) -> int:
    """The process exit code for an error (1 for bad input or a refusal)."""
    for family, code in _EXIT_CODES.items():
        if isinstance(error, family):
            return code
    return 1
