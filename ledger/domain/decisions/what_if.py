"""The what-if of a change decision: what approving an open request would do to the scores,
computed like the decision itself and recording nothing.

It shows the KPI's terms before and after, every result the ledger holds for the KPI scored
under both, each round's composite under both, the weight moves and the verdict rule 1 would
give. Its digest (SHA-256 of its canonical JSON) goes into the decision event, so the audit
shows which numbers the committee had before it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

import msgspec

from ledger.domain.agreement import Agreement, ChangeRequestState, KpiState, RoundState
from ledger.domain.control_events import ChangeKind
from ledger.domain.decisions.change_plan import ChangePlan, plan_change
from ledger.domain.values import KpiTerms, ResetCheck, WeightMove
from ledger.errors import RuleRefused
from ledger.frameworks.model import Framework
from ledger.scoring.composite import WeightedScore, composite_score
from ledger.scoring.levels import score_kpi

__all__ = [
    "ResultUnderBoth",
    "RoundUnderBoth",
    "Verdict",
    "WhatIf",
    "what_if",
    "what_if_digest",
]

Verdict = Literal["clear", "favourable_after_results", "crosses_known_result", "refused"]


class ResultUnderBoth(msgspec.Struct, frozen=True, kw_only=True):
    """One recorded result of the changed KPI, scored under the terms before and after."""

    round_id: str
    source: Literal["sar", "assessment"]
    value: Decimal
    score_before: Decimal | None
    score_after: Decimal | None


class RoundUnderBoth(msgspec.Struct, frozen=True, kw_only=True):
    """A round's composite (after its penalties) on the values it holds, before and after."""

    round_id: str
    composite_before: Decimal | None
    composite_after: Decimal | None


class WhatIf(msgspec.Struct, frozen=True, kw_only=True):
    """``terms_after`` None: the KPI would be cancelled. ``refusal``: why the approval would
    be refused (the verdict is then "refused")."""

    agreement: str
    request_id: str
    kpi_id: str
    kind: ChangeKind
    terms_before: KpiTerms
    terms_after: KpiTerms | None
    weight_moves: tuple[WeightMove, ...]
    results: tuple[ResultUnderBoth, ...]
    rounds: tuple[RoundUnderBoth, ...]
    check: ResetCheck | None
    verdict: Verdict
    refusal: str | None = None


_ENCODER = msgspec.json.Encoder(order="sorted")


def what_if_digest(shown: WhatIf) -> str:
    """SHA-256 (hex) of the what-if's canonical JSON: members sorted, decimals as strings."""
    return hashlib.sha256(_ENCODER.encode(shown)).hexdigest()


def _score(framework: Framework, terms: KpiTerms | None, value: Decimal) -> Decimal | None:
    if terms is None or terms.monitor or terms.weight == 0:
        return None
    if not terms.thresholds and terms.direction != "milestone":
        return None
    return score_kpi(
        framework.scoring, terms.direction, terms.thresholds, value, framework.score_floor
    )


def _results(framework: Framework, agreement: Agreement, plan: ChangePlan) -> list[ResultUnderBoth]:
    kpi_id = plan.kpi.kpi_id
    rows = []
    for round_id, state in _rounds_in_order(agreement, framework):
        values: list[tuple[Literal["sar", "assessment"], Decimal]] = []
        if (reported := state.results.get(kpi_id)) is not None:
            values.append(("sar", reported))
        if (assessed := state.assessments.get(kpi_id)) is not None:
            values.append(("assessment", assessed.verified_actual))
        rows += [
            ResultUnderBoth(
                round_id=round_id,
                source=source,
                value=value,
                score_before=_score(framework, plan.before[kpi_id], value),
                score_after=_score(framework, plan.after.get(kpi_id), value),
            )
            for source, value in values
        ]
    return rows


def _rounds_in_order(agreement: Agreement, framework: Framework) -> list[tuple[str, RoundState]]:
    order = [r.id for r in framework.rounds]
    known = sorted(agreement.rounds, key=lambda r: order.index(r) if r in order else len(order))
    return [(r, agreement.rounds[r]) for r in known]


def _composite(
    framework: Framework, round_id: str, terms: Mapping[str, KpiTerms], state: RoundState
) -> Decimal | None:
    round_ = framework.round(round_id)
    assesses = round_.assesses if round_ else ()
    scored = []
    for kpi_id, kpi_terms in terms.items():
        component = framework.component(kpi_terms.component)
        dimension = component.dimension if component else None
        if assesses and kpi_terms.component not in assesses and dimension not in assesses:
            continue
        assessed = state.assessments.get(kpi_id)
        value = assessed.verified_actual if assessed else state.results.get(kpi_id)
        score = _score(framework, kpi_terms, value) if value is not None else None
        if score is not None:
            scored.append(WeightedScore(kpi_terms.weight, score))
    composite = composite_score(framework.scoring, scored, state.penalty_total)
    return composite.value if composite else None


def _verdict(check: ResetCheck) -> Verdict:
    if check.crosses_known_result:
        return "crosses_known_result"
    return "favourable_after_results" if check.favourable_after_results else "clear"


def what_if(
    agreement: Agreement,
    framework: Framework,
    request_id: str,
    request: ChangeRequestState,
    kpi: KpiState,
    target: KpiTerms | None,
) -> WhatIf:
    """The what-if of approving ``request`` with ``target`` terms (its proposal, or the
    committee's amendments; None for a cancellation), on the agreement as it stands."""
    refused = WhatIf(
        agreement=agreement.agreement_ref,
        request_id=request_id,
        kpi_id=kpi.kpi_id,
        kind=request.kind,
        terms_before=kpi.terms,
        terms_after=target,
        weight_moves=(),
        results=(),
        rounds=(),
        check=None,
        verdict="refused",
    )
    try:
        plan = plan_change(agreement, framework, request, kpi, target)
    except RuleRefused as error:
        return msgspec.structs.replace(refused, refusal=error.describe())
    rounds = [
        RoundUnderBoth(
            round_id=round_id,
            composite_before=_composite(framework, round_id, plan.before, state),
            composite_after=_composite(framework, round_id, plan.after, state),
        )
        for round_id, state in _rounds_in_order(agreement, framework)
    ]
    verdict = _verdict(plan.check)
    refusal = None
    if verdict == "crosses_known_result" and framework.reset_rule == "refuse":
        verdict = "refused"
        refusal = "rule 1: the new criteria move a threshold to or past a known result"
    return msgspec.structs.replace(
        refused,
        terms_after=plan.final,
        weight_moves=plan.moves,
        results=tuple(_results(framework, agreement, plan)),
        rounds=tuple(rounds),
        check=plan.check,
        verdict=verdict,
        refusal=refusal,
    )
