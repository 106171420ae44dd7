"""What ``ledger demo`` says when the year is recorded: what was recorded, that the numbers
are illustrative, and the next commands to try on this store, with its own dates."""

from __future__ import annotations

import re
from pathlib import Path
from shlex import quote
from typing import NamedTuple

from commands.cli.apply import ApplySummary
from commands.cli.demo_cast import Cast
from commands.demo.common import OPDC
from commands.demo.scenario import Scenario
from ledger.grammar import counted

__all__ = ["Line", "closing_lines", "continued"]


class Line(NamedTuple):
    """One line of the closing: prose (wrapped to the terminal) or, when ``whole``, a command
    or a path to copy, never cut inside a word (``continued`` breaks a command between its
    words, so a copy-paste still runs it)."""

    text: str
    whole: bool = False


# A shell word as written: unquoted runs and quoted strings, kept as they are.
_WORD = re.compile(r"""(?:[^\s"']+|"[^"]*"|'[^']*')+""")


def continued(command: str, width: int) -> list[str]:
    r"""``command`` (indented, shell words) as lines of at most ``width`` cells, broken
    between words with a trailing backslash, so that pasted into a shell it is one command
    again; a word too wide for the line indented starts its line, and one wider than the
    line keeps a line of its own. A command that fits, or that ends in a backslash already,
    is left as it is.

    >>> continued("  ledger verify --db a.sqlite --trust '/x/my y/trust.policy'", 40)
    ['  ledger verify --db a.sqlite --trust \\', "      '/x/my y/trust.policy'"]
    """
    if len(command) <= width or command.endswith("\\"):
        return [command]
    indent = command[: len(command) - len(command.lstrip())]
    words = _WORD.findall(command)
    lines, current = [], indent + words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) + 2 > width:
            lines.append(current + " \\")
            # Indented when it fits so; a path too long for that starts the line.
            current = indent + "    " + word if len(indent) + 6 + len(word) <= width else word
        else:
            current += " " + word
    return [*lines, current]


def closing_lines(
    scenario: Scenario,
    summary: ApplySummary,
    cast: Cast,
    database: str,
    tokens: Path,
    policy: Path,
    *,
    simulated: bool,
) -> list[Line]:
    db = f"--db {quote(database)}"
    featured = scenario.featured
    first, second = scenario.moments
    clock = (
        "Each line was recorded when it would have been (a simulated clock that follows the "
        "year); the store is marked as a demo, and every read and `ledger verify` say so."
        if simulated
        else "Every line was recorded now (--real-clock): read it by effective time."
    )
    by = "" if simulated else " --effective"
    tries = (
        f"ledger audit --all {db}",
        f"ledger history {featured} {db}",
        f"ledger as-of {featured} {first}{by} {db}",
        f"ledger diff {featured} {first} {second}{by} {db}",
        f"ledger sar {db}",
        f"ledger warnings {db}",
    )

    def commands(*texts: str) -> list[Line]:
        return [Line(f"  {text}", whole=True) for text in texts]

    return [
        Line(
            f"Recorded {summary.events} events from {summary.commands} commands in {database} "
            f"({scenario.title_en}), entered by {len(cast.tokens)} signed-in users (the cast: "
            f"{cast.events} events). Targets and results are ILLUSTRATIVE (seed {scenario.seed} "
            "names the units and KPIs, not the numbers)."
        ),
        Line(
            f"{counted(scenario.refused_on_purpose, 'attempt')} refused on purpose, and recorded."
        ),
        Line(clock),
        Line("Try:"),
        *commands(*tries),
        Line(
            "The year is sealed in a checkpoint cosigned by a demo witness (throwaway keys, for "
            "the demo only). Verify it against the policy the witness side keeps:"
        ),
        *commands(f"ledger verify {db} --trust {quote(str(policy))}"),
        Line("Each user's token (throwaway, for the demo only) is in"),
        *commands(f"{tokens}/USER.token"),
        Line(
            "List the users, or serve the pages, open http://127.0.0.1:8000/ and sign in with "
            "a token, or call the API:"
        ),
        *commands(
            f"ledger users list {db}",
            f"ledger serve {db}",
            f"TOKEN=$(cat {quote(str(tokens / (OPDC['id'] + '.token')))})",
            'curl -H "Authorization: Bearer $TOKEN" \\',
            f"     http://127.0.0.1:8000/api/agreements/{featured}/scores",
        ),
    ]
