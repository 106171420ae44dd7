"""``ledger template-xlsx`` and ``ledger import-kpis``: the KPI template agencies fill in
Excel, and its rows proposed on an agreement through the same ``propose_kpi`` handler
``ledger apply`` uses, all rows or none (``commands.kpi_templates``)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import BinaryIO, get_args

import click

from commands.cli.frameworks import find_framework, known_frameworks
from commands.cli.options import db_option
from commands.cli.sealed import sealed_write
from commands.cli.signing_in import sign_in, token_option
from commands.kpi_templates import MAX_FILE_BYTES, import_kpis, write_template
from commands.kpi_templates.writing import prelisted
from commands.reports.written import write_whole
from commands.wiring import build_context
from ledger.domain.values import Actor, Role
from ledger.errors import InvalidInput
from ledger.frameworks.model import Framework, UnitLevel
from ledger.grammar import counted
from ledger.persistence.settings import Settings
from ledger.thaidate import parse_moment

__all__ = ["import_kpis_command", "template_xlsx"]

# The roles propose_kpi takes (its handler checks the grant again).
_PROPOSING: tuple[Role, ...] = ("assessed_unit", "opdc", "secretariat")


def _level(framework: Framework, level: str | None) -> str | None:
    """The level asked for, which the framework must have; its only level when it has one."""
    if level is None:
        return framework.levels[0] if len(framework.levels) == 1 else None
    if level not in framework.levels:
        raise InvalidInput(
            f"framework {framework.id} has no level {level!r}",
            field="--level",
            rule="the level is one of the framework's",
            expected=", ".join(framework.levels),
            actual=level,
        )
    return level


@click.command("template-xlsx")
@click.argument("framework_id", metavar="FRAMEWORK")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--level",
    type=click.Choice(get_args(UnitLevel)),
    help="The unit level it is for: its components only and its mandatory KPIs listed "
    "(default: the framework's only level, else every level's components and the mandatory "
    "KPIs of all levels).",
)
def template_xlsx(framework_id: str, file: Path, level: str | None) -> None:
    """Write a blank KPI template for FRAMEWORK to FILE (.xlsx), to fill in Excel and import
    with `ledger import-kpis`.

    One row per KPI: id, titles in Thai and English, component, unit of measure, direction,
    weight, the thresholds of the framework's scoring method (T1..T5, or the basic, standard
    and advanced targets), baseline, three prior years' results, monitor flag, cascaded-from,
    joint KPI and host, mandatory code. The component, the direction and the monitor flag are
    chosen from lists; the framework's mandatory KPIs come filled in first; a second sheet
    says how to fill it, in Thai and English.
    """
    framework = find_framework(framework_id, known_frameworks())
    chosen = _level(framework, level)
    written = BytesIO()
    write_template(framework, chosen, written)
    write_whole(file, written.getvalue(), "FILE")
    listed = len(prelisted(framework, chosen))
    click.echo(
        f"wrote {file}: KPI template for {framework.id} ({chosen or 'every level'}), "
        f"{counted(listed, 'mandatory KPI')} listed / เขียนแม่แบบตัวชี้วัดแล้ว "
        f"มีตัวชี้วัดบังคับ {listed} ตัว"
    )


@click.command("import-kpis")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--agreement", required=True, metavar="UNIT/YEAR", help="The agreement to propose them on."
)
@click.option(
    "--actor",
    "actor_id",
    metavar="ID",
    help="Who proposes: a signed-in user, or a body whose secretariat a signed-in user is "
    "(default: the first signed-in user).",
)
@click.option(
    "--role",
    type=click.Choice(_PROPOSING),
    default="assessed_unit",
    show_default=True,
    help="The role the actor proposes in.",
)
@click.option(
    "--effective-at",
    metavar="TIME",
    help="When the proposals took effect (ISO 8601 or a BE date; default: when recorded).",
)
@db_option()
@token_option
def import_kpis_command(
    file: BinaryIO,
    agreement: str,
    actor_id: str | None,
    role: Role,
    effective_at: str | None,
    database: str | None,
    token_files: tuple[Path, ...],
) -> None:
    """Propose every KPI row of FILE, a filled KPI template (- for stdin), on the
    --agreement: the propose_kpi commands `ledger apply` takes, recorded all in one
    transaction or none.

    Write a blank template with `ledger template-xlsx`.

    A bad row is refused naming its sheet, row and column, and nothing of the file is
    recorded. The same rows sent again are answered from their receipts, not recorded twice.
    The prior years' results are recorded with each KPI (prior_results): the audit shows
    its targets beside them.

    Signed in: the token in $LEDGER_TOKEN or --token-file (docs/IDENTITY.md).
    """
    ctx = build_context(Settings.from_environment(database, access="write"))
    signed_in = sign_in(ctx, token_files)
    actor_id = actor_id or str(signed_in.first.enterer)
    is_body = ctx.app.body(actor_id) is not None
    actor = Actor(id=actor_id, role=role, kind="body" if is_body else "user")
    moment = parse_moment(effective_at, field="--effective-at") if effective_at else None
    # One byte past the limit is enough to refuse a file as too large.
    data = file.read(MAX_FILE_BYTES + 1)
    imported = sealed_write(
        ctx,
        lambda: import_kpis(
            ctx,
            data,
            agreement,
            actor,
            signed_in.entering,
            effective_at=moment.isoformat() if moment else None,
        ),
    )
    recorded = imported.recorded
    new = recorded.commands - recorded.resent
    events = len(recorded.events)
    click.echo(
        f"imported {counted(new, 'KPI')} into {imported.agreement} "
        f"({', '.join(imported.kpi_ids)}), recorded {counted(events, 'event')}"
        + (
            f", {recorded.resent} already recorded by an earlier import of the same rows"
            if recorded.resent
            else ""
        )
        + f" / นำเข้าตัวชี้วัด {new} ตัว บันทึก {events} เหตุการณ์"
        + (f" ({recorded.resent} แถวบันทึกไว้แล้วจากการนำเข้าครั้งก่อน)" if recorded.resent else "")
    )
