"""As-of views: an agreement as the ledger had recorded it at a moment, or as in force then.

*As recorded at T* ("what was known then"): the agreement at the last version recorded by T,
found through the ``versions`` view and loaded from that agreement's own events (and
snapshots), so the cost does not grow with the log. *In force at T* ("what we now know was in
force then"): every event recorded so far whose effective time is at or before T, folded in
version order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from itertools import takewhile
from typing import Literal

import msgspec

from ledger.application import LedgerApplication, agreement_uuid, joint_uuid
from ledger.domain.agreement import Agreement, project_agreement
from ledger.domain.events import LedgerEvent
from ledger.domain.joint.sharing import joint_ids, with_shared_results
from ledger.domain.joint.state import JointKpi, project_joint
from ledger.errors import NotFound
from ledger.frameworks.model import Framework
from ledger.thaidate import format_be_datetime
from projections.base import LedgerProjection
from projections.catch_up import catch_up
from projections.early_warning import KpiTrend, trends_of
from projections.recorded_index import IndexEntry, versions_of
from projections.scores import RoundScores, round_scores

__all__ = ["AsOf", "as_in_force", "as_recorded", "as_recorded_in", "recorded_entries"]


class AsOf(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    basis: Literal["recorded", "effective"]
    moment: datetime
    version: int
    # Recorded basis: where that version sits in the log and when it was recorded.
    position: int | None
    recorded_at: datetime | None
    # Effective basis: versions in force by T whose prerequisite was not (e.g. a decision
    # dated before its request); they are left out and listed.
    held_back: tuple[int, ...]
    state: Agreement
    scores: tuple[RoundScores, ...]
    # Each scored KPI's latest result then against its target (ledger warnings, at that
    # moment: FY2568's June early warning as OPDC would have seen it).
    warnings: tuple[KpiTrend, ...] = ()


def recorded_entries(
    app: LedgerApplication, index: LedgerProjection, agreement: str
) -> list[IndexEntry]:
    """The agreement's index entries after catching the index up; NotFound if never opened."""
    catch_up(app, index)
    with index.view.reading() as docs:
        entries = versions_of(docs, agreement)
    if not entries:
        raise NotFound(
            f"no agreement {agreement!r}", field="AGREEMENT", rule="agreement must be opened first"
        )
    return entries


def _scores(
    app: LedgerApplication, state: Agreement, frameworks: Callable[[str], Framework]
) -> tuple[RoundScores, ...]:
    unit = app.unit(state.unit_id)
    return tuple(round_scores(state, unit, frameworks(state.framework_id)))


def _with_joints(
    app: LedgerApplication,
    state: Agreement,
    frameworks: Callable[[str], Framework],
    known: Callable[[LedgerEvent], bool],
) -> Agreement:
    """``state`` with the shared results of the joint KPIs it joins laid over it, each joint
    KPI folded from its events that ``known`` lets in (the same moment and basis as the
    agreement's): a participant's result is the host's, as it stood then."""
    joints: dict[str, JointKpi] = {}
    for joint_id in sorted(joint_ids(state)):
        joint: JointKpi | None = None
        for event in app.events_of(joint_uuid(joint_id)):
            if known(event):
                try:
                    joint = project_joint(joint, [event])
                except (KeyError, ValueError):
                    continue  # in force by T, but what it answers (a filing) was not yet
        if joint is not None:
            joints[joint_id] = joint
    return with_shared_results(state, joints, frameworks(state.framework_id))


def as_recorded(
    app: LedgerApplication,
    index: LedgerProjection,
    agreement: str,
    moment: datetime,
    frameworks: Callable[[str], Framework],
) -> AsOf:
    """The agreement, its targets, results and scores exactly as recorded at ``moment``."""
    entries = recorded_entries(app, index, agreement)
    return as_recorded_in(app, entries, agreement, moment, frameworks)


def as_recorded_in(
    app: LedgerApplication,
    entries: list[IndexEntry],
    agreement: str,
    moment: datetime,
    frameworks: Callable[[str], Framework],
) -> AsOf:
    """``as_recorded`` with the agreement's index entries already in hand."""
    # Versions of one agreement are recorded in order, so "recorded by T" is a prefix.
    known = list(takewhile(lambda e: e.recorded_at <= moment, entries))
    if not known:
        raise NotFound(
            f"{agreement} was not yet recorded at {format_be_datetime(moment)}; "
            f"it was opened at {format_be_datetime(entries[0].recorded_at)}",
            field="TIME",
            rule="as-of needs a time at or after the agreement was opened",
        )
    last = known[-1]
    own = app.agreement(agreement, version=last.version)
    state = _with_joints(app, own, frameworks, lambda e: e.recorded_at <= moment)
    return AsOf(
        agreement=agreement,
        basis="recorded",
        moment=moment,
        version=last.version,
        position=last.position,
        recorded_at=last.recorded_at,
        held_back=(),
        state=state,
        scores=_scores(app, state, frameworks),
        warnings=tuple(trends_of(state, frameworks(state.framework_id))),
    )


def as_in_force(
    app: LedgerApplication,
    agreement: str,
    moment: datetime,
    frameworks: Callable[[str], Framework],
) -> AsOf:
    """The agreement as in force at ``moment`` by effective time, per what is recorded now."""
    events = app.events_of(agreement_uuid(agreement))
    if not events:
        raise NotFound(
            f"no agreement {agreement!r}", field="AGREEMENT", rule="agreement must be opened first"
        )
    state: Agreement | None = None
    held_back: list[int] = []
    for event in events:
        if event.effective_at > moment:
            continue
        try:
            state = project_agreement(state, [event])
        except (KeyError, ValueError):
            # It refers to something (the agreement, a request, an appeal) not yet in force.
            held_back.append(event.originator_version)
    if state is None:
        raise NotFound(
            f"{agreement} was not yet in force at {format_be_datetime(moment)}",
            field="TIME",
            rule="as-of --effective needs a time at or after the agreement's opening took effect",
        )
    state = _with_joints(app, state, frameworks, lambda e: e.effective_at <= moment)
    return AsOf(
        agreement=agreement,
        basis="effective",
        moment=moment,
        version=state.version,
        position=None,
        recorded_at=None,
        held_back=tuple(held_back),
        state=state,
        scores=_scores(app, state, frameworks),
        warnings=tuple(trends_of(state, frameworks(state.framework_id))),
    )
