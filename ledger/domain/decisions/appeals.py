"""Reviews and appeals of scores, their decisions, and the score adjustments they lead to.

Appeals are taken in the rounds the framework names (FY2557: 6- and 12-month) against a score
an evaluator has recorded. Only an upheld or partly upheld appeal can adjust a score, once; a
certified round whose score is adjusted must be certified again.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ledger.domain.agreement import Agreement, AppealState
from ledger.domain.control_events import (
    AppealDecided,
    AppealKind,
    AppealOutcome,
    AppealRequested,
    ScoreAdjusted,
)
from ledger.domain.decisions.reporting import round_of
from ledger.domain.joint.sharing import refuse_own_value
from ledger.domain.stamp import Stamp
from ledger.domain.values import Evidence
from ledger.errors import AlreadyRecorded, InvalidInput, NotFound, RuleRefused
from ledger.frameworks.model import Framework
from ledger.rules.evidence import check_evidence
from ledger.scoring.levels import level_points

__all__ = ["adjust_score", "decide_appeal", "request_appeal"]


def request_appeal(
    agreement: Agreement,
    framework: Framework,
    level: str,
    appeal_id: str,
    kind: AppealKind,
    round_id: str,
    kpi_id: str,
    claim: str,
    evidence: Sequence[Evidence],
    stamp: Stamp,
) -> AppealRequested:
    round_ = round_of(agreement, framework, level, round_id)
    if not round_.appeals:
        allowed = [r.id for r in framework.rounds_for(level) if r.appeals]
        raise RuleRefused(
            f"framework {framework.id} takes no appeals in round {round_id}",
            field="round_id",
            rule="appeals only in the rounds the framework names",
            expected=", ".join(allowed) or "none",
            actual=round_id,
        )
    refuse_own_value(agreement, kpi_id, "kpi_id")
    if appeal_id in agreement.appeals:
        raise AlreadyRecorded(
            f"appeal {appeal_id!r} already exists in {agreement.agreement_ref}",
            field="appeal_id",
            rule="appeal ids are unique within an agreement",
        )
    if kpi_id not in agreement.round(round_id).assessments:
        raise RuleRefused(
            f"KPI {kpi_id!r} has no evaluator's score in round {round_id} to appeal",
            field="kpi_id",
            rule="an appeal answers a recorded score",
        )
    for other_id, other in agreement.appeals.items():
        if (other.round_id, other.kpi_id, other.status) == (round_id, kpi_id, "open"):
            raise AlreadyRecorded(
                f"appeal {other_id} on KPI {kpi_id} in round {round_id} is still open",
                field="kpi_id",
                rule="one open appeal per KPI and round",
            )
    check_evidence(evidence)
    return AppealRequested(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        appeal_id=appeal_id,
        kind=kind,
        round_id=round_id,
        kpi_id=kpi_id,
        claim=claim,
        evidence=tuple(evidence),
        **stamp.fields(),
    )


def _appeal(agreement: Agreement, appeal_id: str) -> AppealState:
    appeal = agreement.appeals.get(appeal_id)
    if appeal is None:
        raise NotFound(
            f"no appeal {appeal_id!r} in {agreement.agreement_ref}",
            field="appeal_id",
            rule="a decision answers a recorded appeal",
        )
    return appeal


def decide_appeal(
    agreement: Agreement,
    appeal_id: str,
    outcome: AppealOutcome,
    body: str,
    rationale: str,
    stamp: Stamp,
) -> AppealDecided:
    appeal = _appeal(agreement, appeal_id)
    if appeal.status != "open":
        raise AlreadyRecorded(
            f"appeal {appeal_id} is already decided ({appeal.status})",
            field="appeal_id",
            rule="an appeal is decided once",
        )
    return AppealDecided(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        appeal_id=appeal_id,
        outcome=outcome,
        body=body,
        rationale=rationale,
        **stamp.fields(),
    )


def adjust_score(
    agreement: Agreement,
    framework: Framework,
    appeal_id: str,
    new_score: Decimal,
    reason: str,
    authority: str,
    stamp: Stamp,
) -> ScoreAdjusted:
    appeal = _appeal(agreement, appeal_id)
    if appeal.status not in ("upheld", "partly_upheld"):
        raise RuleRefused(
            f"appeal {appeal_id} is {appeal.status}; only an upheld or partly upheld appeal "
            "adjusts a score",
            field="appeal_id",
            rule="score adjustments answer an upheld appeal",
        )
    if appeal.adjusted:
        raise AlreadyRecorded(
            f"appeal {appeal_id} has already adjusted the score",
            field="appeal_id",
            rule="one adjustment per appeal",
        )
    top = Decimal(level_points(framework.scoring)[-1])
    if not framework.score_floor <= new_score <= top:
        raise InvalidInput(
            f"score {new_score} is outside the {framework.scoring} scale",
            field="new_score",
            rule=f"scores lie between {framework.score_floor} and {top}",
            actual=new_score,
        )
    old = agreement.round(appeal.round_id).assessments[appeal.kpi_id].score
    if old == new_score:
        raise InvalidInput(
            f"the score is already {new_score}",
            field="new_score",
            rule="an adjustment changes the score",
        )
    return ScoreAdjusted(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        appeal_id=appeal_id,
        round_id=appeal.round_id,
        kpi_id=appeal.kpi_id,
        old_score=old,
        new_score=new_score,
        reason=reason,
        authority=authority,
        **stamp.fields(),
    )
