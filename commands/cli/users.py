"""``ledger users``: bootstrap the first administrator, add users, grant and revoke roles,
issue and revoke tokens; list and show who holds what. Every write but the bootstrap is an
administrator's, signed in with a token (docs/IDENTITY.md)."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import click

from commands.cli.csv_directory import USER, USERS
from commands.cli.csv_out import print_csv
from commands.cli.identity_reads import directory_of, print_user, print_users
from commands.cli.identity_writes import (
    common,
    fresh_token,
    moment,
    open_store,
    print_token,
    run_as_administrator,
)
from commands.cli.options import csv_option, db_option, json_option
from commands.cli.render import print_json
from commands.cli.sealed import sealed_write
from commands.cli.signing_in import token_option
from commands.execution import execute
from commands.messages import (
    AddUser,
    BootstrapAdministrator,
    GrantRole,
    IssueToken,
    RevokeGrant,
    RevokeToken,
)
from ledger.domain.values import Actor, Role
from ledger.suggestions import not_found
from ledger.thaidate import utc_now

__all__ = ["users"]

_ROLES = click.Choice(get_args(Role))
_DAYS = click.IntRange(1, 366)


def _names(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        (
            click.option("--name-th", required=True, help="The name in Thai."),
            click.option("--name-en", required=True, help="The name in English."),
            click.option("--contact", default="", help="How to reach them (optional)."),
        )
    ):
        func = option(func)
    return func


def _expires(func: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--expires-days",
        type=_DAYS,
        default=90,
        show_default=True,
        help="Days until the token expires (at most 366).",
    )(func)


@click.group("users")
def users() -> None:
    """Users, their grants and their tokens."""


@users.command("bootstrap")
@click.argument("user_id")
@_names
@_expires
@db_option()
def bootstrap(
    user_id: str, name_th: str, name_en: str, contact: str, expires_days: int, database: str | None
) -> None:
    """Make USER_ID the ledger's first administrator and print its token, once.

    Needs no token; refused once an administrator exists (they add everyone else)."""
    ctx = open_store(database)
    token, expires_at = fresh_token(expires_days)
    command = BootstrapAdministrator(
        actor=Actor(id=user_id, role="administrator"),
        user_id=user_id,
        name_th=name_th,
        name_en=name_en,
        contact=contact,
        token_id=token.token_id,
        secret_sha256=token.sha256,
        expires_at=expires_at,
    )
    sealed_write(ctx, lambda: execute(ctx, command))
    print_token(user_id, token, expires_at)


@users.command("add")
@click.argument("user_id")
@_names
@db_option()
@token_option
def add(
    user_id: str,
    name_th: str,
    name_en: str,
    contact: str,
    database: str | None,
    token_files: tuple[Path, ...],
) -> None:
    """Add the user USER_ID (it holds no role until granted one)."""
    run_as_administrator(
        database,
        token_files,
        lambda admin: AddUser(
            actor=admin, user_id=user_id, name_th=name_th, name_en=name_en, contact=contact
        ),
    )
    click.echo(f"added user {user_id}")


@users.command("grant")
@click.argument("user_id")
@click.argument("role", type=_ROLES)
@click.option("--unit", "unit_id", help="Only for this unit (required for assessed_unit).")
@click.option("--body", "body_id", help="Within this body (required for committee roles).")
@click.option("--framework", "framework_id", help="Only under this framework.")
@click.option(
    "--fiscal-year", type=click.IntRange(1000, 9999), help="Only this fiscal year (B.E., 2557)."
)
@click.option("--from", "valid_from", metavar="TIME", help="Starts (default: now).")
@click.option("--until", "valid_until", metavar="TIME", help="Ends (default: when revoked).")
@db_option()
@token_option
def grant(
    user_id: str,
    role: Role,
    unit_id: str | None,
    body_id: str | None,
    framework_id: str | None,
    fiscal_year: int | None,
    valid_from: str | None,
    valid_until: str | None,
    database: str | None,
    token_files: tuple[Path, ...],
) -> None:
    """Grant USER_ID the role ROLE, within the scope the options name (left out: any).

    TIME is ISO 8601 with an offset or a B.E. date (2568-10-01)."""
    fields = common(
        unit_id=unit_id,
        body_id=body_id,
        framework_id=framework_id,
        fiscal_year=fiscal_year,
        effective_at=moment(valid_from, "--from"),
        valid_until=moment(valid_until, "--until"),
    )
    run_as_administrator(
        database,
        token_files,
        lambda admin: GrantRole(actor=admin, user_id=user_id, role=role, **fields),
    )
    click.echo(f"granted {role} to {user_id}")


@users.command("revoke")
@click.argument("user_id")
@click.argument("grant_number", type=click.IntRange(1, 100_000))
@click.option("--reason", required=True, help="Why the grant ends (recorded).")
@db_option()
@token_option
def revoke(
    user_id: str,
    grant_number: int,
    reason: str,
    database: str | None,
    token_files: tuple[Path, ...],
) -> None:
    """End grant GRANT_NUMBER of USER_ID now (numbers: `ledger users show USER_ID`)."""
    run_as_administrator(
        database,
        token_files,
        lambda admin: RevokeGrant(actor=admin, user_id=user_id, number=grant_number, reason=reason),
    )
    click.echo(f"revoked grant {grant_number} of {user_id}")


@users.command("token")
@click.argument("user_id")
@_expires
@db_option()
@token_option
def token(
    user_id: str, expires_days: int, database: str | None, token_files: tuple[Path, ...]
) -> None:
    """Issue a token for USER_ID and print it, once (only its hash is recorded)."""
    drawn, expires_at = fresh_token(expires_days)
    run_as_administrator(
        database,
        token_files,
        lambda admin: IssueToken(
            actor=admin,
            user_id=user_id,
            token_id=drawn.token_id,
            secret_sha256=drawn.sha256,
            expires_at=expires_at,
        ),
    )
    print_token(user_id, drawn, expires_at)


@users.command("revoke-token")
@click.argument("token_id")
@click.option("--reason", required=True, help="Why the token is withdrawn (recorded).")
@db_option()
@token_option
def revoke_token(
    token_id: str, reason: str, database: str | None, token_files: tuple[Path, ...]
) -> None:
    """Revoke the token TOKEN_ID (the id, not the token: `ledger users show USER_ID`)."""
    run_as_administrator(
        database,
        token_files,
        lambda admin: RevokeToken(actor=admin, token_id=token_id, reason=reason),
    )
    click.echo(f"revoked token {token_id}")


@users.command("list")
@db_option()
@json_option
@csv_option
def list_users(database: str | None, as_json: bool, as_csv: bool) -> None:
    """Every user, with the roles in force now."""
    directory = directory_of(database)
    if as_csv:
        now = utc_now()
        users_by_id = sorted(directory.users.values(), key=lambda u: u.user_id)
        print_csv(USERS, ((user, now) for user in users_by_id))
        return
    if as_json:
        print_json(list(directory.users.values()))
        return
    print_users(directory, utc_now())


@users.command("show")
@click.argument("user_id")
@db_option()
@json_option
@csv_option
def show_user(user_id: str, database: str | None, as_json: bool, as_csv: bool) -> None:
    """USER_ID's grants (numbered, with their scope, in force or ended) and tokens (by id)."""
    directory = directory_of(database)
    user = directory.users.get(user_id)
    if user is None:
        raise not_found(
            "user", user_id, directory.users, field="USER_ID", rule="`ledger users list`"
        )
    if as_csv:
        print_csv(USER, [(user, utc_now())])
        return
    if as_json:
        print_json(user)
        return
    print_user(user, utc_now())
