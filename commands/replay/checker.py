"""Every recorded event checked against the rules, by the handlers that record events.

Fed the log in order, ``RuleReplay`` rebuilds the command each event came from
(``command_of``), hands it to the same handler a user's command goes through, over the state
the log so far leaves (``FoldedLedger``), and compares what the handler records with what the
log holds: version continuity per aggregate, the actor's role, every prerequisite (signed
before a SAR, filed before assessed, nothing after certification unless an adjustment reopened
it), windows and reasons, rule 1's verdicts, penalties, scores and composites. An event the
handlers would refuse, or would record differently, is a finding naming its position,
aggregate, version and the rule; one its actor could not take (no grant of its role covering
it when recorded, or an enterer who may not enter for that actor) names the actor, the role
and the grant missing. Every text and number in every event is also checked
against the bounds commands are decoded under (``ledger.bounds``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from commands.handlers import Handling, handle
from commands.replay.commands_of import NotACommand, command_of
from commands.replay.folded import FoldedLedger
from commands.replay.spilled import SpilledAgreements
from ledger.application import receipt_uuid
from ledger.bounds import bounded
from ledger.domain.agreement import DAMAGED_LOG_ERRORS
from ledger.domain.control_events import ChangeAttemptRefused
from ledger.domain.events import LedgerEvent, ScoresCertified
from ledger.domain.receipt import CommandHandled, EventRef
from ledger.errors import InvalidInput, LedgerError, NotAllowed, Unauthenticated
from ledger.frameworks.model import Framework
from ledger.grammar import with_article

__all__ = ["RuleReplay"]

# A differing value longer than this is shown cut short: the field name says where to look.
_SHOWN = 80


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _differences(recorded: LedgerEvent, replayed: LedgerEvent) -> str:
    if type(recorded) is not type(replayed):
        return f"the handlers record {with_article(type(replayed).__name__)} here"
    # The version is checked on its own, for every event, before this comparison; a field
    # added later is null in events recorded before it existed.
    later = type(recorded).later_fields
    names = [
        n
        for n in recorded.__struct_fields__
        if n != "originator_version"
        and getattr(recorded, n) != getattr(replayed, n)
        and not (n in later and getattr(recorded, n) is None)
    ]
    return "; ".join(
        f"{n} recorded {_short(getattr(recorded, n))}, "
        f"the rules give {_short(getattr(replayed, n))}"
        for n in names
    )


class RuleReplay:
    """Feed it every event in log order; each call returns what is wrong with that event."""

    def __init__(self, frameworks: Callable[[str], Framework]) -> None:
        self._frameworks = frameworks
        self._folded = FoldedLedger(keep_receipts=False, agreements=SpilledAgreements())
        self._pending: deque[LedgerEvent] = deque()
        self._group: list[LedgerEvent] = []
        self.replayed = 0
        self.certifications = 0

    def name(self, event: LedgerEvent) -> str:
        """The event's type with the agreement or joint KPI it belongs to, for findings."""
        agreement = self._folded.agreements.get(event.originator_id)
        joint = self._folded.joints.get(event.originator_id)
        where = f" of {agreement.agreement_ref}" if agreement else ""
        where = f" of joint KPI {joint.joint_id}" if joint else where
        return f"{type(event).__name__}{where} v{event.originator_version}"

    def feed(self, event: LedgerEvent) -> list[str]:
        findings: list[str] = []
        expected_version = self._folded.version_of(event.originator_id) + 1
        if event.originator_version != expected_version:
            findings.append(
                f"version {event.originator_version} of its aggregate where the next is "
                f"{expected_version} (rule: an aggregate's versions run 1, 2, 3… with no gap "
                "or repeat)"
            )
        try:
            bounded(event)
        except InvalidInput as error:
            findings.append(f"out of bounds: {error.describe()}")
        if isinstance(event, CommandHandled):
            findings += self._check_receipt(event)
        elif self._pending and self._pending[0] == event:
            self._group.append(self._pending.popleft())
        else:
            findings += self._missing_from_group()
            findings += self._rehandle(event)
        try:
            self._folded.fold(event)
        except (KeyError, ValueError, TypeError) as error:
            findings.append(f"it does not apply to the state before it ({error!r})")
        return findings

    def finish(self) -> list[str]:
        """What is wrong at the end of the log (a command's last events missing)."""
        return self._missing_from_group()

    def _missing_from_group(self) -> list[str]:
        missing = [f"{type(e).__name__} v{e.originator_version}" for e in self._pending]
        self._pending.clear()
        if not missing:
            return []
        return [
            "the command before it also records "
            + ", ".join(missing)
            + ", which the log does not hold there (rule: a command's events are recorded "
            "together)"
        ]

    def _rehandle(self, event: LedgerEvent) -> list[str]:
        self._group = []
        self._folded.produced = []
        try:
            command = command_of(event, self._folded)
        except NotACommand as error:
            return [f"no command records it: {error}"]
        except LedgerError as error:
            return [f"the attempt it keeps is not a command: {error.describe()}"]
        refusal: LedgerError | None = None
        ctx = Handling(
            ledger=self._folded,
            clock=lambda: event.recorded_at,
            framework=self._frameworks,
            enterer=event.entered_by,
        )
        try:
            handle(ctx, command)
        except LedgerError as error:
            refusal = error
        except DAMAGED_LOG_ERRORS as error:
            # A damaged log folds into states no handler ever meets (a KPI missing, say).
            return [f"the handlers cannot apply it to the state before it ({error!r})"]
        produced = list(self._folded.produced)
        self.replayed += 1
        kept_attempt = isinstance(event, ChangeAttemptRefused)
        if refusal is not None and not (kept_attempt and produced):
            if isinstance(refusal, NotAllowed | Unauthenticated):
                return [
                    f"its actor or enterer was not allowed at this point of the log "
                    f"({refusal.family}): {refusal.describe()}"
                ]
            return [f"the handlers refuse it: {refusal.family}: {refusal.describe()}"]
        if kept_attempt and refusal is None:
            return ["the attempt it keeps would not be refused: the handlers record it"]
        first, *rest = produced
        if first != event and (differences := _differences(event, first)):
            return [differences]
        self._group = [event]
        self._pending.extend(rest)
        if isinstance(event, ScoresCertified):
            self.certifications += 1
        return []

    def _check_receipt(self, receipt: CommandHandled) -> list[str]:
        if self._pending and isinstance(self._pending[0], CommandHandled):
            expected = self._pending.popleft()
            return [] if expected == receipt else [_differences(receipt, expected)]
        findings = self._missing_from_group()
        refs = tuple(
            EventRef(originator_id=e.originator_id, originator_version=e.originator_version)
            for e in self._group
        )
        if receipt.originator_id != receipt_uuid(receipt.command_id):
            findings.append("its aggregate is not the one its command id names")
        if receipt.recorded != refs:
            findings.append(
                "it names events the command before it did not record (rule: a receipt is "
                "recorded with its command's events)"
            )
        refused = len(self._group) == 1 and isinstance(self._group[0], ChangeAttemptRefused)
        if receipt.refused != refused:
            findings.append(f"it says refused={receipt.refused}, the events say {refused}")
        self._group = []
        return findings
