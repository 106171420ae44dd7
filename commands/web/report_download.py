"""The printable report of one agreement as a PDF to download: the file ``ledger report
AGREEMENT --out FILE.pdf`` writes, from the same views, for a user whose grants cover the
agreement (403 for anyone else, however the address was reached; 404 for an agreement never
opened). Linked from the agreement's page.
"""

from __future__ import annotations

import logging

from litestar import Response, get

from commands.http.read_params import ApiDep, FiscalYear, SealerDep, UnitId, agreement_ref
from commands.http.read_views import caught_up
from commands.report_pdf.facts import gather_report
from commands.report_pdf.render import render_pdf
from commands.web.pages import ViewerDep
from commands.web.readable import required
from ledger.integrity.files import safe_file_name
from ledger.thaidate import utc_now

__all__ = ["REPORT_ROUTES"]

log = logging.getLogger("ledger.web")


@get("/agreements/{unit_id:str}/{fiscal_year:int}/report.pdf", sync_to_thread=True)
def report_download(
    api: ApiDep, sealer: SealerDep, viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear
) -> Response[bytes]:
    ref = agreement_ref(unit_id, fiscal_year)
    required(viewer, ref)
    facts = gather_report(
        ref,
        lambda name: caught_up(api, name).view.reading(),
        api.context.framework,
        sealer.log,
        demo_scenario=api.demo_scenario(),
        produced_at=utc_now(),
    )
    rendered = render_pdf(facts)
    if rendered.missing:
        # The reader gets the PDF; the operator learns a font is missing on this machine.
        shown = " ".join(f"U+{ord(c):04X}" for c in sorted(rendered.missing))
        log.warning("report %s: no installed font draws %s (install fonts-thai-tlwg)", ref, shown)
    return Response(
        rendered.pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="report-{safe_file_name(ref)}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )


REPORT_ROUTES = [report_download]
