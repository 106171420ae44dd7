"""An independent evaluator records the values it verified for a round, beside the values the
unit reported: one verified value (and a note) per reported KPI, empty for one not verified
yet. The ``record_assessment`` handler scores them under the criteria in force.

The form offers the rounds with results filed and not yet certified (a certified round
changes only through an appeal), and the KPIs the unit reported itself (a joint KPI's one
result is verified once, with its host).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from commands.http.read_params import FiscalYear, IdQuery, SealerDep, UnitId
from commands.web import acting
from commands.web.acting import Act, Form, Opened
from commands.web.form_fields import number
from commands.web.forms import fresh_command_id, submit, text
from commands.web.i18n import Table
from commands.web.pages import ViewerDep
from commands.web.refusals import Refusal
from commands.web.report_forms import LABELS as SHARED
from commands.web.report_forms import RoundForm, chosen_round, round_page, scored_here
from commands.web.session import Viewer
from ledger.domain.agreement import KpiState
from ledger.domain.values import Actor
from ledger.frameworks.model import Round

__all__ = ["ASSESSING_ROUTES"]

LABELS: Table = {
    **SHARED,
    "title": ("บันทึกผลการตรวจสอบของผู้ประเมินอิสระ", "Record the evaluator's verified values"),
    "verified_now": ("ผลที่ตรวจสอบแล้ว", "Verified value"),
    "notes": ("หมายเหตุ", "Notes"),
    "values_help": (
        "เว้นว่างตัวชี้วัดที่ยังไม่ได้ตรวจสอบ ใช้จุดทศนิยม เช่น 104.5",
        "Leave a KPI empty if it is not verified yet; use a decimal point, as in 104.5",
    ),
    "before": ("ตรวจสอบไว้ก่อนแล้ว", "Verified before"),
    "record": ("บันทึกผลการตรวจสอบ", "Record the verified values"),
    "nothing_filed": ("ยังไม่มีผลที่หน่วยงานรายงานในรอบนี้", "Nothing is reported in this round"),
}
_ASSESSMENT = "/agreements/{unit_id:str}/{fiscal_year:int}/assessment"
_ACT = Act("record_assessment", ("independent_evaluator",), "record an evaluator's assessment")


_FORM = RoundForm("assessment_form.html", LABELS, _ACT, "assessment")


def _offered(opened: Opened) -> list[Round]:
    """Rounds with results filed that are not certified."""
    agreement = opened.loaded.agreement
    return [
        r
        for r in opened.rounds
        if agreement.round(r.id).results and agreement.round(r.id).certified_composite is None
    ]


def _reported(opened: Opened, round_: Round | None) -> list[KpiState]:
    """The KPIs of the round the unit reported a value for itself."""
    if round_ is None:
        return []
    filed = opened.loaded.agreement.round(round_.id).results
    return [k for k in scored_here(opened, round_) if k.kpi_id in filed]


def _form(
    viewer: Viewer,
    opened: Opened,
    wanted: str | None,
    values: Mapping[str, str],
    refusal: Refusal | None = None,
) -> Template:
    offered = _offered(opened)
    round_ = chosen_round(opened, wanted, offered)
    return round_page(
        viewer,
        _FORM,
        opened,
        offered,
        round_,
        values,
        refusal,
        state=opened.loaded.agreement.round(round_.id) if round_ else None,
        kpis=_reported(opened, round_),
    )


@get(_ASSESSMENT, sync_to_thread=True)
def assessment_form(
    viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear, round_id: IdQuery = None
) -> Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    return _form(viewer, opened, round_id, {"command_id": fresh_command_id()})


@post(_ASSESSMENT, sync_to_thread=True, status_code=303)
def record_assessment(
    viewer: ViewerDep, sealer: SealerDep, unit_id: UnitId, fiscal_year: FiscalYear, data: Form
) -> Redirect | Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    wanted = text(data, "round_id")
    outcome = submit(viewer, sealer, lambda: _command(opened, actors, data, wanted))
    return acting.respond(
        outcome, opened, _ACT, data, lambda kept, why: _form(viewer, opened, wanted, kept, why)
    )


def _command(
    opened: Opened, actors: list[Actor], form: Mapping[str, Any], round_id: str
) -> dict[str, Any]:
    round_ = next((r for r in opened.rounds if r.id == round_id), None)
    assessments = []
    for kpi in _reported(opened, round_):
        value = number(form, f"verified-{kpi.kpi_id}", kpi.kpi_id)
        if value is not None:
            notes = text(form, f"notes-{kpi.kpi_id}")
            assessments.append({"kpi_id": kpi.kpi_id, "verified_actual": value, "notes": notes})
    return acting.command(_ACT, form, opened, actors, round_id=round_id, assessments=assessments)


ASSESSING_ROUTES = [assessment_form, record_assessment]
