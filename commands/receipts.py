"""The receipt recorded with a command that carries an id, and the answer to a second send."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from uuid import UUID

import msgspec

from commands.ledger_store import LedgerStore
from commands.messages import Command
from ledger.application import receipt_uuid
from ledger.domain.control_events import ChangeAttemptRefused
from ledger.domain.events import LedgerEvent
from ledger.domain.receipt import CommandHandled, EventRef
from ledger.errors import AlreadyRecorded, RuleRefused

__all__ = ["command_digest", "receipt_for", "replay_receipt"]


def command_digest(command: Command) -> str:
    return hashlib.sha256(msgspec.json.encode(command)).hexdigest()


def receipt_for(
    command: Command, command_id: UUID, events: Sequence[LedgerEvent], refused: bool
) -> CommandHandled:
    first = events[0]
    return CommandHandled(
        originator_id=receipt_uuid(command_id),
        originator_version=1,
        recorded_at=first.recorded_at,
        effective_at=first.effective_at,
        actor=first.actor,
        command_id=command_id,
        command_type=str(type(command).__struct_config__.tag),
        command_digest=command_digest(command),
        recorded=tuple(
            EventRef(originator_id=e.originator_id, originator_version=e.originator_version)
            for e in events
        ),
        refused=refused,
    )


def replay_receipt(
    ledger: LedgerStore, receipt: CommandHandled, command: Command
) -> list[LedgerEvent]:
    """What the first send recorded: its events again, or its refusal raised again.

    AlreadyRecorded when the id was first used for a different command."""
    if receipt.command_digest != command_digest(command):
        raise AlreadyRecorded(
            f"command id {receipt.command_id} was already used for a different "
            f"{receipt.command_type} command",
            field="command_id",
            rule="a command id names one command; a new command needs a new id",
        )
    recorded = [ledger.event_at(ref) for ref in receipt.recorded]
    if receipt.refused:
        (refusal,) = recorded
        assert isinstance(refusal, ChangeAttemptRefused)
        raise RuleRefused(
            f"{refusal.message} (refused when command {receipt.command_id} was first sent)",
            field=refusal.field,
            rule=refusal.rule,
        )
    return recorded
