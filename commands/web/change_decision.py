"""The secretariat records a committee's decision on a change request (``decide_change``),
after the page has shown the committee the what-if: what approving it would do to the KPI's
terms, to every result already known and to each round's composite, and rule 1's verdict.

The what-if is the one ``ledger what-if`` and the HTTP API show (``what_if_for``); the form
carries its digest as ``what_if_sha256``, so the decision records which numbers the committee
had before it and is refused if they have changed since. Amendments the committee considers
are tried first with a plain GET form (recording nothing), which shows their what-if; the
decision form then carries those amendments and that what-if's digest.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import get, post
from litestar.params import QueryParameter
from litestar.response import Redirect, Template

from commands.decoding import decode_command
from commands.handlers.change import what_if_for
from commands.http.read_params import FiscalYear, SealerDep, UnitId
from commands.http.read_views import caught_up
from commands.http.read_what_if import RequestId
from commands.messages import DecideChange, KpiAmendments
from commands.web import acting
from commands.web.acting import Act, Form, Opened
from commands.web.form_fields import checked_id, kpi_changes
from commands.web.forms import fresh_command_id, submit, text
from commands.web.i18n import Table, Words
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal, refusal
from commands.web.session import Viewer
from ledger.domain.decisions.what_if import WhatIf, what_if_digest
from ledger.domain.values import Actor
from ledger.errors import InvalidInput
from projections.trail import TrailRow, read_trail

__all__ = ["CHANGE_DECISION_ROUTES"]

Amendment = Annotated[str | None, QueryParameter(max_length=400, required=False)]
_ACT = Act(
    "decide_change",
    ("change_committee", "oversight_committee"),
    "record a committee's decision on a change request",
)

LABELS: Table = {
    "title": ("บันทึกมติคณะกรรมการต่อคำขอเปลี่ยนแปลง", "Record the committee's decision"),
    "agreement": ("คำรับรอง", "Agreement"),
    "request": ("คำขอ", "Request"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "kind": ("ประเภท", "Kind"),
    "amend": ("แก้ไข", "Amend"),
    "cancel": ("ยกเลิก", "Cancel"),
    "reason": ("เหตุผล", "Reason"),
    "justification": ("คำชี้แจง", "Justification"),
    "evidence": ("หลักฐาน", "Evidence"),
    "requested": ("ยื่นเมื่อ (มีผล)", "Requested (effective)"),
    "requested_by": ("ผู้ยื่น", "Requested by"),
    "what_if": ("ผลที่จะเกิดขึ้นหากอนุมัติ (What-if)", "What approving it would do (what-if)"),
    "what_if_help": (
        "ตัวเลขชุดนี้คำนวณเช่นเดียวกับการบันทึกมติ และยังไม่บันทึกสิ่งใด มติที่บันทึกจะอ้างอิงค่าแฮชของชุดตัวเลขนี้",
        "These numbers are computed as the decision computes them; nothing is recorded. "
        "The decision records the digest of exactly these numbers",
    ),
    "term": ("รายการ", "Term"),
    "before": ("เดิม", "Before"),
    "after": ("ใหม่", "After"),
    "titles": ("ชื่อตัวชี้วัด", "Titles"),
    "unit_of_measure": ("หน่วยนับ", "Unit of measure"),
    "direction": ("ทิศทาง", "Direction"),
    "higher": ("ยิ่งมากยิ่งดี", "Higher is better"),
    "lower": ("ยิ่งน้อยยิ่งดี", "Lower is better"),
    "milestone": ("ระดับขั้นความสำเร็จ", "Milestones"),
    "weight": ("น้ำหนัก", "Weight"),
    "thresholds": ("เกณฑ์การให้คะแนน", "Thresholds"),
    "baseline": ("ค่าฐาน", "Baseline"),
    "cancelled": ("ยกเลิกตัวชี้วัด", "KPI cancelled"),
    "results": ("ผลที่ทราบแล้ว", "Results already known"),
    "no_results": ("ยังไม่มีผลของตัวชี้วัดนี้", "No result of this KPI is known yet"),
    "round": ("รอบ", "Round"),
    "source": ("ที่มา", "Source"),
    "sar": ("รายงานประเมินตนเอง", "SAR"),
    "assessment": ("ผู้ประเมินตรวจสอบแล้ว", "Verified by the evaluator"),
    "value": ("ค่า", "Value"),
    "score_before": ("คะแนนเดิม", "Score before"),
    "score_after": ("คะแนนใหม่", "Score after"),
    "composites": ("คะแนนรวมรายรอบ", "Composite per round"),
    "composite_before": ("คะแนนรวมเดิม", "Composite before"),
    "composite_after": ("คะแนนรวมใหม่", "Composite after"),
    "weight_moves": ("การโอนน้ำหนัก", "Weight moved"),
    "verdict": ("หลักเกณฑ์ข้อ 1", "Rule 1"),
    "clear": (
        "ผ่าน: ไม่ข้ามผลที่ทราบแล้ว และไม่มีคะแนนใดสูงขึ้น",
        "Clear: no known result crossed, nothing scores higher",
    ),
    "favourable_after_results": (
        "เป็นคุณหลังทราบผล: คะแนนสูงขึ้นจากผลที่ทราบแล้ว",
        "Favourable after results were known: scores rise on results already held",
    ),
    "crosses_known_result": (
        "ข้ามผลที่ทราบแล้ว (ขัดหลักเกณฑ์ข้อ 1): จะบันทึกพร้อมธงการละเมิด",
        "Crosses a known result (rule 1): recorded with a violation flag",
    ),
    "refused": ("การอนุมัติจะถูกปฏิเสธ", "The approval would be refused"),
    "digest": ("ค่าแฮช (SHA-256) ของผลที่แสดง", "Digest (SHA-256) of what is shown"),
    "consider": ("พิจารณาแก้ไขก่อนอนุมัติ", "Consider amendments first"),
    "consider_help": (
        "กรอกค่าที่คณะกรรมการจะแก้ไข แล้วกดแสดงผลที่จะเกิดขึ้น (ยังไม่บันทึก) เว้นว่างทั้งหมดเพื่อดูตามที่ขอ",
        "Type what the committee would amend and show its what-if (nothing is recorded); "
        "leave all empty for the request as made",
    ),
    "show_what_if": ("แสดงผลที่จะเกิดขึ้น", "Show the what-if"),
    "considered": ("มติจะอนุมัติพร้อมการแก้ไขนี้", "The decision approves with these amendments"),
    "decision": ("มติ", "Decision"),
    "actor": ("คณะกรรมการผู้มีมติ", "Deciding committee"),
    "outcome": ("ผลการพิจารณา", "Outcome"),
    "approved": ("อนุมัติตามที่ขอ", "Approved as requested"),
    "approved_with_amendments": ("อนุมัติโดยมีการแก้ไข", "Approved with amendments"),
    "rejected": ("ไม่อนุมัติ", "Rejected"),
    "body": ("ชื่อคณะกรรมการตามมติ", "Committee as named in the minutes"),
    "meeting_ref": ("การประชุม (ครั้งที่/เลขที่)", "Meeting reference"),
    "rationale": ("เหตุผลของมติ", "Rationale"),
    "effective_at": ("วันที่มีมติ (มีผล)", "Date of the decision (effective)"),
    "effective_help": (
        "เว้นว่างหากมีมติวันนี้ มติต้องอยู่ภายในรอบของคำขอ",
        "Leave empty for today; a decision must fall inside the request's window",
    ),
    "record": ("บันทึกมติ", "Record the decision"),
}


def _requested(viewer: Viewer, opened: Opened, request_id: str, kpi_id: str) -> TrailRow | None:
    """The request as recorded (its justification, reason and evidence), from the trail."""
    with caught_up(viewer.api, "trail").view.reading() as docs:
        rows = read_trail(docs, opened.ref, kpi_id)
    return next(
        (
            r
            for r in rows
            if r.event == "ChangeRequested" and r.details.get("request_id") == request_id
        ),
        None,
    )


def _amendments(ref: str, request_id: str, fields: dict[str, Any]) -> KpiAmendments | None:
    """The amendments typed, checked as a decision's (same fields, bounds and messages)."""
    if not fields:
        return None
    trial = {
        "type": "decide_change",
        "actor": {"id": "what-if", "role": "change_committee"},
        "agreement": ref,
        "request_id": request_id,
        "outcome": "approved_with_amendments",
        "body": "what-if",
        "meeting_ref": "what-if",
        "amendments": fields,
    }
    command = decode_command(msgspec.json.encode(trial))
    assert isinstance(command, DecideChange)
    return command.amendments


def _what_if(
    viewer: Viewer, ref: str, request_id: str, values: dict[str, str]
) -> tuple[WhatIf, dict[str, Any], Refusal | None]:
    """The what-if of the amendments typed (none: the request as made), those amendments,
    and why they could not be considered (their what-if is then the request's own)."""
    fields = kpi_changes(values)
    try:
        return (
            what_if_for(viewer.api.context, ref, request_id, _amendments(ref, request_id, fields)),
            fields,
            None,
        )
    except InvalidInput as error:
        if not fields:
            raise
        shown = refusal(error, Words(viewer.language, {}))
        return what_if_for(viewer.api.context, ref, request_id), {}, shown


def _page(
    viewer: Viewer,
    opened: Opened,
    actors: list[Actor],
    request_id: str,
    values: dict[str, str],
    refused: Refusal | None = None,
) -> Template:
    shown, amendments, not_considered = _what_if(viewer, opened.ref, request_id, values)
    first = viewer.body_of(actors[0].id) if actors[0].kind == "body" else None
    values.setdefault("body", first.name_th if first else "")
    values.setdefault("command_id", fresh_command_id())
    outcomes = ["approved_with_amendments"] if amendments else ["approved", "rejected"]
    return page(
        viewer,
        "decide_change.html",
        LABELS,
        status=refused.status if refused else (not_considered.status if not_considered else 200),
        refusal=refused or not_considered,
        opened=opened,
        framework=opened.loaded.framework,
        request_id=request_id,
        requested=_requested(viewer, opened, request_id, shown.kpi_id),
        shown=shown,
        digest=what_if_digest(shown),
        amendments=amendments,
        outcomes=outcomes,
        actors=acting.actor_choices(viewer, actors),
        values=values,
    )


_ROUTE = "/agreements/{unit_id:str}/{fiscal_year:int}/changes/{request_id:str}/decide"


@get(_ROUTE, sync_to_thread=True)
def decision_form(
    viewer: ViewerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    request_id: RequestId,
    thresholds: Amendment = None,
    weight: Amendment = None,
    baseline: Amendment = None,
) -> Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    typed = {"thresholds": thresholds, "weight": weight, "baseline": baseline}
    values = {name: value for name, value in typed.items() if value}
    return _page(viewer, opened, actors, checked_id(request_id, "request_id"), values)


def _decision(
    data: dict[str, str], opened: Opened, request_id: str, actors: list[Actor]
) -> dict[str, Any]:
    """The decide_change command the form describes, as its JSON."""
    amendments = kpi_changes(data)
    return acting.command(
        _ACT,
        data,
        opened,
        actors,
        request_id=request_id,
        outcome=text(data, "outcome"),
        body=text(data, "body"),
        meeting_ref=text(data, "meeting_ref"),
        rationale=text(data, "rationale"),
        what_if_sha256=text(data, "what_if_sha256") or None,
        **({"amendments": amendments} if amendments else {}),
    )


@post(_ROUTE, sync_to_thread=True, status_code=303)
def decide_change(
    viewer: ViewerDep,
    sealer: SealerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    request_id: RequestId,
    data: Form,
) -> Redirect | Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    wanted = checked_id(request_id, "request_id")
    outcome = submit(viewer, sealer, lambda: _decision(data, opened, wanted, actors))
    # Shown again with the what-if as it stands now (and its digest), the typed values kept:
    # the agreement is read again, since a kept refusal (rule 1) changed it.
    return acting.respond(
        outcome,
        opened,
        _ACT,
        data,
        lambda kept, why: _page(
            viewer, acting.open_agreement(viewer, unit_id, fiscal_year), actors, wanted, kept, why
        ),
    )


CHANGE_DECISION_ROUTES = [decision_form, decide_change]
