"""The load and crash workload: many writers proposing KPIs to the same agreements at once.

Every command carries its own id, so a writer that is killed and started again can send its
whole list again: what was recorded is recognised, the rest is recorded once. The writers'
lists interleave over every agreement, so they collide on the same aggregates all the time.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID, uuid5

from tests.builders import kpi, unit_with_agreement

__all__ = ["agreement_refs", "command_ids", "setup_commands", "write_command_files"]

_NAMESPACE = UUID("0b5e8a40-3d4f-5e8a-9c61-7a2d9f1e4b00")


def agreement_refs(agreements: int) -> list[str]:
    return [f"LOAD-{n:03d}/2568" for n in range(agreements)]


def setup_commands(agreements: int) -> Iterator[dict[str, Any]]:
    for ref in agreement_refs(agreements):
        yield from unit_with_agreement(ref.split("/")[0], "province", 2568, "fy2568-provinces")


def _proposal(ref: str, number: int) -> dict[str, Any]:
    command = kpi(ref, f"K{number:05d}", "1.1", "1")
    command["command_id"] = str(uuid5(_NAMESPACE, f"{ref}#{number}"))
    return command


def write_command_files(folder: Path, writers: int, commands: int, agreements: int) -> list[Path]:
    """One JSON Lines file per writer; command n goes to writer n % writers and to an agreement
    drawn at random (the same every run), so writers meet on the same agreement by chance."""
    refs = agreement_refs(agreements)
    draw = random.Random(2568)
    files = [folder / f"writer-{w}.jsonl" for w in range(writers)]
    lines: list[list[str]] = [[] for _ in files]
    for n in range(commands):
        lines[n % writers].append(json.dumps(_proposal(draw.choice(refs), n)))
    for path, text in zip(files, lines, strict=True):
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return files


def command_ids(path: Path) -> list[str]:
    """The ids of the commands in one writer's file, in order."""
    return [json.loads(line)["command_id"] for line in path.read_text().splitlines()]
