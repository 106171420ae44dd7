"""The Merkle log as the commands open it: for writing (it takes events in), and caught up with
every recorded event first, with a progress bar when that is long work."""

from __future__ import annotations

import sys

from commands.cli.views import progress_bar
from ledger.application import LedgerApplication
from ledger.integrity.log import TransparencyLog
from ledger.persistence.settings import Settings

__all__ = ["caught_up_log", "open_log"]


def open_log(database: str | None) -> TransparencyLog:
    return TransparencyLog(LedgerApplication(Settings.from_environment(database, access="write")))


def caught_up_log(database: str | None) -> TransparencyLog:
    """The log with every recorded event taken in (progress bar when there is much to do)."""
    log = open_log(database)
    behind = log.app.head() - log.position()
    with progress_bar(sys.stderr.isatty() and behind > 500) as progress:
        task = progress.add_task("Merkle log: catching up", total=behind)
        start = log.position()
        log.catch_up(progress=lambda at: progress.update(task, completed=at - start))
    return log
