"""What ``ledger demo`` says when the year is recorded: what was recorded, that the numbers
are illustrative, and the next commands to try on this store, with its own dates."""

from __future__ import annotations

from pathlib import Path

from commands.cli.apply import ApplySummary
from commands.cli.demo_cast import Cast
from commands.demo.common import OPDC
from commands.demo.scenario import Scenario
from ledger.grammar import counted

__all__ = ["closing_lines"]


def closing_lines(
    scenario: Scenario,
    summary: ApplySummary,
    cast: Cast,
    database: str,
    tokens: Path,
    policy: Path,
    *,
    simulated: bool,
) -> str:
    db = f"--db {database}"
    featured = scenario.featured
    first, second = scenario.moments
    clock = (
        "Each line was recorded when it would have been (a simulated clock that follows the "
        "year); the store is marked as a demo, and every read and `ledger verify` say so.\n"
        if simulated
        else "Every line was recorded now (--real-clock): read it by effective time.\n"
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
    return (
        f"Recorded {summary.events} events from {summary.commands} commands in {database} "
        f"({scenario.title_en}), entered by {len(cast.tokens)} signed-in users (the cast: "
        f"{cast.events} events). Targets and results are ILLUSTRATIVE (seed {scenario.seed} "
        "names the units and KPIs, not the numbers).\n"
        f"{counted(scenario.refused_on_purpose, 'attempt')} refused on purpose, and recorded.\n"
        f"{clock}"
        "Try:\n" + "".join(f"  {line}\n" for line in tries) + "The year is sealed in a "
        "checkpoint cosigned by a demo witness (throwaway keys, for the demo only). Verify it "
        "against the policy the witness side keeps:\n"
        f"  ledger verify {db} --trust {policy}\n"
        "Each user's token (throwaway, for the demo only) is in\n"
        f"  {tokens}/USER.token\n"
        f"Try `ledger users list {db}`, or `ledger serve {db}`, open "
        "http://127.0.0.1:8000/ and sign in with a token, or call the API:\n"
        f"  TOKEN=$(cat {tokens}/{OPDC['id']}.token)\n"
        '  curl -H "Authorization: Bearer $TOKEN" \\\n'
        f"       http://127.0.0.1:8000/api/agreements/{featured}/scores"
    )
