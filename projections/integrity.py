"""Projection ``integrity``: the target integrity report of each agreement, kept current.

The report is the one ``projections.audit`` builds from the log; this view keeps each
agreement's trail between events, so reading a report costs one document, not a replay.
"""

from __future__ import annotations

from ledger.domain.agreement import NOT_AGREEMENT_EVENTS
from ledger.domain.events import LedgerEvent
from projections.audit import AgreementAudit, IntegrityTrail, integrity_report, integrity_step
from projections.base import LedgerProjection
from projections.documents import Documents

__all__ = ["IntegrityReports", "read_integrity"]


class IntegrityReports(LedgerProjection):
    name = "integrity"
    summary = "the target integrity report: every target version next to the results known then"
    per_agreement = (("trail", IntegrityTrail),)

    # The trails the page added to: each one's report is written once, at the page's end.
    _changed: dict[str, IntegrityTrail]

    def begin_page(self) -> None:
        self._changed = {}

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        if isinstance(event, NOT_AGREEMENT_EVENTS):
            return
        key = str(event.originator_id)
        trail = docs.get("trail", key, IntegrityTrail) or IntegrityTrail()
        integrity_step(trail, position, event)
        docs.put("trail", key, trail)
        self._changed[key] = trail

    def settle(self, docs: Documents) -> None:
        for trail in self._changed.values():
            report = integrity_report(trail)
            docs.put("report", report.agreement, report)
        self._changed.clear()


def read_integrity(docs: Documents, agreement: str | None = None) -> list[AgreementAudit]:
    """Reports by agreement reference (one, or all of them)."""
    if agreement is not None:
        found = docs.get("report", agreement, AgreementAudit)
        return [] if found is None else [found]
    return [report for _, report in docs.scan("report", AgreementAudit)]
