"""A KPI's timeline: every version of its target with when it was recorded and when it took
effect, the results the ledger knew when it was set, rule 1's flags, and the change request
and committee decision behind it; with a date control that reads the KPI as the ledger stood
at a moment (recorded time) or as in force then (effective time).

Everything comes from the readings the CLI and the API give: the rule-1 audit
(``read_integrity``: versions, results known, flags, requests, refused attempts), the trail
(``read_trail``: who asked and who decided, with the minutes) and the as-of functions
(``as_recorded`` / ``as_in_force``). The page only puts them side by side; which version was
known or in force at the moment is read off the same times the as-of function compares.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import get
from litestar.params import Parameter
from litestar.response import Template

from commands.http.read_params import ApiDep, FiscalYear, UnitId, checked, moment
from commands.http.read_views import caught_up, holding, renamed, retrying
from commands.http.state import Api
from commands.web.diff_page import (
    DIFF_ROUTES,
    Basis,
    OptionalText,
    basis_of,
    readable_agreement,
    term,
)
from commands.web.i18n import Table, Words
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal, refusal
from ledger.bounds import ID
from ledger.domain.agreement import Agreement, KpiState
from ledger.errors import LedgerError, NotFound
from ledger.frameworks.model import ChangeReason, ChangeWindow
from projections.as_of import AsOf, as_in_force, as_recorded
from projections.audit import AgreementAudit, RefusedAttempt, RequestLine, TargetVersion
from projections.integrity import read_integrity
from projections.scores import KpiScoreRow, RoundScores
from projections.trail import TrailRow, read_trail

__all__ = ["TIMELINE_ROUTES", "VersionLine"]

KpiId = Annotated[str, Parameter(description=ID.rule, min_length=1, max_length=ID.max_length)]
Then = Literal["current", "superseded", "later"]

LABELS: Table = {
    "title": ("ลำดับเวลาของตัวชี้วัด", "KPI timeline"),
    "agreement": ("คำรับรอง", "Agreement"),
    "now": ("ค่าเป้าหมายปัจจุบัน", "Target now"),
    "status": ("สถานะ", "Status"),
    "direction": ("ทิศทาง", "Direction"),
    "thresholds": ("เกณฑ์การให้คะแนน (ระดับ 1-5)", "Thresholds (levels 1-5)"),
    "weight": ("น้ำหนัก", "Weight"),
    "unit_of_measure": ("หน่วยวัด", "Unit of measure"),
    "verdict": ("ผลการตรวจกฎข้อ 1 ของคำรับรอง", "Rule-1 verdict of the agreement"),
    "verdict:clean": (
        "ไม่พบการเปลี่ยนค่าเป้าหมายหลังทราบผล",
        "Clean: no target moved onto a known result",
    ),
    "verdict:findings": ("มีข้อสังเกต", "Findings"),
    "date_control": ("ดูตัวชี้วัด ณ ช่วงเวลาหนึ่ง", "See the KPI at a moment"),
    "at": ("วันที่และเวลา", "Date and time"),
    "at_help": (
        "เช่น 30/04/2557, 2557-04-30 หรือ 2014-04-30T09:15+07:00 (วันที่อย่างเดียวหมายถึงสิ้นวัน เวลากรุงเทพฯ)",
        "e.g. 30/04/2557, 2557-04-30 or 2014-04-30T09:15+07:00 "
        "(a date alone: end of that day, Bangkok time)",
    ),
    "basis": ("อ่านตาม", "Read by"),
    "basis_recorded": (
        "ตามที่บัญชีบันทึกไว้ ณ เวลานั้น (เวลาบันทึก)",
        "As the ledger stood then (recorded time)",
    ),
    "basis_effective": ("ตามที่มีผลบังคับ ณ เวลานั้น (เวลามีผล)", "As in force then (effective time)"),
    "show_at": ("แสดง ณ เวลานี้", "Show at this moment"),
    "clear": ("กลับไปดูปัจจุบัน", "Back to now"),
    "then_title": ("ตัวชี้วัด ณ", "The KPI at"),
    "then_version": ("ฉบับของคำรับรอง", "Agreement version"),
    "not_yet": ("ตัวชี้วัดนี้ยังไม่มีในคำรับรอง ณ เวลานั้น", "The KPI was not yet in the agreement then"),
    "results_then": ("ผลที่ทราบ ณ เวลานั้น", "Results known then"),
    "no_results": ("ยังไม่มีผล", "No results yet"),
    "round": ("รอบ", "Round"),
    "reported": ("ผลที่รายงาน", "Reported"),
    "verified": ("ผลที่ตรวจสอบแล้ว", "Verified"),
    "score": ("คะแนน", "Score"),
    "versions": ("ค่าเป้าหมายทุกฉบับ", "Every version of the target"),
    "no_versions": ("ตัวชี้วัดนี้ยังไม่มีค่าเป้าหมายที่ลงนามแล้ว", "The KPI has no signed target"),
    "v": ("ฉบับ", "Version"),
    "recorded": ("เวลาบันทึก", "Recorded"),
    "effective": ("เวลามีผล", "Effective"),
    "made_by": ("ที่มา", "Made by"),
    "flags": ("กฎข้อ 1", "Rule 1"),
    "at_moment": ("ณ เวลาที่เลือก", "At the moment chosen"),
    "then:current": ("ฉบับที่ใช้ ณ เวลานั้น", "The one standing then"),
    "then:superseded": ("ถูกแทนที่แล้ว ณ เวลานั้น", "Already replaced then"),
    "then:later": ("ยังไม่มี ณ เวลานั้น", "Not yet then"),
    "violation": (
        "เปลี่ยนค่าเป้าหมายข้ามผลที่ทราบแล้ว (ผิดกฎข้อ 1)",
        "Crossed a known result (rule 1 violated)",
    ),
    "favourable": ("เป็นประโยชน์ต่อหน่วยงานหลังทราบผลแล้ว", "Favourable after results were known"),
    "no_flag": ("ไม่มีข้อสังเกต", "No flag"),
    "known_when_set": ("ผลที่ทราบขณะกำหนดฉบับนี้", "Results known when this version was set"),
    "source": ("แหล่งที่มา", "Source"),
    "source:sar": ("รายงานการประเมินตนเอง", "SAR"),
    "source:assessment": ("ผู้ประเมิน", "Evaluator"),
    "value": ("ค่า", "Value"),
    "check": ("การตรวจตามกฎข้อ 1", "Rule-1 check"),
    "known_result": ("ผลล่าสุดที่ทราบ", "Latest known result"),
    "level": ("ระดับ", "Level"),
    "what_changed": ("ดูสิ่งที่เปลี่ยนแปลง", "See what changed"),
    "request": ("คำขอเปลี่ยนแปลง", "Change request"),
    "made:negotiated, signed": ("เจรจาและลงนามในคำรับรองแล้ว", "Negotiated and signed"),
    "requests": ("คำขอเปลี่ยนแปลงของตัวชี้วัดนี้", "Change requests of this KPI"),
    "requested_by": ("ผู้ขอ", "Requested by"),
    "requested_at": ("วันที่ขอ", "Requested"),
    "entered_by": ("ผู้บันทึก", "entered by"),
    "kind": ("ประเภท", "Kind"),
    "kind:amend": ("ขอแก้ไข", "Amend"),
    "kind:cancel": ("ขอยกเลิก", "Cancel"),
    "reason": ("เหตุผล", "Reason"),
    "justification": ("คำชี้แจง", "Justification"),
    "window": ("ช่วงการยื่นคำขอ", "Window"),
    "decision": ("มติ", "Decision"),
    "committee": ("คณะกรรมการ", "Committee"),
    "meeting": ("การประชุม", "Meeting"),
    "rationale": ("เหตุผลของมติ", "Rationale"),
    "decided_at": ("วันที่มีมติ", "Decided"),
    "what_if_shown": ("คณะกรรมการเห็นผลจำลองก่อนมีมติ", "The committee saw the what-if"),
    "open": ("รอพิจารณา", "Open"),
    "outcome:open": ("รอพิจารณา", "Open"),
    "outcome:approved": ("อนุมัติ", "Approved"),
    "outcome:approved_with_amendments": ("อนุมัติโดยมีการแก้ไข", "Approved with amendments"),
    "outcome:rejected": ("ไม่อนุมัติ", "Rejected"),
    "attempts": ("ความพยายามที่ถูกปฏิเสธ", "Refused attempts"),
    "attempt": ("สิ่งที่พยายามทำ", "Attempt"),
    "by": ("โดย", "By"),
    "position": ("ลำดับในบันทึก", "Log position"),
    "direction:higher": ("ยิ่งสูงยิ่งดี", "Higher is better"),
    "direction:lower": ("ยิ่งต่ำยิ่งดี", "Lower is better"),
    "direction:milestone": ("ขั้นความสำเร็จ", "Milestones"),
    "kpi_status:proposed": ("เสนอ", "Proposed"),
    "kpi_status:accepted": ("ตกลงแล้ว", "Accepted"),
    "kpi_status:rejected": ("ไม่รับ", "Rejected"),
    "kpi_status:cancelled": ("ยกเลิก", "Cancelled"),
    "version_status:in force": ("ใช้บังคับ", "In force"),
    "version_status:cancelled": ("ยกเลิก", "Cancelled"),
}


class Asked(msgspec.Struct, frozen=True, kw_only=True):
    """A change request of the KPI as the audit keeps it, with who asked (from the trail),
    the framework's words for its reason and window, and the committee's decision."""

    line: RequestLine
    requested: TrailRow | None
    decided: TrailRow | None
    reason: ChangeReason | None
    window: ChangeWindow | None


class VersionLine(msgspec.Struct, frozen=True, kw_only=True):
    """One version of the target; ``then`` says how it stood at the chosen moment."""

    version: TargetVersion
    previous: TargetVersion | None
    asked: Asked | None
    then: Then | None


class AtMoment(msgspec.Struct, frozen=True, kw_only=True):
    """The KPI at the chosen moment, as the as-of function read the agreement then."""

    reading: AsOf
    kpi: KpiState | None
    rounds: tuple[tuple[RoundScores, KpiScoreRow], ...]


def _asked(
    api: Api, state: Agreement, audit: AgreementAudit, trail: list[TrailRow], kpi_id: str
) -> dict[str, Asked]:
    framework = api.context.framework(state.framework_id)
    windows = {w.id: w for w in framework.change_windows}
    requested = {str(r.details.get("request_id")): r for r in trail if r.event == "ChangeRequested"}
    decided = {str(r.details.get("request_id")): r for r in trail if r.event == "ChangeDecided"}
    return {
        line.request_id: Asked(
            line=line,
            requested=requested.get(line.request_id),
            decided=decided.get(line.request_id),
            reason=framework.change_reason(line.reason_code),
            window=windows.get(line.window_id),
        )
        for line in audit.requests
        if line.kpi_id == kpi_id
    }


def _then(
    versions: tuple[TargetVersion, ...], at: datetime | None, basis: Basis
) -> list[Then | None]:
    """Per version: the one standing at ``at`` (the last recorded, or the last in force, by
    then: the versions are in log order, as the as-of functions fold them), an earlier one,
    or one not yet recorded (in force) then."""
    if at is None:
        return [None] * len(versions)
    known = [(v.recorded_at if basis == "recorded" else v.effective_at) <= at for v in versions]
    last = max((i for i, k in enumerate(known) if k), default=-1)
    return ["current" if i == last else "superseded" if k else "later" for i, k in enumerate(known)]


def _at_moment(api: Api, ref: str, at: datetime, basis: Basis, kpi_id: str) -> AtMoment:
    app, frameworks = api.context.app, api.context.framework

    def read() -> AsOf:
        if basis == "effective":
            return as_in_force(app, ref, at, frameworks)
        with holding(api, "versions") as index:
            return as_recorded(app, index, ref, at, frameworks)

    with renamed({"TIME": "at", "AGREEMENT": "agreement"}):
        reading = retrying(read)
    rounds = tuple(
        (table, row) for table in reading.scores for row in table.kpis if row.kpi_id == kpi_id
    )
    return AtMoment(reading=reading, kpi=reading.state.kpis.get(kpi_id), rounds=rounds)


@get("/agreements/{unit_id:str}/{fiscal_year:int}/kpis/{kpi_id:str}", sync_to_thread=True)
def kpi_timeline(
    api: ApiDep,
    viewer: ViewerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    kpi_id: KpiId,
    at: OptionalText = None,
    basis: OptionalText = None,
) -> Template:
    state = readable_agreement(api, viewer, unit_id, fiscal_year)
    kpi_id = checked(kpi_id, ID, "kpi_id")
    kpi = state.kpis.get(kpi_id)
    if kpi is None:
        raise NotFound(
            f"agreement {state.agreement_ref} has no KPI {kpi_id!r}",
            field="kpi_id",
            rule="KPI must be in the agreement",
        )
    ref = state.agreement_ref
    with caught_up(api, "integrity").view.reading() as docs:
        audit = read_integrity(docs, ref)[0]
    with caught_up(api, "trail").view.reading() as docs:
        trail = read_trail(docs, ref, kpi_id)
    found = next((k for k in audit.kpis if k.kpi_id == kpi_id), None)
    versions = found.versions if found else ()
    words = Words(viewer.language, LABELS)
    chosen: Basis = "effective"
    when: datetime | None = None
    then: AtMoment | None = None
    refused: Refusal | None = None
    try:
        chosen = basis_of(basis, "effective", words)
        if at:
            when = moment(at, "at")
            then = _at_moment(api, ref, when, chosen, kpi_id)
    except LedgerError as error:
        refused = refusal(error, words)
    asked = _asked(api, state, audit, trail, kpi_id)
    marks = _then(versions, when, chosen)
    lines = [
        VersionLine(
            version=v,
            previous=versions[i - 1] if i else None,
            asked=asked.get(v.request_id) if v.request_id else None,
            then=marks[i],
        )
        for i, v in enumerate(versions)
    ]
    attempts: list[RefusedAttempt] = [a for a in audit.refused_attempts if a.kpi_id == kpi_id]
    return page(
        viewer,
        "timeline.html",
        LABELS,
        status=refused.status if refused else 200,
        agreement=state,
        kpi=kpi,
        lines=lines,
        requests=list(asked.values()),
        attempts=attempts,
        verdict=audit.verdict,
        typed={"at": at or "", "basis": basis or chosen},
        when=when,
        basis=chosen,
        then=then,
        refusal=refused,
        term=term,
    )


TIMELINE_ROUTES: list[Any] = [kpi_timeline, *DIFF_ROUTES]
