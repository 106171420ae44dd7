"""Reading and printing users and bodies (the ``projections.identity`` read model), in lines
that fit 80 columns, with Buddhist-Era dates in Bangkok time. No secret or hash is shown."""

from __future__ import annotations

from datetime import datetime

from commands.cli.demo_note import note_if_demo
from commands.cli.render import console
from commands.wiring import build_context
from ledger.domain.identity.principals import Grant
from ledger.persistence.settings import Settings
from ledger.thaidate import format_be_date, format_be_datetime
from projections.identity import BodyEntry, Directory, UserEntry, read_directory

__all__ = ["directory_of", "print_bodies", "print_body", "print_user", "print_users"]


def directory_of(database: str | None) -> Directory:
    """Users and bodies as the store's events say now; NotFound when there is no store."""
    ctx = build_context(Settings.from_environment(database, access="read"))
    note_if_demo(ctx.app)
    return read_directory(event for _, event in ctx.app.all_events())


def print_users(directory: Directory, now: datetime) -> None:
    if not directory.users:
        console.print("No users yet: `ledger users bootstrap` makes the first administrator.")
        return
    for user in sorted(directory.users.values(), key=lambda u: u.user_id):
        roles = ", ".join(sorted({g.role for g in user.grants if g.in_force(now)}))
        console.print(
            f"{user.user_id}  {roles or 'no role in force'}\n  {user.name_th}\n  {user.name_en}"
        )


def print_user(user: UserEntry, now: datetime) -> None:
    console.print(f"{user.user_id}\n  {user.name_th}\n  {user.name_en}")
    if user.contact:
        console.print(f"  contact: {user.contact}")
    console.print(f"  added {format_be_datetime(user.added_at)} by {user.added_by}")
    console.print("Grants:" if user.grants else "Grants: none")
    for grant in user.grants:
        console.print(f"  #{grant.number} {grant.describe()}\n     {_period(grant, now)}")
    console.print(
        "Tokens (ids only; a token is shown once, when issued):" if user.tokens else "Tokens: none"
    )
    for token in user.tokens:
        state = token.state(now)
        line = f"  {token.token_id}  {state}; expires {format_be_date(token.expires_at)}"
        if token.revoked_at is not None:
            line += f"; revoked {format_be_date(token.revoked_at)}"
        console.print(line)
        if token.revoked_reason:
            console.print(f"     reason: {token.revoked_reason}")


def _period(grant: Grant, now: datetime) -> str:
    start = format_be_date(grant.valid_from)
    if grant.valid_until is None:
        return f"in force from {start}"
    end = format_be_date(grant.valid_until)
    state = "in force" if grant.in_force(now) else ("ended" if grant.valid_until <= now else "from")
    return f"{state}: {start} until {end}"


def print_bodies(directory: Directory) -> None:
    if not directory.bodies:
        console.print("No bodies yet: `ledger bodies form` forms one.")
        return
    for body in sorted(directory.bodies.values(), key=lambda b: b.body_id):
        roles = ", ".join(body.roles)
        console.print(f"{body.body_id}  {roles}\n  {body.name_th}\n  {body.name_en}")


def print_body(body: BodyEntry, directory: Directory, now: datetime) -> None:
    console.print(f"{body.body_id}\n  {body.name_th}\n  {body.name_en}")
    console.print(f"  decides as: {', '.join(body.roles)}")
    console.print(f"  units: {', '.join(body.units) or 'any'}")
    console.print(f"  framework: {body.framework_id or 'any'}")
    console.print(f"  fiscal year: {body.fiscal_year or 'any'}")
    console.print(f"  formed {format_be_datetime(body.formed_at)}")
    members = directory.members(body.body_id)
    console.print("Members:" if members else "Members: none yet (`ledger users grant --body`)")
    for user, grant in members:
        console.print(f"  {user.user_id} (#{grant.number} {grant.role}); {_period(grant, now)}")
        console.print(f"     {user.name_th}\n     {user.name_en}")
