"""What a demo scenario is: one seed framework's year, told as the commands its cast sends.

``ledger demo --scenario NAME`` records a scenario through the ordinary command path: the
cast (commands/demo/cast.py) first, scoped to the scenario's framework and year, then the
year's lines. Every scenario's numbers are ILLUSTRATIVE; its seed document names the units,
KPIs and calendar, not the results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ledger.frameworks.model import Framework

__all__ = ["Scenario", "Unit"]

# (unit id, Thai name, English name)
Unit = tuple[str, str, str]


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """``commands(framework)`` yields the year's commands in order, the ``register_unit``
    lines first (the cast's grants that name units follow them). ``offices``: every unit
    whose office is a user of the cast (each granted assessed_unit for its own unit),
    joint-KPI hosts included. ``refused_on_purpose``: how many lines the rules are meant to
    refuse, each kept as an attempt. ``what_if_shown``: (agreement, request id) of the
    decisions taken with a what-if in front of the committee. ``starts``: the date the cast
    is recorded on the demo's simulated clock, before the year's first line (ISO)."""

    name: str
    title_th: str
    title_en: str
    seed: str
    framework_id: str
    fiscal_year: int
    offices: tuple[Unit, ...]
    commands: Callable[[Framework], Iterator[dict[str, Any]]]
    refused_on_purpose: int
    # The rounds whose scores the demo prints at the end (each level's last).
    shown_rounds: tuple[str, ...]
    starts: str
    # The agreement the closing lines suggest reading, and two dates of the year between
    # which its recorded history is worth a diff (the first also for as-of).
    featured: str
    moments: tuple[str, str]
    # Thai and English names of the year's negotiation, change and appeal bodies, by body id
    # (commands/demo/common.py), and of its independent evaluator.
    body_names: dict[str, tuple[str, str]]
    evaluator_name: tuple[str, str]
    what_if_shown: frozenset[tuple[str, str]] = field(default_factory=frozenset)
