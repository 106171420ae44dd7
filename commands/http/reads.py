"""GET routes over the agreements: the list, one agreement, its scores, its history, its
rule-1 audit and (``read_what_if``) the what-if of an open change request. Each is a thin call
to the projection or plain function the matching ``ledger`` read command uses, and answers the
same JSON that command's ``--json`` prints (decimals as strings, times ISO 8601).
``READ_ROUTES`` gathers every read route of the API.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Router, get
from litestar.types import ControllerRouterHandler

from commands.http.errors import ERROR_RESPONSES
from commands.http.read_access import READER, ReaderDep, readable, readable_meta, scoped
from commands.http.read_integrity import INTEGRITY_ROUTES
from commands.http.read_params import (
    ApiDep,
    FiscalYear,
    IdQuery,
    UnitId,
    agreement_ref,
    checked,
)
from commands.http.read_registers import REGISTER_ROUTES
from commands.http.read_time import TIME_ROUTES
from commands.http.read_views import caught_up
from commands.http.read_what_if import WHAT_IF_ROUTES
from ledger.bounds import ID
from ledger.domain.agreement import Agreement
from ledger.domain.identity.access import Scope
from ledger.domain.unit import Unit
from ledger.errors import NotFound
from projections.audit import AgreementAudit
from projections.current_scores import read_scores
from projections.integrity import read_integrity
from projections.scores import RoundScores
from projections.trail import TrailRow, read_trail

__all__ = ["READ_ROUTES", "AgreementSummary"]

_AGREEMENT = "/agreements/{unit_id:str}/{fiscal_year:int}"


class AgreementSummary(msgspec.Struct, frozen=True, kw_only=True):
    """One agreement as the list shows it: its reference, unit, year, framework and whether
    it is signed."""

    agreement: str
    unit_id: str
    unit_name_th: str
    unit_name_en: str
    fiscal_year: int
    framework_id: str
    version: int
    signed: bool
    kpis: int


def _scope(item: Agreement | RoundScores) -> Scope:
    """The scope an agreement's state, or one of its score tables, carries itself."""
    return Scope(unit_id=item.unit_id, framework_id=item.framework_id, fiscal_year=item.fiscal_year)


@get(
    "/agreements",
    sync_to_thread=True,
    summary="Every agreement",
    tags=["agreements"],
    responses=ERROR_RESPONSES,
)
def agreements(api: ApiDep, reader: ReaderDep) -> list[AgreementSummary]:
    """Every agreement the ledger has opened that the reader may read, by reference (from
    the ``scores`` view, which keeps each agreement's state and its unit)."""
    with caught_up(api, "scores").view.reading() as docs:
        states = [state for _, state in docs.scan("agreement", Agreement)]
        units = {unit.unit_id: unit for _, unit in docs.scan("unit", Unit)}
    return sorted(
        (
            AgreementSummary(
                agreement=s.agreement_ref,
                unit_id=s.unit_id,
                unit_name_th=units[s.unit_id].name_th if s.unit_id in units else "",
                unit_name_en=units[s.unit_id].name_en if s.unit_id in units else "",
                fiscal_year=s.fiscal_year,
                framework_id=s.framework_id,
                version=s.version,
                signed=s.signed,
                kpis=len(s.kpis),
            )
            for s in scoped(reader, states, _scope)
        ),
        key=lambda summary: summary.agreement,
    )


@get(
    _AGREEMENT,
    sync_to_thread=True,
    summary="One agreement as it stands",
    tags=["agreements"],
    responses=ERROR_RESPONSES,
)
def agreement(
    api: ApiDep, reader: ReaderDep, unit_id: UnitId, fiscal_year: FiscalYear
) -> Agreement:
    """The agreement now: its KPIs and their terms, rounds, requests, appeals and signatories
    (``ledger show --json``). 404 when it was never opened."""
    return api.context.app.agreement(
        readable_meta(api, reader, agreement_ref(unit_id, fiscal_year)).ref
    )


@get(
    f"{_AGREEMENT}/scores",
    sync_to_thread=True,
    summary="Scores per round",
    tags=["scores"],
    responses=ERROR_RESPONSES,
)
def agreement_scores(
    api: ApiDep,
    reader: ReaderDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    round_id: IdQuery = None,
) -> list[RoundScores]:
    """Each round's table: every KPI's actual, score, weight and weighted score, the composite
    and its band (``ledger scores AGREEMENT --json``); ``round_id`` keeps one round."""
    ref = readable_meta(api, reader, agreement_ref(unit_id, fiscal_year)).ref
    wanted = None if round_id is None else checked(round_id, ID, "round_id")
    with caught_up(api, "scores").view.reading() as docs:
        return read_scores(docs, agreement=ref, round_id=wanted)


@get(
    "/scores",
    sync_to_thread=True,
    summary="Scores of every agreement",
    tags=["scores"],
    responses=ERROR_RESPONSES,
)
def all_scores(api: ApiDep, reader: ReaderDep, round_id: IdQuery = None) -> list[RoundScores]:
    """The round tables of every agreement the reader may read (``ledger scores --json``);
    ``round_id`` keeps one round."""
    wanted = None if round_id is None else checked(round_id, ID, "round_id")
    with caught_up(api, "scores").view.reading() as docs:
        found = read_scores(docs, round_id=wanted)
    return scoped(reader, found, _scope)


@get(
    f"{_AGREEMENT}/history",
    sync_to_thread=True,
    summary="History",
    tags=["agreements"],
    responses=ERROR_RESPONSES,
)
def history(
    api: ApiDep,
    reader: ReaderDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    kpi_id: IdQuery = None,
) -> list[TrailRow]:
    """Every event of the agreement (or of one ``kpi_id``) in log order, with its log position
    and its recorded and effective times (``ledger history --json``)."""
    ref = readable_meta(api, reader, agreement_ref(unit_id, fiscal_year)).ref
    kpi = None if kpi_id is None else checked(kpi_id, ID, "kpi_id")
    with caught_up(api, "trail").view.reading() as docs:
        return read_trail(docs, ref, kpi)


@get(
    f"{_AGREEMENT}/audit",
    sync_to_thread=True,
    summary="Rule-1 audit",
    tags=["audit"],
    responses=ERROR_RESPONSES,
)
def audit(
    api: ApiDep, reader: ReaderDep, unit_id: UnitId, fiscal_year: FiscalYear
) -> AgreementAudit:
    """Every version of every KPI's target with the results known when it was set, the change
    requests, refused attempts and the verdict (``ledger audit AGREEMENT --json``)."""
    ref = readable_meta(api, reader, agreement_ref(unit_id, fiscal_year)).ref
    with caught_up(api, "integrity").view.reading() as docs:
        reports = read_integrity(docs, ref)
    if not reports:
        raise NotFound(
            f"no agreement {ref!r}", field="agreement", rule="agreement must be opened first"
        )
    return reports[0]


@get(
    "/audit",
    sync_to_thread=True,
    summary="Rule-1 audit of every agreement",
    tags=["audit"],
    responses=ERROR_RESPONSES,
)
def audit_all(api: ApiDep, reader: ReaderDep) -> list[AgreementAudit]:
    """The audit of every agreement the reader may read (``ledger audit --all --json``)."""
    with caught_up(api, "integrity").view.reading() as docs:
        found = read_integrity(docs)
    return readable(api, reader, found, lambda report: report.agreement)


_AGREEMENT_ROUTES: list[Any] = [
    agreements,
    agreement,
    agreement_scores,
    all_scores,
    history,
    audit,
    audit_all,
]

READ_ROUTES: list[ControllerRouterHandler] = [
    Router(
        "/api",
        dependencies={"reader": READER},
        route_handlers=[
            *_AGREEMENT_ROUTES,
            *WHAT_IF_ROUTES,
            *TIME_ROUTES,
            *REGISTER_ROUTES,
            *INTEGRITY_ROUTES,
        ],
    ),
]
