"""Decisions after signing: self-assessment reports, evaluators' scores and certification."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from ledger.domain.agreement import Agreement, KpiState
from ledger.domain.events import EvaluatorAssessed, SarFiled, ScoresCertified
from ledger.domain.joint.sharing import refuse_own_value, shared_results_used
from ledger.domain.joint.state import JointKpi
from ledger.domain.stamp import Stamp
from ledger.domain.values import Evidence, KpiAssessment, KpiResult, SubmissionChannel
from ledger.errors import InvalidInput, NotFound, RuleRefused
from ledger.frameworks.model import Framework, Round
from ledger.rules.evidence import check_evidence
from ledger.scoring.composite import WeightedScore, composite_score
from ledger.scoring.levels import score_kpi

__all__ = ["assessed_in_round", "certify_scores", "file_sar", "record_assessment", "round_of"]


def round_of(agreement: Agreement, framework: Framework, level: str, round_id: str) -> Round:
    """The framework's round for this unit level; InvalidInput naming the known rounds."""
    rounds = framework.rounds_for(level)
    found = next((r for r in rounds if r.id == round_id), None)
    if found is None:
        raise InvalidInput(
            f"unknown round {round_id!r} for {agreement.agreement_ref}",
            field="round_id",
            rule="round must be one of the framework's rounds",
            expected=", ".join(r.id for r in rounds),
            actual=round_id,
        )
    return found


def assessed_in_round(framework: Framework, round_: Round, kpi: KpiState) -> bool:
    """Whether a round scores this KPI (rounds may assess only some dimensions)."""
    if not round_.assesses:
        return True
    component = framework.component(kpi.terms.component)
    dimension = component.dimension if component else None
    return kpi.terms.component in round_.assesses or dimension in round_.assesses


def _kpi(agreement: Agreement, kpi_id: str, field: str) -> KpiState:
    kpi = agreement.kpis.get(kpi_id)
    if kpi is None or not kpi.in_agreement:
        raise NotFound(
            f"no KPI {kpi_id!r} in {agreement.agreement_ref}",
            field=field,
            rule="KPI must be in the signed agreement",
        )
    return kpi


def _refuse_duplicates(ids: Sequence[str], field: str) -> None:
    repeated = [k for k, n in Counter(ids).items() if n > 1]
    if repeated:
        raise InvalidInput(
            f"KPI {repeated[0]!r} appears more than once", field=field, rule="one value per KPI"
        )


def _refuse_if_certified(agreement: Agreement, round_id: str) -> None:
    if agreement.round(round_id).certified_composite is not None:
        raise RuleRefused(
            f"round {round_id} of {agreement.agreement_ref} is already certified",
            field="round_id",
            rule="certified scores change only through appeals",
        )


def file_sar(
    agreement: Agreement,
    framework: Framework,
    level: str,
    round_id: str,
    results: Sequence[KpiResult],
    narrative: str,
    evidence: Sequence[Evidence],
    filed_at: datetime,
    channel: SubmissionChannel,
    cancelled_rounds: Mapping[str, str],
    stamp: Stamp,
) -> SarFiled:
    if not agreement.signed:
        raise RuleRefused(
            f"agreement {agreement.agreement_ref} is not signed",
            field="agreement",
            rule="SARs are filed against a signed agreement",
        )
    round_of(agreement, framework, level, round_id)
    if round_id in cancelled_rounds:
        raise RuleRefused(
            f"round {round_id} of {framework.id} is cancelled this year: "
            f"{cancelled_rounds[round_id]}",
            field="round_id",
            rule="no SAR is filed for a cancelled round",
        )
    _refuse_if_certified(agreement, round_id)
    _refuse_duplicates([r.kpi_id for r in results], "results")
    for i, result in enumerate(results):
        refuse_own_value(agreement, result.kpi_id, f"results[{i}].kpi_id")
        _kpi(agreement, result.kpi_id, f"results[{i}].kpi_id")
    check_evidence(evidence)
    return SarFiled(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        round_id=round_id,
        results=tuple(results),
        narrative=narrative,
        evidence=tuple(evidence),
        filed_at=filed_at,
        channel=channel,
        **stamp.fields(),
    )


def record_assessment(
    agreement: Agreement,
    framework: Framework,
    level: str,
    round_id: str,
    verified: Sequence[tuple[KpiResult, str]],
    stamp: Stamp,
) -> EvaluatorAssessed:
    """``verified`` holds (verified value, notes) per KPI; the scores are computed here."""
    round_of(agreement, framework, level, round_id)
    _refuse_if_certified(agreement, round_id)
    _refuse_duplicates([v.kpi_id for v, _ in verified], "assessments")
    for i, (value, _) in enumerate(verified):
        refuse_own_value(agreement, value.kpi_id, f"assessments[{i}].kpi_id")
    filed = agreement.round(round_id).results
    assessments = []
    for i, (value, notes) in enumerate(verified):
        field = f"assessments[{i}]"
        kpi = _kpi(agreement, value.kpi_id, f"{field}.kpi_id")
        if value.kpi_id not in filed:
            raise RuleRefused(
                f"no result for KPI {value.kpi_id!r} was filed in round {round_id}",
                field=f"{field}.kpi_id",
                rule="evaluators score results the unit has filed",
            )
        score = None
        if kpi.scored:
            score = score_kpi(
                framework.scoring,
                kpi.terms.direction,
                kpi.terms.thresholds,
                value.actual,
                framework.score_floor,
            )
        assessments.append(
            KpiAssessment(
                kpi_id=value.kpi_id, verified_actual=value.actual, score=score, notes=notes
            )
        )
    return EvaluatorAssessed(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        round_id=round_id,
        assessments=tuple(assessments),
        **stamp.fields(),
    )


def certify_scores(
    agreement: Agreement,
    framework: Framework,
    level: str,
    round_id: str,
    stamp: Stamp,
    joints: Mapping[str, JointKpi],
) -> ScoresCertified:
    """``agreement`` is read with its joint KPIs' shared results (``joints``) in place; the
    certification names the shared result of each it used."""
    round_ = round_of(agreement, framework, level, round_id)
    state = agreement.round(round_id)
    if state.certified:
        raise RuleRefused(
            f"round {round_id} of {agreement.agreement_ref} is already certified",
            field="round_id",
            rule="a round is certified once, and again only after a score adjustment",
        )
    assessed = state.assessments
    due = [
        k
        for k in agreement.kpis_in_agreement()
        if k.scored and assessed_in_round(framework, round_, k)
    ]
    missing = [k.kpi_id for k in due if k.kpi_id not in assessed]
    if missing:
        raise RuleRefused(
            f"KPIs not yet assessed in round {round_id}: {', '.join(missing)}",
            field="round_id",
            rule="every scored KPI is assessed before certifying",
        )
    scored = [WeightedScore(k.terms.weight, assessed[k.kpi_id].score or Decimal(0)) for k in due]
    composite = composite_score(framework.scoring, scored, state.penalty_total)
    if composite is None:
        raise RuleRefused(
            f"round {round_id} scores no KPI",
            field="round_id",
            rule="a certified round scores at least one KPI",
        )
    band = framework.band_for(composite.value)
    return ScoresCertified(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        round_id=round_id,
        composite=composite.value,
        band_th=band.label_th if band else None,
        band_en=band.label_en if band else None,
        before_penalties=composite.before_penalties,
        penalties=composite.penalties,
        supersedes=state.certified_composite,
        shared=shared_results_used(agreement, joints, round_id, [k.kpi_id for k in due]),
        **stamp.fields(),
    )
