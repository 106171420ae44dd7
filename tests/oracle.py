"""The reference read side for tests: fold the whole log in one pass, with no views.

Tracked projections must agree with this at every moment; it is deliberately the simplest
thing that could be right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import msgspec

from ledger.domain.agreement import Agreement, project_agreement
from ledger.domain.control_events import RoundCancelled
from ledger.domain.events import LedgerEvent, UnitRegistered
from ledger.domain.identity.events import IDENTITY_EVENTS
from ledger.domain.joint.events import JOINT_EVENTS
from ledger.domain.joint.sharing import with_shared_results
from ledger.domain.joint.state import JointKpi, project_joint
from ledger.domain.unit import Unit, project_unit
from ledger.frameworks.model import Framework
from projections.scores import RoundScores, round_scores

__all__ = ["Catalogue", "fold_log", "score_tables"]


class Catalogue(msgspec.Struct, kw_only=True):
    """Agreements by reference and units by id, in the order they were first recorded."""

    agreements: dict[str, Agreement] = {}
    units: dict[str, Unit] = {}
    # Joint KPIs by id: their shared results are laid over the agreements that join them.
    joints: dict[str, JointKpi] = {}
    # framework id -> round id -> the reason the round was cancelled this year
    cancelled_rounds: dict[str, dict[str, str]] = {}


def fold_log(events: Iterable[LedgerEvent]) -> Catalogue:
    catalogue = Catalogue()
    by_uuid: dict[object, Agreement] = {}
    joints: dict[object, JointKpi] = {}
    for event in events:
        if isinstance(event, UnitRegistered):
            unit = project_unit(None, [event])
            assert unit is not None
            catalogue.units[unit.unit_id] = unit
            continue
        if isinstance(event, IDENTITY_EVENTS):
            continue  # who may act: no agreement's or unit's state
        if isinstance(event, JOINT_EVENTS):
            joint = project_joint(joints.get(event.originator_id), [event])
            assert joint is not None
            joints[event.originator_id] = joint
            catalogue.joints[joint.joint_id] = joint
            continue
        if isinstance(event, RoundCancelled):
            cancelled = catalogue.cancelled_rounds.setdefault(event.framework_id, {})
            cancelled[event.round_id] = event.reason
            continue
        folded = project_agreement(by_uuid.get(event.originator_id), [event])
        assert folded is not None
        by_uuid[event.originator_id] = folded
        catalogue.agreements[folded.agreement_ref] = folded
    return catalogue


def score_tables(
    catalogue: Catalogue,
    framework: Callable[[str], Framework],
    *,
    agreement: str | None = None,
    round_id: str | None = None,
) -> list[RoundScores]:
    """Score tables of every agreement in the catalogue, optionally one agreement or round."""
    return [
        table
        for ref, state in catalogue.agreements.items()
        if agreement is None or ref == agreement
        for table in round_scores(
            with_shared_results(state, catalogue.joints, framework(state.framework_id)),
            catalogue.units[state.unit_id],
            framework(state.framework_id),
        )
        if round_id is None or table.round_id == round_id
    ]
