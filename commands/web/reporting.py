"""A unit's reporter files its self-assessment report (SAR) for a round: one value per KPI
the round assesses (empty: not reported), a narrative, evidence files, and when and how it
was delivered. Recorded by the ``file_sar`` handler as the API records it.

The form offers the unit's rounds that can still take a SAR (not cancelled this year, not
certified); a round already filed is offered again and marked, since a later filing adds
to it or corrects it (and the handler assesses any late-filing penalty). ``REPORTING_ROUTES``
gathers the routes of every reporting page: this one, the evaluator's assessment, the
certification, and evidence downloads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from commands.http.evidence_media import ACCEPTED
from commands.http.read_params import FiscalYear, IdQuery, SealerDep, UnitId
from commands.http.read_views import caught_up
from commands.web import acting
from commands.web.acting import Act, MultipartForm, Opened
from commands.web.assessing import ASSESSING_ROUTES
from commands.web.certifying import CERTIFYING_ROUTES
from commands.web.form_fields import number
from commands.web.forms import Outcome, effective_at, fresh_command_id, submit, text
from commands.web.i18n import Table, Words
from commands.web.pages import ViewerDep
from commands.web.refusals import Refusal
from commands.web.report_forms import LABELS as SHARED
from commands.web.report_forms import (
    RoundForm,
    cancelled_rounds,
    chosen_round,
    round_page,
    scored_here,
)
from commands.web.session import Viewer
from commands.web.web_evidence import (
    EVIDENCE_PAGE_ROUTES,
    Cited,
    carried,
    close_uploads,
    store_uploads,
    unique,
)
from ledger.domain.values import Actor
from ledger.frameworks.model import Round
from ledger.integrity.files import EVIDENCE
from projections.trail import read_trail

__all__ = ["REPORTING_ROUTES"]

LABELS: Table = {
    **SHARED,
    "title": ("ส่งรายงานการประเมินตนเอง (SAR)", "File a self-assessment report (SAR)"),
    "value": ("ผลการดำเนินงาน", "Value"),
    "values_help": (
        "เว้นว่างตัวชี้วัดที่ยังไม่รายงานในรอบนี้ ใช้จุดทศนิยม เช่น 104.5",
        "Leave a KPI empty to not report it this round; use a decimal point, as in 104.5",
    ),
    "filed_value": ("ค่าที่ส่งไว้แล้ว", "Filed before"),
    "joint": ("ตัวชี้วัดร่วม: รายงานโดยหน่วยงานเจ้าภาพ", "Joint KPIs: reported by their host"),
    "narrative": ("คำอธิบายผลการดำเนินงาน", "Narrative"),
    "evidence": ("ไฟล์หลักฐาน (เลือกได้หลายไฟล์)", "Evidence files (several may be chosen)"),
    "evidence_help": (
        "PDF รูปภาพ ไฟล์สำนักงาน หรือข้อความ ไม่เกิน 256 MiB ระบบเก็บไฟล์ตามค่า SHA-256",
        "PDF, images, office files or text, at most 256 MiB; each is kept under its SHA-256",
    ),
    "carried": ("ไฟล์ที่อัปโหลดแล้ว จะอ้างอิงในรายงานนี้", "Uploaded already; cited by this report"),
    "cited_before": ("ไฟล์หลักฐานที่อ้างอิงไว้แล้วในรอบนี้", "Evidence already cited this round"),
    "file_name": ("ชื่อไฟล์", "File name"),
    "media_type": ("ประเภท", "Type"),
    "sha256": ("SHA-256", "SHA-256"),
    "filed_at": ("วันที่ส่งรายงาน (ถ้าไม่ระบุ ใช้วันที่มีผล)", "Filed at (empty: the effective time)"),
    "channel": ("ช่องทางการส่ง", "Channel"),
    "e-sar": ("ระบบ e-SAR", "e-SAR"),
    "paper": ("เอกสาร (กระดาษ)", "Paper"),
    "file": ("ส่งรายงาน", "File the SAR"),
}
_SAR = "/agreements/{unit_id:str}/{fiscal_year:int}/sar"
_ACT = Act("file_sar", ("assessed_unit",), "file a SAR")


_FORM = RoundForm("sar_form.html", LABELS, _ACT, "sar")


def _offered(viewer: Viewer, opened: Opened) -> list[Round]:
    """The unit's rounds that can still take a SAR: not cancelled, not certified."""
    agreement = opened.loaded.agreement
    cancelled = cancelled_rounds(viewer, opened)
    return [
        r
        for r in opened.rounds
        if r.id not in cancelled and agreement.round(r.id).certified_composite is None
    ]


def _cited_before(viewer: Viewer, opened: Opened, round_id: str) -> list[Cited]:
    """The evidence the round's earlier filings cited, from the agreement's trail."""
    with caught_up(viewer.api, "trail").view.reading() as docs:
        rows = read_trail(docs, opened.ref)
    cited = [
        dict(item)
        for row in rows
        if row.event == "SarFiled" and row.details.get("round_id") == round_id
        for item in row.details.get("evidence", [])
    ]
    return unique(cited)


def _form(
    viewer: Viewer,
    opened: Opened,
    wanted: str | None,
    values: Mapping[str, str],
    cited: list[Cited],
    refusal: Refusal | None = None,
) -> Template:
    offered = _offered(viewer, opened)
    round_ = chosen_round(opened, wanted, offered)
    kpis = scored_here(opened, round_) if round_ else []
    joint = [k for k in opened.loaded.agreement.kpis_in_agreement() if k.terms.joint_id]
    state = opened.loaded.agreement.round(round_.id) if round_ else None
    return round_page(
        viewer,
        _FORM,
        opened,
        offered,
        round_,
        values,
        refusal,
        state=state,
        filed={r.id: opened.loaded.agreement.round(r.id).sar_filed_at for r in offered},
        kpis=kpis,
        joint=joint,
        cited=cited,
        cited_before=_cited_before(viewer, opened, round_.id) if round_ else [],
        accept=",".join(ACCEPTED),
    )


@get(_SAR, sync_to_thread=True)
def sar_form(
    viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear, round_id: IdQuery = None
) -> Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    return _form(viewer, opened, round_id, {"command_id": fresh_command_id()}, [])


@post(_SAR, sync_to_thread=True, status_code=303, request_max_body_size=EVIDENCE.limit)
def file_sar(
    viewer: ViewerDep,
    sealer: SealerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    data: MultipartForm,
) -> Redirect | Template:
    try:
        opened = acting.open_agreement(viewer, unit_id, fiscal_year)
        actors = acting.offered_actors(viewer, opened, _ACT)
        words = Words(viewer.language, LABELS)
        uploaded, refused = store_uploads(sealer, data, "evidence", words)
    finally:
        close_uploads(data)
    wanted = text(data, "round_id")
    cited = unique([*carried(data), *uploaded])
    if refused is not None:
        outcome = Outcome(refused=refused)
    else:
        outcome = submit(viewer, sealer, lambda: _command(opened, actors, data, wanted, cited))
    return acting.respond(
        outcome,
        opened,
        _ACT,
        data,
        lambda kept, why: _form(viewer, opened, wanted, kept, cited, why),
    )


def _command(
    opened: Opened,
    actors: list[Actor],
    form: Mapping[str, Any],
    round_id: str,
    cited: list[Cited],
) -> dict[str, Any]:
    round_ = next((r for r in opened.rounds if r.id == round_id), None)
    results = []
    for kpi in scored_here(opened, round_) if round_ else []:
        value = number(form, f"actual-{kpi.kpi_id}", kpi.kpi_id)
        if value is not None:
            results.append({"kpi_id": kpi.kpi_id, "actual": value})
    return acting.command(
        _ACT,
        form,
        opened,
        actors,
        round_id=round_id,
        results=results,
        narrative=text(form, "narrative"),
        evidence=cited,
        channel=text(form, "channel") or "e-sar",
        filed_at=effective_at(form, "filed_at"),
    )


REPORTING_ROUTES = [
    sar_form,
    file_sar,
    *ASSESSING_ROUTES,
    *CERTIFYING_ROUTES,
    *EVIDENCE_PAGE_ROUTES,
]
