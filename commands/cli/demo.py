"""``ledger demo``: record the Andaman FY2557 year through the ordinary command path."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click
import msgspec

from commands.cli.demo_cast import record_year, write_tokens
from commands.cli.options import db_option, json_option
from commands.cli.render import console, print_json, print_score_summary, print_scores
from commands.cli.views import caught_up
from commands.demo.andaman import REFUSED_ON_PURPOSE, andaman_commands
from commands.demo.common import FRAMEWORK, OPDC, evidence_content
from commands.wiring import build_context
from ledger.domain.decisions.attempts import AttemptRefused
from ledger.errors import InvalidInput, exit_code_for
from ledger.frameworks.loader import builtin_frameworks
from ledger.integrity.keys import generate, write_signer
from ledger.integrity.log import TransparencyLog
from ledger.integrity.witness import cosign_checkpoint, write_state
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now
from projections.current_scores import read_scores
from projections.registry import PROJECTIONS, open_projection

__all__ = ["demo", "demo_lines", "store_demo_evidence"]

DEMO_DATABASE = "./ledger-demo.sqlite"
DEMO_LOG = "demo.assessment-ledger.local/andaman"
DEMO_WITNESS = "witness.demo.assessment-ledger.local"
OPDC_USER = OPDC["id"]


def demo_lines() -> list[str]:
    """The demo's commands as JSON Lines, exactly as `ledger apply` would read them."""
    framework = builtin_frameworks()[FRAMEWORK]
    titles = {m.code: (m.title_th, m.title_en, str(m.weight)) for m in framework.mandatory_kpis}
    return [msgspec.json.encode(c).decode() for c in andaman_commands(titles)]


@click.command()
@db_option(default=DEMO_DATABASE)
@click.option("--force", is_flag=True, help="Replace an existing demo database.")
@click.option(
    "--emit", is_flag=True, help="Print the demo's commands (JSON Lines) and record nothing."
)
@click.option(
    "--witness-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the demo witness keeps its key and state, and the verifier its trust policy "
    "(default: $XDG_STATE_HOME/assessment-ledger/demo-witness, else "
    "~/.local/state/assessment-ledger/demo-witness): away from the store it vouches for.",
)
@json_option
def demo(database: str, force: bool, emit: bool, witness_dir: Path | None, as_json: bool) -> None:
    """Record a full FY2557 year for the Andaman province group and print its scores.

    Krabi, Trang, Phang Nga, Phuket, Ranong and the group itself: drafts, negotiation,
    signing, 9- and 12-month SARs, evaluation and certification, sent as ordinary commands.
    KPI names come from seed 000; every number is illustrative. The year is sealed: the
    operator's log key (beside the store, in STORE.keys/) signs the tree head, and a demo
    witness, whose key and state live elsewhere (--witness-dir), cosigns it.
    """
    lines = demo_lines()
    if emit:
        sys.stdout.write("\n".join(lines) + "\n")
        return
    settings = Settings(database=database)
    if settings.is_postgres:
        raise InvalidInput(
            "the demo writes a fresh SQLite file",
            field="--db",
            rule="demo database is a SQLite path",
        )
    path = settings.sqlite_path()
    if path.exists():
        if not force:
            raise InvalidInput(
                f"{path} exists; use --force to replace it",
                field="--db",
                rule="the demo never overwrites a database unasked",
            )
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(settings.projections_dir(), ignore_errors=True)
        shutil.rmtree(_keys_dir(path), ignore_errors=True)
    ctx = build_context(settings)
    cast, summary = record_year(ctx, lines, show_progress=sys.stderr.isatty())
    unexpected = [r for r in summary.refused if not isinstance(r.error, AttemptRefused)]
    if unexpected or len(summary.refused) != REFUSED_ON_PURPOSE:
        first = (unexpected or list(summary.refused))[0] if summary.refused else None
        detail = f"line {first.line_number}: {first.error.describe()}" if first else "none"
        click.echo(
            f"error: demo refused {len(summary.refused)} commands, expected "
            f"{REFUSED_ON_PURPOSE} attempts; first: {detail}",
            err=True,
        )
        sys.exit(exit_code_for(first.error) if first else 1)
    outside = witness_dir or _default_witness_dir()
    policy = _seal(TransparencyLog(ctx.app), lines, _keys_dir(path), outside)
    tokens = _keys_dir(path) / "tokens"
    write_tokens(tokens, cast.tokens)
    views = [open_projection(settings, name, ctx.framework) for name in PROJECTIONS]
    caught_up(ctx, views, show_progress=sys.stderr.isatty())
    with open_projection(settings, "scores", ctx.framework).view.reading() as docs:
        tables = read_scores(docs, round_id="12m")
    if as_json:
        print_json(tables)
        return
    print_scores(tables)
    print_score_summary(tables)
    console.print(
        f"Recorded {summary.events} events from {summary.commands} commands in {path}, "
        f"entered by {len(cast.tokens)} signed-in users (the cast: {cast.events} events). "
        "Targets and results are ILLUSTRATIVE (seed 000 names the KPIs, not the numbers).\n"
        f"{REFUSED_ON_PURPOSE} change-control attempts were refused on purpose and recorded.\n"
        f"Try: ledger audit --all --db {path} · ledger history TH-83/2557 --db {path}\n"
        f"     ledger as-of TH-81/2557 2557-04-30 --effective --db {path} · "
        f"ledger sar --db {path} · ledger warnings --db {path}\n"
        f"The year is sealed in a checkpoint cosigned by a demo witness (throwaway keys, for "
        f"the demo only). Verify it against the policy the witness side keeps:\n"
        f"  ledger verify --db {path} --trust {policy}\n"
        f"Each user's token (throwaway, for the demo only) is in {tokens}/USER.token; try "
        f"`ledger users list --db {path}`, or `ledger serve --db {path}` and open\n"
        f"  http://127.0.0.1:8000/ (sign in with a token), or call the API with\n"
        f'  curl -H "Authorization: Bearer $(cat {tokens}/{OPDC_USER}.token)" ...'
    )


def _keys_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem}.keys")


def _default_witness_dir() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "assessment-ledger" / "demo-witness"


def store_demo_evidence(log: TransparencyLog, lines: list[str]) -> None:
    """Store the stand-in evidence file behind every evidence hash the demo's commands cite."""
    for line in lines:
        for item in msgspec.json.decode(line).get("evidence", []):
            log.records.add_evidence(evidence_content(item["file_name"]))


def _seal(log: TransparencyLog, lines: list[str], keys_dir: Path, outside: Path) -> Path:
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
    log_key, witness_key = generate(DEMO_LOG, "log"), generate(DEMO_WITNESS, "witness")
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
