"""Registers and watch lists over HTTP: the SAR register, the change-request register, early
warnings, cascade drift, the governor's rounds, joint KPIs and cascades (``ledger sar``,
``requests``, ``warnings``, ``governor``, ``joint``, ``cascade``). A register's optional
``agreement`` (``TH-81/2557``) the ledger never opened is a 404."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import get
from litestar.params import Parameter

from commands.http.errors import ERROR_RESPONSES
from commands.http.read_params import (
    AgreementQuery,
    ApiDep,
    FiscalYear,
    UnitId,
    agreement_ref,
    checked,
    judged_on,
    optional_agreement,
)
from commands.http.read_views import caught_up
from ledger.bounds import ID
from ledger.errors import NotFound
from projections.cascades import CascadeNode, CascadeTree, read_cascade, read_drifting
from projections.change_register import RegisterEntry, read_register
from projections.early_warning import KpiTrend, read_trends
from projections.head_evaluation import HeadRound, read_head_rounds
from projections.joints import JointEntry, JointView, participant_counts, read_joint, read_joints
from projections.sar_register import SarEntry, SarStatus, read_sar_register

__all__ = ["REGISTER_ROUTES", "JointLine", "SarLine"]


class SarLine(msgspec.Struct, frozen=True, kw_only=True):
    """A SAR register line: its status on the day asked about, and the entry it judges."""

    status: SarStatus
    entry: SarEntry


@get(
    "/registers/sar",
    sync_to_thread=True,
    summary="The SAR register",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def sar_register(
    api: ApiDep,
    agreement: AgreementQuery = None,
    today: Annotated[
        str | None,
        Parameter(description="judge missing SARs as of this date (ISO or BE); default today"),
    ] = None,
) -> list[SarLine]:
    """Per agreement and round: the due date and whether the SAR was filed, filed late (with
    its penalties), cancelled, missing or not yet due (``ledger sar --json``)."""
    ref = optional_agreement(api, agreement)
    day = judged_on(today)
    with caught_up(api, "sar").view.reading() as docs:
        entries = read_sar_register(docs, ref)
    return [SarLine(status=e.status(day), entry=e) for e in entries]


@get(
    "/registers/changes",
    sync_to_thread=True,
    summary="The change-request register",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def change_register(api: ApiDep, agreement: AgreementQuery = None) -> list[RegisterEntry]:
    """Every change request: kind, reason, window, decision, rule-1 flags and the attempts
    refused on it (``ledger requests --json``)."""
    ref = optional_agreement(api, agreement)
    with caught_up(api, "requests").view.reading() as docs:
        return read_register(docs, ref)


@get(
    "/warnings",
    sync_to_thread=True,
    summary="Early warnings",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def warnings(
    api: ApiDep,
    agreement: AgreementQuery = None,
    # Named as the query parameter, so a Litestar refusal names it too.
    all: Annotated[bool, Parameter(description="list the KPIs on track too")] = False,
) -> list[KpiTrend]:
    """KPIs whose latest result is off track against the target pro-rated to its round
    (``ledger warnings --json``); ``all=true`` lists those on track too."""
    ref = optional_agreement(api, agreement)
    with caught_up(api, "warnings").view.reading() as docs:
        return read_trends(docs, agreement=ref, only_off_track=not all)


@get(
    "/governor",
    sync_to_thread=True,
    summary="The governor's evaluation rounds",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def governor(api: ApiDep, agreement: AgreementQuery = None) -> list[HeadRound]:
    """The FY2568 provinces' governor rounds (``ledger governor --json``)."""
    ref = optional_agreement(api, agreement)
    with caught_up(api, "governor").view.reading() as docs:
        return read_head_rounds(docs, ref)


@get(
    "/warnings/drift",
    sync_to_thread=True,
    summary="Cascaded KPIs drifting from their parent",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def drift(api: ApiDep, agreement: AgreementQuery = None) -> list[CascadeNode]:
    """Cascaded KPIs whose parent's criteria changed since they last followed them, until
    their committee changes them in step or keeps them (``ledger warnings --json``'s
    ``drifting``)."""
    ref = optional_agreement(api, agreement)
    with caught_up(api, "cascades").view.reading() as docs:
        return read_drifting(docs, ref)


class JointLine(msgspec.Struct, frozen=True, kw_only=True):
    """A joint KPI and how many KPIs in force join it."""

    participants: int
    joint: JointEntry


@get(
    "/joints",
    sync_to_thread=True,
    summary="Joint KPIs",
    tags=["joint KPIs"],
    responses=ERROR_RESPONSES,
)
def joints(api: ApiDep) -> list[JointLine]:
    """Every joint KPI: measure, host, shared result per round, appeals, and how many KPIs
    in force join it (``ledger joint list --json``)."""
    with caught_up(api, "joints").view.reading() as docs:
        counts = participant_counts(docs)
        return [
            JointLine(participants=counts.get(e.joint_id, 0), joint=e) for e in read_joints(docs)
        ]


@get(
    "/joints/{joint_id:str}",
    sync_to_thread=True,
    summary="A joint KPI",
    tags=["joint KPIs"],
    responses=ERROR_RESPONSES,
)
def joint(api: ApiDep, joint_id: UnitId) -> JointView:
    """A joint KPI with its participants (agreement, KPI, weight, criteria) and per round
    the filed, verified and adjusted shared result (``ledger joint show --json``)."""
    checked(joint_id, ID, "joint_id")
    with caught_up(api, "joints").view.reading() as docs:
        found = read_joint(docs, joint_id)
    if found is None:
        raise NotFound(
            f"no joint KPI {joint_id!r}", field="joint_id", rule="joint KPI must be defined first"
        )
    return found


@get(
    "/cascades/{unit_id:str}/{fiscal_year:int}/{kpi_id:str}",
    sync_to_thread=True,
    summary="The cascade a KPI belongs to",
    tags=["cascades"],
    responses=ERROR_RESPONSES,
)
def cascade(api: ApiDep, unit_id: UnitId, fiscal_year: FiscalYear, kpi_id: UnitId) -> CascadeTree:
    """The tree KPI ``UNIT/FY#KPI`` belongs to, from its root down: each node's target,
    latest result, parent revision followed, and whether it drifts (``ledger cascade
    --json``)."""
    ref = f"{agreement_ref(unit_id, fiscal_year)}#{checked(kpi_id, ID, 'kpi_id')}"
    with caught_up(api, "cascades").view.reading() as docs:
        tree = read_cascade(docs, ref)
    if tree is None:
        raise NotFound(
            f"KPI {ref!r} is in no cascade",
            field="kpi_id",
            rule="a cascade links KPIs with cascaded_from",
        )
    return tree


REGISTER_ROUTES: list[Any] = [
    sar_register,
    change_register,
    warnings,
    drift,
    governor,
    joints,
    joint,
    cascade,
]
