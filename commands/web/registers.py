"""The registers a secretariat and an auditor read: the SAR register, the change-request
register and the early warnings (with cascaded KPIs drifting from their parent), as ``ledger
sar``, ``ledger requests`` and ``ledger warnings`` and ``GET /api/registers/...`` give them.

Each page reads the same projection through the same function as the API route it mirrors
(``commands.http.read_registers``), one agreement at a time (its rows are keyed under its
reference): the agreement ``?agreement=UNIT/FY`` names, checked as the API checks it (400
naming the field and the rule, 404 for an agreement never opened, 403 outside the viewer's
grants), or else a page of the agreements the viewer may read (``REGISTER_PAGE``, with a
link to the next), so a page costs what it shows, not what the ledger holds.
``REGISTER_PAGE_ROUTES`` also carries the target integrity report (``integrity_page``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import get
from litestar.params import QueryParameter
from litestar.response import Template

from commands.http.read_params import ApiDep, moment
from commands.http.read_views import caught_up
from commands.web.codes import Codes
from commands.web.i18n import Table
from commands.web.integrity_page import INTEGRITY_PAGE_ROUTES
from commands.web.pages import ViewerDep, page
from commands.web.readable import PAGING, shown
from ledger.frameworks.model import ChangeReason
from ledger.thaidate import bangkok_date
from projections.cascades import read_drifting
from projections.change_register import read_register
from projections.early_warning import read_trends
from projections.sar_register import read_sar_register

__all__ = ["LABELS", "REGISTER_PAGE_ROUTES"]

LABELS: Table = {
    "sar_title": ("ทะเบียนรายงานผลการประเมินตนเอง (SAR)", "SAR register"),
    "changes_title": ("ทะเบียนคำขอเปลี่ยนแปลงตัวชี้วัด", "Change-request register"),
    "warnings_title": ("การเตือนล่วงหน้า", "Early warnings"),
    "agreement": ("คำรับรอง", "Agreement"),
    "every": ("ทุกคำรับรองที่มีสิทธิ์ดู", "Every agreement you may see"),
    "today": ("ตรวจ ณ วันที่", "Judged on"),
    "today_help": (
        "รายงานที่ยังไม่ส่งถือว่าขาดส่งเมื่อพ้นกำหนด ณ วันนี้ (ใส่วันที่ พ.ศ. เช่น 30/04/2557 หรือ ISO)",
        "An unfiled SAR is missing once its due date has passed on this day (BE as 30/04/2557, "
        "or ISO)",
    ),
    "show": ("แสดง", "Show"),
    "round": ("รอบ", "Round"),
    "due": ("กำหนดส่ง", "Due"),
    "status": ("สถานะ", "Status"),
    "filed": ("วันที่ส่ง", "Filed"),
    "channel": ("ช่องทาง", "Channel"),
    "filings": ("จำนวนครั้งที่ส่ง", "Filings"),
    "penalties": ("หักคะแนน", "Penalties"),
    "working_days": ("วันทำการ", "working days"),
    "status:filed": ("ส่งแล้ว", "filed"),
    "status:filed late": ("ส่งล่าช้า", "filed late"),
    "status:cancelled": ("ยกเลิกรอบ", "cancelled"),
    "status:missing": ("ขาดส่ง", "missing"),
    "status:not yet due": ("ยังไม่ถึงกำหนด", "not yet due"),
    "status:no due date": ("ไม่มีกำหนดส่ง", "no due date"),
    "status:open": ("รอพิจารณา", "open"),
    "status:approved": ("อนุมัติ", "approved"),
    "status:approved_with_amendments": ("อนุมัติโดยมีการแก้ไข", "approved with amendments"),
    "status:rejected": ("ไม่อนุมัติ", "rejected"),
    "status:on track": ("ตามเป้า", "on track"),
    "status:off track": ("ต่ำกว่าเป้าตามสัดส่วน", "off track"),
    "channel:e-sar": ("e-SAR", "e-SAR"),
    "channel:paper": ("เอกสาร", "paper"),
    "kind:amend": ("แก้ไข", "amend"),
    "kind:cancel": ("ยกเลิก", "cancel"),
    "source:sar": ("รายงานตนเอง", "SAR"),
    "source:assessment": ("ผลตรวจสอบ", "verified"),
    "request": ("คำขอ", "Request"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "kind": ("ประเภท", "Kind"),
    "reason": ("เหตุผล", "Reason"),
    "window": ("ปิดรอบการขอ", "Window closes"),
    "decided_by": ("ผู้พิจารณา", "Decided by"),
    "requested": ("ยื่นคำขอ", "Requested"),
    "decided": ("ตัดสิน", "Decided"),
    "flags": ("ข้อสังเกต", "Flags"),
    "crossed": ("ข้ามผลที่ทราบแล้ว (ผิดกฎข้อ 1)", "Crossed a known result (rule 1 violated)"),
    "favourable": ("เป็นคุณหลังทราบผล", "Favourable after results were known"),
    "refused_at": ("ความพยายามที่ถูกปฏิเสธ", "Refused attempts"),
    "proof": ("ดาวน์โหลดหลักฐานการบันทึก", "download the proof bundle"),
    "all": ("แสดงตัวชี้วัดที่ตามเป้าด้วย", "Show KPIs on track too"),
    "trends": ("ผลล่าสุดเทียบกับเป้าหมายตามสัดส่วนของรอบ", "Latest result against the pro-rated target"),
    "trends_help": (
        "ผลรอบ 6 เดือนเทียบกับเป้าหมาย 6/12 ของทั้งปี ยกเว้นอัตราที่ยิ่งต่ำยิ่งดีและรอบครึ่งปีของบุคคล"
        "ซึ่งเทียบกับเป้าหมายทั้งปี",
        "A 6-month result is held to 6/12 of the year's target; a lower-is-better rate, and an "
        "individual's half-year round, to the whole target",
    ),
    "as_is": ("เทียบทั้งปี", "as is"),
    "latest": ("ผลล่าสุด", "Latest result"),
    "target": ("เป้าหมาย", "Target"),
    "pro_rated": ("เป้าหมายตามสัดส่วน", "Pro-rated target"),
    "gap": ("ส่วนต่าง", "Gap"),
    "drift": ("ตัวชี้วัดถ่ายทอดที่ต้นทางเปลี่ยนเกณฑ์", "Cascaded KPIs drifting from their parent"),
    "parent": ("ต้นทาง", "Parent"),
    "parent_revision": ("ฉบับของต้นทาง", "Parent's revision"),
    "follows": ("ฉบับที่ยึดถือ", "Follows revision"),
    "no_sar": ("ยังไม่มีรายงานที่ต้องส่ง", "No SARs expected yet"),
    "no_requests": ("ไม่มีคำขอเปลี่ยนแปลง", "No change requests"),
    "no_trends_off": ("ไม่มีตัวชี้วัดที่ต่ำกว่าเป้าหมายตามสัดส่วน", "No KPI is off track"),
    "no_trends": ("ยังไม่มีผลการดำเนินงาน", "No results yet"),
    "no_drift": ("ตัวชี้วัดถ่ายทอดสอดคล้องกับต้นทางทั้งหมด", "No cascaded KPI drifts"),
    **PAGING,
}
AgreementFilter = Annotated[str | None, QueryParameter(max_length=1000, required=False)]
AfterQuery = Annotated[str | None, QueryParameter(max_length=1000, required=False)]
TodayQuery = Annotated[str | None, QueryParameter(max_length=1000, required=False)]
AllQuery = Annotated[bool, QueryParameter(required=False)]
# Agreements per page when no agreement is chosen (each brings its rounds or requests).
REGISTER_PAGE = 20


@get("/registers/sar", sync_to_thread=True)
def sar_page(
    api: ApiDep,
    viewer: ViewerDep,
    agreement: AgreementFilter = None,
    today: TodayQuery = None,
    after: AfterQuery = None,
) -> Template:
    """Per agreement and round: due date, filed or late (with penalties), cancelled, missing
    or not yet due, judged on ``today`` (default: today in Bangkok, as the API)."""
    day: date = bangkok_date(moment(today, "today") if today else viewer.now)
    seen = shown(viewer, agreement, after, REGISTER_PAGE, "/registers/sar", today=today)
    with caught_up(api, "sar").view.reading() as docs:
        entries = [e for m in seen.metas for e in read_sar_register(docs, m.ref)]
    return page(
        viewer,
        "sar_register.html",
        LABELS,
        rows=[(e.status(day), e) for e in entries],
        day=day,
        today=today or "",
        seen=seen,
        code=Codes(viewer.language, LABELS),
    )


@get("/registers/changes", sync_to_thread=True)
def changes_page(
    api: ApiDep, viewer: ViewerDep, agreement: AgreementFilter = None, after: AfterQuery = None
) -> Template:
    """Every change request: kind, reason, window, decision, rule-1 flags and the attempts
    refused on it."""
    seen = shown(viewer, agreement, after, REGISTER_PAGE, "/registers/changes")
    framework_of = {m.ref: m.framework_id for m in seen.metas}
    with caught_up(api, "requests").view.reading() as docs:
        entries = [e for m in seen.metas for e in read_register(docs, m.ref)]
    reasons: dict[str, ChangeReason | None] = {}
    for e in entries:
        framework = api.context.framework(framework_of[e.agreement])
        reasons[f"{e.agreement}|{e.request_id}"] = framework.change_reason(e.reason_code)
    return page(
        viewer,
        "change_register.html",
        LABELS,
        rows=entries,
        reasons=reasons,
        seen=seen,
        code=Codes(viewer.language, LABELS),
    )


@get("/warnings", sync_to_thread=True)
def warnings_page(
    api: ApiDep,
    viewer: ViewerDep,
    agreement: AgreementFilter = None,
    all: AllQuery = False,
    after: AfterQuery = None,
) -> Template:
    """KPIs whose latest result is off track against the target pro-rated to its round, or
    as is (``check.comparison``; ``all``: those on track too), and cascaded KPIs drifting
    from their parent."""
    seen = shown(viewer, agreement, after, REGISTER_PAGE, "/warnings", all=all)
    refs = [m.ref for m in seen.metas]
    with caught_up(api, "warnings").view.reading() as docs:
        trends = [
            t for ref in refs for t in read_trends(docs, agreement=ref, only_off_track=not all)
        ]
    with caught_up(api, "cascades").view.reading() as docs:
        drifting = [n for ref in refs for n in read_drifting(docs, ref)]
    return page(
        viewer,
        "warnings.html",
        LABELS,
        trends=trends,
        drifting=drifting,
        show_all=all,
        seen=seen,
        code=Codes(viewer.language, LABELS),
    )


REGISTER_PAGE_ROUTES = [*INTEGRITY_PAGE_ROUTES, sar_page, changes_page, warnings_page]
