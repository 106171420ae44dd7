"""Who decided an event, who entered it, when it took effect and when it was recorded."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from ledger.domain.values import Actor

__all__ = ["Stamp"]


class Stamp(msgspec.Struct, frozen=True, kw_only=True):
    actor: Actor
    effective_at: datetime
    recorded_at: datetime
    entered_by: str | None = None

    def fields(self) -> dict[str, Any]:
        """Keyword arguments common to every event this command records."""
        return {
            "actor": self.actor,
            "effective_at": self.effective_at,
            "recorded_at": self.recorded_at,
            "entered_by": self.entered_by,
        }
