"""Signing in and out, and choosing the language.

Sign-in takes a user's credential (the token from `ledger users token`), checked by
``commands.authentication.authenticate`` as every way in checks it; the token is never kept
in the cookie, the log or the page. Signing out is a POST with the CSRF token, so another
site cannot sign a user out.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, Parameter, QueryParameter
from litestar.response import Redirect, Template

from commands.authentication import authenticate
from commands.http.read_params import ApiDep
from commands.web.forms import text
from commands.web.i18n import LANGUAGES, Table, Words
from commands.web.pages import ViewerDep, page, safe_next
from commands.web.refusals import refusal
from commands.web.session import LANGUAGE_COOKIE, LIMIT, language_in, start_session
from ledger.errors import Unauthenticated

__all__ = ["SIGNING_ROUTES"]

LABELS: Table = {
    "title": ("เข้าสู่ระบบ", "Sign in"),
    "token": ("รหัสเข้าใช้งาน (โทเคน)", "Credential (token)"),
    "token_help": (
        "วางโทเคนที่ผู้ดูแลระบบออกให้ (ขึ้นต้นด้วย al1_) ระบบไม่เก็บโทเคนไว้ในเบราว์เซอร์",
        "Paste the token your administrator issued (it starts al1_); the browser never keeps it",
    ),
    "ends": (
        "การเข้าสู่ระบบสิ้นสุดเมื่อไม่มีการใช้งาน 30 นาที หรือครบ 12 ชั่วโมง",
        "A session ends after 30 minutes without use, or 12 hours after signing in",
    ),
}
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
LanguagePath = Annotated[str, Parameter(max_length=2)]
NextQuery = Annotated[str | None, QueryParameter(name="next", max_length=2000)]


@get("/", sync_to_thread=False)
def home() -> Redirect:
    return Redirect("/agreements", status_code=303)


@get("/login", sync_to_thread=False)
def login_form(request: Request[Any, Any, Any], wanted: NextQuery = None) -> Template:
    return page(language_in(request), "login.html", LABELS, next=safe_next(wanted), limit=LIMIT)


@post("/login", sync_to_thread=True, status_code=303)
def login(request: Request[Any, Any, Any], api: ApiDep, data: Form) -> Redirect | Template:
    language = language_in(request)
    now = api.context.clock()
    token = text(data, "token")
    target = safe_next(data.get("next"))
    try:
        user_id = authenticate(api.context.app, token, now)
    except Unauthenticated as error:
        shown = refusal(error, Words(language, LABELS))
        return page(language, "login.html", LABELS, status=401, next=target, refusal=shown)
    token_id = token.split("_")[1]
    start_session(request, user_id, token_id, now)
    return Redirect(target, status_code=303)


@post("/logout", sync_to_thread=False, status_code=303)
def logout(request: Request[Any, Any, Any], viewer: ViewerDep) -> Redirect:
    request.clear_session()
    return Redirect("/login", status_code=303)


@get("/language/{language:str}", sync_to_thread=False)
def choose_language(language: LanguagePath, wanted: NextQuery = None) -> Redirect:
    """Switch the pages to ``th`` or ``en`` (a year-long cookie; not a secret)."""
    chosen = language if language in LANGUAGES else "th"
    answer = Redirect(safe_next(wanted), status_code=303)
    answer.set_cookie(
        LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="strict", httponly=True
    )
    return answer


SIGNING_ROUTES = [home, login_form, login, logout, choose_language]
