"""Signing a request in: ``Authorization: Bearer <token>`` on every ``/api`` route, checked by
``commands.authentication.authenticate`` (the rule lives there), then one request taken from
the token's bucket. ``request.user`` is the signed-in user id, ``request.auth`` the token id.

The token itself is never kept, logged or repeated: only its id (the part before the secret)
names the bucket and reaches the access log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import anyio.to_thread
from litestar.connection import ASGIConnection
from litestar.exceptions import TooManyRequestsException
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.types import ASGIApp

from commands.authentication import authenticate
from commands.http.limits import TokenBuckets, retry_after
from commands.http.state import Api
from ledger.errors import Unauthenticated

__all__ = ["OPEN_PATHS", "TokenAuthentication"]

# Open: liveness, readiness, the schema and its docs. The web pages sign in with their own
# session (commands.web.session); their routers carry the opt ``exclude_from_auth``.
OPEN_PATHS = [r"^/health$", r"^/ready$", r"^/schema(/|$)"]
_RULE = "every /api request carries `Authorization: Bearer <token>`"


class TokenAuthentication(AbstractAuthenticationMiddleware):
    def __init__(
        self,
        app: ASGIApp,
        *,
        api: Api,
        buckets: TokenBuckets,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(app, exclude=OPEN_PATHS, exclude_http_methods=[])
        self.api = api
        self.buckets = buckets
        self.clock = clock

    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        """Raises Unauthenticated (401) for a missing, malformed, unknown, expired or revoked
        token, and TooManyRequestsException (429, with Retry-After) when its bucket is empty."""
        token = _bearer(connection.headers.get("authorization"))
        user_id = await anyio.to_thread.run_sync(
            authenticate, self.api.context.app, token, self.clock()
        )
        token_id = token.strip().split("_")[1]
        wait = self.buckets.take(token_id)
        if wait:
            raise TooManyRequestsException(
                detail=f"token {token_id} sent too many requests; try again later",
                headers={"Retry-After": retry_after(wait)},
            )
        return AuthenticationResult(user=user_id, auth=token_id)


def _bearer(header: str | None) -> str:
    if not header:
        raise Unauthenticated("no Authorization header", field="Authorization", rule=_RULE)
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated(
            "the Authorization header is not `Bearer <token>`", field="Authorization", rule=_RULE
        )
    return token
