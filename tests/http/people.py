"""Who is who in the HTTP tests: an administrator, OPDC, and the reporter of unit TH-81, each
with a token; recorded straight through the handlers (the administrator entering them), as an
operator's `ledger users` commands would be."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import msgspec

from commands.authentication import new_token
from commands.decoding import decode_command
from commands.handlers import HandlerContext, Handling, handle
from ledger.thaidate import utc_now
from tests.builders import OPDC, unit_with_agreement

ADMIN = {"id": "admin", "role": "administrator"}
REPORTER = {"id": "reporter-81", "role": "assessed_unit"}


def run(ctx: Handling, command: dict[str, Any]) -> None:
    """Send a command as a JSON line, entered by exactly the user signed in on ``ctx``."""
    handle(ctx, decode_command(msgspec.json.encode(command)))


def bootstrap(ctx: HandlerContext) -> str:
    """The first administrator; returns its token."""
    token = new_token()
    run(
        ctx.entering(None),
        {
            "type": "bootstrap_administrator",
            "actor": ADMIN,
            "user_id": "admin",
            "name_th": "ผู้ดูแลระบบ",
            "name_en": "Administrator",
            "token_id": token.token_id,
            "secret_sha256": token.sha256,
            "expires_at": (utc_now() + timedelta(days=30)).isoformat(),
        },
    )
    return token.token


def as_admin(ctx: HandlerContext, command: dict[str, Any]) -> None:
    run(ctx.entering("admin"), {"actor": ADMIN, **command})


def user_with_token(
    ctx: HandlerContext, user_id: str, grants: list[dict[str, Any]], *, days: float = 30
) -> str:
    """A user with these grants and a token valid for ``days`` (negative: already expired)."""
    as_admin(ctx, {"type": "add_user", "user_id": user_id, "name_th": "ผู้ใช้", "name_en": "User"})
    for grant in grants:
        as_admin(ctx, {"type": "grant_role", "user_id": user_id, **grant})
    return token_for(ctx, user_id, days=days)


def token_for(ctx: HandlerContext, user_id: str, *, days: float = 30) -> str:
    token = new_token()
    as_admin(
        ctx,
        {
            "type": "issue_token",
            "user_id": user_id,
            "token_id": token.token_id,
            "secret_sha256": token.sha256,
            "expires_at": (utc_now() + timedelta(days=days)).isoformat(),
        },
    )
    return token.token


def people(ctx: HandlerContext) -> dict[str, str]:
    """Tokens of ``admin``, ``opdc-1`` (OPDC, anywhere) and ``reporter-81`` (unit TH-81 only,
    registered with its FY2568 agreement open)."""
    tokens = {"admin": bootstrap(ctx)}
    tokens["opdc-1"] = user_with_token(ctx, OPDC["id"], [{"role": "opdc"}])
    for command in unit_with_agreement("TH-81", "province", 2568, "fy2568-provinces"):
        run(ctx.entering(OPDC["id"]), command)
    tokens["reporter-81"] = user_with_token(
        ctx, REPORTER["id"], [{"role": "assessed_unit", "unit_id": "TH-81"}]
    )
    return tokens


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
