"""The page of one agreement: its unit, framework and signatories; every KPI with its terms
and criteria in force, a chart of its results against its levels, and its flags; each round's
results, scores, penalties, composite and band; the joint KPIs it joins and its cascade
links; and the forms the viewer may use on it.

The numbers are the ``scores`` view's (``commands.web.agreement_data``), exactly as the API and
``ledger scores`` give them. A user whose grants do not cover the agreement gets a 403 page,
however the address was reached; an agreement never opened is a 404 page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import get
from litestar.params import QueryParameter
from litestar.response import Template

from commands.http.read_params import ApiDep, FiscalYear, UnitId, agreement_ref, known_agreement
from commands.web.access import actors_for, scope_of
from commands.web.agreement_data import AgreementFacts, gather, read_agreement_state
from commands.web.agreement_words import LABELS
from commands.web.chart import WORDS as CHART_WORDS
from commands.web.chart import ChartRound, kpi_chart, level_names
from commands.web.i18n import Words
from commands.web.pages import ViewerDep, page
from commands.web.session import Viewer
from ledger.domain.agreement import Agreement
from ledger.domain.identity.access import Scope
from ledger.domain.values import Role

__all__ = ["AGREEMENT_PAGE_ROUTES", "ActLink", "act_links"]

RecordedQuery = Annotated[
    str | None,
    QueryParameter(
        description="the command type a form just recorded (a notice is shown)",
        max_length=64,
        required=False,
    ),
]

# The forms of other pages: (label key, role the form needs, path under the agreement).
_FORMS: tuple[tuple[str, Role, str], ...] = (
    ("act_sar", "assessed_unit", "sar"),
    ("act_assessment", "independent_evaluator", "assessment"),
    ("act_change", "assessed_unit", "changes/new"),
    ("act_appeal", "assessed_unit", "appeals/new"),
    ("act_certify", "opdc", "certify"),
    ("act_import_kpis", "assessed_unit", "kpis/import"),
)


# Steps on an open request or appeal: (label key, roles that may take it, path, of which).
_PENDING: tuple[tuple[str, tuple[Role, ...], str], ...] = (
    ("act_decide_change", ("change_committee", "oversight_committee"), "changes/{}/decide"),
    ("act_decide_appeal", ("appeal_body",), "appeals/{}/decide"),
    ("act_adjust", ("appeal_body", "opdc"), "appeals/{}/adjust"),
)


@dataclass(frozen=True)
class ActLink:
    label: str
    href: str
    subject: str = ""


def act_links(viewer: Viewer, state: Agreement, scope: Scope, base: str) -> list[ActLink]:
    """The forms the viewer may use on the agreement (``actors_for`` finds someone it may
    act for in the role the form needs), then a step on each open change request, each open
    appeal and each upheld appeal whose score is not yet adjusted; the form itself checks
    again, as does the handler."""
    links = [
        ActLink(label=key, href=f"{base}/{path}")
        for key, role, path in _FORMS
        if actors_for(viewer, role, scope)
    ]
    waiting = {
        "act_decide_change": [r for r, q in state.requests.items() if q.status == "open"],
        "act_decide_appeal": [a for a, q in state.appeals.items() if q.status == "open"],
        "act_adjust": [
            a
            for a, q in state.appeals.items()
            if q.status in ("upheld", "partly_upheld") and not q.adjusted
        ],
    }
    for key, roles, path in _PENDING:
        if waiting[key] and any(actors_for(viewer, role, scope) for role in roles):
            links += [
                ActLink(label=key, href=f"{base}/{path.format(id_)}", subject=id_)
                for id_ in waiting[key]
            ]
    return links


def _charts(facts: AgreementFacts, words: Words) -> dict[str, str]:
    """One chart per KPI with a threshold or a result (the rest have nothing to draw)."""
    charts: dict[str, str] = {}
    for kpi in facts.kpis():
        rounds = [
            ChartRound(
                label=words.pick(round_.label_th, round_.label_en),
                reported=row.reported_actual if row else None,
                verified=row.verified_actual if row else None,
            )
            for round_, row in facts.results(kpi)
        ]
        svg = kpi_chart(
            chart_id=f"chart-{kpi.kpi_id}",
            title=f"{kpi.kpi_id} {words.pick(kpi.terms.title_th, kpi.terms.title_en)}",
            unit_of_measure=kpi.terms.unit_of_measure,
            direction=kpi.terms.direction,
            scoring=facts.framework.scoring,
            thresholds=facts.levels(kpi),
            rounds=rounds,
            language=words.language,
        )
        if svg is not None:
            charts[kpi.kpi_id] = svg
    return charts


def _agreement_path(ref: str) -> str:
    """``/agreements/UNIT/FY`` (and ``#kpi-ID``) of ``UNIT/FY`` or ``UNIT/FY#KPI``."""
    agreement, _, kpi_id = ref.partition("#")
    return f"/agreements/{agreement}" + (f"#kpi-{kpi_id}" if kpi_id else "")


@get("/agreements/{unit_id:str}/{fiscal_year:int}", sync_to_thread=True)
def agreement_page(
    api: ApiDep,
    viewer: ViewerDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    recorded: RecordedQuery = None,
) -> Template:
    ref = known_agreement(api, agreement_ref(unit_id, fiscal_year))
    state, unit = read_agreement_state(api, ref)
    scope = scope_of(state.unit_id, state.framework_id, state.fiscal_year)
    viewer.reader.require_read(scope)
    facts = gather(api, state, unit)
    base = f"/agreements/{state.unit_id}/{state.fiscal_year}"

    def readable(other: str) -> bool:
        """Whether the viewer may open another agreement of the same framework and year
        (a cascade's parent or child, a joint KPI's participant): linked only then."""
        unit_part = other.partition("#")[0].rpartition("/")[0]
        return viewer.reader.may_read(scope_of(unit_part, state.framework_id, state.fiscal_year))

    return page(
        viewer,
        "agreement.html",
        LABELS,
        facts=facts,
        base=base,
        acts=act_links(viewer, state, scope, base),
        charts=_charts(facts, Words(viewer.language, CHART_WORDS)),
        level_names=level_names(
            facts.framework.scoring, Words(viewer.language, CHART_WORDS), scores=False
        ),
        recorded=recorded,
        readable=readable,
        agreement_path=_agreement_path,
    )


AGREEMENT_PAGE_ROUTES = [agreement_page]
