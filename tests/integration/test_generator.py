"""The bench workload generator: deterministic, and every line it writes does what it says
(recorded, or refused where it means a refusal) through the ordinary command path."""

from __future__ import annotations

import typing
from itertools import islice

import msgspec

from bench.generate import enterer_of, generate_lines, intended_refusals
from commands.cli.apply import apply_lines
from commands.messages import AnyCommand
from commands.replay import RuleReplay
from commands.wiring import build_context
from ledger.frameworks.loader import builtin_frameworks, framework_by_id
from ledger.persistence.settings import Settings
from tests.builders import ticking_clock

# The test clock starts on 1 Jan 2025; a token expires within a year of being recorded.
EXPIRY = "2025-06-01T00:00:00+00:00"
# One block of each framework (6 + 4 + 5 + 4 agreements): every command type and level.
UNITS = 19


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not() -> None:
    first = "\n".join(generate_lines(30, 5, EXPIRY))
    assert first == "\n".join(generate_lines(30, 5, EXPIRY))
    other = "\n".join(generate_lines(30, 6, EXPIRY))
    assert other != first
    assert len(other.splitlines()) == len(first.splitlines())


def test_the_history_streams_and_numbers_its_commands_uniquely() -> None:
    lines = generate_lines(10**7, 1, EXPIRY)
    head = list(islice(lines, 2000))  # a ten-million-unit history starts at once
    ids = [msgspec.json.decode(line)["command_id"] for line in head]
    assert len(set(ids)) == len(ids)


def test_a_small_history_applies_with_exactly_the_intended_refusals(
    sqlite_settings: Settings,
) -> None:
    lines = list(generate_lines(UNITS, 3, EXPIRY))
    commands = [msgspec.json.decode(line) for line in lines]
    every = {t.__struct_config__.tag for t in typing.get_args(AnyCommand)}
    assert every - {c["type"] for c in commands} == set()
    levels = {c.get("level") for c in commands}
    assert {level for f in builtin_frameworks().values() for level in f.levels} <= levels
    opened = {c["framework_id"] for c in commands if c["type"] == "open_agreement"}
    assert opened == set(builtin_frameworks())
    joints = [c for c in commands if c["type"] == "define_joint_kpi"]
    assert any(c.get("per_participant_targets") for c in joints)  # FY2568's own targets
    ctx = build_context(sqlite_settings, clock=ticking_clock())

    def entering(command: AnyCommand) -> typing.Any:
        return ctx.entering(enterer_of(command))

    summary = apply_lines(ctx, lines, keep_going=True, entering=entering)
    refused = {r.line_number: r.error.describe() for r in summary.refused}
    assert set(refused) == intended_refusals(UNITS, 3, EXPIRY), refused
    assert summary.commands == len(lines) - len(refused)
    # FY2568: one verified shared result, scored against each province's own targets.
    provinces = [
        c["unit_id"]
        for c in commands
        if c["type"] == "open_agreement" and c["framework_id"] == "fy2568-provinces"
    ]
    joint = {ctx.load(f"{u}/2568").agreement.round("12m").assessments["J1"] for u in provinces}
    assert len({a.verified_actual for a in joint}) == 1
    assert len({a.score for a in joint}) == len(provinces) == 4

    replay = RuleReplay(lambda framework_id: framework_by_id(framework_id, None))
    findings = [f for _, event in ctx.app.all_events() for f in replay.feed(event)]
    assert findings + replay.finish() == []

    # Every command carries its id, so sending the history again records nothing new.
    again = apply_lines(ctx, lines, keep_going=True, entering=entering)
    assert (again.resent, again.events) == (summary.commands, 0)
    assert {r.line_number for r in again.refused} == set(refused)
    ctx.app.close()
