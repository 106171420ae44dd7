"""Views whose documents follow from each agreement's state: fold per event, derive per page.

An agreement's score tables, early-warning trends, governor rounds and cascade nodes are a
function of the agreement as it stands (with its joint KPIs' shared results laid over it). A
page of events touches an agreement several times; deriving after each event rewrote the same
documents each time, only the last of which survives the page. Such a view folds every event
(``apply``), notes the agreements it changed, and derives each one once, from its state at
the end of the page (``settle``), in the same transaction. The documents written are the ones
deriving after every event would have left, so a rebuild and a view kept live still agree.
"""

from __future__ import annotations

from abc import abstractmethod

from ledger.domain.agreement import Agreement
from ledger.domain.events import LedgerEvent, UnitRegistered
from projections.base import LedgerProjection
from projections.documents import Documents
from projections.folding import fold_unit
from projections.shared import changed_agreements, merged, stored_agreement

__all__ = ["DerivedPerAgreement"]


class DerivedPerAgreement(LedgerProjection):
    """A view deriving documents from agreements (with shared results) once per page."""

    # Whether the view keeps units (a view that names or scores by level needs them), and
    # whether ``derive`` reads an agreement with its joint KPIs' shared results laid over it.
    keeps_units = False
    with_shared_results = True
    per_agreement = (("agreement", Agreement),)
    # Aggregate ids of the agreements the page changed, in the order it first did.
    _changed: dict[str, None]

    def begin_page(self) -> None:
        self._changed = {}

    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        if isinstance(event, UnitRegistered):
            if self.keeps_units:
                fold_unit(docs, event)
            return
        for state in changed_agreements(docs, event):
            self._changed[str(state.id)] = None
            self.folded(docs, event, state)

    def folded(self, docs: Documents, event: LedgerEvent, state: Agreement) -> None:
        """What the view keeps from ``event`` itself (``state``: an agreement it changed, as
        folded, without shared results); by default nothing."""

    def settle(self, docs: Documents) -> None:
        for key in self._changed:
            state = stored_agreement(docs, key)
            if self.with_shared_results:
                state = merged(docs, state, self.frameworks)
            self.derive(docs, state)
        self._changed.clear()

    @abstractmethod
    def derive(self, docs: Documents, state: Agreement) -> None:
        """Write the documents that follow from ``state`` as the page left it."""
