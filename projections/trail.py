"""Projection ``trail``: every event of every agreement (and unit, framework calendar, user,
body, token and joint KPI) in log order, with the KPIs it touches, so one KPI's trail is a
filter of its agreement's. Each row names who decided (the actor) and who entered it (the
signed-in user); a token's hash is never copied into a row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from ledger.domain.control_events import ChangeDecided, RoundCancelled
from ledger.domain.events import EvaluatorAssessed, LedgerEvent, SarFiled, UnitRegistered
from ledger.domain.identity.events import (
    BodyFormed,
    GrantRevoked,
    IdentityBootstrapped,
    RoleGranted,
    TokenIssued,
    TokenRevoked,
    UserAdded,
)
from ledger.domain.joint.events import JOINT_EVENTS, JointKpiDefined
from ledger.domain.receipt import CommandHandled
from projections.base import LedgerProjection
from projections.documents import Documents
from projections.folding import AgreementMeta, agreement_meta

__all__ = ["AuditTrail", "TrailRow", "kpis_named", "read_trail", "trail_row"]

_COMMON = {
    "originator_id",
    "originator_version",
    "recorded_at",
    "effective_at",
    "actor",
    "entered_by",
    "secret_sha256",
}


class TrailRow(msgspec.Struct, frozen=True, kw_only=True):
    position: int
    version: int
    event: str
    recorded_at: datetime
    effective_at: datetime
    actor_id: str
    actor_role: str
    kpi_ids: tuple[str, ...]
    details: dict[str, Any]
    # The signed-in user who entered it (None in a log from before sign-in existed).
    entered_by: str | None = None

    @property
    def entered_by_other(self) -> str | None:
        """Who entered it, when that is not the actor (a body's secretary, say)."""
        return self.entered_by if self.entered_by not in (None, self.actor_id) else None


def kpis_named(event: LedgerEvent) -> tuple[str, ...]:
    """The KPIs an event is about, in the order it names them."""
    named: list[str] = []
    kpi_id = getattr(event, "kpi_id", None)
    if isinstance(kpi_id, str):
        named.append(kpi_id)
    if isinstance(event, SarFiled):
        named += [r.kpi_id for r in event.results]
    elif isinstance(event, EvaluatorAssessed):
        named += [a.kpi_id for a in event.assessments]
    elif isinstance(event, ChangeDecided):
        named += [m.kpi_id for m in event.weight_moves]
    return tuple(dict.fromkeys(named))


def trail_row(position: int, event: LedgerEvent) -> TrailRow:
    """One row; ``details`` holds the event's own fields as JSON-ready values."""
    return TrailRow(
        position=position,
        version=event.originator_version,
        event=type(event).__name__,
        recorded_at=event.recorded_at,
        effective_at=event.effective_at,
        actor_id=event.actor.id,
        actor_role=event.actor.role,
        entered_by=event.entered_by,
        kpi_ids=kpis_named(event),
        details={
            name: msgspec.to_builtins(getattr(event, name))
            for name in event.__struct_fields__
            if name not in _COMMON
        },
    )


def _subject(docs: Documents, event: LedgerEvent) -> str:
    if isinstance(event, UnitRegistered):
        return f"unit:{event.unit_id}"
    if isinstance(event, RoundCancelled):
        return f"framework:{event.framework_id}"
    if isinstance(event, CommandHandled):
        return f"command:{event.command_id}"
    if isinstance(event, IdentityBootstrapped):
        return f"user:{event.administrator}"
    if isinstance(event, UserAdded):
        docs.put("user-of", str(event.originator_id), event.user_id)
        return f"user:{event.user_id}"
    if isinstance(event, RoleGranted | GrantRevoked):
        return f"user:{docs.get('user-of', str(event.originator_id), str)}"
    if isinstance(event, TokenIssued | TokenRevoked):
        return f"token:{event.token_id}"
    if isinstance(event, BodyFormed):
        return f"body:{event.body_id}"
    if isinstance(event, JointKpiDefined):
        docs.put("joint-of", str(event.originator_id), event.joint_id)
        return f"joint:{event.joint_id}"
    if isinstance(event, JOINT_EVENTS):
        return f"joint:{docs.get('joint-of', str(event.originator_id), str)}"
    meta = agreement_meta(docs, event)
    if meta is None:
        raise LookupError(f"event of {event.originator_id} before its AgreementOpened")
    return meta.ref


class AuditTrail(LedgerProjection):
    name = "trail"
    summary = "every event per agreement (and per KPI) in log order, with both of its times"
    per_agreement = (("agreement-ref", AgreementMeta),)

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        docs.put("event", f"{_subject(docs, event)}|{position:012d}", trail_row(position, event))


def read_trail(docs: Documents, subject: str, kpi_id: str | None = None) -> list[TrailRow]:
    """The trail of one agreement (``UNIT/FY``), ``unit:ID``, ``framework:ID``,
    ``command:ID`` (a command's receipt), ``user:ID``, ``body:ID``, ``token:ID`` or
    ``joint:ID`` (a joint KPI)."""
    return [
        row
        for _, row in docs.scan("event", TrailRow, f"{subject}|")
        if kpi_id is None or kpi_id in row.kpi_ids
    ]
