"""Cookies marked Secure whenever the page went over HTTPS.

Litestar's session and CSRF settings fix the Secure attribute once for the whole app; the
ledger is served over plain HTTP on 127.0.0.1 (tests, a workstation) and over HTTPS in
production, directly or behind a proxy (uvicorn's ``--forwarded-allow-ips`` sets the scheme
from ``X-Forwarded-Proto``). This wrapper adds ``Secure`` to every cookie of an HTTPS answer.
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SecureCookiesOnHttps"]


class SecureCookiesOnHttps:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope.get("scheme") != "https":
            await self.app(scope, receive, send)
            return

        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (name, _secure(value) if name.lower() == b"set-cookie" else value)
                    for name, value in message.get("headers", [])
                ]
            await send(message)

        await self.app(scope, receive, marked)


def _secure(cookie: bytes) -> bytes:
    """
    >>> _secure(b"a=1; Path=/; HttpOnly")
    b'a=1; Path=/; HttpOnly; Secure'
    >>> _secure(b"a=1; Secure")
    b'a=1; Secure'
    """
    attributes = {part.strip().lower() for part in cookie.split(b";")[1:]}
    return cookie if b"secure" in attributes else cookie + b"; Secure"
