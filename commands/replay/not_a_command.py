"""The one error rebuilding a command from an event raises."""

from __future__ import annotations

__all__ = ["NotACommand"]


class NotACommand(ValueError):
    """The event is not the first event of any command (nothing the handlers send records it
    on its own), or names an aggregate (an agreement, a joint KPI) the log never began."""
