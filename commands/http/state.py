"""What every route reaches through the ``api`` dependency: the settings and one handler
context over the store, built once per worker process by the app factory."""

from __future__ import annotations

from dataclasses import dataclass

from commands.handlers import HandlerContext
from ledger.persistence.settings import Settings

__all__ = ["Api"]


@dataclass(frozen=True)
class Api:
    settings: Settings
    context: HandlerContext
