"""Signing in to the web pages: a user pastes a credential (an API token from `ledger users
token`), and the browser then carries an encrypted session cookie instead of the token.

The cookie (Litestar's client-side session, AES-GCM) is HttpOnly and SameSite=Strict, and
Secure whenever the page was served over HTTPS (``commands.web.secure_cookies``). It holds the
user id, the token's id (never the token) and when the user signed in. A session ends when
the user signs out, after ``IDLE`` without a request (the cookie's own expiry, renewed on each
answer), ``LIMIT`` after signing in whatever happens, or as soon as its token is revoked or
expires: every request checks the token's record again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from litestar.connection import ASGIConnection
from litestar.middleware.session.client_side import CookieBackendConfig

from commands.http.state import Api
from commands.web.i18n import Language, language_of
from ledger.domain.identity.principals import Body, User
from ledger.domain.identity.reading import Reader

__all__ = [
    "IDLE",
    "LANGUAGE_COOKIE",
    "LIMIT",
    "NOT_WEB",
    "SESSION_COOKIE",
    "SignInNeeded",
    "Viewer",
    "session_config",
    "start_session",
    "viewer_of",
]

SESSION_COOKIE = "ledger_session"
LANGUAGE_COOKIE = "ledger_lang"
IDLE = timedelta(minutes=30)
LIMIT = timedelta(hours=12)


class SignInNeeded(Exception):
    """No session, or one that has ended: the reader is sent to the sign-in page."""


@dataclass(frozen=True)
class Viewer:
    """The signed-in user reading or acting, in the language they chose."""

    user: User
    token_id: str
    language: Language
    now: datetime
    api: Api

    @property
    def user_id(self) -> str:
        return self.user.user_id

    def body_of(self, body_id: str) -> Body | None:
        return self.api.context.app.body(body_id)

    @property
    def reader(self) -> Reader:
        """What the viewer may read, by the rule the API applies too."""
        return Reader(user=self.user, now=self.now, body_of=self.body_of)


# Paths outside the web pages: no session cookie is read or set there (nor, in the app, a CSRF
# token asked for): the API, health, the schema and the transparency log's tiles.
NOT_WEB = [r"^/api(/|$)", r"^/health$", r"^/ready$", r"^/schema(/|$)", r"^/tlog(/|$)"]


def session_config(secret: bytes) -> CookieBackendConfig:
    """The session cookie's settings; ``secret`` is 32 bytes shared by every worker."""
    return CookieBackendConfig(
        secret=secret,
        key=SESSION_COOKIE,
        max_age=int(IDLE.total_seconds()),
        httponly=True,
        samesite="strict",
        exclude=[*NOT_WEB, r"^/static/"],
    )


def start_session(
    connection: ASGIConnection[Any, Any, Any, Any], user_id: str, token_id: str, now: datetime
) -> None:
    """Replace whatever session the browser had with a new one for this user."""
    connection.clear_session()
    connection.set_session({"user": user_id, "token": token_id, "since": now.isoformat()})


def language_in(connection: ASGIConnection[Any, Any, Any, Any]) -> Language:
    return language_of(connection.cookies.get(LANGUAGE_COOKIE))


def viewer_of(connection: ASGIConnection[Any, Any, Any, Any], api: Api) -> Viewer:
    """The signed-in viewer; SignInNeeded (and the session cleared) when there is none or it
    has ended: past ``LIMIT``, or its token revoked, expired or its user gone."""
    session = connection.session if "session" in connection.scope else {}
    now = api.context.clock()
    try:
        user_id, token_id = str(session["user"]), str(session["token"])
        since = datetime.fromisoformat(str(session["since"]))
    except (KeyError, ValueError, TypeError):
        raise SignInNeeded from None
    app = api.context.app
    credential = app.credential(token_id)
    user = app.user(user_id)
    if (
        now - since > LIMIT
        or credential is None
        or credential.user_id != user_id
        or credential.expires_at <= now
        or (credential.revoked_at is not None and credential.revoked_at <= now)
        or user is None
    ):
        connection.clear_session()
        raise SignInNeeded
    return Viewer(user=user, token_id=token_id, language=language_in(connection), now=now, api=api)
