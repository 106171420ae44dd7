"""Every web route, in one router over the pages' own error handlers, with the ``viewer``
dependency, and the static files (one stylesheet; the pages need no script).

Every page is sent with a Content-Security-Policy that lets no script run at all: the pages
escape whatever they show, and this is the second wall should an escape ever be missed.
"""

from __future__ import annotations

from pathlib import Path

from litestar import Router
from litestar.datastructures import ResponseHeader
from litestar.static_files import create_static_files_router
from litestar.types import ControllerRouterHandler

from commands.web.agreement_list import AGREEMENT_LIST_ROUTES
from commands.web.agreement_page import AGREEMENT_PAGE_ROUTES
from commands.web.appeals import APPEAL_ROUTES
from commands.web.changes import CHANGE_ROUTES
from commands.web.checkpoints import CHECKPOINT_ROUTES
from commands.web.downloads import DOWNLOAD_ROUTES
from commands.web.kpi_import import KPI_IMPORT_ROUTES
from commands.web.pages import VIEWER, WEB_HANDLERS
from commands.web.registers import REGISTER_PAGE_ROUTES
from commands.web.report_download import REPORT_ROUTES
from commands.web.reporting import REPORTING_ROUTES
from commands.web.signing import SIGNING_ROUTES
from commands.web.timeline import TIMELINE_ROUTES

__all__ = ["TEMPLATES", "WEB_ROUTES"]

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"

SECURITY_HEADERS = [
    ResponseHeader(
        name="Content-Security-Policy",
        value=(
            "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; "
            "style-src 'self' 'unsafe-inline'"
        ),
    ),
    ResponseHeader(name="X-Content-Type-Options", value="nosniff"),
    ResponseHeader(name="Referrer-Policy", value="same-origin"),
    ResponseHeader(name="X-Frame-Options", value="DENY"),
]

WEB_ROUTES: list[ControllerRouterHandler] = [
    Router(
        "/",
        route_handlers=[
            *SIGNING_ROUTES,
            *AGREEMENT_LIST_ROUTES,
            *AGREEMENT_PAGE_ROUTES,
            *TIMELINE_ROUTES,
            *REGISTER_PAGE_ROUTES,
            *CHECKPOINT_ROUTES,
            *DOWNLOAD_ROUTES,
            *REPORT_ROUTES,
            *REPORTING_ROUTES,
            *CHANGE_ROUTES,
            *APPEAL_ROUTES,
            *KPI_IMPORT_ROUTES,
        ],
        dependencies={"viewer": VIEWER},
        response_headers=SECURITY_HEADERS,
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
