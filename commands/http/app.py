"""The app factory: one ``Api`` (the settings and one handler context over the store) per
worker process, provided to every route as the dependency ``api``; writes, reads and evidence
routes over it; token authentication and rate limits on ``/api``; the web pages
(``commands.web``) with their session cookie and CSRF checks everywhere else; one error
boundary per interface; the access log; the OpenAPI 3.1 schema at ``/schema/openapi.json``
with its docs at ``/schema``.

``ledger serve`` runs ``app_from_environment`` in each uvicorn worker.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from litestar import Litestar, Request, Response
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import MutableScopeHeaders, State
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme
from litestar.template.config import TemplateConfig
from litestar.types import Message, Scope

from commands.http.access_log import AccessLog
from commands.http.auth import TokenAuthentication
from commands.http.errors import EXCEPTION_HANDLERS
from commands.http.evidence import EVIDENCE_ROUTES
from commands.http.health import HEALTH_ROUTES
from commands.http.limits import RateLimit, TokenBuckets
from commands.http.reads import READ_ROUTES
from commands.http.state import Api
from commands.http.tlog import TLOG_ROUTES
from commands.http.writes import WRITE_ROUTES, Sealer
from commands.web.environment import template_engine
from commands.web.pages import WEB_HANDLERS
from commands.web.routes import WEB_ROUTES
from commands.web.secure_cookies import SecureCookiesOnHttps
from commands.web.session import NOT_WEB, session_config
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now

__all__ = ["DEMO_HEADER", "RATE_ENV", "WEB_SECRET_ENV", "app_from_environment", "create_app"]

# The header every answer from a demo store carries (``ledger demo``: recorded times simulated).
DEMO_HEADER = "Ledger-Demo-Store"

RATE_ENV = "LEDGER_HTTP_RATE"
WEB_SECRET_ENV = "LEDGER_WEB_SECRET"


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    rate_limit: RateLimit | None = None,
    web_secret: bytes | None = None,
    debug: bool = False,
) -> Litestar:
    """The API and the web pages over the store the settings name (opened now: the store's
    failures, such as ``NotFound`` or ``StoreUnavailable``, are raised here). ``clock`` stamps
    events and checks token and session expiry; ``rate_limit`` is per token (default
    ``RateLimit()``); ``web_secret`` (32 bytes, the same in every worker) encrypts session
    cookies and signs CSRF tokens (default: drawn now, so sessions end with the process)."""
    secret = web_secret or secrets.token_bytes(32)
    api = Api(settings=settings, context=build_context(settings, clock=clock))
    sealer = Sealer(api)
    buckets = TokenBuckets(rate_limit or RateLimit())

    def close() -> None:
        api.context.app.close()

    app = Litestar(
        route_handlers=[
            *HEALTH_ROUTES,
            *WRITE_ROUTES,
            *READ_ROUTES,
            *EVIDENCE_ROUTES,
            *TLOG_ROUTES,
            *WEB_ROUTES,
        ],
        dependencies={
            "api": Provide(lambda: api, use_cache=True, sync_to_thread=False),
            "sealer": Provide(lambda: sealer, use_cache=True, sync_to_thread=False),
        },
        middleware=[
            DefineMiddleware(TokenAuthentication, api=api, buckets=buckets, clock=clock),
            session_config(secret).middleware,
        ],
        csrf_config=CSRFConfig(
            secret=secret.hex(),
            cookie_name="ledger_csrf",
            cookie_httponly=True,
            cookie_samesite="strict",
            exclude=NOT_WEB,
        ),
        template_config=TemplateConfig(instance=template_engine()),
        exception_handlers={**EXCEPTION_HANDLERS, HTTPException: _unrouted},
        openapi_config=_openapi(),
        on_shutdown=[close],
        before_send=[_mark_demo],
        state=State({"api": api}),
        debug=debug,
        logging_config=None,
    )
    # Litestar's middleware runs per route, inside its error handling; the access log wraps
    # the whole app so that it sees every answer's final status, 404s and 405s included.
    app.asgi_handler = AccessLog(SecureCookiesOnHttps(app.asgi_handler))
    return app


def _mark_demo(message: Message, scope: Scope) -> None:
    """Every answer from a demo store says so: its recorded times are simulated. (An app-level
    hook reading the app's own state: route handlers, shared by every app, cache their
    after_request hooks.)"""
    if message["type"] != "http.response.start":
        return
    scenario = scope["app"].state.api.demo_scenario()
    if scenario is not None:
        MutableScopeHeaders.from_message(message)[DEMO_HEADER] = (
            f"{scenario}; recorded times simulated"
        )


def _unrouted(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    """A request no route took (404, 405): JSON for the API and its schema, a page in the
    reader's language anywhere else."""
    if re.match(r"^/(api|schema)(/|$)", request.url.path):
        return EXCEPTION_HANDLERS[HTTPException](request, error)
    return WEB_HANDLERS[HTTPException](request, error)


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
    ``LEDGER_HTTP_RATE`` (``RATE/BURST``, set from ``--rate`` and ``--burst``), the web
    secret from ``LEDGER_WEB_SECRET`` (hex; ``ledger serve`` draws one per start when unset)."""
    rate, _, burst = os.environ.get(RATE_ENV, "").partition("/")
    limit = RateLimit(float(rate), int(burst)) if rate and burst else RateLimit()
    secret = os.environ.get(WEB_SECRET_ENV)
    return create_app(
        Settings.from_environment(access="write"),
        rate_limit=limit,
        web_secret=bytes.fromhex(secret) if secret else None,
    )
