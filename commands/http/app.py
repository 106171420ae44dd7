"""The app factory: one ``Api`` (the settings and one handler context over the store) per
worker process, provided to every route as the dependency ``api``; writes, reads and evidence
routes over it; token authentication and rate limits on ``/api``; one error boundary; the
access log; the OpenAPI 3.1 schema at ``/schema/openapi.json`` with its docs at ``/schema``.

``ledger serve`` runs ``app_from_environment`` in each uvicorn worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import Any

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from commands.http.access_log import AccessLog
from commands.http.auth import TokenAuthentication
from commands.http.errors import EXCEPTION_HANDLERS
from commands.http.evidence import EVIDENCE_ROUTES
from commands.http.health import HEALTH_ROUTES
from commands.http.limits import RateLimit, TokenBuckets
from commands.http.reads import READ_ROUTES
from commands.http.state import Api
from commands.http.writes import WRITE_ROUTES, Sealer
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now

__all__ = ["RATE_ENV", "app_from_environment", "create_app"]

RATE_ENV = "LEDGER_HTTP_RATE"


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    rate_limit: RateLimit | None = None,
    debug: bool = False,
) -> Litestar:
    """The API over the store the settings name (opened now: the store's failures, such as
    ``NotFound`` or ``StoreUnavailable``, are raised here). ``clock`` stamps events and checks
    token expiry; ``rate_limit`` is per token (default ``RateLimit()``)."""
    api = Api(settings=settings, context=build_context(settings, clock=clock))
    sealer = Sealer(api)
    buckets = TokenBuckets(rate_limit or RateLimit())

    def close() -> None:
        api.context.app.close()

    app = Litestar(
        route_handlers=[*HEALTH_ROUTES, *WRITE_ROUTES, *READ_ROUTES, *EVIDENCE_ROUTES],
        dependencies={
            "api": Provide(lambda: api, use_cache=True, sync_to_thread=False),
            "sealer": Provide(lambda: sealer, use_cache=True, sync_to_thread=False),
        },
        middleware=[DefineMiddleware(TokenAuthentication, api=api, buckets=buckets, clock=clock)],
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=_openapi(),
        on_shutdown=[close],
        state=State({"api": api}),
        debug=debug,
        logging_config=None,
    )
    # Litestar's middleware runs per route, inside its error handling; the access log wraps
    # the whole app so that it sees every answer's final status, 404s and 405s included.
    app.asgi_handler = AccessLog(app.asgi_handler)
    return app


def _openapi() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Assessment Ledger API",
        version="1",
        description=(
            "Every write is a typed command, recorded as immutable events and sealed in the "
            "transparency log. Errors are JSON: error, message, field, rule, expected, actual."
        ),
        components=Components(
            security_schemes={
                "bearer": SecurityScheme(
                    type="http", scheme="bearer", description="al1_<token id>_<secret>"
                )
            }
        ),
        path="/schema",
    )


def app_from_environment() -> Any:
    """The app for one uvicorn worker: the store from ``LEDGER_DATABASE_URL`` (``ledger serve``
    sets it from ``--db``), the log key from ``LEDGER_LOG_KEY``, the rate limit from
    ``LEDGER_HTTP_RATE`` (``RATE/BURST``, set from ``--rate`` and ``--burst``)."""
    rate, _, burst = os.environ.get(RATE_ENV, "").partition("/")
    limit = RateLimit(float(rate), int(burst)) if rate and burst else RateLimit()
    return create_app(Settings.from_environment(access="write"), rate_limit=limit)
