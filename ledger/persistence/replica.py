"""How far a streaming-replication standby (``--read-db``) is behind its primary, as the
standby itself knows it: what it has received and replayed of the primary's write-ahead log,
and when the last replayed transaction was committed on the primary."""

from __future__ import annotations

from datetime import datetime

import msgspec

from ledger.errors import StoreUnavailable
from ledger.persistence.settings import Settings

__all__ = ["ReplayLag", "replay_lag"]

_QUERY = """
SELECT pg_is_in_recovery(),
       pg_last_wal_receive_lsn()::text,
       pg_last_wal_replay_lsn()::text,
       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint,
       pg_last_xact_replay_timestamp(),
       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
"""


class ReplayLag(msgspec.Struct, frozen=True, kw_only=True):
    """``standby`` is false when the server is not in recovery (a primary: nothing to lag)."""

    address: str
    standby: bool
    received_lsn: str | None = None
    replayed_lsn: str | None = None
    # WAL the standby has received but not yet applied: what a read cannot see yet.
    unreplayed_bytes: int = 0
    last_replayed_at: datetime | None = None
    # Seconds since the last replayed transaction committed on the primary. On an idle
    # primary this grows although nothing is missing: read it with ``unreplayed_bytes``.
    seconds_since_last_replayed: float | None = None

    def describe(self) -> str:
        """The standby's part of the note a read prints (English; the note adds Thai)."""
        if not self.standby:
            return f"{self.address}, not a standby (no replay lag)"
        age = (
            "no transaction replayed yet"
            if self.seconds_since_last_replayed is None
            else f"last replayed transaction committed {self.seconds_since_last_replayed:.1f} s ago"
        )
        return (
            f"standby {self.address}: WAL replayed to {self.replayed_lsn} "
            f"(received {self.received_lsn}, {self.unreplayed_bytes} bytes not yet replayed; "
            f"{age})"
        )


def replay_lag(settings: Settings) -> ReplayLag:
    """Ask the server ``settings`` name (PostgreSQL) how far its replay has got."""
    import psycopg  # here: every read imports this module, most never with a --read-db

    try:
        with psycopg.connect(settings.postgres_conninfo()) as connection:
            row = connection.execute(_QUERY).fetchone()
    except psycopg.OperationalError as error:
        raise StoreUnavailable(
            f"cannot reach the --read-db server {settings.postgres_address}: {error}",
            field="--read-db",
        ) from error
    assert row is not None  # a SELECT without FROM always returns its one row
    standby, received, replayed, unreplayed, replayed_at, age = row
    return ReplayLag(
        address=settings.postgres_address,
        standby=bool(standby),
        received_lsn=received,
        replayed_lsn=replayed,
        unreplayed_bytes=max(int(unreplayed or 0), 0),
        last_replayed_at=replayed_at,
        seconds_since_last_replayed=age,
    )
