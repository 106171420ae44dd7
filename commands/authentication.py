"""API tokens: drawn here, shown once, recorded only as the SHA-256 of their secret.

A token reads ``al1_<token id>_<secret>``: the id finds its record (one aggregate per token),
the secret is 32 random bytes, and only its hash is ever stored. Every way in (CLI, HTTP)
signs a caller in through ``authenticate``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime
from typing import NamedTuple

from commands.ledger_store import LedgerStore
from ledger.errors import Unauthenticated

__all__ = ["NewToken", "authenticate", "new_token", "secret_sha256"]

_PREFIX = "al1"
_SHAPE = re.compile(r"al1_([0-9a-f]{16})_([A-Za-z0-9_-]{43})")
_RULE = "a token from `ledger users token`, not expired and not revoked"


class NewToken(NamedTuple):
    token_id: str
    token: str
    sha256: str


def secret_sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> NewToken:
    """A fresh token; ``token`` is shown once and never stored."""
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    return NewToken(token_id, f"{_PREFIX}_{token_id}_{secret}", secret_sha256(secret))


def authenticate(ledger: LedgerStore, token: str, now: datetime) -> str:
    """The user id the token signs in; Unauthenticated when it is malformed, unknown, expired
    or revoked, or its user is gone. The message never repeats the token."""
    shape = _SHAPE.fullmatch(token.strip())
    if shape is None:
        raise Unauthenticated("the token is not in the form al1_<id>_<secret>", rule=_RULE)
    token_id, secret = shape.groups()
    credential = ledger.credential(token_id)
    if credential is None or not hmac.compare_digest(
        credential.secret_sha256, secret_sha256(secret)
    ):
        raise Unauthenticated(f"token {token_id} is not known", rule=_RULE)
    if credential.revoked_at is not None and credential.revoked_at <= now:
        raise Unauthenticated(
            f"token {token_id} was revoked at {credential.revoked_at.isoformat()}", rule=_RULE
        )
    if credential.expires_at <= now:
        raise Unauthenticated(
            f"token {token_id} expired at {credential.expires_at.isoformat()}", rule=_RULE
        )
    if ledger.user(credential.user_id) is None:
        raise Unauthenticated(f"token {token_id} names no registered user", rule=_RULE)
    return credential.user_id
