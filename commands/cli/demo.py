"""``ledger demo``: record a seed framework's year through the ordinary command path."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from textwrap import wrap

import click
import msgspec

from commands.cli.apply import ApplySummary
from commands.cli.demo_cast import issue_tokens_now, record_year, write_tokens
from commands.cli.demo_closing import closing_lines, continued
from commands.cli.demo_places import plan_places, require_empty
from commands.cli.options import db_option, json_option
from commands.cli.render import console, print_json, print_score_summary, print_scores
from commands.cli.views import caught_up
from commands.demo.clock import SimulatedClock
from commands.demo.common import evidence_content
from commands.demo.scenario import Scenario
from commands.demo.scenarios import ANDAMAN, SCENARIOS
from commands.wiring import build_context
from ledger.domain.decisions.attempts import AttemptRefused
from ledger.errors import exit_code_for
from ledger.frameworks.loader import builtin_frameworks
from ledger.integrity.keys import generate, write_signer
from ledger.integrity.log import TransparencyLog
from ledger.integrity.witness import cosign_checkpoint, write_state
from ledger.persistence.settings import Settings
from ledger.thaidate import parse_moment, utc_now
from projections.current_scores import read_scores
from projections.registry import PROJECTIONS, open_projection

__all__ = ["demo", "demo_lines", "store_demo_evidence"]

DEMO_DATABASE = "./ledger-demo.sqlite"
DEMO_LOG = "demo.assessment-ledger.local"
DEMO_WITNESS = "witness.demo.assessment-ledger.local"


def demo_lines(scenario: Scenario = ANDAMAN) -> list[str]:
    """The scenario's commands as JSON Lines, exactly as `ledger apply` would read them."""
    framework = builtin_frameworks()[scenario.framework_id]
    return [msgspec.json.encode(c).decode() for c in scenario.commands(framework)]


@click.command()
@db_option(default=DEMO_DATABASE)
@click.option(
    "--scenario",
    "scenario_name",
    type=click.Choice(sorted(SCENARIOS)),
    default=ANDAMAN.name,
    show_default=True,
    help="Which seed framework's year: "
    + "; ".join(f"{s.name}: {s.title_en}" for s in SCENARIOS.values())
    + ".",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing SQLite store that is a demo's (or empty), with its views and "
    "keys; a store in use is refused, and a PostgreSQL schema is never emptied.",
)
@click.option(
    "--emit", is_flag=True, help="Print the demo's commands (JSON Lines) and record nothing."
)
@click.option(
    "--real-clock",
    is_flag=True,
    help="Record every line now, as `ledger apply` would, instead of on the simulated clock "
    "that follows the year (the store is then not marked as a demo).",
)
@click.option(
    "--witness-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the demo witness keeps its key and state, and the verifier its trust policy "
    "(default: a folder of the store's own in $XDG_STATE_HOME/assessment-ledger/demo-witness/, "
    "else ~/.local/state/assessment-ledger/demo-witness/): away from the store it vouches for.",
)
@json_option
def demo(
    database: str,
    scenario_name: str,
    force: bool,
    emit: bool,
    real_clock: bool,
    witness_dir: Path | None,
    as_json: bool,
) -> None:
    """Record a whole year of one seed framework through the ordinary command path and print
    its scores.

    Scenarios: the FY2557 Andaman province group (seed 000, the default), an FY2568 province
    (Loei, seed 004), the FY2554 Rayong cascade from province to agencies to civil servants
    (seed 002) and FY2552 pilot-ministry departments (seed 001). Units, KPI names and
    calendars come from the seeds; every number is illustrative.

    Each line is recorded when it would have been (a simulated clock that follows the year),
    so `ledger as-of` and `ledger diff` by recorded time can be tried with the year's dates;
    the store is marked as a demo, and every read and `ledger verify` say its recorded times
    are simulated. The store must be new: a SQLite file (--force replaces one the demo made,
    or an empty one, never a store in use) or an empty PostgreSQL schema (`ledger db init`).
    The year is sealed: the operator's log key (in STORE.keys/, or ./ledger-demo-DB-SCHEMA.keys/
    for PostgreSQL) signs the tree head, and a demo witness, whose key and state live
    elsewhere (a folder of the store's own, or --witness-dir), cosigns it.
    """
    scenario = SCENARIOS[scenario_name]
    lines = demo_lines(scenario)
    if emit:
        sys.stdout.write("\n".join(lines) + "\n")
        return
    settings = Settings(database=database)
    places = plan_places(settings, force, witness_dir)
    places.clear()
    keys = places.keys
    ctx = build_context(settings)
    require_empty(ctx.app)
    clock = None if real_clock else SimulatedClock.for_store(ctx.app, parse_moment(scenario.starts))
    if clock is not None:
        ctx = replace(ctx, clock=clock)
    cast, summary = record_year(
        ctx, scenario, lines, clock=clock, show_progress=sys.stderr.isatty()
    )
    _check_refusals(scenario, summary)
    tokens = cast.tokens
    if clock is not None:
        clock.release()
        tokens = issue_tokens_now(ctx, scenario)
    policy = _seal(TransparencyLog(ctx.app), scenario, lines, keys, places.witness)
    write_tokens(keys / "tokens", tokens)
    views = [open_projection(settings, name, ctx.framework) for name in PROJECTIONS]
    caught_up(ctx, views, show_progress=sys.stderr.isatty())
    with open_projection(settings, "scores", ctx.framework).view.reading() as docs:
        tables = read_scores(docs)
    shown = [t for t in tables if t.round_id in scenario.shown_rounds]
    if as_json:
        print_json(shown)
        return
    print_scores(shown)
    print_score_summary(shown)
    closing = closing_lines(
        scenario, summary, cast, database, keys / "tokens", policy, simulated=clock is not None
    )
    for line in closing:
        if not line.whole:
            # Wrapped between words; a word wider than the terminal (a path) is left whole.
            for text in wrap(line.text, console.width, break_long_words=False) or [""]:
                console.print(text, soft_wrap=True, crop=False, highlight=False, markup=False)
            continue
        # A command fits the terminal broken between its words with a backslash (a paste
        # still runs it); a path is one word, never cut.
        for text in continued(line.text, console.width):
            console.print(text, soft_wrap=True, crop=False, highlight=False, markup=False)


def _check_refusals(scenario: Scenario, summary: ApplySummary) -> None:
    """Exit with the first refusal's code unless exactly the intended attempts were refused."""
    unexpected = [r for r in summary.refused if not isinstance(r.error, AttemptRefused)]
    if not unexpected and len(summary.refused) == scenario.refused_on_purpose:
        return
    first = (unexpected or list(summary.refused))[0] if summary.refused else None
    detail = f"line {first.line_number}: {first.error.describe()}" if first else "none"
    click.echo(
        f"error: demo refused {len(summary.refused)} commands, expected "
        f"{scenario.refused_on_purpose} attempts; first: {detail}",
        err=True,
    )
    sys.exit(exit_code_for(first.error) if first else 1)


def store_demo_evidence(log: TransparencyLog, lines: list[str]) -> None:
    """Store the stand-in evidence file behind every evidence hash the demo's commands cite."""
    for line in lines:
        for item in msgspec.json.decode(line).get("evidence", []):
            log.records.add_evidence(evidence_content(item["file_name"]))


def _seal(
    log: TransparencyLog, scenario: Scenario, lines: list[str], keys_dir: Path, outside: Path
) -> Path:
    """Store the demo's evidence files, sign the year's tree head and have a witness cosign
    it; returns the trust policy a verifier of the demo uses.

    The demo plays both parties with throwaway keys. The operator's side (log key, public
    keys) is beside the store; the witness's key and state, and the verifier's policy, are in
    ``outside``, so rolling the store's folder back does not roll the witness back with it.
    In a real deployment the witness is someone else running `ledger witness cosign` with a
    key the operator never sees.
    """
    store_demo_evidence(log, lines)
    keys_dir.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    origin = f"{DEMO_LOG}/{scenario.name}"
    log_key, witness_key = generate(origin, "log"), generate(DEMO_WITNESS, "witness")
    write_signer(log_key, keys_dir / "log.key")
    (outside / "witness.key").unlink(missing_ok=True)
    write_signer(witness_key, outside / "witness.key")
    for signer in (log_key, witness_key):
        vkey = signer.verifier.text() + "\n"
        for folder in (keys_dir, outside):
            (folder / f"{signer.verifier.kind}.vkey").write_text(vkey, encoding="utf-8")
    signed = log.sign_head(log_key)
    cosigned, state = cosign_checkpoint(
        signed, witness_key, log_key.verifier, None, log.consistency, utc_now()
    )
    write_state(outside / "witness-state.json", state)
    log.attach(cosigned, [witness_key.verifier])
    policy = outside / "trust.policy"
    policy.write_text(
        "# The demo's trust policy: the log's key and the demo witness, which must cosign.\n"
        f"log {log_key.verifier.text()}\n"
        f"witness demo {witness_key.verifier.text()}\n"
        "quorum demo\n",
        encoding="utf-8",
    )
    return policy
