"""The projection every read model is: the ``eventsourcing`` Projection over a DocumentView.

``process_event`` is the library's entry point (what its ProjectionRunner calls, one event per
transaction); ``process_batch`` is what the pull-based catch-up uses, many events in one
transaction. Both end by recording the position of the last event in the same transaction.
A view whose documents follow from state it folds derives them once per page in ``settle``
(projections.derived), not once per event.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from ledger.application import LedgerApplication
from ledger.domain.agreement import NOT_AGREEMENT_EVENTS
from ledger.domain.events import LedgerEvent
from ledger.frameworks.loader import framework_by_id
from ledger.frameworks.model import Framework
from projections.documents import Documents, DocumentView

__all__ = ["LedgerProjection", "Positioned"]

# (notification id, event): an event and its position in the log's global order.
Positioned = tuple[int, LedgerEvent]


def _builtin_framework(framework_id: str) -> Framework:
    return framework_by_id(framework_id, None)


class LedgerProjection(Projection[DocumentView]):
    """A read model fed only by events; subclasses say what one event does to the view."""

    # ``name`` (the library's: it names the view's tables and environment) is set per class.
    summary: ClassVar[str]
    # Collections of documents kept per agreement under its aggregate id, with their type,
    # which a page's agreement events read: fetched together at the start of the page.
    per_agreement: ClassVar[tuple[tuple[str, type[Any]], ...]] = ()

    def __init__(
        self, view: DocumentView, frameworks: Callable[[str], Framework] = _builtin_framework
    ) -> None:
        super().__init__(view=view)
        self.frameworks = frameworks

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self.process_batch([(tracking.notification_id, domain_event)])

    def process_batch(self, batch: Sequence[Positioned]) -> None:
        """Apply events in log order and record the last one's position, all or nothing."""
        if not batch:
            return
        last = Tracking(LedgerApplication.name, batch[-1][0])
        self.begin_page()
        with self.view.writing(last) as docs:
            if self.per_agreement:
                keys = [
                    str(event.originator_id)
                    for _, event in batch
                    if not isinstance(event, NOT_AGREEMENT_EVENTS)
                ]
                for collection, kind in self.per_agreement:
                    docs.preload(collection, keys, kind)
            for position, event in batch:
                self.apply(docs, position, event)
            self.settle(docs)

    @abstractmethod
    def apply(self, docs: Documents, position: int, event: LedgerEvent) -> None:
        """What one event does to this view's documents."""

    def begin_page(self) -> None:
        """Forget what the view noted for ``settle`` in a page that was rolled back (by
        default it notes nothing)."""

    def settle(self, docs: Documents) -> None:
        """What the view writes once the page's events are applied (by default nothing)."""
