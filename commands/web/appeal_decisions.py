"""The appeal body decides an appeal (``decide_appeal``), entered by its secretariat, and an
upheld appeal adjusts the score it contested (``adjust_score``: the body, or OPDC).

Both pages show the appeal as the unit made it (its claim and evidence, from the trail) and
the evaluator's score it contests. Once decided (or adjusted) the form is no longer shown;
a post typed by hand is refused by the handler with its rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from litestar import get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template

from commands.http.read_params import FiscalYear, SealerDep, UnitId
from commands.http.read_views import caught_up
from commands.http.writes import Sealer
from commands.web import acting
from commands.web.acting import Act, Form, Opened
from commands.web.form_fields import checked_id
from commands.web.forms import fresh_command_id, submit, text
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal
from commands.web.session import Viewer
from ledger.bounds import ID
from ledger.domain.agreement import AppealState
from ledger.domain.values import Actor
from ledger.errors import NotFound
from projections.trail import TrailRow, read_trail

__all__ = ["APPEAL_DECISION_ROUTES"]

AppealId = Annotated[str, Parameter(description=ID.rule, min_length=1, max_length=ID.max_length)]


@dataclass(frozen=True)
class Answer:
    """One of the two forms answering an appeal: what it records, on which page, and the
    fields of its command beyond every act's (from the form and the appeal's id)."""

    act: Act
    template: str
    fields: Callable[[dict[str, str]], dict[str, Any]]


_DECIDE = Answer(
    Act("decide_appeal", ("appeal_body",), "record the appeal body's decision"),
    "decide_appeal.html",
    lambda data: {
        "outcome": text(data, "outcome"),
        "body": text(data, "body"),
        "rationale": text(data, "rationale"),
    },
)
_ADJUST = Answer(
    Act("adjust_score", ("appeal_body", "opdc"), "adjust a score after an upheld appeal"),
    "adjust_score.html",
    lambda data: {
        "new_score": text(data, "new_score"),
        "reason": text(data, "reason"),
        "authority": text(data, "authority"),
    },
)

LABELS: Table = {
    "decide_title": ("บันทึกมติต่อคำอุทธรณ์", "Record the decision on an appeal"),
    "adjust_title": ("ปรับคะแนนตามมติอุทธรณ์", "Adjust the score after the appeal"),
    "agreement": ("คำรับรอง", "Agreement"),
    "appeal_h": ("คำอุทธรณ์", "Appeal"),
    "kind": ("ประเภท", "Kind"),
    "review": ("ขอทบทวนผลการประเมิน", "Review of the score"),
    "appeal": ("อุทธรณ์ผลการประเมิน", "Appeal against the score"),
    "round": ("รอบการประเมิน", "Round"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "verified": ("ค่าที่ผู้ประเมินตรวจสอบ", "Evaluator's verified value"),
    "score": ("คะแนนปัจจุบัน", "Score now"),
    "claim": ("ข้อโต้แย้ง", "Claim"),
    "evidence": ("หลักฐาน", "Evidence"),
    "requested": ("ยื่นเมื่อ (มีผล)", "Made (effective)"),
    "requested_by": ("ผู้ยื่น", "Made by"),
    "status": ("สถานะ", "Status"),
    "open": ("รอพิจารณา", "Open"),
    "upheld": ("รับฟังได้", "Upheld"),
    "partly_upheld": ("รับฟังได้บางส่วน", "Partly upheld"),
    "rejected": ("ไม่รับฟัง", "Rejected"),
    "adjusted": ("ปรับคะแนนแล้ว", "Score adjusted"),
    "actor": ("ผู้มีมติ", "Decided by"),
    "outcome": ("ผลการพิจารณา", "Outcome"),
    "body": ("ชื่อคณะกรรมการตามมติ", "Body as named in the minutes"),
    "rationale": ("เหตุผลของมติ", "Rationale"),
    "new_score": ("คะแนนใหม่", "New score"),
    "reason": ("เหตุผลในการปรับคะแนน", "Reason for the adjustment"),
    "authority": ("อำนาจที่ใช้ปรับคะแนน", "Authority"),
    "effective_at": ("วันที่มีมติ (มีผล)", "Date decided (effective)"),
    "effective_help": (
        "เว้นว่างหากมีมติวันนี้ หากเป็นมติในอดีตให้ใส่วันที่ประชุม",
        "Leave empty for today; for an earlier decision give the meeting's date",
    ),
    "not_open": ("คำอุทธรณ์นี้พิจารณาแล้ว", "This appeal has been decided"),
    "not_adjustable": (
        "ปรับคะแนนได้เฉพาะคำอุทธรณ์ที่รับฟังได้และยังไม่ได้ปรับคะแนน",
        "Only an upheld appeal whose score is not yet adjusted adjusts a score",
    ),
    "to_adjust": ("ปรับคะแนนตามมตินี้", "Adjust the score after this decision"),
    "record": ("บันทึก", "Record"),
}


def _appeal_of(opened: Opened, appeal_id: str) -> AppealState:
    appeal = opened.loaded.agreement.appeals.get(appeal_id)
    if appeal is None:
        raise NotFound(
            f"no appeal {appeal_id!r} in {opened.ref}",
            field="appeal_id",
            rule="a decision answers a recorded appeal",
        )
    return appeal


def _requested(viewer: Viewer, opened: Opened, appeal_id: str, kpi_id: str) -> TrailRow | None:
    """The appeal as the unit made it (claim, evidence), from the trail."""
    with caught_up(viewer.api, "trail").view.reading() as docs:
        rows = read_trail(docs, opened.ref, kpi_id)
    return next(
        (
            r
            for r in rows
            if r.event == "AppealRequested" and r.details.get("appeal_id") == appeal_id
        ),
        None,
    )


def _page(
    viewer: Viewer,
    opened: Opened,
    answer: Answer,
    appeal_id: str,
    actors: list[Actor],
    values: dict[str, str],
    refusal: Refusal | None = None,
) -> Template:
    appeal = _appeal_of(opened, appeal_id)
    agreement = opened.loaded.agreement
    first = viewer.body_of(actors[0].id) if actors[0].kind == "body" else None
    values.setdefault("command_id", fresh_command_id())
    for name in ("body", "authority"):
        values.setdefault(name, first.name_th if first else "")
    return page(
        viewer,
        answer.template,
        LABELS,
        status=refusal.status if refusal else 200,
        refusal=refusal,
        opened=opened,
        round=opened.loaded.framework.round(appeal.round_id),
        appeal_id=appeal_id,
        appeal=appeal,
        kpi=agreement.kpis.get(appeal.kpi_id),
        assessed=agreement.round(appeal.round_id).assessments.get(appeal.kpi_id),
        requested=_requested(viewer, opened, appeal_id, appeal.kpi_id),
        actors=acting.actor_choices(viewer, actors),
        values=values,
    )


def _show(
    viewer: Viewer, unit_id: str, fiscal_year: int, appeal_id: str, answer: Answer
) -> Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, answer.act)
    return _page(viewer, opened, answer, checked_id(appeal_id, "appeal_id"), actors, {})


def _record(
    viewer: Viewer,
    sealer: Sealer,
    unit_id: str,
    fiscal_year: int,
    appeal_id: str,
    data: dict[str, str],
    answer: Answer,
) -> Redirect | Template:
    """Record the form's command; the agreement page after, or the form with the refusal."""
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, answer.act)
    wanted = checked_id(appeal_id, "appeal_id")
    _appeal_of(opened, wanted)
    outcome = submit(
        viewer,
        sealer,
        lambda: acting.command(
            answer.act, data, opened, actors, appeal_id=wanted, **answer.fields(data)
        ),
    )
    return acting.respond(
        outcome,
        opened,
        answer.act,
        data,
        lambda kept, why: _page(viewer, opened, answer, wanted, actors, kept, why),
    )


_DECIDE_ROUTE = "/agreements/{unit_id:str}/{fiscal_year:int}/appeals/{appeal_id:str}/decide"
_ADJUST_ROUTE = "/agreements/{unit_id:str}/{fiscal_year:int}/appeals/{appeal_id:str}/adjust"


@get(_DECIDE_ROUTE, sync_to_thread=True)
def decide_form(
    viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear, appeal_id: AppealId
) -> Template:
    return _show(viewer, unit_id, fiscal_year, appeal_id, _DECIDE)


@post(_DECIDE_ROUTE, sync_to_thread=True, status_code=303)
def decide_appeal(
    viewer: ViewerDep,
    sealer: SealerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    appeal_id: AppealId,
    data: Form,
) -> Redirect | Template:
    return _record(viewer, sealer, unit_id, fiscal_year, appeal_id, data, _DECIDE)


@get(_ADJUST_ROUTE, sync_to_thread=True)
def adjust_form(
    viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear, appeal_id: AppealId
) -> Template:
    return _show(viewer, unit_id, fiscal_year, appeal_id, _ADJUST)


@post(_ADJUST_ROUTE, sync_to_thread=True, status_code=303)
def adjust_score(
    viewer: ViewerDep,
    sealer: SealerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    appeal_id: AppealId,
    data: Form,
) -> Redirect | Template:
    return _record(viewer, sealer, unit_id, fiscal_year, appeal_id, data, _ADJUST)


APPEAL_DECISION_ROUTES = [decide_form, decide_appeal, adjust_form, adjust_score]
