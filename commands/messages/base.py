"""What every command shares: who acts, when it takes effect, and the client's own id."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from ledger.domain.values import Actor

__all__ = ["Command", "Moment"]

Moment = Annotated[datetime, msgspec.Meta(tz=True)]


class Command(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="type"
):
    """Common to every command: who acts (decides), when it takes effect (default: when
    recorded), and optionally the client's own id for it, which makes sending it again safe
    (see receipts.py). Who entered it is not a field: it is the signed-in user."""

    actor: Actor
    effective_at: Moment | None = None
    command_id: UUID | None = None
