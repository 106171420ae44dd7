"""Projection ``scores``: each agreement's score table per round, as it stands now."""

from __future__ import annotations

from ledger.domain.agreement import NOT_AGREEMENT_EVENTS
from ledger.domain.events import LedgerEvent, UnitRegistered
from projections.base import LedgerProjection
from projections.documents import Documents
from projections.folding import fold_agreement, fold_unit, stored_unit
from projections.scores import RoundScores, round_scores

__all__ = ["CurrentScores", "read_scores"]


class CurrentScores(LedgerProjection):
    name = "scores"
    summary = "current scores per agreement and round: each KPI, the composite and its band"

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        if isinstance(event, UnitRegistered):
            fold_unit(docs, event)
            return
        if isinstance(event, NOT_AGREEMENT_EVENTS):
            return
        state = fold_agreement(docs, event)
        unit = stored_unit(docs, state.unit_id)
        tables = round_scores(state, unit, self.frameworks(state.framework_id))
        prefix = f"{state.agreement_ref}|"
        docs.delete_prefix("round", prefix)
        for order, table in enumerate(tables):
            docs.put("round", f"{prefix}{order:02d}", table)


def read_scores(
    docs: Documents, *, agreement: str | None = None, round_id: str | None = None
) -> list[RoundScores]:
    """Score tables by agreement reference, rounds in the framework's order."""
    prefix = f"{agreement}|" if agreement is not None else ""
    return [
        table
        for _, table in docs.scan("round", RoundScores, prefix)
        if round_id is None or table.round_id == round_id
    ]
