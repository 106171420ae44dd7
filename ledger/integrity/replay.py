"""Recompute every certified score from the events before it, as an outside verifier would.

Each ``ScoresCertified`` is checked by running the same decision that recorded it
(``certify_scores``) on the agreement as the earlier events leave it, under the framework the
agreement was opened with. The framework itself is checked against the digest recorded when
the agreement was opened, so a verifier knows it applies the rules that were agreed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from ledger.domain.agreement import NOT_AGREEMENT_EVENTS, Agreement, project_agreement
from ledger.domain.decisions.negotiation import framework_digest
from ledger.domain.decisions.reporting import certify_scores
from ledger.domain.events import AgreementOpened, LedgerEvent, ScoresCertified, UnitRegistered
from ledger.domain.stamp import Stamp
from ledger.errors import LedgerError
from ledger.frameworks.model import Framework

__all__ = ["CertificationReplay", "Mismatch"]

_COMPARED = ("composite", "band_th", "band_en", "before_penalties", "penalties", "supersedes")


@dataclass(frozen=True)
class Mismatch:
    agreement: str
    version: int
    message: str


class CertificationReplay:
    """Feed it every event in log order; it keeps what the certifications need."""

    def __init__(self, frameworks: Callable[[str], Framework]) -> None:
        self._frameworks = frameworks
        self._agreements: dict[UUID, Agreement] = {}
        self._levels: dict[str, str] = {}
        self._broken: set[UUID] = set()
        self.certifications = 0

    def feed(self, event: LedgerEvent) -> Mismatch | None:
        if isinstance(event, UnitRegistered):
            self._levels[event.unit_id] = event.level
        if isinstance(event, NOT_AGREEMENT_EVENTS) or event.originator_id in self._broken:
            return None
        before = self._agreements.get(event.originator_id)
        found = self._check(before, event)
        try:
            after = project_agreement(before, [event])
        except (KeyError, ValueError, TypeError) as error:
            # A damaged log need not fold; say so once and leave this agreement aside.
            self._broken.add(event.originator_id)
            name = before.agreement_ref if before else str(event.originator_id)
            return Mismatch(name, event.originator_version, f"the events do not fold: {error!r}")
        assert after is not None
        self._agreements[event.originator_id] = after
        return found

    def _check(self, before: Agreement | None, event: LedgerEvent) -> Mismatch | None:
        if isinstance(event, AgreementOpened):
            try:
                digest = framework_digest(self._frameworks(event.framework_id))
            except LedgerError as error:
                return Mismatch(event.agreement_ref, event.originator_version, str(error))
            if digest != event.framework_digest:
                return Mismatch(
                    event.agreement_ref,
                    event.originator_version,
                    f"framework {event.framework_id} here is not the one the agreement was "
                    "opened under (its digest differs)",
                )
            return None
        if not isinstance(event, ScoresCertified) or before is None:
            return None
        self.certifications += 1
        stamp = Stamp(
            actor=event.actor, effective_at=event.effective_at, recorded_at=event.recorded_at
        )
        try:
            again = certify_scores(
                before,
                self._frameworks(before.framework_id),
                self._levels.get(before.unit_id, ""),
                event.round_id,
                stamp,
            )
        except LedgerError as error:
            return Mismatch(before.agreement_ref, event.originator_version, str(error))
        differs = [
            f"{name} recorded {getattr(event, name)}, recomputed {getattr(again, name)}"
            for name in _COMPARED
            if getattr(event, name) != getattr(again, name)
        ]
        if differs:
            return Mismatch(
                before.agreement_ref,
                event.originator_version,
                f"round {event.round_id}: " + "; ".join(differs),
            )
        return None
