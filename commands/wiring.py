"""The composition root: the one place that builds the application and the handler context."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from commands.handlers.context import HandlerContext
from ledger.application import LedgerApplication
from ledger.frameworks.loader import framework_by_id
from ledger.frameworks.model import Framework
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now

__all__ = ["build_context", "framework_resolver"]


def framework_resolver(settings: Settings) -> Callable[[str], Framework]:
    extra = Path(settings.frameworks_dir) if settings.frameworks_dir else None
    return lambda framework_id: framework_by_id(framework_id, extra)


def build_context(settings: Settings, clock: Callable[[], datetime] = utc_now) -> HandlerContext:
    """Open the store named by the settings and wire the handlers to it."""
    app = LedgerApplication(settings)
    return HandlerContext(app=app, ledger=app, clock=clock, framework=framework_resolver(settings))
