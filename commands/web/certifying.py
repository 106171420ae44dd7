"""OPDC (or an oversight committee, through its secretariat) certifies a round's scores,
seeing first the round's table as the ``scores`` view has it (each KPI's reported and
verified value, score and weighted score, the penalties, the composite and its band), the
same table ``ledger scores`` and the API show. The ``certify_scores`` handler computes the
certified composite itself and refuses a round with a scored KPI not yet assessed.

The form offers the rounds with assessments that are not certified, or are due to be
certified again after a score adjustment.
"""

from __future__ import annotations

from collections.abc import Mapping

from litestar import get, post
from litestar.response import Redirect, Template

from commands.http.read_params import FiscalYear, IdQuery, SealerDep, UnitId
from commands.http.read_views import caught_up
from commands.web import acting
from commands.web.acting import Act, Form, Opened
from commands.web.forms import fresh_command_id, submit, text
from commands.web.i18n import Table
from commands.web.pages import ViewerDep
from commands.web.refusals import Refusal
from commands.web.report_forms import LABELS as SHARED
from commands.web.report_forms import RoundForm, chosen_round, round_page
from commands.web.session import Viewer
from ledger.frameworks.model import Round
from projections.current_scores import read_scores
from projections.scores import RoundScores

__all__ = ["CERTIFYING_ROUTES"]

LABELS: Table = {
    **SHARED,
    "title": ("รับรองผลคะแนน", "Certify a round's scores"),
    "scores": ("ผลคะแนนของรอบนี้ก่อนการรับรอง", "The round's scores before certifying"),
    "status": ("สถานะ", "Status"),
    "monitor": ("ติดตามเท่านั้น", "monitored only"),
    "before_penalties": ("คะแนนรวมก่อนหักคะแนน", "Composite before penalties"),
    "penalties": ("การหักคะแนน", "Penalties"),
    "composite": ("คะแนนรวม", "Composite"),
    "band": ("ระดับผล", "Band"),
    "no_scores": ("ยังไม่มีคะแนนของรอบนี้", "The round has no scores yet"),
    "certify": ("รับรองผลคะแนนรอบนี้", "Certify this round"),
}
_CERTIFY = "/agreements/{unit_id:str}/{fiscal_year:int}/certify"
_ACT = Act("certify_scores", ("opdc", "oversight_committee"), "certify a round's scores")


_FORM = RoundForm("certify_form.html", LABELS, _ACT, "certify")


def _offered(opened: Opened) -> list[Round]:
    """Rounds assessed and not certified (or due again after an adjustment)."""
    agreement = opened.loaded.agreement
    return [
        r
        for r in opened.rounds
        if agreement.round(r.id).assessments and not agreement.round(r.id).certified
    ]


def _scores(viewer: Viewer, opened: Opened, round_: Round | None) -> RoundScores | None:
    if round_ is None:
        return None
    with caught_up(viewer.api, "scores").view.reading() as docs:
        tables = read_scores(docs, agreement=opened.ref, round_id=round_.id)
    return tables[0] if tables else None


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
        scores=_scores(viewer, opened, round_),
    )


@get(_CERTIFY, sync_to_thread=True)
def certify_form(
    viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear, round_id: IdQuery = None
) -> Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    return _form(viewer, opened, round_id, {"command_id": fresh_command_id()})


@post(_CERTIFY, sync_to_thread=True, status_code=303)
def certify_scores(
    viewer: ViewerDep, sealer: SealerDep, unit_id: UnitId, fiscal_year: FiscalYear, data: Form
) -> Redirect | Template:
    opened = acting.open_agreement(viewer, unit_id, fiscal_year)
    actors = acting.offered_actors(viewer, opened, _ACT)
    wanted = text(data, "round_id")
    outcome = submit(
        viewer, sealer, lambda: acting.command(_ACT, data, opened, actors, round_id=wanted)
    )
    return acting.respond(
        outcome, opened, _ACT, data, lambda kept, why: _form(viewer, opened, wanted, kept, why)
    )


CERTIFYING_ROUTES = [certify_form, certify_scores]
