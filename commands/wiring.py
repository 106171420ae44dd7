"""The composition root: the one place that builds the application and the handler context."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ledger.application import LedgerApplication
from ledger.frameworks.model import Framework
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now

if TYPE_CHECKING:
    from commands.handlers.context import HandlerContext

__all__ = ["ReadContext", "Reads", "build_context", "build_read_context", "framework_resolver"]


class Reads(Protocol):
    """What a read uses: the store and the frameworks (a HandlerContext has both)."""

    @property
    def app(self) -> LedgerApplication: ...

    @property
    def framework(self) -> Callable[[str], Framework]: ...


class ReadContext(NamedTuple):
    app: LedgerApplication
    framework: Callable[[str], Framework]


def framework_resolver(settings: Settings) -> Callable[[str], Framework]:
    extra = Path(settings.frameworks_dir) if settings.frameworks_dir else None

    resolved: dict[str, Framework] = {}

    def resolve(framework_id: str) -> Framework:
        # Views ask once per event: each framework is looked up once per process.
        found = resolved.get(framework_id)
        if found is None:
            # Imported at the first lookup: a read of caught-up views never needs the TOML.
            from ledger.frameworks.loader import framework_by_id

            found = resolved[framework_id] = framework_by_id(framework_id, extra)
        return found

    return resolve


def build_context(settings: Settings, clock: Callable[[], datetime] = utc_now) -> HandlerContext:
    """Open the store named by the settings and wire the handlers to it."""
    # Imported here: the handlers package loads every handler, which reads never run.
    from commands.handlers.context import HandlerContext

    app = LedgerApplication(settings)
    return HandlerContext(app=app, ledger=app, clock=clock, framework=framework_resolver(settings))


def build_read_context(settings: Settings) -> ReadContext:
    """Open the store for a read: no handlers, so a read starts faster."""
    return ReadContext(app=LedgerApplication(settings), framework=framework_resolver(settings))
