"""What every page shares: the ``viewer`` dependency (the signed-in user, or a redirect to
the sign-in page), ``page`` to render a template with the reader's words, and the error
pages (``WEB_HANDLERS``): a refused request shows its rule in the reader's language, and
anything unexpected is logged for the operator and shown as one line, never a traceback.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from litestar import Request
from litestar.di import NamedDependency, Provide
from litestar.exceptions import HTTPException, PermissionDeniedException
from litestar.response import Redirect, Template
from litestar.types import ExceptionHandlersMap

from commands.http.errors import log_unexpected
from commands.http.state import Api
from commands.web.i18n import Language, Table, Words
from commands.web.refusals import FAMILIES, Refusal, refusal
from commands.web.session import SignInNeeded, Viewer, language_in, viewer_of
from ledger.errors import LedgerError
from ledger.persistence.failures import store_failure

__all__ = [
    "VIEWER",
    "WEB_HANDLERS",
    "ViewerDep",
    "error_page",
    "page",
    "safe_next",
]

log = logging.getLogger("ledger.web")


def _viewer(request: Request[Any, Any, Any], api: NamedDependency[Api]) -> Viewer:
    return viewer_of(request, api)


VIEWER = Provide(_viewer, sync_to_thread=True)
ViewerDep = NamedDependency[Viewer]


def page(
    language: Language | Viewer,
    template: str,
    table: Table,
    *,
    status: int = 200,
    **context: Any,
) -> Template:
    """``template`` rendered with ``t`` (the reader's words from ``table``), ``viewer`` (None
    before signing in) and ``context``."""
    viewer = language if isinstance(language, Viewer) else None
    words = Words(language.language if isinstance(language, Viewer) else language, table)
    return Template(
        template_name=template,
        context={"t": words, "viewer": viewer, "refusal": None, "notice": None, **context},
        status_code=status,
    )


def safe_next(target: str | None) -> str:
    """Where to go after signing in or switching language: a path on this site only (never
    another host), "/" otherwise.

    >>> safe_next("/agreements?year=2557"), safe_next("//evil.example"), safe_next("https://x")
    ('/agreements?year=2557', '/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def error_page(request: Request[Any, Any, Any], shown: Refusal) -> Template:
    return page(
        language_in(request),
        "error.html",
        {},
        status=shown.status,
        refusal=shown,
    )


def _sign_in(request: Request[Any, Any, Any], _: SignInNeeded) -> Redirect:
    wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Redirect(f"/login?next={quote(wanted, safe='')}", status_code=303)


def _ledger_error(request: Request[Any, Any, Any], error: LedgerError) -> Template:
    return error_page(request, refusal(error, Words(language_in(request), {})))


_HTTP_WORDS: dict[int, tuple[str, str]] = {
    403: (
        "คำขอนี้ไม่มีรหัสป้องกันแบบฟอร์มที่ถูกต้อง โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง",
        "The form's security token is missing or wrong; reload the page and try again",
    ),
    404: ("ไม่มีหน้านี้", "There is no such page"),
    405: ("หน้านี้ไม่รับคำขอแบบนี้", "This page does not take that kind of request"),
    413: ("ข้อมูลที่ส่งมีขนาดเกินกำหนด", "What was sent is too large"),
}


def _http_error(request: Request[Any, Any, Any], error: HTTPException) -> Template:
    if error.status_code >= 500:
        return _unexpected(request, error)
    words = Words(language_in(request), {})
    family = {404: "not-found", 403: "not-allowed", 413: "too-large"}.get(
        error.status_code, "invalid-input"
    )
    csrf = isinstance(error, PermissionDeniedException)
    said = _HTTP_WORDS.get(error.status_code)
    shown = Refusal(
        status=error.status_code,
        heading=words.pick(*FAMILIES[family]),
        message=words.pick(*said) if said else error.detail,
        field="_csrf_token" if csrf else None,
        rule=None,
        expected=None,
        actual=None,
    )
    return error_page(request, shown)


def _unexpected(request: Request[Any, Any, Any], error: Exception) -> Template:
    failure = store_failure(error)
    if failure is not None:
        return _ledger_error(request, failure)
    log_unexpected(log, request, error)
    words = Words(language_in(request), {})
    shown = Refusal(
        status=500,
        heading=words("error"),
        message=words.pick(
            "เกิดข้อผิดพลาดที่ไม่คาดคิด ผู้ดูแลระบบมีรายละเอียดในบันทึกของระบบ",
            "An unexpected error; the operator's log has the details",
        ),
        field=None,
        rule=None,
        expected=None,
        actual=None,
    )
    return error_page(request, shown)


WEB_HANDLERS: ExceptionHandlersMap = {
    SignInNeeded: _sign_in,
    LedgerError: _ledger_error,
    HTTPException: _http_error,
    Exception: _unexpected,
}
