"""Wording corrections after the KPI Template Audit (seed 001, 1.5.4): the working group
checks each KPI template and the department corrects its wording once change requests are
decided. A correction changes titles only, and only as far as a correction goes: a title
rewritten into another measure is a replacement KPI, refused under rule 3 and kept.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ledger.domain.agreement import Agreement
from ledger.domain.control_events import KpiWordingCorrected
from ledger.domain.decisions.attempts import AttemptRefused
from ledger.domain.stamp import Stamp
from ledger.errors import InvalidInput, NotFound, RuleRefused
from ledger.frameworks.model import Framework

__all__ = ["MIN_SIMILARITY", "correct_wording"]

# How alike a corrected title stays to the one signed (difflib's ratio, 0 to 1): a typo, a
# missing word or a clearer phrase keeps well above it; a new measure falls below.
MIN_SIMILARITY = 0.6


def _check_similar(before: str, after: str, field: str) -> None:
    ratio = SequenceMatcher(None, before, after).ratio()
    if ratio < MIN_SIMILARITY:
        raise AttemptRefused(
            f"the corrected {field} keeps {ratio:.0%} of the signed wording; that rewrites the "
            "KPI into another, which is a replacement KPI",
            field=field,
            rule="rule 3: no new or replacement KPI during the year (a correction keeps at "
            f"least {MIN_SIMILARITY:.0%} of the wording)",
            expected=before,
            actual=after,
        )


def correct_wording(
    agreement: Agreement,
    framework: Framework,
    kpi_id: str,
    title_th: str | None,
    title_en: str | None,
    audit_ref: str,
    reason: str,
    stamp: Stamp,
) -> KpiWordingCorrected:
    if not framework.wording_corrections:
        raise RuleRefused(
            f"framework {framework.id} takes no KPI template corrections; change a KPI by a "
            "change request",
            field="agreement",
            rule="wording corrections only where the framework provides for them",
        )
    if not agreement.signed:
        raise RuleRefused(
            f"agreement {agreement.agreement_ref} is not signed; correct wording in negotiation",
            field="agreement",
            rule="template corrections follow the signed agreement",
        )
    kpi = agreement.kpis.get(kpi_id)
    if kpi is None or not kpi.in_agreement:
        raise NotFound(
            f"no KPI {kpi_id!r} in {agreement.agreement_ref}",
            field="kpi_id",
            rule="KPI must be in the signed agreement",
        )
    if kpi.terms.joint_id is not None:
        raise RuleRefused(
            f"KPI {kpi_id} is joint KPI {kpi.terms.joint_id}, worded once for every participant",
            field="kpi_id",
            rule="a joint KPI has one measure",
        )
    new_th = title_th if title_th is not None else kpi.terms.title_th
    new_en = title_en if title_en is not None else kpi.terms.title_en
    if (new_th, new_en) == (kpi.terms.title_th, kpi.terms.title_en):
        raise InvalidInput(
            "the correction changes no title",
            field="title_th",
            rule="a correction changes the wording",
        )
    _check_similar(kpi.terms.title_th, new_th, "title_th")
    _check_similar(kpi.terms.title_en, new_en, "title_en")
    return KpiWordingCorrected(
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        kpi_id=kpi_id,
        title_th_before=kpi.terms.title_th,
        title_en_before=kpi.terms.title_en,
        title_th=new_th,
        title_en=new_en,
        audit_ref=audit_ref,
        reason=reason,
        **stamp.fields(),
    )
