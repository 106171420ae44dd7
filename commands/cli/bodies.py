"""``ledger bodies``: form a committee or other deciding body, list and show them. Its members
are the users granted a role in it (``ledger users grant USER ROLE --body BODY``)."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import click

from commands.cli.csv_directory import BODIES, BODY
from commands.cli.csv_out import print_csv
from commands.cli.identity_reads import directory_of, print_bodies, print_body
from commands.cli.identity_writes import run_as_administrator
from commands.cli.options import csv_option, db_option, json_option
from commands.cli.render import print_json
from commands.cli.signing_in import token_option
from commands.messages import FormBody
from ledger.domain.values import Role
from ledger.suggestions import not_found
from ledger.thaidate import utc_now

__all__ = ["bodies"]


@click.group("bodies")
def bodies() -> None:
    """Committees and other bodies that decide as one, entered by their secretariat."""


@bodies.command("form")
@click.argument("body_id")
@click.option("--name-th", required=True, help="The name in Thai.")
@click.option("--name-en", required=True, help="The name in English.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice(get_args(Role)),
    help="A role the body decides in (repeat for several).",
)
@click.option("--unit", "units", multiple=True, help="A unit it decides for (default: any).")
@click.option("--framework", "framework_id", help="The framework it decides under (default: any).")
@click.option(
    "--fiscal-year", type=click.IntRange(1000, 9999), help="The fiscal year (B.E., e.g. 2557)."
)
@db_option()
@token_option
def form(
    body_id: str,
    name_th: str,
    name_en: str,
    roles: tuple[Role, ...],
    units: tuple[str, ...],
    framework_id: str | None,
    fiscal_year: int | None,
    database: str | None,
    token_files: tuple[Path, ...],
) -> None:
    """Form the body BODY_ID, deciding in each --role over the units, framework and year given."""
    run_as_administrator(
        database,
        token_files,
        lambda admin: FormBody(
            actor=admin,
            body_id=body_id,
            name_th=name_th,
            name_en=name_en,
            roles=roles,
            units=units,
            framework_id=framework_id,
            fiscal_year=fiscal_year,
        ),
    )
    click.echo(f"formed body {body_id}")


@bodies.command("list")
@db_option()
@json_option
@csv_option
def list_bodies(database: str | None, as_json: bool, as_csv: bool) -> None:
    """Every body formed, with the roles it decides in."""
    directory = directory_of(database)
    if as_csv:
        print_csv(BODIES, sorted(directory.bodies.values(), key=lambda b: b.body_id))
        return
    if as_json:
        print_json(list(directory.bodies.values()))
        return
    print_bodies(directory)


@bodies.command("show")
@click.argument("body_id")
@db_option()
@json_option
@csv_option
def show_body(body_id: str, database: str | None, as_json: bool, as_csv: bool) -> None:
    """BODY_ID: its roles, its scope, and its members (users with a grant in it)."""
    directory = directory_of(database)
    body = directory.bodies.get(body_id)
    if body is None:
        raise not_found(
            "body", body_id, directory.bodies, field="BODY_ID", rule="`ledger bodies list`"
        )
    if as_csv:
        print_csv(BODY, [(body, directory, utc_now())])
        return
    if as_json:
        members = [
            {"user_id": user.user_id, "grant": grant} for user, grant in directory.members(body_id)
        ]
        print_json({"body": body, "members": members})
        return
    print_body(body, directory, utc_now())
