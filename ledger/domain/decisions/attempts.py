"""Refusals worth keeping: attempts the change-control rules turned down.

A request after its window, a decision after its window, a change that crosses a known result
(rule 1) and a KPI proposed after signing are refused, and the attempt itself is recorded as a
:class:`ChangeAttemptRefused` event so the audit can show who tried what, and when. The
agreement's terms are untouched. Malformed input is refused without recording anything.
"""

from __future__ import annotations

from ledger.domain.agreement import Agreement
from ledger.domain.control_events import AttemptKind, ChangeAttemptRefused
from ledger.domain.stamp import Stamp
from ledger.domain.values import ResetCheck
from ledger.errors import LedgerError, NotAllowed, RuleRefused

__all__ = ["AccessRefusedAndKept", "AttemptRefused", "KeptRefusal", "kept", "refusal_event"]


class KeptRefusal(LedgerError):
    """A refusal whose attempt was recorded (one event) for the audit."""

    def describe(self) -> str:
        return super().describe() + "; the refused attempt is recorded for the audit"


class AccessRefusedAndKept(KeptRefusal, NotAllowed):
    """A change-control step by an actor without the grant for it: refused as not allowed,
    and kept like any other refused change-control attempt."""


class AttemptRefused(KeptRefusal, RuleRefused):
    """A refusal whose attempt is recorded; ``check`` holds rule 1's numbers when it applied."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        rule: str | None = None,
        expected: object = None,
        actual: object = None,
        check: ResetCheck | None = None,
    ) -> None:
        super().__init__(message, field=field, rule=rule, expected=expected, actual=actual)
        self.check = check


def kept(error: RuleRefused) -> AttemptRefused:
    """The same refusal, marked as one whose attempt is recorded."""
    return AttemptRefused(
        error.message,
        field=error.field,
        rule=error.rule,
        expected=error.expected,
        actual=error.actual,
    )


def refusal_event(
    agreement: Agreement,
    attempt: AttemptKind,
    error: AttemptRefused | AccessRefusedAndKept,
    attempted: str,
    stamp: Stamp,
    *,
    kpi_id: str | None,
    request_id: str | None = None,
) -> ChangeAttemptRefused:
    """The event that keeps a refused attempt; ``attempted`` is the command as JSON."""
    return ChangeAttemptRefused(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        attempt=attempt,
        kpi_id=kpi_id,
        request_id=request_id,
        message=error.message,
        field=error.field,
        rule=error.rule,
        check=error.check if isinstance(error, AttemptRefused) else None,
        attempted=attempted,
        **stamp.fields(),
    )
