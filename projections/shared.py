"""Folding for views that read agreements as their participants do: with the joint KPIs'
shared results laid over them (``ledger.domain.joint.sharing.with_shared_results``).

A joint KPI's events are on its own stream and never copied into the participants' (one
filing is one event however many agreements join). So each such view folds the joint KPIs
too, keeps an index joint id -> participating agreements, and on a joint KPI's event reads
every participant again (once per page: projections.derived): 76 participants cost 76
recomputations in the view, not 76 writes to the log.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from ledger.application import agreement_uuid, joint_uuid
from ledger.domain.agreement import NOT_AGREEMENT_EVENTS, Agreement
from ledger.domain.events import LedgerEvent
from ledger.domain.joint.events import JOINT_EVENTS
from ledger.domain.joint.sharing import joint_ids, with_shared_results
from ledger.domain.joint.state import JointKpi, project_joint
from ledger.frameworks.model import Framework
from projections.documents import Documents
from projections.folding import fold_agreement

__all__ = [
    "Frameworks",
    "ParticipantIds",
    "changed_agreements",
    "fold_joint",
    "merged",
    "participants",
    "read_agreement",
    "stored_agreement",
    "stored_joint",
]

Frameworks = Callable[[str], Framework]


class ParticipantIds(msgspec.Struct, frozen=True, kw_only=True):
    """The aggregate ids of the agreements that join one joint KPI, in the order they did."""

    agreements: tuple[str, ...] = ()


def fold_joint(docs: Documents, event: LedgerEvent) -> JointKpi:
    """The joint KPI's state after ``event``, kept in the view by its aggregate id."""
    key = str(event.originator_id)
    after = project_joint(docs.get("joint", key, JointKpi), [event])
    assert after is not None
    docs.put("joint", key, after)
    return after


def stored_joint(docs: Documents, joint_id: str) -> JointKpi | None:
    return docs.get("joint", str(joint_uuid(joint_id)), JointKpi)


def participants(docs: Documents, joint_id: str) -> tuple[str, ...]:
    """Aggregate ids of the agreements that joined ``joint_id`` (as this view saw them)."""
    found = docs.get("joint-participants", joint_id, ParticipantIds)
    return found.agreements if found else ()


def _remember_participant(docs: Documents, agreement: Agreement) -> None:
    key = str(agreement.id)
    for joint_id in sorted(joint_ids(agreement)):
        known = participants(docs, joint_id)
        if key not in known:
            docs.put("joint-participants", joint_id, ParticipantIds(agreements=(*known, key)))


def merged(docs: Documents, agreement: Agreement, frameworks: Frameworks) -> Agreement:
    """The agreement with the shared results of the joint KPIs it joins laid over it."""
    wanted = joint_ids(agreement)
    if not wanted:
        return agreement
    joints = {j: found for j in wanted if (found := stored_joint(docs, j)) is not None}
    return with_shared_results(agreement, joints, frameworks(agreement.framework_id))


def read_agreement(docs: Documents, ref: str, frameworks: Frameworks) -> Agreement | None:
    """An agreement this view folded, by reference, with its shared results."""
    stored = docs.get("agreement", str(agreement_uuid(ref)), Agreement)
    return merged(docs, stored, frameworks) if stored is not None else None


def stored_agreement(docs: Documents, key: str) -> Agreement:
    """An agreement this view folded, by aggregate id (one it knows it changed)."""
    state = docs.get("agreement", key, Agreement)
    if state is None:
        raise LookupError(f"agreement {key} used before it was opened")
    return state


def changed_agreements(docs: Documents, event: LedgerEvent) -> list[Agreement]:
    """Fold ``event``; the agreements whose reading it changes, as folded (without shared
    results): the agreement an agreement event belongs to, or every participant of a joint
    KPI (whose state is folded too)."""
    if isinstance(event, JOINT_EVENTS):
        joint = fold_joint(docs, event)
        found = (
            docs.get("agreement", key, Agreement) for key in participants(docs, joint.joint_id)
        )
        return [state for state in found if state is not None]
    if isinstance(event, NOT_AGREEMENT_EVENTS):
        return []
    state = fold_agreement(docs, event)
    _remember_participant(docs, state)
    return [state]
