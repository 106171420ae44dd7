"""Every write from the command line ends sealed, whether it succeeded or was refused part
way (what was recorded before the refusal is sealed too)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from commands.handlers import HandlerContext
from commands.sealing import seal
from ledger.errors import LedgerError

__all__ = ["seal_and_say", "sealed_write"]

T = TypeVar("T")


def seal_and_say(ctx: HandlerContext) -> None:
    """The new events in the Merkle log, the head signed when the operator's key is
    configured (LEDGER_LOG_KEY)."""
    signed = seal(ctx.app)
    if signed is not None:
        click.echo(f"sealed: checkpoint of {signed.checkpoint.size} events signed", err=True)


def sealed_write(ctx: HandlerContext, write: Callable[[], T]) -> T:
    """``write()``, then seal; a refusal (a LedgerError) is raised after sealing, since a
    kept refusal records an event. Anything else is raised as it is."""
    try:
        result = write()
    except LedgerError:
        seal_and_say(ctx)
        raise
    seal_and_say(ctx)
    return result
