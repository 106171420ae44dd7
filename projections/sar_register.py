"""Projection ``sar``: the SAR register, one entry per agreement and round: due date, every
filing, the penalties it drew, or the round's cancellation.

Whether an unfiled SAR is *missing* depends on the day it is read, not on any event, so the
view stores facts and ``sar_status`` judges them against the reader's date.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

import msgspec

from ledger.domain.control_events import PenaltyAssessed, RoundCancelled
from ledger.domain.events import AgreementSigned, LedgerEvent, SarFiled, UnitRegistered
from ledger.thaidate import bangkok_date
from projections.base import LedgerProjection
from projections.documents import Documents
from projections.folding import AgreementMeta, agreement_meta, fold_unit, opened_meta, stored_unit

__all__ = ["Filing", "PenaltyLine", "SarEntry", "SarRegister", "SarStatus", "read_sar_register"]

SarStatus = Literal["filed", "filed late", "cancelled", "missing", "not yet due", "no due date"]


class Filing(msgspec.Struct, frozen=True, kw_only=True):
    position: int
    filed_at: datetime
    channel: str
    results: int
    evidence: int
    actor_id: str


class PenaltyLine(msgspec.Struct, frozen=True, kw_only=True):
    penalty_id: str
    working_days_late: int | None
    amount: Decimal


class SarEntry(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    framework_id: str
    round_id: str
    label_th: str
    label_en: str
    due: date | None
    cancelled: str | None = None
    filings: tuple[Filing, ...] = ()
    penalties: tuple[PenaltyLine, ...] = ()

    def status(self, today: date) -> SarStatus:
        """What the register says of this SAR on ``today`` (Bangkok date)."""
        if self.cancelled is not None:
            return "cancelled"
        if self.filings:
            first = bangkok_date(self.filings[0].filed_at)
            late = self.due is not None and first > self.due
            return "filed late" if late or self.penalties else "filed"
        if self.due is None:
            return "no due date"
        return "missing" if today > self.due else "not yet due"


class SarRegister(LedgerProjection):
    name = "sar"
    summary = "the SAR register: per agreement and round, due date, filings, lateness, penalties"
    per_agreement = (("agreement-ref", AgreementMeta),)

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        if isinstance(event, UnitRegistered):
            fold_unit(docs, event)
        elif isinstance(event, RoundCancelled):
            self._cancel(docs, event)
        elif isinstance(event, AgreementSigned):
            self._expect(docs, opened_meta(docs, event))
        elif isinstance(event, SarFiled | PenaltyAssessed):
            self._note(docs, opened_meta(docs, event), position, event)
        else:
            agreement_meta(docs, event)

    def _expect(self, docs: Documents, meta: AgreementMeta) -> None:
        framework = self.frameworks(meta.framework_id)
        level = stored_unit(docs, meta.unit_id).level
        docs.put("by-framework", f"{meta.framework_id}|{meta.ref}", meta.ref)
        for order, round_ in enumerate(framework.rounds_for(level)):
            cancelled = docs.get("cancelled", f"{meta.framework_id}|{round_.id}", str)
            entry = SarEntry(
                agreement=meta.ref,
                framework_id=meta.framework_id,
                round_id=round_.id,
                label_th=round_.label_th,
                label_en=round_.label_en,
                due=round_.sar_due,
                cancelled=cancelled,
            )
            docs.put("sar", f"{meta.ref}|{order:02d}:{round_.id}", entry)

    def _cancel(self, docs: Documents, event: RoundCancelled) -> None:
        docs.put("cancelled", f"{event.framework_id}|{event.round_id}", event.reason)
        for _, ref in docs.scan("by-framework", str, f"{event.framework_id}|"):
            for key, entry in docs.scan("sar", SarEntry, f"{ref}|"):
                if entry.round_id == event.round_id:
                    docs.put("sar", key, msgspec.structs.replace(entry, cancelled=event.reason))

    def _note(
        self,
        docs: Documents,
        meta: AgreementMeta,
        position: int,
        event: SarFiled | PenaltyAssessed,
    ) -> None:
        for key, entry in docs.scan("sar", SarEntry, f"{meta.ref}|"):
            if entry.round_id != event.round_id:
                continue
            if isinstance(event, SarFiled):
                filing = Filing(
                    position=position,
                    filed_at=event.filed_at,
                    channel=event.channel,
                    results=len(event.results),
                    evidence=len(event.evidence),
                    actor_id=event.actor.id,
                )
                updated = msgspec.structs.replace(entry, filings=(*entry.filings, filing))
            else:
                line = PenaltyLine(
                    penalty_id=event.penalty_id,
                    working_days_late=event.working_days_late,
                    amount=event.amount,
                )
                updated = msgspec.structs.replace(entry, penalties=(*entry.penalties, line))
            docs.put("sar", key, updated)


def read_sar_register(docs: Documents, agreement: str | None = None) -> list[SarEntry]:
    prefix = f"{agreement}|" if agreement is not None else ""
    return [entry for _, entry in docs.scan("sar", SarEntry, prefix)]
