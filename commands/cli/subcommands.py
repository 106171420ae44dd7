"""The ``ledger`` subcommands, imported only when one is run.

Importing every subcommand's module costs more than half a second (the HTTP server, PostgreSQL
drivers, handlers, projections); ``ledger --help`` and a one-agreement read need almost none of
it. ``LazyGroup`` lists each subcommand from its summary below and imports its module when it
is invoked (click's documented lazy-loading pattern). tests/e2e/test_start_up.py checks every
summary against the command's own help, so a changed docstring cannot go stale here.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, NamedTuple

import click

__all__ = ["SUBCOMMANDS", "LazyGroup", "Subcommand"]


class Subcommand(NamedTuple):
    target: str  # "module:attribute"
    summary: str  # the first sentence of its help, as `ledger --help` shows it

    def load(self) -> click.Command:
        module, _, attribute = self.target.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


SUBCOMMANDS: Mapping[str, Subcommand] = {
    "apply": Subcommand(
        "commands.cli.applying:apply_command",
        "Apply commands from FILE (JSON Lines, one command per line; - for stdin).",
    ),
    "as-of": Subcommand(
        "commands.cli.time_travel:as_of",
        "AGREEMENT (UNIT/FISCAL_YEAR) exactly as the ledger had recorded it at TIME: targets, "
        'results and scores ("what was known then").',
    ),
    "audit": Subcommand(
        "commands.cli.audit:audit", "Prove targets were not reset after results were known."
    ),
    "bodies": Subcommand(
        "commands.cli.bodies:bodies",
        "Committees and other bodies that decide as one, entered by their secretariat.",
    ),
    "cascade": Subcommand(
        "commands.cli.cascade:cascade",
        "The cascade AGREEMENT#KPI (for example TH-81/2557#G1) belongs to, from its root down "
        "(province -> agency -> individual): each level's target (the criteria's standard "
        "level), latest result, and DRIFTING where a parent's criteria changed since the child "
        "last followed them (until its committee changes it in step or keeps it).",
    ),
    "checkpoint": Subcommand(
        "commands.cli.transparency:checkpoint",
        "Sign the current tree head with the log's key, keep it, and print it.",
    ),
    "db": Subcommand(
        "commands.cli.database:db",
        "Prepare a PostgreSQL event store: tables, append-only triggers, the application role.",
    ),
    "demo": Subcommand(
        "commands.cli.demo:demo",
        "Record a whole year of one seed framework through the ordinary command path and print "
        "its scores.",
    ),
    "diff": Subcommand(
        "commands.cli.time_travel:diff",
        "What changed in AGREEMENT between two recorded times FIRST and SECOND: targets, "
        "weights, results, scores and decisions, with the events recorded in between.",
    ),
    "evidence": Subcommand(
        "commands.cli.evidence:evidence",
        "Content-addressed evidence files: stored under the SHA-256 of their bytes.",
    ),
    "export": Subcommand(
        "commands.cli.verifying:export",
        "Write every event (canonical JSON Lines), the checkpoints, the consistency proofs "
        "between them, the public keys and the evidence files into DIR (new or empty).",
    ),
    "export-xlsx": Subcommand(
        "commands.cli.export_xlsx:export_xlsx",
        "Write an Excel workbook (FILE, .xlsx) of the scores per round, the change-request "
        "register, the target integrity report, the SAR register and the joint KPIs.",
    ),
    "frameworks": Subcommand(
        "commands.cli.frameworks:frameworks",
        "List the frameworks, show one in full, or check a new framework file.",
    ),
    "governor": Subcommand(
        "commands.cli.registers:governor",
        "The governor's evaluation rounds (FY2568 provinces): round 1 from the 6-month "
        "Performance Base result, round 2 from the 12-month result of both bases.",
    ),
    "history": Subcommand(
        "commands.cli.reads:history",
        "Every event of AGREEMENT (or of one --kpi) in log order, with its log position and its "
        "recorded and effective times.",
    ),
    "import-kpis": Subcommand(
        "commands.cli.kpi_templates:import_kpis_command",
        "Propose every KPI row of FILE, a filled KPI template (- for stdin), on the "
        "--agreement: the propose_kpi commands `ledger apply` takes, recorded all in one "
        "transaction or none.",
    ),
    "template-xlsx": Subcommand(
        "commands.cli.kpi_templates:template_xlsx",
        "Write a blank KPI template for FRAMEWORK to FILE (.xlsx), to fill in Excel and import "
        "with `ledger import-kpis`.",
    ),
    "joint": Subcommand(
        "commands.cli.joints:joint",
        "Joint KPIs: one result, filed by the host agency, counted in every participating "
        "agreement.",
    ),
    "keys": Subcommand(
        "commands.cli.transparency:keys",
        "Create the key pairs that sign checkpoints (log) and cosign them (witness).",
    ),
    "project": Subcommand(
        "commands.cli.project:project",
        "Catch projections up with the log (all of them, or each NAME).",
    ),
    "prove": Subcommand(
        "commands.cli.proofs:prove",
        "Write a self-contained proof for each EVENT_ID (stdout unless --out).",
    ),
    "rebuild": Subcommand(
        "commands.cli.project:rebuild",
        "Drop a projection's view and rebuild it from the whole log (NAME, or --all).",
    ),
    "report": Subcommand(
        "commands.cli.report:report",
        "The printable report of AGREEMENT (UNIT/FISCAL_YEAR), as a PDF or HTML file.",
    ),
    "requests": Subcommand(
        "commands.cli.registers:requests",
        "The change-request register (all agreements, or AGREEMENT): kind, reason, window, "
        "decision, rule-1 flags and the attempts refused on each request.",
    ),
    "sar": Subcommand(
        "commands.cli.registers:sars",
        "The SAR register: per agreement and round, the due date and whether the SAR was filed, "
        "filed late (with its penalties), cancelled, missing or not yet due.",
    ),
    "schema": Subcommand(
        "commands.cli.schema:schema",
        "The command types `ledger apply` and the HTTP API take, or the JSON Schema of TYPE.",
    ),
    "scores": Subcommand(
        "commands.cli.reads:scores",
        "Scores per unit and round: each KPI's actual, score, weight and weighted score, with "
        "the composite and its band.",
    ),
    "serve": Subcommand(
        "commands.cli.serve:serve",
        "Serve the web pages (at /) and the HTTP API (under /api) over the store.",
    ),
    "show": Subcommand(
        "commands.cli.reads:show", "The agreement AGREEMENT (UNIT/FISCAL_YEAR) as it stands now."
    ),
    "tiles": Subcommand(
        "commands.cli.tiles:tiles",
        "Publish the Merkle log as C2SP tlog-tiles (static files any tlog client verifies).",
    ),
    "users": Subcommand("commands.cli.users:users", "Users, their grants and their tokens."),
    "verify": Subcommand(
        "commands.cli.verifying:verify_live",
        "Verify the live ledger against anchors you hold: your trust policy (--trust) or the "
        "log's key (--key, with any --witness), and the checkpoint you hold (--checkpoint, "
        "--state).",
    ),
    "verify-export": Subcommand(
        "commands.cli.verifying:verify_export",
        "Verify an export with no database, against anchors you hold (--trust or --key, and "
        "--checkpoint/--state): every leaf, every checkpoint's signatures and root, the "
        "consistency between checkpoints, every event replayed through the rules, every "
        "evidence file.",
    ),
    "verify-proof": Subcommand(
        "commands.cli.proofs:verify_proof",
        "Check a proof with no database: signatures, then every inclusion proof.",
    ),
    "warnings": Subcommand(
        "commands.cli.registers:warnings",
        "Early warning: KPIs whose latest result is off track against the target pro-rated to "
        "the share of the year passed at its round's end (a 6-month result is held to 6/12 of "
        "the target; a lower-is-better rate, and an individual's half-year round, to the whole "
        "target), and cascaded KPIs drifting from a parent whose criteria changed since they "
        "last followed them.",
    ),
    "what-if": Subcommand(
        "commands.cli.what_if:what_if",
        "What approving the open change REQUEST (AGREEMENT#REQUEST_ID, e.g.",
    ),
    "witness": Subcommand(
        "commands.cli.transparency:witness",
        "Act as a witness: cosign a log's checkpoints after checking it only grows.",
    ),
}


class LazyGroup(click.Group):
    """A group that also holds ``lazy`` subcommands: listed by their summaries, imported when
    one is resolved to run (or to show its own help)."""

    def __init__(self, *args: Any, lazy: Mapping[str, Subcommand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy
        self._listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        if self._listing:
            return click.Command(cmd_name, help=self.lazy[cmd_name].summary)
        command = self.lazy[cmd_name].load()
        self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's own listing, fed with stand-ins that carry only the summary.
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False
