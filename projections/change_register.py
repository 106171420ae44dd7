"""Projection ``requests``: the register of change requests, their decisions and the
attempts refused on them, per agreement."""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from ledger.domain.control_events import ChangeAttemptRefused, ChangeDecided, ChangeRequested
from ledger.domain.events import LedgerEvent
from projections.base import LedgerProjection
from projections.documents import Documents
from projections.folding import AgreementMeta, opened_meta, remember_opened

__all__ = ["ChangeRegister", "RegisterEntry", "read_register"]


class RegisterEntry(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    request_id: str
    kpi_id: str
    kind: str
    reason_code: str
    justification: str
    window_id: str
    window_closes: date
    requested_by: str
    requested_effective_at: datetime
    requested_position: int
    status: str = "open"
    decided_by: str | None = None
    decided_effective_at: datetime | None = None
    decided_position: int | None = None
    rule_1_violation: bool = False
    favourable_after_results: bool = False
    refused_attempts: tuple[int, ...] = ()


class ChangeRegister(LedgerProjection):
    name = "requests"
    summary = "the change-request register: reason, window, decision, refused attempts"
    per_agreement = (("agreement-ref", AgreementMeta),)

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        if not isinstance(event, ChangeRequested | ChangeDecided | ChangeAttemptRefused):
            remember_opened(docs, event)
            return
        meta = opened_meta(docs, event)
        if isinstance(event, ChangeRequested):
            entry = RegisterEntry(
                agreement=meta.ref,
                request_id=event.request_id,
                kpi_id=event.kpi_id,
                kind=event.kind,
                reason_code=event.reason_code,
                justification=event.justification,
                window_id=event.window_id,
                window_closes=event.window_closes,
                requested_by=event.actor.id,
                requested_effective_at=event.effective_at,
                requested_position=position,
            )
            docs.put("request", f"{meta.ref}|{event.request_id}", entry)
            return
        if event.request_id is None:
            return
        key = f"{meta.ref}|{event.request_id}"
        before = docs.get("request", key, RegisterEntry)
        if before is None:
            return
        if isinstance(event, ChangeDecided):
            after = msgspec.structs.replace(
                before,
                status=event.outcome,
                decided_by=f"{event.body} ({event.meeting_ref})",
                decided_effective_at=event.effective_at,
                decided_position=position,
                rule_1_violation=event.violation,
                favourable_after_results=bool(event.check and event.check.favourable_after_results),
            )
        else:
            after = msgspec.structs.replace(
                before, refused_attempts=(*before.refused_attempts, position)
            )
        docs.put("request", key, after)


def read_register(docs: Documents, agreement: str | None = None) -> list[RegisterEntry]:
    prefix = f"{agreement}|" if agreement is not None else ""
    return [entry for _, entry in docs.scan("request", RegisterEntry, prefix)]
