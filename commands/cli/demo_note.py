"""The notice every read prints on stderr when the store is a demo whose recorded times are
simulated (``ledger demo``): read from the store's first event, once per command."""

from __future__ import annotations

from commands.cli.terminal import SafeConsole
from ledger.application import LedgerApplication
from ledger.demo_store import demo_notice

__all__ = ["note_if_demo"]

errors = SafeConsole(stderr=True)


def note_if_demo(app: LedgerApplication) -> None:
    directory = app.directory()
    if directory is not None and directory.demo_scenario is not None:
        errors.print(
            f"note: {demo_notice(directory.demo_scenario)}",
            soft_wrap=True,
            markup=False,
            highlight=False,
        )
