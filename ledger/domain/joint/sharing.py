"""How a joint KPI's one result counts in every participating agreement.

A participant's KPI joins a joint KPI (``KpiTerms.joint_id``): it measures the same thing and
scores the shared result under its own criteria (the joint KPI's, or its own where the
framework allows per-participant targets) and its own weight. Nothing is copied into the
participants' streams: ``with_shared_results`` lays the joint KPIs' results over an
agreement's state wherever it is read, by the handlers and by the views alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import msgspec

from ledger.domain.agreement import Agreement, KpiState, RoundState
from ledger.domain.joint.state import JointKpi
from ledger.domain.values import KpiAssessment, KpiTerms, SharedResultUsed
from ledger.errors import RuleRefused
from ledger.frameworks.model import Framework
from ledger.scoring.levels import score_kpi

__all__ = [
    "check_joining",
    "joint_ids",
    "refuse_own_value",
    "shared_results_used",
    "with_shared_results",
]

_SAME_MEASURE = ("title_th", "title_en", "component", "unit_of_measure", "direction")


def joint_ids(agreement: Agreement) -> set[str]:
    """The joint KPIs this agreement's KPIs join."""
    return {k.terms.joint_id for k in agreement.kpis.values() if k.terms.joint_id is not None}


def check_joining(joint: JointKpi, terms: KpiTerms, fiscal_year: int, framework_id: str) -> None:
    """Raises RuleRefused unless ``terms`` join ``joint`` as one of its participants: the same
    year and framework, the same measure, and the shared criteria unless each participant
    sets its own."""
    if (joint.fiscal_year, joint.framework_id) != (fiscal_year, framework_id):
        raise RuleRefused(
            f"joint KPI {joint.joint_id} is for FY{joint.fiscal_year} under "
            f"{joint.framework_id}, not this agreement's FY{fiscal_year} under {framework_id}",
            field="joint_id",
            rule="a joint KPI is joined by agreements of its own year and framework",
        )
    for name in _SAME_MEASURE:
        if getattr(terms, name) != getattr(joint.measure, name):
            raise RuleRefused(
                f"joint KPI {joint.joint_id} measures {name} {getattr(joint.measure, name)!r}; "
                "every participant measures the same",
                field=name,
                rule="a joint KPI has one measure and one result",
                expected=getattr(joint.measure, name),
                actual=getattr(terms, name),
            )
    if not joint.per_participant_targets and terms.thresholds != joint.measure.thresholds:
        raise RuleRefused(
            f"joint KPI {joint.joint_id} has shared criteria; its participants score on them",
            field="thresholds",
            rule="per-participant targets only where the framework allows them",
            expected=", ".join(map(str, joint.measure.thresholds)),
            actual=", ".join(map(str, terms.thresholds)),
        )
    if terms.joint_host not in (None, joint.host_unit_id):
        raise RuleRefused(
            f"joint KPI {joint.joint_id} is hosted by {joint.host_unit_id}",
            field="joint_host",
            rule="a joint KPI's host is the one it was defined with",
            expected=joint.host_unit_id,
            actual=terms.joint_host,
        )


def refuse_own_value(agreement: Agreement, kpi_id: str, field: str) -> None:
    """Raises RuleRefused when a participant gives a value of its own for a joint KPI."""
    kpi = agreement.kpis.get(kpi_id)
    if kpi is not None and kpi.terms.joint_id is not None:
        raise RuleRefused(
            f"KPI {kpi_id} of {agreement.agreement_ref} is joint KPI {kpi.terms.joint_id}; "
            f"its one result is filed, verified and appealed by its host "
            f"{kpi.terms.joint_host} for every participant",
            field=field,
            rule="a joint KPI has one result, reported by its host agency",
            expected=kpi.terms.joint_host,
            actual=agreement.unit_id,
        )


def with_shared_results(
    agreement: Agreement, joints: Mapping[str, JointKpi], framework: Framework
) -> Agreement:
    """The agreement as its participants read it: each joint KPI's filed, verified and
    latest results in place, scored under this agreement's own criteria; a certified round
    is due again when a shared result it used has changed since."""
    rounds = dict(agreement.rounds)
    known = dict(agreement.known_results)
    for kpi in agreement.kpis.values():
        joint = joints.get(kpi.terms.joint_id) if kpi.terms.joint_id else None
        if joint is None:
            continue
        for round_id, shared in joint.rounds.items():
            state = rounds.get(round_id, RoundState())
            results = dict(state.results)
            assessments = dict(state.assessments)
            if shared.filed is not None:
                results[kpi.kpi_id] = shared.filed
            if shared.verified is not None:
                assessments[kpi.kpi_id] = KpiAssessment(
                    kpi_id=kpi.kpi_id,
                    verified_actual=shared.verified,
                    score=_scored(framework, kpi, shared.verified),
                    notes=shared.notes,
                )
            used = state.shared_used.get(kpi.kpi_id)
            changed = used is not None and used != shared.value_version
            rounds[round_id] = msgspec.structs.replace(
                state,
                results=results,
                assessments=assessments,
                recertification_due=state.recertification_due
                or (changed and state.certified_composite is not None),
            )
        if joint.latest is not None:
            known[kpi.kpi_id] = msgspec.structs.replace(joint.latest, kpi_id=kpi.kpi_id)
    return msgspec.structs.replace(agreement, rounds=rounds, known_results=known)


def _scored(framework: Framework, kpi: KpiState, value: Decimal) -> Decimal | None:
    """The shared value's score under this participant's criteria (None when unscored)."""
    if not kpi.scored:
        return None
    return score_kpi(
        framework.scoring, kpi.terms.direction, kpi.terms.thresholds, value, framework.score_floor
    )


def shared_results_used(
    agreement: Agreement, joints: Mapping[str, JointKpi], round_id: str, kpi_ids: Sequence[str]
) -> tuple[SharedResultUsed, ...]:
    """What a certification of ``round_id`` uses of each joint KPI among ``kpi_ids``."""
    used = []
    for kpi_id in kpi_ids:
        kpi = agreement.kpis[kpi_id]
        joint = joints.get(kpi.terms.joint_id) if kpi.terms.joint_id else None
        if joint is None:
            continue
        shared = joint.round(round_id)
        assessed = agreement.round(round_id).assessments.get(kpi_id)
        if shared.verified is None or assessed is None:
            continue
        used.append(
            SharedResultUsed(
                kpi_id=kpi_id,
                joint_id=joint.joint_id,
                value=shared.verified,
                joint_version=shared.value_version,
                score=assessed.score,
            )
        )
    return tuple(used)
