"""The access log: one line per request on the ``ledger.http.access`` logger with the method,
the path (never the query string), the status, the duration and the signed-in user id.
Headers are never logged, so a token cannot reach the log (uvicorn's own access log, which
prints the query string, is switched off by ``ledger serve``)."""

from __future__ import annotations

import logging
import time

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["AccessLog"]

log = logging.getLogger("ledger.http.access")


class AccessLog:
    """Pure ASGI middleware, outermost, so that it sees every answer, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the server answers when the app ends without a response

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            user = scope.get("user")
            log.info(
                "%s %s %d %.1fms user=%s",
                scope.get("method", "-"),
                scope["path"],
                status,
                (time.perf_counter() - started) * 1000,
                user if isinstance(user, str) else "-",
            )
