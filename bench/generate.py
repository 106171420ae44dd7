"""A deterministic command history for a national year, at any size: ``python -m bench.generate
--units N --seed S [--out FILE]`` writes JSON Lines (stdout by default), one command a line,
streamed (nothing but the current year block is held in memory).

The history is the cast (bench.generator_cast), then blocks of agreements cycling through the
seed frameworks (province-group years, bench.generator_provinces; department years,
bench.generator_departments; provincial agencies and civil servants,
bench.generator_agencies; FY2568 provinces sharing a joint KPI with their own targets,
bench.generator_fy2568) until ``units`` agreements are open. Every command carries a
``command_id`` (uuid5 of the seed and its line number, so a replay is idempotent) and, but for
revocations (which take effect when recorded), a fixed ``effective_at``.

A bulk ingest enters each line as ``enterer_of(command)``; ``intended_refusals`` gives the line
numbers the rules are meant to refuse.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import NAMESPACE_URL, UUID, uuid5

import click
import msgspec

from bench.generator_agencies import AGENCY_UNITS, agency_year
from bench.generator_cast import Item, enterer_id, prologue
from bench.generator_departments import DEPARTMENT_UNITS, department_year
from bench.generator_fy2568 import FY2568_UNITS, fy2568_year
from bench.generator_provinces import PROVINCE_GROUP_UNITS, province_group_year
from commands.messages import AnyCommand

__all__ = [
    "EVENTS_PER_UNIT",
    "enterer_of",
    "generate_lines",
    "intended_refusals",
    "main",
    "units_opened",
]

# Measured: 4,263 events (receipts aside) for 152 units applied on SQLite (cast and refused
# attempts included).
EVENTS_PER_UNIT = 28
_NAMESPACE = uuid5(NAMESPACE_URL, "https://assessment-ledger.local/bench/generate")
_encode = msgspec.json.Encoder().encode


def enterer_of(command: AnyCommand) -> str:
    """The registered user who enters ``command``: its actor, or for a body's decision the
    body's secretary."""
    return enterer_id(msgspec.to_builtins(command.actor))


def command_id(seed: int, line_number: int) -> UUID:
    return uuid5(_NAMESPACE, f"{seed}:{line_number}")


_BLOCKS = (
    (province_group_year, PROVINCE_GROUP_UNITS),
    (department_year, DEPARTMENT_UNITS),
    (agency_year, AGENCY_UNITS),
    (fy2568_year, FY2568_UNITS),
)


def _blocks(units: int) -> Iterator[tuple[Callable[[int, int], Iterator[Item]], int, int]]:
    """(year, its agreements, copy number) until at least ``units`` agreements are open: the
    frameworks take turns, one block each, so a history holds whole blocks only."""
    opened = copy = 0
    while opened < units:
        for year, size in _BLOCKS:
            if opened < units:
                yield year, size, copy
                opened += size
        copy += 1


def units_opened(units: int) -> int:
    """How many agreements a history asked for ``units`` opens (whole blocks)."""
    return sum(size for _, size, _ in _blocks(units))


def _items(units: int, seed: int, token_expiry: str) -> Iterator[Item]:
    yield from prologue(seed, token_expiry)
    for year, _, copy in _blocks(units):
        yield from year(seed, copy)


def _numbered(units: int, seed: int, token_expiry: str) -> Iterator[tuple[int, str, bool]]:
    for number, (command, refused) in enumerate(_items(units, seed, token_expiry), start=1):
        command["command_id"] = str(command_id(seed, number))
        yield number, _encode(command).decode(), refused


def generate_lines(units: int, seed: int, token_expiry: str) -> Iterator[str]:
    """The history's lines in order, without line feeds."""
    for _, line, _ in _numbered(units, seed, token_expiry):
        yield line


def intended_refusals(units: int, seed: int, token_expiry: str) -> set[int]:
    """The 1-based numbers of the lines the rules are meant to refuse."""
    return {n for n, _, refused in _numbered(units, seed, token_expiry) if refused}


def default_token_expiry() -> str:
    """Ten months ahead, on the first of the month: a token must expire within a year of
    being recorded, so the two token lines depend on when the file is made (by month only)."""
    ahead = datetime.now(UTC) + timedelta(days=300)
    return ahead.replace(day=1, hour=0, minute=0, second=0, microsecond=0).isoformat()


@click.command()
@click.option("--units", type=click.IntRange(min=1), help="Agreements to open.")
@click.option("--events", type=click.IntRange(min=1), help="Roughly this many events instead.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="Write here (default: stdout).")
@click.option("--token-expiry", help="When the two tokens expire (ISO time, within a year).")
def main(
    units: int | None, events: int | None, seed: int, out: Path | None, token_expiry: str | None
) -> None:
    """Write a deterministic national-year command history as JSON Lines."""
    if (units is None) == (events is None):
        raise click.UsageError("give one of --units or --events")
    count = units if units is not None else max(1, (events or 0) // EVENTS_PER_UNIT)
    opened = units_opened(count)
    print(f"about {opened * EVENTS_PER_UNIT:,} events for {opened:,} units", file=sys.stderr)
    expiry = token_expiry or default_token_expiry()
    with open(out, "w", encoding="utf-8") if out else sys.stdout as stream:
        for line in generate_lines(count, seed, expiry):
            stream.write(line + "\n")


if __name__ == "__main__":
    main()
