"""Keep projections current as events are recorded, with the library's ProjectionRunner.

Only a PostgreSQL store can be followed: the runner subscribes to the application's recorder
(LISTEN/NOTIFY), which the library's SQLite store does not offer; there ``ledger project``
pulls instead. Both record the same tracking positions in the same views, so one can take
over from the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from eventsourcing.projection import ProjectionRunner

from ledger.application import LedgerApplication
from ledger.errors import InvalidInput
from ledger.frameworks.model import Framework
from ledger.persistence.settings import Settings
from projections.base import LedgerProjection
from projections.documents import DocumentView
from projections.documents_postgres import PostgresDocumentView
from projections.registry import PROJECTIONS

__all__ = ["following"]

Runner = ProjectionRunner[LedgerApplication, DocumentView]


def _application_for(settings: Settings) -> type[LedgerApplication]:
    """The runner constructs its application from an env; ours comes from the settings."""

    class FollowedLedger(LedgerApplication):
        name = LedgerApplication.name  # tracking positions are recorded under this name

        def __init__(self, env: Any = None) -> None:
            super().__init__(settings)

    return FollowedLedger


def _projection_for(
    cls: type[LedgerProjection], frameworks: Callable[[str], Framework]
) -> type[LedgerProjection]:
    """The runner constructs the projection from its view alone; this one knows the frameworks."""

    class WithFrameworks(cls):  # type: ignore[valid-type, misc]
        name = cls.name

        def __init__(self, view: DocumentView) -> None:
            super().__init__(view, frameworks)

    return WithFrameworks


@contextmanager
def following(
    settings: Settings, names: list[str], frameworks: Callable[[str], Framework]
) -> Iterator[list[Runner]]:
    """Run a ProjectionRunner per named projection until the block ends."""
    if not settings.is_postgres:
        raise InvalidInput(
            "a SQLite store offers no subscription to follow",
            field="--follow",
            rule="follow needs a postgresql:// store; on SQLite run `ledger project` to pull",
        )
    application = _application_for(settings)
    with ExitStack() as stack:
        runners = [
            stack.enter_context(
                Runner(
                    application_class=application,
                    projection_class=_projection_for(PROJECTIONS[name], frameworks),
                    view_class=PostgresDocumentView,
                    env=settings.projection_env(name),
                )
            )
            for name in names
        ]
        yield runners
