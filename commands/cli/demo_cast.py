"""Recording the demo's cast and year: every user signed in with a token the demo issues, and
each line entered by its actor, or by the secretary of the body that decided it.

The cast is recorded through the same handlers as every command (commands/demo/cast.py);
its tokens are written, readable by the owner alone, so a reader can try them on the API.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

import msgspec

from commands.authentication import NewToken, authenticate, new_token
from commands.cli.apply import ApplySummary, apply_lines
from commands.cli.signing_in import SignedIn
from commands.demo.cast import (
    ADMINISTRATOR,
    after_units,
    before_units,
    bootstrap,
    issue_token,
    users,
)
from commands.demo.clock import SimulatedClock
from commands.demo.scenario import Scenario
from commands.execution import execute
from commands.handlers import HandlerContext
from commands.handlers.change import what_if_for
from commands.messages import AnyCommand, KpiAmendments
from ledger.domain.decisions.what_if import what_if_digest

__all__ = [
    "Cast",
    "issue_tokens_now",
    "record_cast",
    "record_year",
    "units_prefix",
    "write_tokens",
]

TOKEN_DAYS = 90


class Cast(NamedTuple):
    """The signed-in cast, its tokens (shown to no one but the files written), and how many
    commands and events recorded it."""

    signed_in: SignedIn
    tokens: dict[str, NewToken]
    commands: int
    events: int
    setup: ApplySummary


def units_prefix(lines: list[str]) -> int:
    """How many of the first lines register units (the cast's unit grants follow them)."""
    count = 0
    for line in lines:
        if msgspec.json.decode(line).get("type") != "register_unit":
            break
        count += 1
    return count


def record_cast(
    ctx: HandlerContext,
    scenario: Scenario,
    unit_lines: Iterable[str],
    *,
    keep_going: bool,
    demo_store: bool = False,
) -> Cast:
    """Bootstrap the administrator (marking the store as a demo when ``demo_store``), add
    and sign in every user of the cast, record ``unit_lines`` (the year's unit
    registrations) as their actors, then the bodies and the grants that name units. Raises
    what the handlers raise."""
    tokens = {user_id: new_token() for user_id, _, _ in users(scenario)}
    expires_at = ctx.clock() + timedelta(days=TOKEN_DAYS)
    commands = events = 0

    def run(target: HandlerContext, command: AnyCommand) -> None:
        nonlocal commands, events
        events += len(execute(target, command).events)
        commands += 1

    run(ctx, bootstrap(tokens[ADMINISTRATOR[0]], expires_at, scenario.name if demo_store else None))
    admin = replace(ctx, enterer=authenticate(ctx.app, tokens[ADMINISTRATOR[0]].token, ctx.clock()))
    for command in before_units(scenario, tokens, expires_at):
        run(admin, command)
    now = ctx.clock()
    signed_in = SignedIn(ctx, [authenticate(ctx.app, t.token, now) for t in tokens.values()])
    setup = apply_lines(
        ctx, unit_lines, keep_going=keep_going, entering=signed_in.entering, batch_size=1
    )
    for command in after_units(scenario):
        run(admin, command)
    return Cast(signed_in, tokens, commands, events, setup)


def record_year(
    ctx: HandlerContext,
    scenario: Scenario,
    lines: list[str],
    *,
    clock: SimulatedClock | None = None,
    show_progress: bool = False,
) -> tuple[Cast, ApplySummary]:
    """The cast, then every line of the year entered by its actor (refusals collected);
    the summary counts the year's lines only (the unit registrations among them). With a
    ``clock`` (the context's), each line is recorded when it would have been and the store
    is marked as a demo whose recorded times are simulated."""
    split = units_prefix(lines)
    paced: Callable[[str], str] = clock.follow if clock else str
    cast = record_cast(
        ctx,
        scenario,
        map(paced, lines[:split]),
        keep_going=True,
        demo_store=clock is not None,
    )
    year = apply_lines(
        ctx,
        with_what_if(ctx, scenario, map(paced, lines[split:])),
        total=len(lines) - split,
        show_progress=show_progress,
        keep_going=True,
        entering=cast.signed_in.entering,
        first_line=split + 1,
        # A what-if is computed on the store as the lines before it left it: one per batch.
        batch_size=1,
    )
    summary = ApplySummary(
        commands=cast.setup.commands + year.commands,
        events=cast.setup.events + year.events,
        refused=(*cast.setup.refused, *year.refused),
        resent=cast.setup.resent + year.resent,
    )
    return cast, summary


def issue_tokens_now(ctx: HandlerContext, scenario: Scenario) -> dict[str, NewToken]:
    """A fresh token for every user of the cast, issued by the administrator on ``ctx``'s
    clock (after a simulated year, the real one: the year's own tokens expired with it)."""
    admin = ctx.entering(ADMINISTRATOR[0])
    expires_at = ctx.clock() + timedelta(days=TOKEN_DAYS)
    tokens = {user_id: new_token() for user_id, _, _ in users(scenario)}
    for user_id, token in tokens.items():
        execute(admin, issue_token(user_id, token, expires_at))
    return tokens


def with_what_if(ctx: HandlerContext, scenario: Scenario, lines: Iterable[str]) -> Iterator[str]:
    """``lines`` as they are sent, one at a time: a decision the committee takes with a
    what-if in front of it (``scenario.what_if_shown``) gets the digest of the what-if
    computed on the store as it stands when that line's turn comes, every line before it
    having been recorded; the decision event then records that it was shown."""
    for line in lines:
        command = msgspec.json.decode(line)
        key = (command.get("agreement"), command.get("request_id"))
        if command.get("type") == "decide_change" and key in scenario.what_if_shown:
            amendments = command.get("amendments")
            shown = what_if_for(
                ctx,
                command["agreement"],
                command["request_id"],
                msgspec.convert(amendments, KpiAmendments) if amendments else None,
            )
            digest = what_if_digest(shown)
            yield msgspec.json.encode({**command, "what_if_sha256": digest}).decode()
        else:
            yield line


def write_tokens(folder: Path, tokens: dict[str, NewToken]) -> None:
    """One ``USER.token`` file per user, mode 0600, in a folder of mode 0700."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    for user_id, token in tokens.items():
        path = folder / f"{user_id}.token"
        path.unlink(missing_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(token.token + "\n")
