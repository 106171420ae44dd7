"""The witness's app: its two routes over one ``WitnessService``, and the one place its
refusals become HTTP answers (``refusal_response``): the status each ``WitnessRefused`` carries
and a one-line reason, or, for a 409, the size last cosigned as ``text/x.tlog.size``. Litestar's
own refusals (no such route, too large a body) are one line too; anything else is a bug, logged
with its traceback and answered 500 in one line."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Litestar, Request, Response
from litestar.datastructures import State
from litestar.exceptions import HTTPException
from litestar.types import ExceptionHandlersMap

from commands.http.errors import log_unexpected
from commands.witness_http.routes import TEXT, WITNESS_ROUTES
from ledger.integrity.witness import SizeConflict, WitnessRefused
from ledger.integrity.witness_request import SIZE_MEDIA_TYPE
from ledger.integrity.witness_service import WitnessService

__all__ = ["create_witness_app", "refusal_response"]

log = logging.getLogger("ledger.witness")


def _line(text: str) -> str:
    return " ".join(text.split())[:500] + "\n"


def refusal_response(error: WitnessRefused) -> Response[str]:
    """The answer tlog-witness gives a refusal: its status, and the reason in one line (for a
    409, the size this witness last cosigned, which the log then proves from)."""
    if isinstance(error, SizeConflict):
        # Exactly the protocol's type: Litestar would add a charset to a text/* media type.
        headers = {"content-type": SIZE_MEDIA_TYPE}
        return Response(f"{error.size}\n", status_code=409, headers=headers)
    if error.status >= 500:
        # The detail names the witness's own files: for its operator, not for the caller.
        log.error("the witness cannot answer: %s", error)
        message = "the witness's state for this log cannot be read; its operator's log says why"
        return Response(message + "\n", status_code=error.status, media_type=TEXT)
    return Response(_line(str(error)), status_code=error.status, media_type=TEXT)


def _refused(_: Request[Any, Any, Any], error: WitnessRefused) -> Response[str]:
    return refusal_response(error)


def _http(request: Request[Any, Any, Any], error: HTTPException) -> Response[str]:
    if error.status_code >= 500:
        return _bug(request, error)
    return Response(_line(error.detail), status_code=error.status_code, media_type=TEXT)


def _bug(request: Request[Any, Any, Any], error: Exception) -> Response[str]:
    log_unexpected(log, request, error)
    return Response(
        "an unexpected error; the witness's log has the details\n", status_code=500, media_type=TEXT
    )


HANDLERS: ExceptionHandlersMap = {
    WitnessRefused: _refused,
    HTTPException: _http,
    Exception: _bug,
}


def create_witness_app(service: WitnessService) -> Litestar:
    """The witness's HTTP app over ``service`` (no OpenAPI schema: the protocol is C2SP's)."""
    return Litestar(
        route_handlers=WITNESS_ROUTES,
        exception_handlers=HANDLERS,
        state=State({"witness": service}),
        openapi_config=None,
        logging_config=None,
    )
