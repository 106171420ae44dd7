"""Command receipts: how the ledger knows a command it was sent twice.

A command may carry a client-supplied ``command_id``. Its events are recorded in the same
transaction as a ``CommandHandled`` receipt, the only event of an aggregate whose id is derived
from the command id. A second send of the same id cannot record a second receipt (version 1 is
taken), so the ledger finds the first one and answers with what was recorded then: a retry after
a timeout or a lost connection is never applied twice.
"""

from __future__ import annotations

from uuid import UUID

import msgspec

from ledger.domain.events import LedgerEvent

__all__ = ["CommandHandled", "EventRef"]


class EventRef(msgspec.Struct, frozen=True, kw_only=True):
    originator_id: UUID
    originator_version: int


class CommandHandled(LedgerEvent, frozen=True, kw_only=True):
    """``command_digest`` is the SHA-256 of the command as sent; ``recorded`` names the events
    recorded with it; ``refused`` says those record a refused change-control attempt."""

    command_id: UUID
    command_type: str
    command_digest: str
    recorded: tuple[EventRef, ...]
    refused: bool = False
