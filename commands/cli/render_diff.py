"""``ledger diff`` as a person reads it: a table of field, before and after per subject.

A diff's values are the recorded fields as plain data (``msgspec.to_builtins``): tuples,
booleans, None and ISO timestamps. Printed with ``str`` they read as Python
(``('92', '94')``, ``False``, ``None``); here each kind gets the words a reader expects
(``92 / 94``, ``no``, ``—``, a Buddhist-Era date), and each subject (a KPI, a request, a
round) heads the rows of its fields. ``--json`` keeps the data as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from itertools import groupby
from typing import Any

from rich.table import Table
from rich.text import Text

from commands.cli.numbers import format_score, format_weight, format_weighted
from commands.cli.render import console, event_summary, print_table
from commands.cli.tables import column
from commands.cli.terminal import styled
from ledger.thaidate import format_be_datetime
from projections.diff import Change, Diff

__all__ = ["changes_table", "print_diff", "readable"]

NOTHING = "—"
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# Quantities printed one way wherever they appear (``commands.cli.numbers``).
_NUMBERS: Mapping[str, Callable[[Decimal | None], str]] = {
    "score": format_score,
    "weighted_score": format_weighted,
    "weight": format_weight,
}


def readable(value: Any) -> str:
    """One recorded value in words: lists joined with " / ", mappings as ``name: value``,
    yes or no for a flag, an ISO timestamp as a Buddhist-Era date and time in Bangkok,
    ``—`` for nothing.

    >>> readable(("92", "94", "96")), readable(False), readable(None), readable([])
    ('92 / 94 / 96', 'no / ไม่', '—', '—')
    >>> readable({"round_id": "12m", "value": "3.5"})
    'round id: 12m, value: 3.5'
    """
    if value is None:
        return NOTHING
    if isinstance(value, bool):
        return "yes / ใช่" if value else "no / ไม่"
    if isinstance(value, list | tuple):
        return " / ".join(readable(v) for v in value) or NOTHING
    if isinstance(value, dict):
        shown = (f"{_words(str(k))}: {readable(v)}" for k, v in value.items())
        return ", ".join(shown) or NOTHING
    if isinstance(value, str) and _TIMESTAMP.match(value):
        try:
            return format_be_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _shown(field: str, value: Any) -> str:
    """``readable``, but a score, a weighted score or a weight as the score table prints it."""
    number = _NUMBERS.get(field)
    if number is not None and isinstance(value, str):
        try:
            return number(Decimal(value))
        except InvalidOperation:
            pass
    return readable(value)


def changes_table(changes: Iterable[Change]) -> Table:
    """Field, before and after, the fields of one subject under its name in bold."""
    table = Table(
        column("Field\nรายการ"),
        column("Before\nก่อน", prose=True),
        column("After\nหลัง", prose=True),
        title="What changed / สิ่งที่เปลี่ยนแปลง",
        title_justify="left",
    )
    for subject, group in groupby(changes, key=lambda change: change.subject):
        table.add_row(styled(subject, "bold"), "", "")
        rows = list(group)
        for number, change in enumerate(rows, start=1):
            table.add_row(
                f"  {_words(change.field)}",
                _shown(change.field, change.before),
                _shown(change.field, change.after),
                end_section=number == len(rows),
            )
    return table


def print_diff(diff: Diff) -> None:
    """The two versions compared, what changed between them, and the events in between."""
    before, after = diff.before, diff.after
    console.print(
        Text.assemble(
            styled(diff.agreement, "bold"),
            f": version {before.version} (as recorded at {format_be_datetime(before.moment)})"
            f" → version {after.version} (as recorded at {format_be_datetime(after.moment)})",
        )
    )
    if not diff.changes:
        console.print("No differences / ไม่มีความแตกต่าง")
    else:
        print_table(changes_table(diff.changes))
    if diff.events_between:
        events = Table(
            column("#"),
            column("v"),
            column("Event\nเหตุการณ์", prose=True),
            column("Recorded\nบันทึก (พ.ศ.)"),
            column("Actor\nผู้กระทำ"),
            title="Events recorded in between / เหตุการณ์ที่บันทึกระหว่างนั้น",
            title_justify="left",
        )
        for row in diff.events_between:
            events.add_row(
                str(row.position),
                str(row.version),
                event_summary(row),
                format_be_datetime(row.recorded_at),
                row.actor_id,
            )
        print_table(events)
