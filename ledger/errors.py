"""One root error with a few families; each carries what a user needs to act on it.

``OUTCOMES`` is the one table that turns a family into a process exit code (CLI) and an HTTP
status, so every interface reports the same failure the same way:

====  ======  ===================  =====================================================
exit  HTTP    family               meaning
====  ======  ===================  =====================================================
0     200     (none)               everything asked for was done, or everything holds
1     400     invalid-input        malformed, out of bounds or of the wrong shape
1     413     too-large            a request body, line or upload over its size limit
1     422     refused              well formed, but a rule of the domain refuses it
1     409     already-recorded     the thing exists already (a unit, a KPI, a command id)
1     404     not-found            an id names nothing the ledger knows
7     401     unauthenticated      no credential, or one that is unknown, expired or revoked
8     403     not-allowed          the actor or the user entering it lacks the grant needed
2     400     (usage)              the command line itself is wrong (click's usage errors)
3     409     conflict             another writer got there first: run it again
4     500     integrity            stored data is not what the ledger guarantees
5     424     unverified           verification had no outside anchor, or events are unsealed
6     503     store-unavailable    the store cannot be reached, opened, read or written
70    500     (internal)           a bug: the traceback is logged for the operator
====  ======  ===================  =====================================================
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_USAGE",
    "OUTCOMES",
    "AlreadyRecorded",
    "ConflictError",
    "IntegrityViolation",
    "InvalidInput",
    "LedgerError",
    "NotAllowed",
    "NotFound",
    "Outcome",
    "RuleRefused",
    "StoreUnavailable",
    "TooLarge",
    "Unanchored",
    "Unauthenticated",
    "Unsealed",
    "Unverified",
    "WriteConflict",
    "exit_code_for",
    "http_status_for",
]

EXIT_USAGE = 2
EXIT_INTERNAL = 70


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
    """The input is malformed, out of bounds or of the wrong shape."""

    family = "invalid-input"


class TooLarge(InvalidInput):
    """A request body, a line or an uploaded file is over its size limit."""

    family = "too-large"


class Unauthenticated(LedgerError):
    """No credential came with the request, or the one that came is unknown, expired or
    revoked: the caller is not known to be anyone."""

    family = "unauthenticated"


class NotAllowed(LedgerError):
    """The caller is known, but the acting user or body lacks the grant for this role in this
    scope at this time, or the user entering it may not enter for that actor."""

    family = "not-allowed"


class RuleRefused(LedgerError):
    """The input is well formed but a domain rule refuses it."""

    family = "refused"


class AlreadyRecorded(LedgerError):
    """The thing already exists (a unit, an agreement, a KPI id, a decision, a command id):
    sending the same again cannot succeed, so this is a refusal, not a conflict to retry."""

    family = "already-recorded"


class NotFound(LedgerError):
    """An id names nothing the ledger knows (or a path names no store)."""

    family = "not-found"


class ConflictError(LedgerError):
    """Someone else recorded first; nothing of this was recorded and trying again is safe."""

    family = "conflict"


class WriteConflict(ConflictError):
    """Another command recorded on the same aggregate between this one's read and its write:
    nothing of this command was recorded, and running it again against the new state is safe."""


class IntegrityViolation(LedgerError):
    """Stored data does not match what the ledger guarantees."""

    family = "integrity"


class Unverified(LedgerError):
    """Verification could not vouch for the ledger: nothing was found wrong, but something
    an outsider needs was missing."""

    family = "unverified"


class Unanchored(Unverified):
    """No trust anchor (log key, policy) came from outside the data being checked."""


class Unsealed(Unverified):
    """Events are newer than the last checkpoint the trust policy accepts."""


class StoreUnavailable(LedgerError):
    """The store cannot be reached, opened, read or written (server down, file unreadable,
    disk full); the message says which, and what to do."""

    family = "store-unavailable"


class Outcome(NamedTuple):
    exit_code: int
    http_status: int


# Most specific first: the first family an error belongs to decides.
OUTCOMES: tuple[tuple[type[LedgerError], Outcome], ...] = (
    (TooLarge, Outcome(1, 413)),
    (InvalidInput, Outcome(1, 400)),
    (Unauthenticated, Outcome(7, 401)),
    (NotAllowed, Outcome(8, 403)),
    (RuleRefused, Outcome(1, 422)),
    (AlreadyRecorded, Outcome(1, 409)),
    (NotFound, Outcome(1, 404)),
    (ConflictError, Outcome(3, 409)),
    (IntegrityViolation, Outcome(4, 500)),
    (Unverified, Outcome(5, 424)),
    (StoreUnavailable, Outcome(6, 503)),
)


def _outcome(error: LedgerError) -> Outcome:
    for family, outcome in OUTCOMES:
        if isinstance(error, family):
            return outcome
    return Outcome(1, 400)


def exit_code_for(error: LedgerError) -> int:
    """The process exit code for an error.

    >>> exit_code_for(WriteConflict("busy"))
    3
    >>> exit_code_for(AlreadyRecorded("KPI 'A1' is already proposed"))
    1
    """
    return _outcome(error).exit_code


def http_status_for(error: LedgerError) -> int:
    """The HTTP status for an error (the API maps errors through the same table)."""
    return _outcome(error).http_status
