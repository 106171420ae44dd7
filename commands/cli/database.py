"""``ledger db init``: prepare a PostgreSQL store (see docs/OPERATIONS.md)."""

from __future__ import annotations

import os

import click
from rich.table import Table

from commands.cli.options import db_option
from commands.cli.render import print_table
from commands.cli.tables import column
from commands.database import DEFAULT_APP_ROLE, initialise_database
from ledger.errors import InvalidInput
from ledger.persistence.settings import Settings

__all__ = ["db"]


@click.group()
def db() -> None:
    """Prepare a PostgreSQL event store: tables, append-only triggers, the application role."""


@db.command("init")
@db_option()
@click.option(
    "--app-role",
    default=DEFAULT_APP_ROLE,
    show_default=True,
    help="The login role the ledger writes as: SELECT and INSERT on recorded rows, no more.",
)
@click.option(
    "--app-password-env",
    metavar="VAR",
    help="Set the role's password from this environment variable (never on the command line).",
)
def init(database: str | None, app_role: str, app_password_env: str | None) -> None:
    """Create the schema and every table, owned by the NOLOGIN role ledger_owner that nobody
    logs in as (connect as a superuser, or a login with CREATEROLE and CREATE on the database:
    the --db URL's user), install the triggers that refuse UPDATE, DELETE and TRUNCATE of
    recorded rows, and grant the application role its rights. Safe to run again, e.g. after an
    upgrade; a schema an older version left owned by a login is handed to ledger_owner.

    Then point the ledger at the application role, e.g.
    LEDGER_DATABASE_URL=postgresql://ledger_app@HOST:5432/DB?schema=SCHEMA
    """
    password = None
    if app_password_env is not None:
        password = os.environ.get(app_password_env)
        if not password:
            raise InvalidInput(
                f"environment variable {app_password_env} is not set",
                field="--app-password-env",
                rule="name a variable that holds the role's password",
            )
    report = initialise_database(
        Settings.from_environment(database, access="create"), app_role, password
    )
    table = Table(
        column("Table\nตาราง"),
        column(f"{report.app_role} may\nบทบาทนี้ทำได้"),
        column("Anyone may not (trigger)\nห้ามทุกบทบาท (ทริกเกอร์)"),
        title=f"schema {report.schema} · ตารางในฐานข้อมูล / tables",
        title_justify="left",
    )
    for name in report.append_only:
        table.add_row(name, "SELECT, INSERT", "UPDATE, DELETE, TRUNCATE")
    for name in report.rewritable:
        table.add_row(name, "SELECT, INSERT, UPDATE, DELETE, TRUNCATE", "")
    print_table(table)
    click.echo(
        f"initialised schema {report.schema}: {len(report.append_only)} append-only tables, "
        f"{len(report.rewritable)} read-model tables, role {report.app_role}"
    )
