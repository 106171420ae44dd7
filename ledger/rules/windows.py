"""Change windows: which window a request falls in, and whether a decision is still in it."""

from __future__ import annotations

from datetime import date

from ledger.errors import RuleRefused
from ledger.frameworks.model import ChangeWindow, Framework
from ledger.thaidate import format_be_date

__all__ = ["window_for_request", "window_of_decision"]


def _describe(window: ChangeWindow) -> str:
    return (
        f"{window.id} ({window.label_en} / {window.label_th}), "
        f"deadline {window.closes.isoformat()} ({format_be_date(window.closes)})"
    )


def window_for_request(framework: Framework, on: date) -> ChangeWindow:
    """The first window still open on ``on``; RuleRefused naming the last deadline if none."""
    windows = sorted(framework.change_windows, key=lambda w: w.closes)
    if not windows:
        raise RuleRefused(
            f"framework {framework.id} takes no change requests (it defines no change windows)",
            field="effective_at",
            rule="change requests are taken in the framework's windows only",
        )
    for window in windows:
        if on <= window.closes:
            return window
    last = windows[-1]
    raise RuleRefused(
        f"a change request dated {on.isoformat()} is after the last window, {_describe(last)}",
        field="effective_at",
        rule="change requests are taken in the framework's windows only",
        expected=f"on or before {last.closes.isoformat()}",
        actual=on.isoformat(),
    )


def window_of_decision(framework: Framework, window_id: str, on: date) -> ChangeWindow:
    """The request's window; RuleRefused naming it and its deadline if ``on`` is past it."""
    window = next(w for w in framework.change_windows if w.id == window_id)
    if on > window.closes:
        raise RuleRefused(
            f"a decision dated {on.isoformat()} is after the request's window closed: "
            f"{_describe(window)}",
            field="effective_at",
            rule="a change is decided (and notified) before its window closes",
            expected=f"on or before {window.closes.isoformat()}",
            actual=on.isoformat(),
        )
    return window
