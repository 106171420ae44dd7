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
from commands.http.read_access import ReaderDep, readable, readable_meta
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
from commands.http.state import Api
from ledger.bounds import ID
from ledger.domain.identity.access import Scope
from ledger.domain.identity.reading import READ_RULE, Reader
from ledger.errors import NotAllowed, NotFound
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
    reader: ReaderDep,
    agreement: AgreementQuery = None,
    today: Annotated[
        str | None,
        Parameter(description="judge missing SARs as of this date (ISO or BE); default today"),
    ] = None,
) -> list[SarLine]:
    """Per agreement and round: the due date and whether the SAR was filed, filed late (with
    its penalties), cancelled, missing or not yet due (``ledger sar --json``); the
    agreements the reader may read."""
    ref = _asked(api, reader, agreement)
    day = judged_on(today)
    with caught_up(api, "sar").view.reading() as docs:
        entries = read_sar_register(docs, ref)
    return [
        SarLine(status=e.status(day), entry=e)
        for e in readable(api, reader, entries, lambda e: e.agreement)
    ]


@get(
    "/registers/changes",
    sync_to_thread=True,
    summary="The change-request register",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def change_register(
    api: ApiDep, reader: ReaderDep, agreement: AgreementQuery = None
) -> list[RegisterEntry]:
    """Every change request of the agreements the reader may read: kind, reason, window,
    decision, rule-1 flags and the attempts refused on it (``ledger requests --json``)."""
    ref = _asked(api, reader, agreement)
    with caught_up(api, "requests").view.reading() as docs:
        found = read_register(docs, ref)
    return readable(api, reader, found, lambda entry: entry.agreement)


@get(
    "/warnings",
    sync_to_thread=True,
    summary="Early warnings",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def warnings(
    api: ApiDep,
    reader: ReaderDep,
    agreement: AgreementQuery = None,
    # Named as the query parameter, so a Litestar refusal names it too.
    all: Annotated[bool, Parameter(description="list the KPIs on track too")] = False,
) -> list[KpiTrend]:
    """KPIs whose latest result is off track against the target pro-rated to its round, or
    as is for a lower-is-better rate and an individual's round (``check.comparison``)
    (``ledger warnings --json``); ``all=true`` lists those on track too."""
    ref = _asked(api, reader, agreement)
    with caught_up(api, "warnings").view.reading() as docs:
        found = read_trends(docs, agreement=ref, only_off_track=not all)
    return readable(api, reader, found, lambda trend: trend.agreement)


@get(
    "/governor",
    sync_to_thread=True,
    summary="The governor's evaluation rounds",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def governor(api: ApiDep, reader: ReaderDep, agreement: AgreementQuery = None) -> list[HeadRound]:
    """The FY2568 provinces' governor rounds (``ledger governor --json``)."""
    ref = _asked(api, reader, agreement)
    with caught_up(api, "governor").view.reading() as docs:
        found = read_head_rounds(docs, ref)
    return readable(api, reader, found, lambda head: head.agreement)


@get(
    "/warnings/drift",
    sync_to_thread=True,
    summary="Cascaded KPIs drifting from their parent",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def drift(api: ApiDep, reader: ReaderDep, agreement: AgreementQuery = None) -> list[CascadeNode]:
    """Cascaded KPIs whose parent's criteria changed since they last followed them, until
    their committee changes them in step or keeps them (``ledger warnings --json``'s
    ``drifting``)."""
    ref = _asked(api, reader, agreement)
    with caught_up(api, "cascades").view.reading() as docs:
        found = read_drifting(docs, ref)
    return readable(api, reader, found, lambda node: node.agreement)


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
def joints(api: ApiDep, reader: ReaderDep) -> list[JointLine]:
    """Every joint KPI the reader may see (``_shown``): measure, host, shared result per
    round, appeals, and how many KPIs in force join it (``ledger joint list --json``)."""
    with caught_up(api, "joints").view.reading() as docs:
        counts = participant_counts(docs)
        views = [read_joint(docs, entry.joint_id) for entry in read_joints(docs)]
    return [
        JointLine(participants=counts.get(view.joint.joint_id, 0), joint=view.joint)
        for view in views
        if view is not None and _shown(api, reader, view) is not None
    ]


@get(
    "/joints/{joint_id:str}",
    sync_to_thread=True,
    summary="A joint KPI",
    tags=["joint KPIs"],
    responses=ERROR_RESPONSES,
)
def joint(api: ApiDep, reader: ReaderDep, joint_id: UnitId) -> JointView:
    """A joint KPI with its participants (agreement, KPI, weight, criteria) and per round
    the filed, verified and adjusted shared result (``ledger joint show --json``); the
    participants the reader may read, 403 when it may see the joint KPI at all
    (``_shown``)."""
    checked(joint_id, ID, "joint_id")
    with caught_up(api, "joints").view.reading() as docs:
        found = read_joint(docs, joint_id)
    if found is None:
        raise NotFound(
            f"no joint KPI {joint_id!r}", field="joint_id", rule="joint KPI must be defined first"
        )
    shown = _shown(api, reader, found)
    if shown is None:
        raise NotAllowed(
            f"user {reader.user.user_id!r} may read neither joint KPI {joint_id!r}'s host nor "
            "any of its participants",
            field="joint_id",
            rule=READ_RULE,
        )
    return shown


@get(
    "/cascades/{unit_id:str}/{fiscal_year:int}/{kpi_id:str}",
    sync_to_thread=True,
    summary="The cascade a KPI belongs to",
    tags=["cascades"],
    responses=ERROR_RESPONSES,
)
def cascade(
    api: ApiDep, reader: ReaderDep, unit_id: UnitId, fiscal_year: FiscalYear, kpi_id: UnitId
) -> CascadeTree:
    """The tree KPI ``UNIT/FY#KPI`` belongs to, from its root down: each node's target,
    latest result, parent revision followed, and whether it drifts (``ledger cascade
    --json``). The KPI's agreement must be one the reader may read (403); the tree keeps the
    KPIs it follows from above and, below, the nodes the reader may read."""
    asked = readable_meta(api, reader, agreement_ref(unit_id, fiscal_year)).ref
    ref = f"{asked}#{checked(kpi_id, ID, 'kpi_id')}"
    with caught_up(api, "cascades").view.reading() as docs:
        tree = read_cascade(docs, ref)
    if tree is None:
        raise NotFound(
            f"KPI {ref!r} is in no cascade",
            field="kpi_id",
            rule="a cascade links KPIs with cascaded_from",
        )
    shown = {n.ref for n in readable(api, reader, tree.nodes(), lambda node: node.agreement)}
    pruned = _pruned(tree, shown | _above(tree, ref))
    assert pruned is not None  # kept: the root is the KPI asked for or above it
    return pruned


def _asked(api: Api, reader: Reader, agreement: str | None) -> str | None:
    """A register's ``agreement`` filter: None, or an agreement the reader may read (404
    when never opened, 403 outside the reader's grants)."""
    ref = optional_agreement(api, agreement)
    return None if ref is None else readable_meta(api, reader, ref).ref


def _shown(api: Api, reader: Reader, view: JointView) -> JointView | None:
    """The joint KPI with the participants the reader may read; None when the reader may
    read neither its host's scope nor any participant's agreement."""
    participants = readable(api, reader, view.participants, lambda p: p.agreement)
    joint = view.joint
    host = Scope(
        unit_id=joint.host_unit_id, framework_id=joint.framework_id, fiscal_year=joint.fiscal_year
    )
    if not participants and not reader.may_read(host):
        return None
    return msgspec.structs.replace(view, participants=tuple(participants))


def _above(tree: CascadeTree, ref: str) -> set[str]:
    """The refs on the path from the root down to ``ref`` (empty when it is not in ``tree``)."""
    if tree.node.ref == ref:
        return {ref}
    for child in tree.children:
        found = _above(child, ref)
        if found:
            return found | {tree.node.ref}
    return set()


def _pruned(tree: CascadeTree, shown: set[str]) -> CascadeTree | None:
    """``tree`` without the nodes outside ``shown`` and everything under them."""
    if tree.node.ref not in shown:
        return None
    children = (_pruned(child, shown) for child in tree.children)
    return CascadeTree(node=tree.node, children=tuple(c for c in children if c is not None))


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
