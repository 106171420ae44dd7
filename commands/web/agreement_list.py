"""The agreements of a year: each with its unit, level, framework, whether it is signed, and
the composite and band of its latest scored round; filtered by year, unit, level and
framework, and only those the viewer's grants cover.

A page holds at most ``PAGE`` agreements and links to the next; it reads only the agreements
it shows (``readable.readable_page``), and its filter choices come from the framework
registry and the unit levels, never from the agreements themselves, so it costs the same
on a ledger of six agreements as on one of thousands. The unit is typed, not chosen from a
list of every unit.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import get
from litestar.params import QueryParameter
from litestar.response import Template

from commands.http.read_params import ApiDep
from commands.http.read_views import caught_up
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from commands.web.readable import LEVELS, PAGING, Wanted, frameworks, page_link, readable_page
from ledger.application import agreement_uuid
from ledger.domain.unit import Unit
from projections.current_scores import stream_scores
from projections.scores import RoundScores

__all__ = ["AGREEMENT_LIST_ROUTES", "PAGE", "Listed", "Summary"]

PAGE = 50
LABELS: Table = {
    "title": ("คำรับรองการปฏิบัติราชการ", "Performance agreements"),
    "year": ("ปีงบประมาณ", "Fiscal year"),
    "unit": ("หน่วยงาน", "Unit"),
    "unit_help": ("รหัสหน่วยงาน เช่น TH-81 (เว้นว่าง: ทุกหน่วยงาน)", "A unit id, as TH-81 (empty: any)"),
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
    **PAGING,
}
Filter = Annotated[str | None, QueryParameter(max_length=64, required=False)]
AfterQuery = Annotated[str | None, QueryParameter(max_length=69, required=False)]
YearFilter = Annotated[int | None, QueryParameter(ge=2400, le=2999, required=False)]


class Summary(msgspec.Struct, frozen=True, kw_only=True):
    """What a row shows of an agreement's stored state (``Agreement``), decoded without the
    rest (its KPIs' terms and results are skipped, not read)."""

    agreement_ref: str
    unit_id: str
    fiscal_year: int
    framework_id: str
    kpis: dict[str, msgspec.Raw] = {}
    signatories: tuple[msgspec.Raw, ...] = ()

    @property
    def signed(self) -> bool:
        return bool(self.signatories)


class Listed(msgspec.Struct, frozen=True, kw_only=True):
    agreement: Summary
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
    after: AfterQuery = None,
) -> Template:
    """One page of the agreements the viewer may read that match the filters; ``after``:
    the reference the previous page ended with. 400 naming the field for a unit that is
    not an id, a level or framework the ledger does not know, or a bad ``after``."""
    wanted = Wanted(year=year, unit=unit, level=level, framework=framework).checked(api)
    found = readable_page(viewer, wanted, after, PAGE)
    rows: list[Listed] = []
    with caught_up(api, "scores").view.reading() as docs:
        for meta in found.metas:
            state = docs.get("agreement", str(agreement_uuid(meta.ref)), Summary)
            if state is None:  # opened since the scores view was caught up
                continue
            tables = list(stream_scores(docs, agreement=meta.ref))
            unit_of = found.units.get(meta.unit_id)
            rows.append(
                Listed(agreement=state, unit=unit_of, latest=tables[-1] if tables else None)
            )
    chosen = {"year": year, "unit": unit or "", "level": level, "framework": framework}
    registry = frameworks(api)
    return page(
        viewer,
        "agreement_list.html",
        LABELS,
        rows=rows,
        years=sorted({f.fiscal_year for f in registry.values()}),
        levels=LEVELS,
        frameworks=sorted(registry),
        chosen=chosen,
        next_page=page_link("/agreements", found.after, **chosen) if found.after else None,
        first_page=page_link("/agreements", None, **chosen) if after else None,
    )


AGREEMENT_LIST_ROUTES = [agreement_list]
