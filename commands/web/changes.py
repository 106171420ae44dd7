"""A unit asks to change or cancel a signed KPI (``request_change``).

The form offers only what the framework allows: the agreement's signed KPIs, the reasons the
framework lists (rule 4), and its change windows, marking the one a request dated on the
effective date falls in (the same ``window_for_request`` the handler applies). Offices enter
paper requests late, so the effective date decides the window, not the day of typing. Anything
typed by hand outside these is refused by the handler with its rule, shown on the form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from commands.handlers.context import Loaded
from commands.http.read_params import FiscalYear, SealerDep, UnitId
from commands.web import acting
from commands.web.acting import Act, Form, Opened
from commands.web.change_decision import CHANGE_DECISION_ROUTES
from commands.web.form_fields import evidence_lines, kpi_changes, suggested_id
from commands.web.forms import fresh_command_id, submit, text
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal
from commands.web.session import Viewer
from ledger.domain.values import Actor
from ledger.errors import LedgerError
from ledger.frameworks.model import ChangeWindow
from ledger.rules.windows import window_for_request
from ledger.thaidate import bangkok_date, parse_moment

__all__ = ["CHANGE_ROUTES"]

_ACT = Act("request_change", ("assessed_unit",), "request a change to a signed KPI")

LABELS: Table = {
    "title": ("ขอเปลี่ยนแปลงตัวชี้วัด", "Request a change to a KPI"),
    "agreement": ("คำรับรอง", "Agreement"),
    "actor": ("ยื่นในนามของ", "Requested by"),
    "request_id": ("เลขที่คำขอ", "Request number"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "kind": ("ประเภทคำขอ", "Kind of request"),
    "amend": ("แก้ไขเกณฑ์ ค่าเป้าหมาย หรือน้ำหนัก", "Amend its criteria, targets or weight"),
    "cancel": ("ยกเลิกตัวชี้วัด", "Cancel the KPI"),
    "reason": ("เหตุผลตามที่กรอบการประเมินกำหนด", "Reason the framework allows"),
    "proposal": ("ค่าที่ขอเปลี่ยน (เฉพาะคำขอแก้ไข)", "What changes (amend requests only)"),
    "proposal_help": (
        "กรอกเฉพาะค่าที่เปลี่ยน ช่องที่เว้นว่างคงไว้ตามที่ลงนาม ชื่อ หน่วยนับ และทิศทางของตัวชี้วัด"
        "เปลี่ยนไม่ได้ (ห้ามเปลี่ยนหรือเพิ่มตัวชี้วัดใหม่ระหว่างปี)",
        "Fill only what changes; a field left empty stays as signed. A KPI's titles, unit "
        "and direction cannot change (no new or replacement KPI during the year)",
    ),
    "thresholds": ("เกณฑ์การให้คะแนน (ระดับ 1 ถึง 5)", "Scoring thresholds (levels 1 to 5)"),
    "thresholds_help": (
        "ตัวเลขคั่นด้วยช่องว่างหรือจุลภาค เช่น 2600 2700 2800 2900 3000",
        "Numbers separated by spaces or commas, e.g. 2600 2700 2800 2900 3000",
    ),
    "weight": ("น้ำหนัก (ร้อยละ)", "Weight (percent)"),
    "baseline": ("ค่าฐาน", "Baseline"),
    "justification": ("คำชี้แจงเหตุผล", "Justification"),
    "evidence": ("หลักฐาน (ค่าแฮช SHA-256)", "Evidence (SHA-256 hashes)"),
    "evidence_help": (
        "บรรทัดละหนึ่งไฟล์: ค่าแฮช SHA-256 เว้นวรรค แล้วตามด้วยชื่อไฟล์",
        "One file a line: its SHA-256, a space, then its file name",
    ),
    "effective_at": ("วันที่ยื่นคำขอ (มีผล)", "Date the request was made (effective)"),
    "effective_help": (
        "เว้นว่างหากยื่นวันนี้ คำขอที่ยื่นเป็นหนังสือให้ใส่วันที่ในหนังสือ เช่น 28/04/2557 ระบบพิจารณารอบการยื่นคำขอจากวันที่นี้",
        "Leave empty for today; for a request made on paper give its date, e.g. 2014-04-28. "
        "The change window is judged on this date",
    ),
    "windows": ("รอบการยื่นคำขอเปลี่ยนแปลงของกรอบการประเมิน", "The framework's change windows"),
    "window": ("รอบ", "Window"),
    "closes": ("วันสุดท้าย", "Last day"),
    "judged_on": ("พิจารณา ณ วันที่", "Judged on"),
    "falls_in": ("คำขอที่ยื่นวันนั้นอยู่ในรอบนี้", "A request made that day falls in it"),
    "no_window": ("ไม่มีรอบที่เปิดรับคำขอในวันนั้น", "No window takes requests on that day"),
    "current": ("ปัจจุบัน", "Now"),
    "open_request": ("มีคำขอที่ยังไม่พิจารณา", "has an open request"),
    "no_kpis": (
        "คำรับรองนี้ยังไม่ได้ลงนาม หรือไม่มีตัวชี้วัดที่ขอเปลี่ยนแปลงได้",
        "This agreement is not signed, or has no KPI that can be changed",
    ),
    "no_reasons": (
        "กรอบการประเมินนี้ไม่ได้กำหนดเหตุผลที่ขอเปลี่ยนแปลงได้",
        "This framework lists no reason a change may be requested for",
    ),
    "send": ("ยื่นคำขอ", "Send the request"),
}


def _judged_on(values: dict[str, str], viewer: Viewer) -> date:
    """The day the windows are judged on: the typed effective date, else today."""
    typed = values.get("effective_at", "").strip()
    if typed:
        try:
            return bangkok_date(parse_moment(typed, field="effective_at"))
        except LedgerError:
            pass  # the refusal of the post names it; the table judges today
    return bangkok_date(viewer.now)


def _falling_in(loaded: Loaded, on: date) -> ChangeWindow | None:
    try:
        return window_for_request(loaded.framework, on)
    except LedgerError:
        return None


def _form(
    viewer: Viewer,
    opened: Opened,
    actors: list[Actor],
    values: dict[str, str],
    refusal: Refusal | None = None,
) -> Template:
    loaded = opened.loaded
    agreement = loaded.agreement
    open_on = {r.kpi_id: rid for rid, r in agreement.requests.items() if r.status == "open"}
    kpis = agreement.kpis_in_agreement() if agreement.signed else []
    on = _judged_on(values, viewer)
    return page(
        viewer,
        "change_form.html",
        LABELS,
        status=refusal.status if refusal else 200,
        refusal=refusal,
        opened=opened,
        framework=loaded.framework,
        kpis=kpis,
        open_on=open_on,
        reasons=loaded.framework.change_reasons,
        windows=sorted(loaded.framework.change_windows, key=lambda w: w.closes),
        judged_on=on,
        falls_in=_falling_in(loaded, on),
        actors=acting.actor_choices(viewer, actors),
        values=values,
    )


@get("/agreements/{unit_id:str}/{fiscal_year:int}/changes/new", sync_to_thread=True)
def change_form(viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear) -> Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    values = {
        "command_id": fresh_command_id(),
        "request_id": suggested_id("CR", fiscal_year, opened.loaded.agreement.requests),
        "kind": "amend",
    }
    return _form(viewer, opened, actors, values)


def _request(data: dict[str, str], opened: Opened, actors: list[Actor]) -> dict[str, Any]:
    """The request_change command the form describes, as its JSON."""
    proposal = kpi_changes(data)
    return acting.command(
        _ACT,
        data,
        opened,
        actors,
        request_id=text(data, "request_id"),
        kpi_id=text(data, "kpi_id"),
        kind=text(data, "kind") or "amend",
        reason_code=text(data, "reason_code"),
        justification=text(data, "justification"),
        evidence=evidence_lines(data),
        **({"proposal": proposal} if proposal else {}),
    )


@post(
    "/agreements/{unit_id:str}/{fiscal_year:int}/changes/new",
    sync_to_thread=True,
    status_code=303,
)
def request_change(
    viewer: ViewerDep, sealer: SealerDep, unit_id: UnitId, fiscal_year: FiscalYear, data: Form
) -> Redirect | Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    outcome = submit(viewer, sealer, lambda: _request(data, opened, actors))
    return acting.respond(
        outcome, opened, _ACT, data, lambda kept, why: _form(viewer, opened, actors, kept, why)
    )


CHANGE_ROUTES = [change_form, request_change, *CHANGE_DECISION_ROUTES]
