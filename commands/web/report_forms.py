"""What the reporting forms (a SAR, an evaluator's assessment, a certification) share: the
agreement read exactly as its handler will load it, the actors the viewer may enter for,
the rounds a form offers, and the parsing of what was typed.

A form reads the agreement through ``HandlerContext.load`` (the agreement with its joint
KPIs' shared results in place, its framework and its unit), so it offers what the handler
would take; the handler still judges everything on record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from litestar.response import Redirect

from commands.handlers.context import Loaded
from commands.http.read_params import agreement_ref
from commands.web.access import actors_for, require_read
from commands.web.forms import text
from commands.web.i18n import Table
from commands.web.session import Viewer
from ledger.bounds import check_decimal
from ledger.domain.agreement import KpiState
from ledger.domain.decisions.reporting import assessed_in_round
from ledger.domain.values import Actor, Role
from ledger.errors import InvalidInput, NotAllowed
from ledger.frameworks.model import Round

__all__ = [
    "ACT_RULE",
    "LABELS",
    "Opened",
    "acting",
    "actor_key",
    "chosen_round",
    "number",
    "open_agreement",
    "posted_actor",
    "recorded",
    "scored_here",
]

ACT_RULE = "a form is offered to users whose grants let them act in its role on the agreement"
_NUMBER_RULE = "a KPI's value is a decimal number (104.5, -3, 0.25)"
_ACTOR_RULE = "the actor is one the form offers"

LABELS: Table = {
    "agreement": ("คำรับรอง", "Agreement"),
    "actor": ("ผู้ดำเนินการ", "Acting as"),
    "round": ("รอบการประเมิน", "Round"),
    "choose_round": ("เลือกรอบ", "Choose round"),
    "no_round": ("ไม่มีรอบที่เปิดให้ดำเนินการนี้", "No round is open for this"),
    "period": ("ช่วงผลการดำเนินงาน", "Period"),
    "due": ("กำหนดส่งรายงาน", "SAR due"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "unit_of_measure": ("หน่วยวัด", "Unit of measure"),
    "weight": ("น้ำหนัก", "Weight"),
    "reported": ("ผลที่หน่วยงานรายงาน", "Reported"),
    "verified": ("ผลที่ผ่านการตรวจสอบ", "Verified"),
    "score": ("คะแนน", "Score"),
    "weighted": ("คะแนนถ่วงน้ำหนัก", "Weighted score"),
    "effective_at": ("วันที่มีผล (ถ้าไม่ระบุ คือเวลาที่บันทึก)", "Effective at (empty: now)"),
    "moment_help": (
        "เช่น 25/07/2557 หรือ 2014-07-25T10:00+07:00",
        "For example 2014-07-25T10:00+07:00 or 25/07/2557 (BE)",
    ),
    "user": ("ผู้ใช้", "user"),
    "body": ("คณะ/หน่วยงาน", "body"),
    "filed_on": ("ส่งรายงานแล้วเมื่อ", "filed on"),
    "not_filed": ("ยังไม่ส่งรายงาน", "not filed yet"),
    "back_to_agreement": ("กลับไปหน้าคำรับรอง", "Back to the agreement"),
}


@dataclass(frozen=True)
class Opened:
    """An agreement a form is about, as its handler loads it."""

    unit_id: str
    fiscal_year: int
    ref: str
    loaded: Loaded
    # The framework's rounds cancelled this year (round id: reason).
    cancelled: Mapping[str, str]

    @property
    def rounds(self) -> tuple[Round, ...]:
        """The framework's rounds for the unit's level, in the framework's order."""
        return self.loaded.framework.rounds_for(self.loaded.unit.level)

    @property
    def back(self) -> str:
        return f"/agreements/{self.unit_id}/{self.fiscal_year}"


def open_agreement(viewer: Viewer, unit_id: str, fiscal_year: int) -> Opened:
    """The agreement at ``unit_id``/``fiscal_year``; NotFound (404) when never opened,
    NotAllowed (403) unless the viewer may read it."""
    ref = agreement_ref(unit_id, fiscal_year)
    loaded = viewer.api.context.load(ref)
    require_read(viewer, loaded.scope)
    calendar = viewer.api.context.app.calendar(loaded.framework.id)
    return Opened(
        unit_id=unit_id,
        fiscal_year=fiscal_year,
        ref=ref,
        loaded=loaded,
        cancelled=calendar.cancelled_rounds if calendar else {},
    )


def acting(viewer: Viewer, opened: Opened, roles: Sequence[Role]) -> list[Actor]:
    """The actors the viewer may enter a command of any of ``roles`` for, in that order;
    NotAllowed (403) when there are none (the form is not offered)."""
    found: list[Actor] = []
    for role in roles:
        found += [a for a in actors_for(viewer, role, opened.loaded.scope) if a not in found]
    if not found:
        raise NotAllowed(
            f"user {viewer.user_id!r} may not act as {' or '.join(roles)} on {opened.ref}",
            field="actor",
            rule=ACT_RULE,
            expected=" or ".join(roles),
        )
    return found


def actor_key(actor: Actor) -> str:
    """An actor as a form's option value: ``role:kind:id`` (ids hold no ``:``)."""
    return f"{actor.role}:{actor.kind}:{actor.id}"


def posted_actor(form: Mapping[str, Any]) -> dict[str, str]:
    """The actor a form names, as the command's JSON. Who may act is the handler's to judge
    (a hand-typed actor reaches it and is refused there); InvalidInput when the field does
    not have the form's shape."""
    given = text(form, "actor")
    role, _, rest = given.partition(":")
    kind, _, actor_id = rest.partition(":")
    if not (role and kind and actor_id):
        raise InvalidInput(
            "choose whom you act for", field="actor", rule=_ACTOR_RULE, actual=given or None
        )
    return {"id": actor_id, "role": role, "kind": kind}


def chosen_round(opened: Opened, wanted: str | None, offered: Sequence[Round]) -> Round | None:
    """The round a form shows: ``wanted`` when it is one of the unit's rounds (a refused
    post shows what was posted), else the first round offered."""
    found = next((r for r in opened.rounds if r.id == wanted), None)
    return found or (offered[0] if offered else None)


def scored_here(opened: Opened, round_: Round) -> list[KpiState]:
    """The KPIs of the agreement the round assesses that the unit reports itself (a joint
    KPI's one result is its host's to report)."""
    framework = opened.loaded.framework
    return [
        k
        for k in opened.loaded.agreement.kpis_in_agreement()
        if k.terms.joint_id is None and assessed_in_round(framework, round_, k)
    ]


def number(form: Mapping[str, Any], name: str, kpi_id: str) -> str | None:
    """The number typed in ``name`` for ``kpi_id``, as the command's text (None: left
    empty, not reported). InvalidInput naming the field when it is not a number or breaks
    the ledger's bounds on numbers."""
    given = text(form, name)
    if not given:
        return None
    try:
        value = Decimal(given)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InvalidInput(
            f"the value given for KPI {kpi_id} is not a number",
            field=name,
            rule=_NUMBER_RULE,
            actual=given,
        )
    check_decimal(value, name)
    return str(value)


def recorded(opened: Opened, command_type: str) -> Redirect:
    """After a write: the agreement page, saying what was recorded (Post/Redirect/Get)."""
    return Redirect(f"{opened.back}?recorded={command_type}", status_code=303)
