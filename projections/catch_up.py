"""Bring a projection up to the log's head by pulling notifications (works on every backend).

The library's ProjectionRunner needs a subscription, which its SQLite store does not offer, so
the ledger pulls pages of notifications after the view's tracked position and hands each page
to the projection as one transaction. Restarting after a crash resumes from the position the
view recorded: the interrupted page was rolled back whole and is processed again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec

from ledger.application import LedgerApplication
from projections.base import LedgerProjection

__all__ = ["DEFAULT_BATCH", "Lag", "catch_up", "catch_up_many", "lag"]

# Events per view transaction. Each document a page touches is read, decoded, encoded and
# written once per page (projections.buffered), so a larger page means fewer rewrites of the
# same agreement; an interruption loses at most one page of work, which is done again.
DEFAULT_BATCH = 5000


class Lag(msgspec.Struct, frozen=True, kw_only=True):
    """Where a view stands against the log, as positions (notification ids)."""

    projection: str
    position: int
    head: int

    @property
    def behind(self) -> int:
        return max(self.head - self.position, 0)


def lag(app: LedgerApplication, projection: LedgerProjection) -> Lag:
    position = projection.view.max_tracking_id(app.name) or 0
    return Lag(projection=projection.name, position=position, head=app.head())


def catch_up_many(
    app: LedgerApplication,
    projections: Sequence[LedgerProjection],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Process every event each view has not seen, reading each page of the log once for all
    of them; returns how many events each view processed. ``progress`` gets each position
    reached."""
    positions = {p.name: p.view.max_tracking_id(app.name) or 0 for p in projections}
    processed = dict.fromkeys(positions, 0)
    after = min(positions.values(), default=0)
    while projections and (page := app.log_page(after, batch_size)):
        for projection in projections:
            unseen = [item for item in page if item[0] > positions[projection.name]]
            if unseen:
                projection.process_batch(unseen)
                positions[projection.name] = unseen[-1][0]
                processed[projection.name] += len(unseen)
        after = page[-1][0]
        if progress is not None:
            progress(after)
    return processed


def catch_up(
    app: LedgerApplication,
    projection: LedgerProjection,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Process every event the view has not seen; returns how many."""
    done = catch_up_many(app, [projection], batch_size=batch_size, progress=progress)
    return done[projection.name]
