"""The note a read from a ``--read-db`` standby prints on stderr: how far the standby's replay
is behind the primary, and where the views it holds stand against the log it holds."""

from __future__ import annotations

from collections.abc import Sequence

from commands.cli.demo_note import note_if_demo
from commands.cli.options import chosen_read_db
from commands.cli.terminal import SafeConsole
from commands.wiring import ReadContext, build_read_context
from ledger.errors import StoreUnavailable
from ledger.persistence.replica import ReplayLag, replay_lag
from ledger.persistence.settings import Settings
from projections.catch_up import Lag

__all__ = ["ReplicaNote", "read_context", "replica_note", "standby_context"]

errors = SafeConsole(stderr=True)


def replica_note(replay: ReplayLag, views: Sequence[Lag]) -> str:
    """One line, Thai and English."""
    where = "; ".join(
        f"view {lag.projection!r} at log position {lag.position} of the standby's "
        f"{lag.head} ({lag.behind} behind / ช้ากว่า {lag.behind} เหตุการณ์)"
        for lag in views
    )
    return "note: อ่านจากสำเนา / read from " + replay.describe() + (f"; {where}" if where else "")


class ReplicaNote:
    """Measures the standby's replay once per run and prints the note for each view read."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._replay: ReplayLag | None = None

    @property
    def replay(self) -> ReplayLag:
        if self._replay is None:
            self._replay = replay_lag(self.settings)
        return self._replay

    def say(self, views: Sequence[Lag] = ()) -> None:
        # soft_wrap: the note stays one line, whatever the terminal's width.
        errors.print(
            replica_note(self.replay, views), soft_wrap=True, markup=False, highlight=False
        )


def standby_context(settings: Settings) -> ReadContext:
    """``build_read_context`` on the store reads go to (``settings.reading()``); an unreachable
    standby is reported as ``--read-db``'s, not ``--db``'s. A demo store is noted on stderr."""
    try:
        ctx = build_read_context(settings.reading())
    except StoreUnavailable as error:
        if settings.read_database is None:
            raise
        raise StoreUnavailable(
            error.message, field="--read-db", rule="start the standby or correct its URL"
        ) from error
    note_if_demo(ctx.app)
    return ctx


def read_context(database: str | None) -> ReadContext:
    """The context of a read command that reads no views: on the ``--read-db`` standby when
    one was given (its replay lag noted on stderr), else on ``--db``."""
    settings = Settings.from_environment(database, access="read", read_database=chosen_read_db())
    ctx = standby_context(settings)
    if settings.read_database is not None:
        ReplicaNote(settings.reading()).say()
    return ctx
