"""The appeal body decides an appeal (``decide_appeal``), entered by its secretariat, and an
upheld appeal adjusts the score it contested (``adjust_score``: the body, or OPDC).

Both pages show the appeal as the unit made it (its claim and evidence, from the trail) and
the evaluator's score it contests. Once decided (or adjusted) the form is no longer shown;
a post typed by hand is refused by the handler with its rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, Parameter
from litestar.response import Redirect, Template

from commands.handlers.context import Loaded
from commands.http.read_params import FiscalYear, SealerDep, UnitId
from commands.http.read_views import caught_up
from commands.http.writes import Sealer
from commands.web.control_fields import (
    actor_choices,
    checked_id,
    chosen_actor,
    loaded_for,
    offered_actors,
)
from commands.web.forms import effective_at, fresh_command_id, submit, text
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal
from commands.web.session import Viewer
from ledger.bounds import ID
from ledger.domain.agreement import AppealState
from ledger.domain.values import Actor, Role
from ledger.errors import NotFound
from projections.trail import TrailRow, read_trail

__all__ = ["APPEAL_DECISION_ROUTES"]

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
AppealId = Annotated[str, Parameter(description=ID.rule, min_length=1, max_length=ID.max_length)]
_DECIDING: tuple[Role, ...] = ("appeal_body",)
_ADJUSTING: tuple[Role, ...] = ("appeal_body", "opdc")
# (form fields, agreement ref, appeal id, actors offered) -> the command's JSON
Build = Callable[[dict[str, str], str, str, list[Actor]], dict[str, Any]]
_DECIDE = "record the appeal body's decision"
_ADJUST = "adjust a score after an upheld appeal"

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


def _appeal_of(loaded: Loaded, appeal_id: str) -> AppealState:
    appeal = loaded.agreement.appeals.get(appeal_id)
    if appeal is None:
        raise NotFound(
            f"no appeal {appeal_id!r} in {loaded.agreement.agreement_ref}",
            field="appeal_id",
            rule="a decision answers a recorded appeal",
        )
    return appeal


def _requested(viewer: Viewer, loaded: Loaded, appeal_id: str, kpi_id: str) -> TrailRow | None:
    """The appeal as the unit made it (claim, evidence), from the trail."""
    with caught_up(viewer.api, "trail").view.reading() as docs:
        rows = read_trail(docs, loaded.agreement.agreement_ref, kpi_id)
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
    loaded: Loaded,
    template: str,
    appeal_id: str,
    actors: list[Actor],
    values: dict[str, str],
    refusal: Refusal | None = None,
) -> Template:
    appeal = _appeal_of(loaded, appeal_id)
    first = viewer.body_of(actors[0].id) if actors[0].kind == "body" else None
    values.setdefault("command_id", fresh_command_id())
    for name in ("body", "authority"):
        values.setdefault(name, first.name_th if first else "")
    return page(
        viewer,
        template,
        LABELS,
        status=refusal.status if refusal else 200,
        refusal=refusal,
        agreement=loaded.agreement,
        unit=loaded.unit,
        round=loaded.framework.round(appeal.round_id),
        appeal_id=appeal_id,
        appeal=appeal,
        kpi=loaded.agreement.kpis.get(appeal.kpi_id),
        assessed=loaded.agreement.round(appeal.round_id).assessments.get(appeal.kpi_id),
        requested=_requested(viewer, loaded, appeal_id, appeal.kpi_id),
        actors=actor_choices(viewer, actors),
        values=values,
    )


def _answer(
    viewer: Viewer,
    sealer: Sealer,
    unit_id: str,
    fiscal_year: int,
    appeal_id: str,
    data: dict[str, str],
    step: tuple[str, tuple[Role, ...], str, str],
    build: Build,
) -> Redirect | Template:
    """Record the form's command; the agreement page after, or the form with the refusal."""
    command_type, roles, what, template = step
    loaded = loaded_for(viewer, unit_id, fiscal_year)
    actors = offered_actors(viewer, roles, loaded.scope, what)
    wanted = checked_id(appeal_id, "appeal_id")
    _appeal_of(loaded, wanted)
    ref = loaded.agreement.agreement_ref
    outcome = submit(viewer, sealer, lambda: build(data, ref, wanted, actors))
    if outcome.refused is None:
        target = f"/agreements/{unit_id}/{fiscal_year}?recorded={command_type}"
        return Redirect(target, status_code=303)
    values = {k: v for k, v in data.items() if k != "_csrf_token"}
    values["command_id"] = fresh_command_id()
    return _page(viewer, loaded, template, wanted, actors, values, outcome.refused)


_DECIDE_ROUTE = "/agreements/{unit_id:str}/{fiscal_year:int}/appeals/{appeal_id:str}/decide"
_ADJUST_ROUTE = "/agreements/{unit_id:str}/{fiscal_year:int}/appeals/{appeal_id:str}/adjust"


@get(_DECIDE_ROUTE, sync_to_thread=True)
def decide_form(
    viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear, appeal_id: AppealId
) -> Template:
    loaded = loaded_for(viewer, unit_id, fiscal_year)
    actors = offered_actors(viewer, _DECIDING, loaded.scope, _DECIDE)
    wanted = checked_id(appeal_id, "appeal_id")
    return _page(viewer, loaded, "decide_appeal.html", wanted, actors, {})


def _decision(
    data: dict[str, str], ref: str, appeal_id: str, actors: list[Actor]
) -> dict[str, Any]:
    return {
        "type": "decide_appeal",
        "actor": chosen_actor(data, actors),
        "effective_at": effective_at(data),
        "command_id": text(data, "command_id") or None,
        "agreement": ref,
        "appeal_id": appeal_id,
        "outcome": text(data, "outcome"),
        "body": text(data, "body"),
        "rationale": text(data, "rationale"),
    }


@post(_DECIDE_ROUTE, sync_to_thread=True, status_code=303)
def decide_appeal(
    viewer: ViewerDep,
    sealer: SealerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    appeal_id: AppealId,
    data: Form,
) -> Redirect | Template:
    step = ("decide_appeal", _DECIDING, _DECIDE, "decide_appeal.html")
    return _answer(viewer, sealer, unit_id, fiscal_year, appeal_id, data, step, _decision)


@get(_ADJUST_ROUTE, sync_to_thread=True)
def adjust_form(
    viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear, appeal_id: AppealId
) -> Template:
    loaded = loaded_for(viewer, unit_id, fiscal_year)
    actors = offered_actors(viewer, _ADJUSTING, loaded.scope, _ADJUST)
    wanted = checked_id(appeal_id, "appeal_id")
    return _page(viewer, loaded, "adjust_score.html", wanted, actors, {})


def _adjustment(
    data: dict[str, str], ref: str, appeal_id: str, actors: list[Actor]
) -> dict[str, Any]:
    return {
        "type": "adjust_score",
        "actor": chosen_actor(data, actors),
        "effective_at": effective_at(data),
        "command_id": text(data, "command_id") or None,
        "agreement": ref,
        "appeal_id": appeal_id,
        "new_score": text(data, "new_score"),
        "reason": text(data, "reason"),
        "authority": text(data, "authority"),
    }


@post(_ADJUST_ROUTE, sync_to_thread=True, status_code=303)
def adjust_score(
    viewer: ViewerDep,
    sealer: SealerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    appeal_id: AppealId,
    data: Form,
) -> Redirect | Template:
    step = ("adjust_score", _ADJUSTING, _ADJUST, "adjust_score.html")
    return _answer(viewer, sealer, unit_id, fiscal_year, appeal_id, data, step, _adjustment)


APPEAL_DECISION_ROUTES = [decide_form, decide_appeal, adjust_form, adjust_score]
