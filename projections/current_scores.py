"""Projection ``scores``: each agreement's score table per round, as it stands now."""

from __future__ import annotations

from collections.abc import Iterator

from ledger.domain.agreement import Agreement
from projections.derived import DerivedPerAgreement
from projections.documents import Documents
from projections.folding import stored_unit
from projections.scores import RoundScores, round_scores

__all__ = ["CurrentScores", "read_scores", "stream_scores"]


class CurrentScores(DerivedPerAgreement):
    name = "scores"
    summary = "current scores per agreement and round: each KPI, the composite and its band"
    keeps_units = True

    def derive(self, docs: Documents, state: Agreement) -> None:
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
    return list(stream_scores(docs, agreement=agreement, round_id=round_id))


def stream_scores(
    docs: Documents, *, agreement: str | None = None, round_id: str | None = None
) -> Iterator[RoundScores]:
    """``read_scores`` a table at a time, read from the view in chunks (all agreements
    can be more than memory holds)."""
    prefix = f"{agreement}|" if agreement is not None else ""
    for _, table in docs.stream("round", RoundScores, prefix):
        if round_id is None or table.round_id == round_id:
            yield table
