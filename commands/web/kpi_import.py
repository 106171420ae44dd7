"""A unit's office (or OPDC, or a secretariat) downloads the KPI template for its agreement's
framework and level, fills it in Excel and uploads it: every row becomes the ``propose_kpi``
command ``ledger import-kpis`` and ``ledger apply`` send, recorded all together or none
(``commands.kpi_templates``), as the signed-in user, and sealed.

A refused file is shown with its sheet, row and column, in the reader's language; nothing of
it is recorded but an attempt the ledger keeps for the audit (a proposal on a signed
agreement), which ``import_kpis`` records alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from io import BytesIO
from typing import Any

import msgspec
from litestar import Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Redirect, Template

from commands.http.read_params import FiscalYear, SealerDep, UnitId
from commands.http.writes import Recorded, Sealer
from commands.kpi_templates import MAX_FILE_BYTES, import_kpis, write_template
from commands.web import acting
from commands.web.acting import Act, MultipartForm, Opened
from commands.web.downloads import XLSX_TYPE
from commands.web.forms import Outcome, effective_at
from commands.web.i18n import Table, Words
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal, refusal
from commands.web.session import Viewer
from commands.web.web_evidence import close_uploads
from ledger.domain.decisions.attempts import KeptRefusal
from ledger.domain.values import Actor
from ledger.errors import InvalidInput, LedgerError

__all__ = ["KPI_IMPORT_ROUTES"]

LABELS: Table = {
    "title": ("นำเข้าตัวชี้วัดจากแบบฟอร์ม Excel", "Import KPIs from an Excel template"),
    "agreement": ("คำรับรอง", "Agreement"),
    "actor": ("เสนอในนามของ", "Proposed by"),
    "how": (
        "ดาวน์โหลดแบบฟอร์มของกรอบการประเมินนี้ กรอกแถวละหนึ่งตัวชี้วัด แล้วอัปโหลดกลับมา "
        "ระบบเสนอตัวชี้วัดทุกแถวพร้อมกัน หรือไม่บันทึกเลยหากมีแถวใดผิด",
        "Download this framework's template, fill one row per KPI, and upload it: every row "
        "is proposed together, or none if any row is wrong",
    ),
    "download": ("ดาวน์โหลดแบบฟอร์มตัวชี้วัด (.xlsx)", "Download the KPI template (.xlsx)"),
    "signed": (
        "คำรับรองนี้ลงนามแล้ว: เพิ่มตัวชี้วัดได้ผ่านคำขอเปลี่ยนแปลงเท่านั้น",
        "This agreement is signed: KPIs are changed only through a change request",
    ),
    "kpis_now": ("ตัวชี้วัดที่เสนอไว้แล้ว", "KPIs proposed so far"),
    "template": (
        "แบบฟอร์มที่กรอกแล้ว (.xlsx ไม่เกิน 2 MiB)",
        "The filled template (.xlsx, 2 MiB at most)",
    ),
    "effective_at": ("วันที่เสนอ (มีผล)", "Date proposed (effective)"),
    "effective_help": (
        "เว้นว่างหากเสนอวันนี้ หากเสนอเป็นหนังสือให้ใส่วันที่ในหนังสือ",
        "Leave empty for today; for a proposal made on paper give its date",
    ),
    "import": ("นำเข้าและเสนอตัวชี้วัด", "Import and propose the KPIs"),
    "back_to_agreement": ("กลับไปหน้าคำรับรอง", "Back to the agreement"),
}
_PATH = "/agreements/{unit_id:str}/{fiscal_year:int}/kpis"
_ACT = Act("propose_kpi", ("assessed_unit", "opdc", "secretariat"), "propose KPIs")
_FILE_RULE = "a filled KPI template is chosen to upload"


def _form(
    viewer: Viewer,
    opened: Opened,
    actors: list[Actor],
    values: Mapping[str, str],
    refused: Refusal | None = None,
) -> Template:
    return page(
        viewer,
        "kpi_import.html",
        LABELS,
        status=refused.status if refused else 200,
        refusal=refused,
        opened=opened,
        framework=opened.loaded.framework,
        kpis=list(opened.loaded.agreement.kpis.values()),
        actors=acting.actor_choices(viewer, actors),
        values=values,
        accept=f".xlsx,{XLSX_TYPE}",
    )


@get(f"{_PATH}/import", sync_to_thread=True)
def kpi_import_form(viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear) -> Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    # No command id on the form: each row's id is drawn from its command (import_kpis).
    return _form(viewer, opened, actors, {})


@get(f"{_PATH}/template.xlsx", sync_to_thread=True)
def kpi_template(viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear) -> Response[bytes]:
    """The blank template for the agreement's framework at its unit's level."""
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    framework = opened.loaded.framework
    level = opened.loaded.unit.level
    written = BytesIO()
    write_template(framework, level, written)
    name = f"kpi-template-{framework.id}-{level}.xlsx"
    return Response(
        written.getvalue(),
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@post(
    f"{_PATH}/import",
    sync_to_thread=True,
    status_code=303,
    request_max_body_size=MAX_FILE_BYTES + (64 << 10),
)
def kpi_import(
    viewer: ViewerDep,
    sealer: SealerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    data: MultipartForm,
) -> Redirect | Template:
    try:
        opened = acting.open_agreement(viewer, unit_id, fiscal_year)
        actors = acting.offered_actors(viewer, opened, _ACT)
        content = _uploaded(data)
    finally:
        close_uploads(data)
    outcome = _imported(viewer, sealer, opened, actors, data, content)
    return acting.respond(
        outcome,
        opened,
        _ACT,
        data,
        lambda kept, why: _form(viewer, opened, actors, kept, why),
    )


def _uploaded(form: Mapping[str, Any]) -> bytes | None:
    """The uploaded file's bytes, read up to one byte past the limit (the reader refuses a
    larger file); None when no file was chosen."""
    given = form.get("template")
    if not isinstance(given, UploadFile) or not given.filename:
        return None
    given.file.seek(0)
    content: bytes = given.file.read(MAX_FILE_BYTES + 1)
    return content


def _imported(
    viewer: Viewer,
    sealer: Sealer,
    opened: Opened,
    actors: list[Actor],
    form: Mapping[str, Any],
    content: bytes | None,
) -> Outcome:
    ctx = replace(viewer.api.context, enterer=viewer.user_id)
    try:
        if content is None:
            raise InvalidInput(
                "choose the filled template to upload", field="template", rule=_FILE_RULE
            )
        actor = msgspec.convert(acting.chosen_actor(form, actors), Actor)
        moment = effective_at(form)
        imported = import_kpis(ctx, content, opened.ref, actor, lambda _: ctx, effective_at=moment)
    except LedgerError as error:
        if isinstance(error, KeptRefusal):
            sealer.seal(viewer.api)  # the attempt it recorded
        return Outcome(refused=refusal(error, Words(viewer.language, {})))
    signed = sealer.seal(viewer.api)
    recorded = imported.recorded
    return Outcome(
        recorded=Recorded(
            command_type=_ACT.command_type,
            command_id=None,
            resent=recorded.resent == recorded.commands,
            events=sealer.positions(recorded.events),
            checkpoint=None if signed is None else signed.checkpoint.size,
        )
    )


KPI_IMPORT_ROUTES = [kpi_import_form, kpi_template, kpi_import]
