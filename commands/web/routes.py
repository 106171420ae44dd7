"""Every web route, in one router over the pages' own error handlers, with the ``viewer``
dependency, and the static files (one stylesheet; the pages need no script)."""

from __future__ import annotations

from pathlib import Path

from litestar import Router
from litestar.static_files import create_static_files_router
from litestar.types import ControllerRouterHandler

from commands.web.agreement_list import AGREEMENT_LIST_ROUTES
from commands.web.pages import VIEWER, WEB_HANDLERS
from commands.web.signing import SIGNING_ROUTES

__all__ = ["TEMPLATES", "WEB_ROUTES"]

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"

WEB_ROUTES: list[ControllerRouterHandler] = [
    Router(
        "/",
        route_handlers=[*SIGNING_ROUTES, *AGREEMENT_LIST_ROUTES],
        dependencies={"viewer": VIEWER},
        exception_handlers=WEB_HANDLERS,
        include_in_schema=False,
        opt={"exclude_from_auth": True},
    ),
    create_static_files_router(
        path="/static",
        directories=[HERE / "static"],
        include_in_schema=False,
        opt={"exclude_from_auth": True},
    ),
]
