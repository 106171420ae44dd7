"""The agreements of a year: each with its unit, level, framework, whether it is signed, and
the composite and band of its latest scored round; filtered by year, unit, level and
framework, and only those the viewer's grants cover."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import get
from litestar.params import QueryParameter
from litestar.response import Template

from commands.http.read_params import ApiDep
from commands.http.read_views import caught_up
from commands.web.access import may_read, scope_of
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from ledger.domain.agreement import Agreement
from ledger.domain.unit import Unit
from projections.current_scores import stream_scores
from projections.scores import RoundScores

__all__ = ["AGREEMENT_LIST_ROUTES", "Listed"]

LABELS: Table = {
    "title": ("คำรับรองการปฏิบัติราชการ", "Performance agreements"),
    "year": ("ปีงบประมาณ", "Fiscal year"),
    "unit": ("หน่วยงาน", "Unit"),
    "level": ("ระดับ", "Level"),
    "framework": ("กรอบการประเมิน", "Framework"),
    "any": ("ทั้งหมด", "Any"),
    "signed": ("ลงนามแล้ว", "Signed"),
    "kpis": ("ตัวชี้วัด", "KPIs"),
    "round": ("รอบล่าสุด", "Latest round"),
    "composite": ("คะแนนรวม", "Composite"),
    "band": ("ระดับผล", "Band"),
    "status": ("สถานะ", "Status"),
    "filter": ("กรอง", "Filter"),
    "nothing": ("ไม่มีคำรับรองที่ท่านมีสิทธิ์ดูตามเงื่อนไขนี้", "No agreement you may see matches these filters"),
}
Filter = Annotated[str | None, QueryParameter(max_length=64, required=False)]
YearFilter = Annotated[int | None, QueryParameter(ge=2400, le=2999, required=False)]


class Listed(msgspec.Struct, frozen=True, kw_only=True):
    agreement: Agreement
    unit: Unit | None
    latest: RoundScores | None


@get("/agreements", sync_to_thread=True)
def agreement_list(
    api: ApiDep,
    viewer: ViewerDep,
    year: YearFilter = None,
    unit: Filter = None,
    level: Filter = None,
    framework: Filter = None,
) -> Template:
    with caught_up(api, "scores").view.reading() as docs:
        units = {u.unit_id: u for _, u in docs.scan("unit", Unit)}
        readable = [
            state
            for _, state in docs.scan("agreement", Agreement)
            if may_read(viewer, scope_of(state.unit_id, state.framework_id, state.fiscal_year))
        ]
        shown = [
            s
            for s in readable
            if (year is None or s.fiscal_year == year)
            and (not unit or s.unit_id == unit)
            and (not framework or s.framework_id == framework)
            and (not level or (s.unit_id in units and units[s.unit_id].level == level))
        ]
        latest: dict[str, RoundScores] = {}
        for state in shown:
            for table in stream_scores(docs, agreement=state.agreement_ref):
                latest[state.agreement_ref] = table
    rows = [
        Listed(agreement=s, unit=units.get(s.unit_id), latest=latest.get(s.agreement_ref))
        for s in sorted(shown, key=lambda s: (s.fiscal_year, s.unit_id))
    ]
    return page(
        viewer,
        "agreement_list.html",
        LABELS,
        rows=rows,
        years=sorted({s.fiscal_year for s in readable}),
        units=sorted({s.unit_id for s in readable}),
        levels=sorted({units[s.unit_id].level for s in readable if s.unit_id in units}),
        frameworks=sorted({s.framework_id for s in readable}),
        chosen={"year": year, "unit": unit, "level": level, "framework": framework},
        unit_names={u: units[u] for u in units},
    )


AGREEMENT_LIST_ROUTES = [agreement_list]
