"""What the reporting forms (a SAR, an evaluator's assessment, a certification) share beyond
every act form's toolkit (``commands.web.acting``): their words, their page's frame (a round
chosen among those offered, see report_form.html), and the KPIs a round has the unit report
itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from litestar.response import Template

from commands.web import acting
from commands.web.acting import Act, Opened
from commands.web.i18n import Table
from commands.web.pages import page
from commands.web.refusals import Refusal
from commands.web.session import Viewer
from ledger.domain.agreement import KpiState
from ledger.domain.decisions.reporting import assessed_in_round
from ledger.frameworks.model import Round

__all__ = ["LABELS", "RoundForm", "cancelled_rounds", "chosen_round", "round_page", "scored_here"]

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
    "effective_help": (
        "เช่น 25/07/2557 หรือ 2014-07-25T10:00+07:00",
        "For example 2014-07-25T10:00+07:00 or 25/07/2557 (BE)",
    ),
    "filed_on": ("ส่งรายงานแล้วเมื่อ", "filed on"),
    "not_filed": ("ยังไม่ส่งรายงาน", "not filed yet"),
    "back_to_agreement": ("กลับไปหน้าคำรับรอง", "Back to the agreement"),
}


def cancelled_rounds(viewer: Viewer, opened: Opened) -> Mapping[str, str]:
    """The framework's rounds cancelled this year (round id: reason)."""
    calendar = viewer.api.context.app.calendar(opened.loaded.framework.id)
    return calendar.cancelled_rounds if calendar else {}


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


@dataclass(frozen=True)
class RoundForm:
    """A reporting form: its template and words, what it records, and its path below the
    agreement's page."""

    template: str
    labels: Table
    act: Act
    path: str


def round_page(
    viewer: Viewer,
    form: RoundForm,
    opened: Opened,
    offered: Sequence[Round],
    round_: Round | None,
    values: Mapping[str, str],
    refusal: Refusal | None,
    **context: Any,
) -> Template:
    """The form for ``round_`` among the rounds ``offered``, with what ``values`` holds typed
    and ``refusal`` shown; ``context`` is what the form's own part of the page needs."""
    actors = acting.offered_actors(viewer, opened, form.act)
    return page(
        viewer,
        form.template,
        form.labels,
        status=refusal.status if refusal else 200,
        refusal=refusal,
        opened=opened,
        actors=acting.actor_choices(viewer, actors),
        action=f"{opened.back}/{form.path}",
        rounds=offered,
        round=round_,
        values=values,
        **context,
    )
