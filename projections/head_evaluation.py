"""Projection ``governor``: the rounds of the unit head's own evaluation (FY2568: the
governor's), each taken from the assessment round the framework names (round 1 from the
6-month Performance Base result, round 2 from the 12-month result of both bases)."""

from __future__ import annotations

from decimal import Decimal

import msgspec

from ledger.domain.agreement import Agreement
from projections.derived import DerivedPerAgreement
from projections.documents import Documents
from projections.folding import stored_unit
from projections.scores import round_scores

__all__ = ["HeadEvaluation", "HeadRound", "read_head_rounds"]


class HeadRound(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    unit_id: str
    unit_name_th: str
    unit_name_en: str
    number: int
    label_th: str
    label_en: str
    from_round: str
    status: str
    # The composite over the weight the round assesses (0-100 on the three-level scale) and
    # what that is worth out of the assessed weight (70 for the Performance Base).
    assessed_weight: Decimal
    score: Decimal | None
    points: Decimal | None
    band_th: str | None
    band_en: str | None


class HeadEvaluation(DerivedPerAgreement):
    name = "governor"
    summary = "the governor's evaluation rounds, from the 6- and 12-month results (FY2568)"
    keeps_units = True

    def derive(self, docs: Documents, state: Agreement) -> None:
        framework = self.frameworks(state.framework_id)
        if not framework.head_evaluation_rounds:
            return
        unit = stored_unit(docs, state.unit_id)
        tables = {t.round_id: t for t in round_scores(state, unit, framework)}
        for head in framework.head_evaluation_rounds:
            table = tables.get(head.from_round)
            score = table.composite if table else None
            weight = table.assessed_weight if table else Decimal(0)
            entry = HeadRound(
                agreement=state.agreement_ref,
                unit_id=unit.unit_id,
                unit_name_th=unit.name_th,
                unit_name_en=unit.name_en,
                number=head.number,
                label_th=head.label_th,
                label_en=head.label_en,
                from_round=head.from_round,
                status=table.status if table else "not yet reported",
                assessed_weight=weight,
                score=score,
                points=None if score is None else score * weight / 100,
                band_th=table.band_th if table else None,
                band_en=table.band_en if table else None,
            )
            docs.put("round", f"{state.agreement_ref}|{head.number:02d}", entry)


def read_head_rounds(docs: Documents, agreement: str | None = None) -> list[HeadRound]:
    prefix = f"{agreement}|" if agreement is not None else ""
    return [entry for _, entry in docs.scan("round", HeadRound, prefix)]
