"""The target integrity report (rule 1: a target is not reset once results are known), as
``ledger audit`` and ``GET /api/audit`` give it: every KPI's target versions with their
recorded and effective times, the results the ledger already held when each was decided,
the flags and the verdict; the change requests, the attempts refused, wording corrections,
cascades kept and the shared results certifications used.

The report is the ``integrity`` projection's own (``projections.integrity.read_integrity``);
this page only lays it out, one agreement's report (read by its key) at a time: the one the
URL names, or a page of those the viewer may read. Each log position links to that event's
proof bundle, so a reader can prove "result recorded, then target changed" from leaf order alone.
"""

from __future__ import annotations

from typing import Annotated

from litestar import get
from litestar.params import QueryParameter
from litestar.response import Template

from commands.http.read_params import ApiDep, FiscalYear, UnitId, agreement_ref
from commands.http.read_views import caught_up
from commands.web.codes import Codes
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from commands.web.readable import PAGING, required, shown
from projections.integrity import read_integrity

__all__ = ["INTEGRITY_PAGE_ROUTES", "LABELS"]

LABELS: Table = {
    "title": ("รายงานความถูกต้องของค่าเป้าหมาย", "Target integrity report"),
    "intro": (
        "กฎข้อ 1: ห้ามปรับค่าเป้าหมายหลังจากทราบผลการดำเนินงานแล้ว รายงานนี้แสดงค่าเป้าหมาย"
        "ทุกฉบับของตัวชี้วัดแต่ละตัว พร้อมผลที่ระบบทราบแล้วขณะตัดสินใจ "
        "ลำดับในบันทึก (#) คือลำดับที่บันทึกจริง ไม่ใช่วันที่ที่อ้าง",
        "Rule 1: a target is not reset once results are known. Each KPI's target versions are "
        "shown next to the results the ledger already held when each was decided; the log "
        "position (#) is the order things were recorded in, not a claimed date.",
    ),
    "summary": ("สรุปผลการตรวจสอบ", "Summary"),
    "agreement": ("คำรับรอง", "Agreement"),
    "framework": ("กรอบการประเมิน", "Framework"),
    "verdict": ("ผลการตรวจสอบ", "Verdict"),
    "verdict:clean": ("ไม่พบการปรับเป้าหมายหลังทราบผล", "Clean"),
    "verdict:findings": ("พบข้อสังเกต", "Findings"),
    "findings": ("ข้อสังเกต", "Findings"),
    "changed_kpis": ("ตัวชี้วัดที่เป้าหมายเปลี่ยน", "KPIs whose target changed"),
    "versions": ("ค่าเป้าหมายแต่ละฉบับ", "Target versions"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "v": ("ฉบับ", "Version"),
    "criteria": ("เกณฑ์", "Criteria"),
    "weight": ("น้ำหนัก", "Weight"),
    "made_by": ("ที่มา", "Made by"),
    "decided_by": ("ผู้พิจารณา", "Decided by"),
    "entered_by": ("ผู้บันทึกแทน", "Entered by"),
    "effective": ("มีผล", "Effective"),
    "recorded": ("บันทึก", "Recorded"),
    "known": ("ผลที่ทราบแล้วขณะนั้น", "Results known then"),
    "no_results": ("ยังไม่มีผล", "None yet"),
    "flags": ("กฎข้อ 1", "Rule 1"),
    "k": ("ผลล่าสุดที่ใช้ตรวจ (K)", "the latest known result (K)"),
    "crossed": ("ข้ามผลที่ทราบแล้ว (ผิดกฎข้อ 1)", "Crossed a known result (rule 1 violated)"),
    "favourable": ("เป็นคุณหลังทราบผล", "Favourable after results were known"),
    "k_level": ("ระดับของ K", "K's level"),
    "composite": ("คะแนนรวม", "Composite"),
    "status:in force": ("มีผลบังคับ", "in force"),
    "status:cancelled": ("ยกเลิก", "cancelled"),
    "source:sar": ("รายงานตนเอง", "SAR"),
    "source:assessment": ("ผลตรวจสอบ", "verified"),
    "joint": ("ตัวชี้วัดร่วม", "Joint KPI"),
    "hosted_by": ("เจ้าภาพ", "hosted by"),
    "cascaded_from": ("ถ่ายทอดจาก", "Cascaded from"),
    "prior_results": ("ผลย้อนหลัง (ปีงบประมาณ พ.ศ.)", "Past results (fiscal year, BE)"),
    "requests": ("คำขอเปลี่ยนแปลง", "Change requests"),
    "request": ("คำขอ", "Request"),
    "kind": ("ประเภท", "Kind"),
    "reason": ("เหตุผล", "Reason"),
    "window": ("รอบการขอ (ปิด)", "Window (closes)"),
    "status": ("สถานะ", "Status"),
    "log": ("ลำดับในบันทึก", "Log position"),
    "what_if": ("ผลล่วงหน้า (what-if)", "What-if"),
    "what_if_shown": ("คณะกรรมการเห็นก่อนตัดสิน", "shown to the committee"),
    "what_if_not_shown": ("ตัดสินโดยไม่ได้เห็น", "decided without it"),
    "attempts": ("ความพยายามที่ถูกปฏิเสธ", "Refused attempts"),
    "attempt": ("ความพยายาม", "Attempt"),
    "dated": ("ลงวันที่", "Dated"),
    "why": ("เหตุที่ปฏิเสธ", "Why refused"),
    "corrections": ("การแก้ไขถ้อยคำ", "Wording corrections"),
    "before": ("เดิม", "Before"),
    "after": ("ใหม่", "After"),
    "drift_kept": ("คงตัวชี้วัดถ่ายทอดไว้", "Cascaded KPIs kept"),
    "parent": ("ต้นทาง", "Parent"),
    "certifications": ("การรับรองผลที่ใช้ผลร่วม", "Certifications using shared results"),
    "round": ("รอบ", "Round"),
    "value": ("ค่า", "Value"),
    "score": ("คะแนน", "Score"),
    "proof": ("ดาวน์โหลดหลักฐานการบันทึก", "download the proof bundle"),
    "detail": ("รายงานฉบับเต็มของคำรับรองนี้", "This agreement's report alone"),
    "nothing": ("ไม่มีคำรับรองที่ท่านมีสิทธิ์ดู", "No agreement you may see"),
    **PAGING,
}
AfterQuery = Annotated[str | None, QueryParameter(max_length=1000, required=False)]
# Agreements per page of the whole report (each with every KPI's versions: tens of KB).
REPORT_PAGE = 10


@get("/integrity", sync_to_thread=True)
def integrity_all(api: ApiDep, viewer: ViewerDep, after: AfterQuery = None) -> Template:
    """The reports the viewer may read (``ledger audit --all``), a page of ``REPORT_PAGE``
    agreements at a time (each report whole), with a link to the next page."""
    seen = shown(viewer, None, after, REPORT_PAGE, "/integrity")
    with caught_up(api, "integrity").view.reading() as docs:
        reports = [r for m in seen.metas for r in read_integrity(docs, m.ref)]
    return page(
        viewer,
        "integrity.html",
        LABELS,
        reports=reports,
        single=False,
        seen=seen,
        code=Codes(viewer.language, LABELS),
    )


@get("/agreements/{unit_id:str}/{fiscal_year:int}/integrity", sync_to_thread=True)
def integrity_one(
    api: ApiDep, viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear
) -> Template:
    """One agreement's report (``ledger audit AGREEMENT``); 404 for an agreement never
    opened, 403 outside the viewer's grants."""
    ref = agreement_ref(unit_id, fiscal_year)
    required(viewer, ref)
    with caught_up(api, "integrity").view.reading() as docs:
        reports = read_integrity(docs, ref)
    return page(
        viewer,
        "integrity.html",
        LABELS,
        reports=reports,
        single=True,
        seen=None,
        code=Codes(viewer.language, LABELS),
    )


INTEGRITY_PAGE_ROUTES = [integrity_all, integrity_one]
