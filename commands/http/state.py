"""What every route reaches through the ``api`` dependency: the settings and one handler
context over the store, built once per worker process by the app factory."""

from __future__ import annotations

from dataclasses import dataclass, field

from commands.handlers import HandlerContext
from ledger.domain.identity.principals import Directory
from ledger.persistence.settings import Settings

__all__ = ["Api"]


@dataclass(frozen=True)
class Api:
    settings: Settings
    context: HandlerContext
    # The store's bootstrap, once there is one: it never changes after (read once per worker).
    _bootstrapped: list[Directory] = field(default_factory=list)

    def demo_scenario(self) -> str | None:
        """The demo scenario a demo store was recorded by (its recorded times simulated),
        None for any other store."""
        if not self._bootstrapped:
            directory = self.context.app.directory()
            if directory is None:
                return None
            self._bootstrapped.append(directory)
        return self._bootstrapped[0].demo_scenario
