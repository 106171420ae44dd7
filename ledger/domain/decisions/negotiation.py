"""Decisions from opening an agreement to signing it. Each returns the events to record."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal
from uuid import UUID

import msgspec

from ledger.bounds import MAX_KPIS
from ledger.domain.agreement import Agreement
from ledger.domain.decisions.attempts import AttemptRefused
from ledger.domain.events import (
    AgreementOpened,
    AgreementSigned,
    KpiProposed,
    NegotiationDecisionRecorded,
    NegotiationOutcome,
    UnitRegistered,
)
from ledger.domain.stamp import Stamp
from ledger.domain.unit import Unit
from ledger.domain.values import KpiTerms, Signatory
from ledger.errors import AlreadyRecorded, InvalidInput, NotFound, RuleRefused
from ledger.frameworks.model import Framework
from ledger.grammar import with_article
from ledger.rules.kpi_terms import check_kpi_terms
from ledger.rules.signing import check_ready_to_sign

__all__ = [
    "framework_digest",
    "open_agreement",
    "propose_kpi",
    "record_negotiation_decision",
    "register_unit",
    "sign_agreement",
]

_PRIOR_RULE = "prior results are of the 20 fiscal years before the agreement's, oldest first"


def framework_digest(framework: Framework) -> str:
    """SHA-256 of the framework's canonical JSON: which rules the agreement was opened under.
    Fields added to the model later count only once they differ from their default."""
    fields = msgspec.to_builtins(framework)
    for name, default in Framework.LATER_FIELDS.items():
        if fields.get(name) == default:
            del fields[name]
    return hashlib.sha256(msgspec.json.encode(fields)).hexdigest()


def register_unit(
    unit_uuid: UUID,
    unit_id: str,
    name_th: str,
    name_en: str,
    level: str,
    parent: Unit | None,
    stamp: Stamp,
) -> UnitRegistered:
    return UnitRegistered(
        originator_id=unit_uuid,
        originator_version=1,
        unit_id=unit_id,
        name_th=name_th,
        name_en=name_en,
        level=level,
        parent_id=parent.unit_id if parent else None,
        **stamp.fields(),
    )


def open_agreement(
    agreement_uuid: UUID,
    ref: str,
    unit: Unit,
    framework: Framework,
    fiscal_year: int,
    stamp: Stamp,
) -> AgreementOpened:
    if unit.level not in framework.levels:
        raise RuleRefused(
            f"framework {framework.id} does not assess {unit.level} units",
            field="framework_id",
            rule="framework must cover the unit's level",
            expected=", ".join(framework.levels),
            actual=unit.level,
        )
    if fiscal_year != framework.fiscal_year:
        raise RuleRefused(
            f"framework {framework.id} is for FY{framework.fiscal_year}, not FY{fiscal_year}",
            field="fiscal_year",
            rule="framework and agreement share a fiscal year",
            expected=framework.fiscal_year,
            actual=fiscal_year,
        )
    return AgreementOpened(
        originator_id=agreement_uuid,
        originator_version=1,
        agreement_ref=ref,
        unit_id=unit.unit_id,
        fiscal_year=fiscal_year,
        framework_id=framework.id,
        framework_digest=framework_digest(framework),
        **stamp.fields(),
    )


def _refuse_if_signed(agreement: Agreement, what: str) -> None:
    if agreement.signed:
        raise RuleRefused(
            f"agreement {agreement.agreement_ref} is signed; {what}",
            field="agreement",
            rule="after signing, KPIs change only through change requests",
        )


def propose_kpi(
    agreement: Agreement,
    framework: Framework,
    level: str,
    kpi_id: str,
    terms: KpiTerms,
    stamp: Stamp,
    *,
    parent_revision: int | None = None,
) -> KpiProposed:
    """``parent_revision``: for a cascaded KPI, its parent's criteria revision now."""
    if agreement.signed:
        raise AttemptRefused(
            f"agreement {agreement.agreement_ref} is signed; no new or replacement KPI "
            f"({kpi_id}) can be added during the year",
            field="kpi_id",
            rule="rule 3: no new or replacement KPI during the year (after signing)",
            actual=kpi_id,
        )
    if kpi_id in agreement.kpis:
        raise AlreadyRecorded(
            f"KPI id {kpi_id!r} is already used in {agreement.agreement_ref}",
            field="kpi_id",
            rule="KPI ids are unique within an agreement",
        )
    if len(agreement.kpis) >= MAX_KPIS:
        # Bounds every per-KPI array an event holds (a cancellation's weight moves).
        raise InvalidInput(
            f"{agreement.agreement_ref} already holds {len(agreement.kpis)} proposed KPIs",
            field="kpi_id",
            rule=f"at most {MAX_KPIS} KPIs proposed per agreement",
            expected=MAX_KPIS,
            actual=len(agreement.kpis) + 1,
        )
    check_kpi_terms(terms, framework, level)
    _check_prior_results(agreement, terms)
    _refuse_duplicate_mandatory(agreement, kpi_id, terms)
    return KpiProposed(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        kpi_id=kpi_id,
        terms=terms,
        parent_revision=parent_revision,
        **stamp.fields(),
    )


def _check_prior_results(agreement: Agreement, terms: KpiTerms) -> None:
    """Each prior result is of its own fiscal year, one of the 20 before the agreement's,
    oldest first."""
    first = agreement.fiscal_year - 20
    years = [prior.fiscal_year for prior in terms.prior_results]
    for index, year in enumerate(years):
        if not first <= year < agreement.fiscal_year or (index and year <= years[index - 1]):
            raise InvalidInput(
                f"prior result FY{year} is not one of FY{first}-{agreement.fiscal_year - 1} "
                "after the one listed before it",
                field=f"prior_results[{index}].fiscal_year",
                rule=_PRIOR_RULE,
                expected=f"{first}-{agreement.fiscal_year - 1}",
                actual=year,
            )


def _refuse_duplicate_mandatory(agreement: Agreement, kpi_id: str, terms: KpiTerms) -> None:
    code = terms.mandatory_code
    if code is None:
        return
    for other in agreement.kpis_in_agreement():
        if other.kpi_id != kpi_id and other.terms.mandatory_code == code:
            raise AlreadyRecorded(
                f"mandatory KPI {code} is already carried by {other.kpi_id}",
                field="mandatory_code",
                rule="each mandatory KPI appears once",
            )


def record_negotiation_decision(
    agreement: Agreement,
    framework: Framework,
    level: str,
    kpi_id: str,
    outcome: NegotiationOutcome,
    amended: KpiTerms | None,
    committee: str,
    meeting_ref: str,
    minutes: str,
    stamp: Stamp,
) -> NegotiationDecisionRecorded:
    _refuse_if_signed(agreement, "negotiation is over")
    if kpi_id not in agreement.kpis:
        raise NotFound(
            f"no KPI {kpi_id!r} in {agreement.agreement_ref}",
            field="kpi_id",
            rule="KPI must be proposed first",
        )
    if outcome == "amended":
        if amended is None:
            raise InvalidInput(
                "an amended outcome needs the amended values",
                field="amendments",
                rule="amended decisions carry new values",
            )
        check_kpi_terms(amended, framework, level)
        _refuse_duplicate_mandatory(agreement, kpi_id, amended)
    elif amended is not None:
        raise InvalidInput(
            f"{with_article(outcome)} outcome takes no amendments",
            field="amendments",
            rule="only amended decisions carry new values",
        )
    return NegotiationDecisionRecorded(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        kpi_id=kpi_id,
        outcome=outcome,
        terms=amended,
        committee=committee,
        meeting_ref=meeting_ref,
        minutes=minutes,
        **stamp.fields(),
    )


def sign_agreement(
    agreement: Agreement,
    framework: Framework,
    level: str,
    signatories: Sequence[Signatory],
    stamp: Stamp,
) -> AgreementSigned:
    if agreement.signed:
        raise RuleRefused(
            f"agreement {agreement.agreement_ref} is already signed",
            field="agreement",
            rule="an agreement is signed once",
        )
    sides = {s.side for s in signatories}
    if sides != {"assessor", "assessed"}:
        raise InvalidInput(
            "signatories must include the assessor's and the assessed unit's side",
            field="signatories",
            rule="both parties sign",
            expected="assessor, assessed",
            actual=", ".join(sorted(sides)) or "none",
        )
    check_ready_to_sign(agreement, framework, level)
    total = sum((k.terms.weight for k in agreement.kpis_in_agreement()), Decimal(0))
    return AgreementSigned(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        signatories=tuple(signatories),
        total_weight=total,
        **stamp.fields(),
    )
