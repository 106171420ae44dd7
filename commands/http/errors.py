"""The HTTP boundary, where errors become status codes and JSON: ``error_response`` is the one
function that turns a ``LedgerError`` into what a client sees; Litestar's own refusals (a body
of the wrong shape, no such route or method, too large, too many requests) get the same shape,
and anything else is a bug, logged with its traceback for the operator and answered with a
plain 500 that carries no traceback.

Every answer here is 4xx or 5xx: an error never returns 2xx.
"""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.openapi.datastructures import ResponseSpec
from litestar.types import ExceptionHandlersMap

from ledger.errors import LedgerError, http_status_for
from ledger.persistence.failures import store_failure

__all__ = [
    "ERROR_RESPONSES",
    "EXCEPTION_HANDLERS",
    "ErrorBody",
    "error_response",
    "internal_error",
    "log_unexpected",
]

log = logging.getLogger("ledger.http")

_BEARER = 'Bearer realm="assessment-ledger"'
# Litestar's own refusals, named in the ledger's families where one fits.
_FAMILIES = {
    400: "invalid-input",
    401: "unauthenticated",
    403: "not-allowed",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    429: "rate-limited",
}


class ErrorBody(msgspec.Struct, frozen=True, kw_only=True):
    """Every error's body. ``error`` is the family (see docs/API.md); ``field`` the JSON path
    or header at fault, ``rule`` the rule applied, ``expected``/``actual`` what was wanted and
    what came, when the ledger knows them."""

    error: str
    message: str
    field: str | None = None
    rule: str | None = None
    expected: Any = None
    actual: Any = None


def _plain(value: object) -> object:
    """A JSON-ready form of ``expected``/``actual`` (text for anything msgspec cannot encode)."""
    try:
        return msgspec.to_builtins(value, str_keys=True)
    except (TypeError, msgspec.EncodeError):
        return str(value)


def _json(body: ErrorBody, status: int, headers: dict[str, str] | None = None) -> Response[Any]:
    return Response(
        content=body, status_code=status, media_type=MediaType.JSON, headers=headers or {}
    )


def error_response(error: LedgerError) -> Response[Any]:
    """The status (``ledger.errors.http_status_for``) and JSON body of a ledger error; a 401
    names the scheme it wants in ``WWW-Authenticate``."""
    status = http_status_for(error)
    body = ErrorBody(
        error=error.family,
        message=error.message,
        field=error.field,
        rule=error.rule,
        expected=_plain(error.expected),
        actual=_plain(error.actual),
    )
    headers = {"WWW-Authenticate": _BEARER} if status == 401 else None
    return _json(body, status, headers)


def log_unexpected(
    logger: logging.Logger, request: Request[Any, Any, Any], error: Exception
) -> None:
    """A bug, for the operator: its type, the request's method and path (never its headers
    or query) and the traceback. Every server of the ledger logs one this way."""
    logger.error(
        "unexpected %s on %s %s",
        type(error).__name__,
        request.method,
        request.url.path,
        exc_info=error,
    )


def internal_error(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    """A storage failure in the ledger's words; anything else a bug: logged with its traceback
    (never the request's headers) and answered with one line."""
    failure = store_failure(error)
    if failure is not None:
        return error_response(failure)
    log_unexpected(log, request, error)
    message = "an unexpected error; the operator's log has the details"
    return _json(ErrorBody(error="internal", message=message), 500)


def _ledger_error(_: Request[Any, Any, Any], error: LedgerError) -> Response[Any]:
    return error_response(error)


def _http_exception(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    status = error.status_code if error.status_code >= 400 else 500
    if status >= 500:
        return internal_error(request, error)
    field, rule = _validation_detail(error)
    body = ErrorBody(
        error=_FAMILIES.get(status, "invalid-input"),
        message=error.detail,
        field=field,
        rule=rule,
    )
    headers = dict(error.headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = _BEARER
    return _json(body, status, headers)


def _validation_detail(error: HTTPException) -> tuple[str | None, str | None]:
    """The field a Litestar validation error names (its ``extra`` holds ``key``s)."""
    extra = error.extra
    if isinstance(extra, list) and extra and isinstance(extra[0], dict):
        key = extra[0].get("key")
        said = extra[0].get("message")
        return (str(key) if key else None, str(said) if said else None)
    return None, None


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    LedgerError: _ledger_error,
    HTTPException: _http_exception,
    Exception: internal_error,
}


def _spec(description: str) -> ResponseSpec:
    return ResponseSpec(data_container=ErrorBody, description=description)


ERROR_RESPONSES: dict[int, ResponseSpec] = {
    400: _spec("invalid input: malformed, out of bounds or of the wrong shape"),
    401: _spec("no token, or one that is unknown, expired or revoked"),
    403: _spec("the actor or the signed-in user lacks the grant for this"),
    404: _spec("an id names nothing the ledger knows"),
    409: _spec("already recorded, or another writer got there first"),
    413: _spec("the request body is over its limit"),
    422: _spec("well formed, but a rule of the domain refuses it"),
    429: _spec("this token's rate limit is spent; see Retry-After"),
    500: _spec("a bug, or stored data that is not what the ledger guarantees"),
    503: _spec("the store cannot be reached, opened, read or written"),
}
