"""The Excel workbook as a download from the web pages: what ``ledger export-xlsx`` writes,
built by the same function (``commands.reports.xlsx_export``), holding only the agreements
the signed-in user's grants in force cover (a unit's office: its own unit's).

The workbook is written whole into a scratch file before the answer starts, so a refusal (a
filter the ledger does not know, a unit outside the reader's grants) is an error page, never
a half-sent file; the file is sent a chunk at a time and is gone once it is closed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Annotated

from litestar import get
from litestar.params import QueryParameter
from litestar.response import Stream

from commands.http.read_params import ApiDep
from commands.http.read_views import caught_up
from commands.reports.selection import Selection
from commands.reports.xlsx_export import About, export_workbook
from commands.web.access import scope_of
from commands.web.pages import ViewerDep
from commands.web.readable import frameworks, reach
from commands.web.session import Viewer
from ledger.bounds import ID, check_text
from ledger.errors import NotAllowed
from ledger.thaidate import utc_now

__all__ = ["DOWNLOAD_ROUTES", "XLSX_TYPE", "workbook_name"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RULE = "an export holds only agreements the reader's grants in force cover"
_CHUNK = 64 * 1024
Text = Annotated[str | None, QueryParameter(max_length=64, required=False)]
Year = Annotated[int | None, QueryParameter(ge=2400, le=2999, required=False)]
RoundQuery = Annotated[str | None, QueryParameter(name="round", max_length=64, required=False)]


def workbook_name(year: int | None, round_id: str | None, unit: str | None) -> str:
    """The file name the download suggests: what it holds, after ``ledger``.

    >>> workbook_name(2557, None, "TH-81"), workbook_name(None, None, None)
    ('ledger-2557-TH-81.xlsx', 'ledger.xlsx')
    """
    parts = ["ledger", *(str(p) for p in (year, unit, round_id) if p is not None)]
    return "-".join(parts) + ".xlsx"


def _selection(
    viewer: Viewer, year: int | None, round_id: str | None, unit: str | None
) -> Selection:
    """The reader's filters within its grants. InvalidInput (400) for a unit that is not an
    id; NotAllowed (403) for a reader holding no grant in force, or asking for a unit its
    grants do not reach."""
    if not viewer.user.grants_in_force(viewer.now):
        raise NotAllowed(
            f"user {viewer.user_id!r} holds no grant in force", field="user", rule=_RULE
        )
    if unit:
        check_text(ID, unit, "unit")  # a malformed unit is a 400 for every reader
    limited = reach(viewer)
    if unit and limited is not None and unit not in limited:
        raise NotAllowed(
            f"user {viewer.user_id!r} holds no grant covering unit {unit!r}",
            field="unit",
            rule=_RULE,
            expected=", ".join(sorted(limited)),
        )

    # Each agreement is asked about once per sheet: the answer is kept per scope.
    @lru_cache(maxsize=4096)
    def readable(unit_id: str, framework_id: str, fiscal_year: int) -> bool:
        return viewer.reader.may_read(scope_of(unit_id, framework_id, fiscal_year))

    return Selection(
        year=year, round_id=round_id, unit=unit or None, units=limited, readable=readable, flag=""
    )


def _chunks(handle: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := handle.read(_CHUNK):
            yield chunk
    finally:
        handle.close()


@get("/reports/ledger.xlsx", sync_to_thread=True)
def workbook_download(
    api: ApiDep,
    viewer: ViewerDep,
    year: Year = None,
    round_id: RoundQuery = None,
    unit: Text = None,
) -> Stream:
    """The workbook of what the viewer may read, filtered by ``year``, ``round`` and
    ``unit``. 400 naming the field for a year, round or unit the ledger does not know (404
    for a unit never registered), 403 outside the viewer's grants."""
    selection = _selection(viewer, year, round_id, unit)
    about = About(
        exported_at=utc_now(),
        log_head=api.context.app.head(),
        demo_scenario=api.demo_scenario(),
        reader=viewer.user_id,
    )
    descriptor, name = tempfile.mkstemp(prefix="ledger-export-", suffix=".xlsx")
    os.close(descriptor)
    scratch = Path(name)
    try:
        export_workbook(
            scratch,
            lambda view: caught_up(api, view).view.reading(),
            selection,
            frameworks(api),
            about,
        )
        handle = scratch.open("rb")
        size = os.fstat(handle.fileno()).st_size
    finally:
        # Open or not, the name goes: the open handle keeps the bytes until it is closed.
        scratch.unlink(missing_ok=True)
    return Stream(
        _chunks(handle),
        media_type=XLSX_TYPE,
        headers={
            "Content-Length": str(size),
            "Content-Disposition": (
                f'attachment; filename="{workbook_name(year, selection.round_id, unit or None)}"'
            ),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


DOWNLOAD_ROUTES = [workbook_download]
