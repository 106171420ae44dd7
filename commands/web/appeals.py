"""A unit asks for a review of, or appeals, a score the evaluator recorded (``request_appeal``).

The form offers only the rounds the framework takes appeals in and, in them, the KPIs the
evaluator has scored: the scores the unit may contest, shown beside the form. The body's
decision and the score adjustment it leads to are in ``commands.web.appeal_decisions``.
"""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from commands.http.read_params import FiscalYear, SealerDep, UnitId
from commands.web import acting
from commands.web.acting import Act, Form, Opened
from commands.web.appeal_decisions import APPEAL_DECISION_ROUTES
from commands.web.form_fields import evidence_lines, suggested_id
from commands.web.forms import fresh_command_id, submit, text
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal
from commands.web.session import Viewer
from ledger.domain.values import Actor, KpiAssessment
from ledger.frameworks.model import Round

__all__ = ["APPEAL_ROUTES"]

_ACT = Act("request_appeal", ("assessed_unit",), "request a review or an appeal of a score")

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


def appealable(opened: Opened) -> list[tuple[Round, KpiAssessment]]:
    """The evaluator's scores in the rounds the framework takes appeals in, for the unit's
    level, round by round (a monitor KPI has no score to contest)."""
    agreement = opened.loaded.agreement
    in_agreement = {k.kpi_id for k in agreement.kpis_in_agreement()}
    return [
        (round_, assessment)
        for round_ in opened.rounds
        if round_.appeals
        for kpi_id, assessment in agreement.round(round_.id).assessments.items()
        if kpi_id in in_agreement and assessment.score is not None
    ]


def _form(
    viewer: Viewer,
    opened: Opened,
    actors: list[Actor],
    values: dict[str, str],
    refusal: Refusal | None = None,
) -> Template:
    scores = appealable(opened)
    rounds = list({r.id: r for r, _ in scores}.values())
    kpi_ids = list(dict.fromkeys(a.kpi_id for _, a in scores))
    return page(
        viewer,
        "appeal_form.html",
        LABELS,
        status=refusal.status if refusal else 200,
        refusal=refusal,
        opened=opened,
        scores=scores,
        rounds=rounds,
        kpis=[opened.loaded.agreement.kpis[k] for k in kpi_ids],
        actors=acting.actor_choices(viewer, actors),
        values=values,
    )


@get("/agreements/{unit_id:str}/{fiscal_year:int}/appeals/new", sync_to_thread=True)
def appeal_form(viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear) -> Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    values = {
        "command_id": fresh_command_id(),
        "appeal_id": suggested_id("AP", fiscal_year, opened.loaded.agreement.appeals),
        "kind": "appeal",
    }
    return _form(viewer, opened, actors, values)


def _appeal(data: dict[str, str], opened: Opened, actors: list[Actor]) -> dict[str, Any]:
    """The request_appeal command the form describes, as its JSON."""
    return acting.command(
        _ACT,
        data,
        opened,
        actors,
        appeal_id=text(data, "appeal_id"),
        kind=text(data, "kind") or "appeal",
        round_id=text(data, "round_id"),
        kpi_id=text(data, "kpi_id"),
        claim=text(data, "claim"),
        evidence=evidence_lines(data),
    )


@post(
    "/agreements/{unit_id:str}/{fiscal_year:int}/appeals/new",
    sync_to_thread=True,
    status_code=303,
)
def request_appeal(
    viewer: ViewerDep, sealer: SealerDep, unit_id: UnitId, fiscal_year: FiscalYear, data: Form
) -> Redirect | Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    outcome = submit(viewer, sealer, lambda: _appeal(data, opened, actors))
    return acting.respond(
        outcome, opened, _ACT, data, lambda kept, why: _form(viewer, opened, actors, kept, why)
    )


APPEAL_ROUTES = [appeal_form, request_appeal, *APPEAL_DECISION_ROUTES]
