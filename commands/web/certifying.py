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
from typing import Annotated, Any

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from commands.http.read_params import FiscalYear, IdQuery, SealerDep, UnitId
from commands.http.read_views import caught_up
from commands.web.forms import effective_at, fresh_command_id, submit, text
from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page
from commands.web.refusals import Refusal
from commands.web.report_forms import LABELS as SHARED
from commands.web.report_forms import (
    Opened,
    acting,
    actor_key,
    chosen_round,
    open_agreement,
    posted_actor,
    recorded,
)
from commands.web.session import Viewer
from ledger.domain.values import Role
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
_ROLES: tuple[Role, ...] = ("opdc", "oversight_committee")
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


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
    typed: Mapping[str, Any],
    refusal: Refusal | None = None,
) -> Template:
    offered = _offered(opened)
    round_ = chosen_round(opened, wanted, offered)
    return page(
        viewer,
        "certify_form.html",
        LABELS,
        status=refusal.status if refusal else 200,
        refusal=refusal,
        opened=opened,
        unit=opened.loaded.unit,
        actors=acting(viewer, opened, _ROLES),
        actor_key=actor_key,
        rounds=offered,
        round=round_,
        scores=_scores(viewer, opened, round_),
        typed=typed,
        command_id=fresh_command_id(),
    )


@get(_CERTIFY, sync_to_thread=True)
def certify_form(
    viewer: ViewerDep, unit_id: UnitId, fiscal_year: FiscalYear, round_id: IdQuery = None
) -> Template:
    opened = open_agreement(viewer, unit_id, fiscal_year)
    return _form(viewer, opened, round_id, {})


@post(_CERTIFY, sync_to_thread=True, status_code=303)
def certify_scores(
    viewer: ViewerDep, sealer: SealerDep, unit_id: UnitId, fiscal_year: FiscalYear, data: Form
) -> Redirect | Template:
    opened = open_agreement(viewer, unit_id, fiscal_year)
    acting(viewer, opened, _ROLES)
    wanted = text(data, "round_id")
    outcome = submit(
        viewer,
        sealer,
        lambda: {
            "type": "certify_scores",
            "actor": posted_actor(data),
            "agreement": opened.ref,
            "round_id": wanted,
            "effective_at": effective_at(data),
            "command_id": text(data, "command_id") or None,
        },
    )
    if outcome.refused is not None:
        return _form(viewer, opened, wanted, data, outcome.refused)
    return recorded(opened, "certify_scores")


CERTIFYING_ROUTES = [certify_form, certify_scores]
