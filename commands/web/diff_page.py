"""What changed in an agreement between two moments, as a table a reader can scan (subject,
field, before, after) with the events in between: the same answer as ``ledger diff`` and
``GET /api/agreements/.../diff``.

By recorded time it is ``diff_moments`` itself (what the ledger knew at each moment). By
effective time it is the same comparison (``diff_views``) of the two ``as_in_force`` readings,
because the demo year, like any year entered late from paper, is recorded in minutes but in
force over months. Also the agreement lookup every time-travel page starts with: 404 for an
agreement never opened, 403 for one the viewer's grants do not cover.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import get
from litestar.params import QueryParameter
from litestar.response import Template

from commands.http.read_params import ApiDep, FiscalYear, UnitId, agreement_ref, moment
from commands.http.read_views import caught_up, holding, renamed, retrying
from commands.http.state import Api
from commands.web.access import scope_of
from commands.web.i18n import Table, Words
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal, refusal
from commands.web.session import Viewer
from ledger.domain.agreement import Agreement
from ledger.errors import InvalidInput, LedgerError
from projections.as_of import AsOf, as_in_force
from projections.diff import Change, diff_moments, diff_views
from projections.trail import TrailRow, read_trail

__all__ = [
    "DIFF_ROUTES",
    "Basis",
    "OptionalText",
    "basis_of",
    "readable_agreement",
    "shown",
    "term",
]

Basis = Literal["recorded", "effective"]
# Checked by ``moment`` and ``basis_of``, so a bad one is refused on the page, in its words.
OptionalText = Annotated[str | None, QueryParameter(required=False)]
FromText = Annotated[str | None, QueryParameter(name="from", required=False)]
ToText = Annotated[str | None, QueryParameter(name="to", required=False)]
_BASIS_RULE = (
    "อ่านตามเวลาบันทึก (recorded: ตามที่บัญชีบันทึกไว้ ณ เวลานั้น) "
    "หรือเวลามีผล (effective: ตามที่มีผลบังคับ ณ เวลานั้น)",
    "basis is recorded (as the ledger stood then) or effective (as in force then)",
)

LABELS: Table = {
    "title": ("การเปลี่ยนแปลงระหว่างสองช่วงเวลา", "What changed between two moments"),
    "from": ("ตั้งแต่", "From"),
    "to": ("ถึง", "To"),
    "moment_help": (
        "เช่น 30/04/2557, 2557-04-30 หรือ 2014-04-30T09:15+07:00 (วันที่อย่างเดียวหมายถึงสิ้นวัน)",
        "e.g. 30/04/2557, 2557-04-30 or 2014-04-30T09:15+07:00 (a date alone: end of that day)",
    ),
    "basis": ("อ่านตาม", "Read by"),
    "basis_recorded": (
        "ตามที่บัญชีบันทึกไว้ ณ เวลานั้น (เวลาบันทึก)",
        "As the ledger stood then (recorded time)",
    ),
    "basis_effective": ("ตามที่มีผลบังคับ ณ เวลานั้น (เวลามีผล)", "As in force then (effective time)"),
    "compare": ("เปรียบเทียบ", "Compare"),
    "agreement": ("คำรับรอง", "Agreement"),
    "version": ("ฉบับที่", "version"),
    "changes": ("สิ่งที่เปลี่ยนแปลง", "What changed"),
    "subject": ("รายการ", "Subject"),
    "what": ("ข้อมูล", "Field"),
    "before": ("ก่อน", "Before"),
    "after": ("หลัง", "After"),
    "no_changes": ("ไม่มีความแตกต่าง", "No differences"),
    "events": ("เหตุการณ์ระหว่างสองช่วงเวลา", "Events in between"),
    "position": ("ลำดับในบันทึก", "Log position"),
    "event": ("เหตุการณ์", "Event"),
    "recorded": ("เวลาบันทึก", "Recorded"),
    "effective": ("เวลามีผล", "Effective"),
    "actor": ("ผู้ดำเนินการ", "Actor"),
    "kpis": ("ตัวชี้วัด", "KPIs"),
    "ask": ("ระบุสองช่วงเวลาเพื่อดูว่ามีอะไรเปลี่ยนแปลง", "Give two moments to see what changed"),
    "both_needed": ("ต้องระบุทั้งสองช่วงเวลา (ตั้งแต่ และ ถึง)", "both moments (from and to) are needed"),
    # Words inside the diff's subjects and the fields it compares.
    "word:KPI": ("ตัวชี้วัด", "KPI"),
    "word:request": ("คำขอ", "request"),
    "word:round": ("รอบ", "round"),
    "word:appeal": ("อุทธรณ์", "appeal"),
    "field:status": ("สถานะ", "status"),
    "field:thresholds": ("เกณฑ์การให้คะแนน", "thresholds"),
    "field:weight": ("น้ำหนัก", "weight"),
    "field:direction": ("ทิศทาง", "direction"),
    "field:title_th": ("ชื่อ (ไทย)", "title (Thai)"),
    "field:title_en": ("ชื่อ (อังกฤษ)", "title (English)"),
    "field:baseline": ("ค่าฐาน", "baseline"),
    "field:reported_actual": ("ผลที่รายงาน", "reported result"),
    "field:verified_actual": ("ผลที่ผู้ประเมินตรวจสอบ", "verified result"),
    "field:score": ("คะแนน", "score"),
    "field:weighted_score": ("คะแนนถ่วงน้ำหนัก", "weighted score"),
    "field:composite": ("คะแนนรวม", "composite"),
    "field:composite_before_penalties": ("คะแนนรวมก่อนหักคะแนน", "composite before penalties"),
    "field:penalties": ("การหักคะแนน", "penalties"),
    "field:band_th": ("ระดับผล (ไทย)", "band (Thai)"),
    "field:band_en": ("ระดับผล (อังกฤษ)", "band (English)"),
    "field:adjusted": ("ปรับคะแนนแล้ว", "score adjusted"),
    "value:open": ("รอพิจารณา", "open"),
    "value:approved": ("อนุมัติ", "approved"),
    "value:approved_with_amendments": ("อนุมัติโดยมีการแก้ไข", "approved with amendments"),
    "value:rejected": ("ไม่อนุมัติ", "rejected"),
    "value:proposed": ("เสนอ", "proposed"),
    "value:accepted": ("ตกลงแล้ว", "accepted"),
    "value:cancelled": ("ยกเลิก", "cancelled"),
    "value:upheld": ("ยอมรับคำอุทธรณ์", "upheld"),
    "value:partly_upheld": ("ยอมรับคำอุทธรณ์บางส่วน", "partly upheld"),
    "value:higher": ("ยิ่งสูงยิ่งดี", "higher is better"),
    "value:lower": ("ยิ่งต่ำยิ่งดี", "lower is better"),
}


def term(words: Words, key: str) -> str:
    """The label of ``key`` ("outcome:approved"), or the raw value after the prefix when no
    table has it (a new code still shows, as recorded)."""
    try:
        return words(key)
    except KeyError:
        return key.split(":", 1)[-1]


def shown(words: Words, value: Any) -> str:
    """A value of a diff (JSON-ready: text, numbers as text, lists, maps) as a reader reads
    it, never a Python repr."""
    if value is None or value in ([], (), {}):
        return "—"
    if isinstance(value, bool):
        return words("yes") if value else words("no")
    if isinstance(value, str):
        return term(words, f"value:{value}")
    if isinstance(value, list | tuple):
        return " / ".join(shown(words, v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {shown(words, v)}" for k, v in value.items())
    return str(value)


def basis_of(text: str | None, default: Basis, words: Words) -> Basis:
    """The ``basis`` query as chosen; InvalidInput naming it for anything else."""
    if text in (None, ""):
        return default
    if text == "recorded":
        return "recorded"
    if text == "effective":
        return "effective"
    raise InvalidInput(f"unknown basis {text[:32]!r}", field="basis", rule=words.pick(*_BASIS_RULE))


def readable_agreement(api: Api, viewer: Viewer, unit_id: str, fiscal_year: int) -> Agreement:
    """The agreement now; NotFound (404) if never opened, NotAllowed (403) unless the viewer's
    grants cover it."""
    state = api.context.app.agreement(agreement_ref(unit_id, fiscal_year))
    viewer.reader.require_read(scope_of(state.unit_id, state.framework_id, state.fiscal_year))
    return state


class DiffRow(msgspec.Struct, frozen=True, kw_only=True):
    """One change in the reader's words."""

    subject: str
    field: str
    before: str
    after: str


class Compared(msgspec.Struct, frozen=True, kw_only=True):
    """The two readings, what differs between them, and the events in between."""

    before: AsOf
    after: AsOf
    changes: tuple[Change, ...]
    events: tuple[TrailRow, ...]


def rows_of(words: Words, changes: tuple[Change, ...]) -> list[DiffRow]:
    """The changes as rows: subjects and fields in the reader's language, values as text."""
    return [
        DiffRow(
            subject=" ".join(term(words, f"word:{part}") for part in c.subject.split(" ")),
            field=term(words, f"field:{c.field}"),
            before=shown(words, c.before),
            after=shown(words, c.after),
        )
        for c in changes
    ]


def _by_recorded(api: Api, ref: str, first: datetime, second: datetime) -> Compared:
    with holding(api, "versions") as index:
        found = diff_moments(api.context.app, index, ref, first, second, api.context.framework)
    return Compared(
        before=found.before, after=found.after, changes=found.changes, events=found.events_between
    )


def _by_effective(api: Api, ref: str, first: datetime, second: datetime) -> Compared:
    first, second = sorted((first, second))
    app, frameworks = api.context.app, api.context.framework
    before = as_in_force(app, ref, first, frameworks)
    after = as_in_force(app, ref, second, frameworks)
    with caught_up(api, "trail").view.reading() as docs:
        events = tuple(row for row in read_trail(docs, ref) if first < row.effective_at <= second)
    return Compared(
        before=before, after=after, changes=tuple(diff_views(before, after)), events=events
    )


def compare(api: Api, ref: str, first: datetime, second: datetime, basis: Basis) -> Compared:
    """The agreement at both moments (in either order), what differs, and the events in
    between: recorded between the moments, or taking effect between them."""
    read = _by_recorded if basis == "recorded" else _by_effective
    with renamed({"TIME": "from", "AGREEMENT": "agreement"}):
        return retrying(lambda: read(api, ref, first, second))


@get("/agreements/{unit_id:str}/{fiscal_year:int}/diff", sync_to_thread=True)
def diff_page(
    api: ApiDep,
    viewer: ViewerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    first: FromText = None,
    second: ToText = None,
    basis: OptionalText = None,
) -> Template:
    state = readable_agreement(api, viewer, unit_id, fiscal_year)
    words = Words(viewer.language, LABELS)
    shown_basis: str = basis or "recorded"
    result: Compared | None = None
    refused: Refusal | None = None
    try:
        chosen = basis_of(basis, "recorded", words)
        if first or second:
            if not first or not second:
                missing = "from" if not first else "to"
                raise InvalidInput(f"{missing} is empty", field=missing, rule=words("both_needed"))
            start, end = moment(first, "from"), moment(second, "to")
            result = compare(api, state.agreement_ref, start, end, chosen)
    except LedgerError as error:
        refused = refusal(error, words)
    return page(
        viewer,
        "diff.html",
        LABELS,
        status=refused.status if refused else 200,
        agreement=state,
        typed={"from": first or "", "to": second or "", "basis": shown_basis},
        result=result,
        rows=rows_of(words, result.changes) if result else [],
        refusal=refused,
    )


DIFF_ROUTES: list[Any] = [diff_page]
