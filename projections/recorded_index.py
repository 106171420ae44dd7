"""Projection ``versions``: each agreement's versions by the time the ledger recorded them.

The library can load an aggregate at a version but not at a time; this index turns "as recorded
at T" into "version N" by reading one agreement's entries, so an as-of read costs the same
whatever the size of the log.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from ledger.domain.agreement import NOT_AGREEMENT_EVENTS
from ledger.domain.events import LedgerEvent
from projections.base import LedgerProjection
from projections.documents import Documents
from projections.folding import AgreementMeta, opened_meta

__all__ = ["IndexEntry", "RecordedIndex", "versions_of"]


class IndexEntry(msgspec.Struct, frozen=True, kw_only=True):
    version: int
    position: int
    recorded_at: datetime
    effective_at: datetime


class RecordedIndex(LedgerProjection):
    name = "versions"
    summary = "each agreement's versions by recorded time (for as-of and diff)"
    per_agreement = (("agreement-ref", AgreementMeta),)

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        if isinstance(event, NOT_AGREEMENT_EVENTS):
            return
        meta = opened_meta(docs, event)
        entry = IndexEntry(
            version=event.originator_version,
            position=position,
            recorded_at=event.recorded_at,
            effective_at=event.effective_at,
        )
        docs.put("version", f"{meta.ref}|{event.originator_version:010d}", entry)


def versions_of(docs: Documents, agreement: str) -> list[IndexEntry]:
    """The agreement's index entries in version order (empty when it was never opened)."""
    return [entry for _, entry in docs.scan("version", IndexEntry, f"{agreement}|")]
