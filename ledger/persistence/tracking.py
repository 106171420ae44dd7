"""Opening a tracked view (a projection's recorder) beside the event store the settings name."""

from __future__ import annotations

from typing import TypeVar

from eventsourcing.persistence import InfrastructureFactory, TrackingRecorder
from eventsourcing.utils import Environment

from ledger.persistence.settings import Settings

__all__ = ["open_tracking_recorder"]

R = TypeVar("R", bound=TrackingRecorder)


def open_tracking_recorder(
    settings: Settings, name: str, sqlite_class: type[R], postgres_class: type[R]
) -> R:
    """The recorder named ``name``: its own file in ``STORE.projections/`` on SQLite, tables
    ``NAME_tracking`` (and the class's own) in the store's schema on PostgreSQL."""
    if settings.is_postgres:
        chosen = postgres_class
    else:
        settings.projections_dir().mkdir(parents=True, exist_ok=True)
        chosen = sqlite_class
    env = Environment(name, settings.projection_env(name))
    return InfrastructureFactory[R].construct(env=env).tracking_recorder(chosen)
