"""A unit asks for a review of, or appeals, a score the evaluator recorded (``request_appeal``).

The form offers only the rounds the framework takes appeals in and, in them, the KPIs the
evaluator has scored: the scores the unit may contest, shown beside the form. The body's
decision and the score adjustment it leads to are in ``commands.web.appeal_decisions``.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from commands.handlers.context import Loaded
from commands.http.read_params import FiscalYear, SealerDep, UnitId
from commands.web.appeal_decisions import APPEAL_DECISION_ROUTES
from commands.web.control_fields import (
    actor_choices,
    chosen_actor,
    evidence_lines,
    loaded_for,
    offered_actors,
    suggested_id,
)
from commands.web.forms import effective_at, fresh_command_id, submit, text
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal
from commands.web.session import Viewer
from ledger.domain.values import Actor, KpiAssessment
from ledger.frameworks.model import Round

__all__ = ["APPEAL_ROUTES"]

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
_STEP = "request a review or an appeal of a score"

LABELS: Table = {
    "title": ("ขอทบทวนหรืออุทธรณ์ผลการประเมิน", "Request a review or appeal a score"),
    "agreement": ("คำรับรอง", "Agreement"),
    "actor": ("ยื่นในนามของ", "Requested by"),
    "appeal_id": ("เลขที่คำอุทธรณ์", "Appeal number"),
    "kind": ("ประเภท", "Kind"),
    "review": ("ขอทบทวนผลการประเมิน", "Review of the score"),
    "appeal": ("อุทธรณ์ผลการประเมิน", "Appeal against the score"),
    "round": ("รอบการประเมิน", "Round"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "scores": ("คะแนนที่ขออุทธรณ์ได้", "Scores that may be contested"),
    "verified": ("ค่าที่ผู้ประเมินตรวจสอบ", "Evaluator's verified value"),
    "score": ("คะแนน", "Score"),
    "claim": ("ข้อโต้แย้ง", "Claim"),
    "evidence": ("หลักฐาน (ค่าแฮช SHA-256)", "Evidence (SHA-256 hashes)"),
    "evidence_help": (
        "บรรทัดละหนึ่งไฟล์: ค่าแฮช SHA-256 เว้นวรรค แล้วตามด้วยชื่อไฟล์",
        "One file a line: its SHA-256, a space, then its file name",
    ),
    "effective_at": ("วันที่ยื่น (มีผล)", "Date made (effective)"),
    "effective_help": (
        "เว้นว่างหากยื่นวันนี้ หากยื่นเป็นหนังสือให้ใส่วันที่ในหนังสือ",
        "Leave empty for today; for one made on paper give its date",
    ),
    "nothing": (
        "ยังไม่มีคะแนนจากผู้ประเมินในรอบที่กรอบการประเมินรับอุทธรณ์",
        "No evaluator's score yet in a round the framework takes appeals in",
    ),
    "send": ("ยื่นคำขอ", "Send"),
}


def appealable(loaded: Loaded) -> list[tuple[Round, KpiAssessment]]:
    """The evaluator's scores in the rounds the framework takes appeals in, for the unit's
    level, round by round (a monitor KPI has no score to contest)."""
    agreement = loaded.agreement
    in_agreement = {k.kpi_id for k in agreement.kpis_in_agreement()}
    return [
        (round_, assessment)
        for round_ in loaded.framework.rounds_for(loaded.unit.level)
        if round_.appeals
        for kpi_id, assessment in agreement.round(round_.id).assessments.items()
        if kpi_id in in_agreement and assessment.score is not None
    ]


def _form(
    viewer: Viewer,
    loaded: Loaded,
    actors: list[Actor],
    values: dict[str, str],
    refusal: Refusal | None = None,
) -> Template:
    scores = appealable(loaded)
    rounds = list({r.id: r for r, _ in scores}.values())
    kpi_ids = list(dict.fromkeys(a.kpi_id for _, a in scores))
    return page(
        viewer,
        "appeal_form.html",
        LABELS,
        status=refusal.status if refusal else 200,
        refusal=refusal,
        agreement=loaded.agreement,
        unit=loaded.unit,
        scores=scores,
        rounds=rounds,
        kpis=[loaded.agreement.kpis[k] for k in kpi_ids],
        actors=actor_choices(viewer, actors),
        values=values,
    )


@get("/agreements/{unit_id:str}/{fiscal_year:int}/appeals/new", sync_to_thread=True)
def appeal_form(viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear) -> Template:
    loaded = loaded_for(viewer, unit_id, fiscal_year)
    actors = offered_actors(viewer, ("assessed_unit",), loaded.scope, _STEP)
    values = {
        "command_id": fresh_command_id(),
        "appeal_id": suggested_id("AP", fiscal_year, loaded.agreement.appeals),
        "kind": "appeal",
    }
    return _form(viewer, loaded, actors, values)


def _appeal(data: dict[str, str], ref: str, actors: list[Actor]) -> dict[str, Any]:
    """The request_appeal command the form describes, as its JSON."""
    return {
        "type": "request_appeal",
        "actor": chosen_actor(data, actors),
        "effective_at": effective_at(data),
        "command_id": text(data, "command_id") or None,
        "agreement": ref,
        "appeal_id": text(data, "appeal_id"),
        "kind": text(data, "kind") or "appeal",
        "round_id": text(data, "round_id"),
        "kpi_id": text(data, "kpi_id"),
        "claim": text(data, "claim"),
        "evidence": evidence_lines(data),
    }


@post(
    "/agreements/{unit_id:str}/{fiscal_year:int}/appeals/new",
    sync_to_thread=True,
    status_code=303,
)
def request_appeal(
    viewer: ViewerDep, sealer: SealerDep, unit_id: UnitId, fiscal_year: FiscalYear, data: Form
) -> Redirect | Template:
    loaded = loaded_for(viewer, unit_id, fiscal_year)
    actors = offered_actors(viewer, ("assessed_unit",), loaded.scope, _STEP)
    ref = loaded.agreement.agreement_ref
    outcome = submit(viewer, sealer, lambda: _appeal(data, ref, actors))
    if outcome.refused is None:
        target = f"/agreements/{unit_id}/{fiscal_year}?recorded=request_appeal"
        return Redirect(target, status_code=303)
    values = {k: v for k, v in data.items() if k != "_csrf_token"}
    values["command_id"] = fresh_command_id()
    return _form(viewer, loaded, actors, values, outcome.refused)


APPEAL_ROUTES = [appeal_form, request_appeal, *APPEAL_DECISION_ROUTES]
