"""Evidence files over HTTP: upload one (stored under the SHA-256 of its bytes, as ``ledger
evidence add`` stores it) and download one by that hash. Both need a signed-in user (the
``/api`` authentication does that).

An upload is the raw file as the request body with its media type as ``Content-Type``. It is
read as it streams in and counted, and refused with 413 the moment it passes the
limit ``ledger evidence add`` applies (``ledger.integrity.files.EVIDENCE``, 256 MiB), so a
larger body is never held; a type whose form is wrong is a 400, a type evidence is not, or
bytes that are not of the type named, a 415 (``commands.http.evidence_media``).

A download streams the stored bytes as an attachment named by its hash, served as the type
the bytes are, with ``nosniff`` and a sandboxing CSP so a browser never runs one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

import anyio.to_thread
import msgspec
from litestar import Request, Response, Router, get, post
from litestar.exceptions import HTTPException
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import (
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    RequestBody,
    Schema,
)
from litestar.params import Parameter
from litestar.response import Stream

from commands.http.errors import ERROR_RESPONSES
from commands.http.evidence_media import ACCEPTED, extension_of, matches, media_type_of
from commands.http.read_params import SealerDep, checked
from commands.http.writes import Sealer
from ledger.bounds import MEDIA_TYPE, SHA256
from ledger.errors import InvalidInput, NotFound, TooLarge
from ledger.integrity.files import EVIDENCE

__all__ = ["EVIDENCE_ROUTES", "EvidenceStored", "check_upload", "stored_file"]

_CHUNK = 1 << 16
_TYPE_RULE = "evidence is one of: " + ", ".join(ACCEPTED)


class EvidenceStored(msgspec.Struct, frozen=True, kw_only=True):
    """The stored file: the hash SAR, appeal and change commands cite it by, its size and
    type, and whether it was new (false: the same bytes were stored before)."""

    sha256: str
    size: int
    media_type: str
    new: bool


@dataclass
class _UploadOperation(Operation):
    """The upload's schema entry: the body is read from the stream, not a parameter, so the
    OpenAPI document is told its shape here (raw bytes of one of the accepted types)."""

    def __post_init__(self) -> None:
        binary = OpenAPIMediaType(
            schema=Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)
        )
        self.request_body = RequestBody(
            content=dict.fromkeys(ACCEPTED, binary),
            description=f"the file's bytes, at most {EVIDENCE.limit} bytes",
            required=True,
        )


def _unsupported(message: str, rule: str) -> HTTPException:
    # 415 has no family of its own in ledger.errors; the boundary keeps field and rule.
    return HTTPException(
        status_code=415, detail=message, extra=[{"key": "Content-Type", "message": rule}]
    )


def _media_type(request: Request[Any, Any, Any]) -> str:
    """The upload's media type, without parameters (``text/csv; charset=utf-8``)."""
    given = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if not given:
        raise InvalidInput(
            "an upload names its media type", field="Content-Type", rule=MEDIA_TYPE.rule
        )
    checked(given, MEDIA_TYPE, "Content-Type")
    if given not in ACCEPTED:
        raise _unsupported(f"{given} is not a type evidence is stored as", _TYPE_RULE)
    return given


def _too_large(size: int | str) -> TooLarge:
    return TooLarge(
        f"the upload holds more than {EVIDENCE.limit} bytes",
        field="body",
        rule=f"{EVIDENCE.label}s hold at most {EVIDENCE.limit} bytes",
        expected=EVIDENCE.limit,
        actual=size,
    )


def check_upload(media_type: str, content: bytes, field: str = "body") -> tuple[str, str] | None:
    """Whether ``content`` may be stored as evidence of ``media_type``, as every upload is
    judged (the API's and the web forms'): InvalidInput naming ``field`` when it is empty;
    (message, rule) of a 415 when evidence is not stored as that type or the bytes are not
    of it; None when it may be stored."""
    if not content:
        raise InvalidInput("the upload is empty", field=field, rule="evidence has bytes")
    if media_type not in ACCEPTED:
        return f"{media_type} is not a type evidence is stored as", _TYPE_RULE
    if not matches(media_type, content):
        return (
            f"the bytes are not of type {media_type}",
            f"the bytes must be of the type named ({media_type})",
        )
    return None


async def _read_bounded(request: Request[Any, Any, Any]) -> bytes:
    """The body, read as it streams in; TooLarge as soon as it passes the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > EVIDENCE.limit:
        raise _too_large(int(declared))
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > EVIDENCE.limit:
            raise _too_large(f"more than {EVIDENCE.limit}")
    return bytes(received)


@post(
    "/evidence",
    summary="Store an evidence file",
    tags=["evidence"],
    request_max_body_size=EVIDENCE.limit,
    operation_class=_UploadOperation,
    responses={
        415: ResponseSpec(
            data_container=ERROR_RESPONSES[400].data_container,
            description="a type evidence is not stored as, or bytes that are not that type",
        ),
        **ERROR_RESPONSES,
    },
)
async def upload(request: Request[Any, Any, Any], sealer: SealerDep) -> Response[EvidenceStored]:
    """The body is the file, ``Content-Type`` its media type. 201 with the SHA-256 the
    commands cite it by; 200 when the same bytes were stored before."""
    media_type = _media_type(request)
    content = await _read_bounded(request)
    unsupported = check_upload(media_type, content)
    if unsupported is not None:
        raise _unsupported(*unsupported)
    digest, new = await anyio.to_thread.run_sync(sealer.log.records.add_evidence, content)
    stored = EvidenceStored(sha256=digest, size=len(content), media_type=media_type, new=new)
    return Response(
        stored,
        status_code=201 if new else 200,
        headers={"Location": f"/api/evidence/{digest}"},
    )


def _chunks(content: bytes) -> Iterator[bytes]:
    view = memoryview(content)
    for start in range(0, len(view), _CHUNK):
        yield bytes(view[start : start + _CHUNK])


@get(
    "/evidence/{sha256:str}",
    sync_to_thread=True,
    summary="Download an evidence file",
    tags=["evidence"],
    responses={
        200: ResponseSpec(
            data_container=bytes,
            media_type="*/*",
            description="the file, as an attachment, in the media type its bytes show",
        ),
        **ERROR_RESPONSES,
    },
)
def download(
    sealer: SealerDep,
    sha256: Annotated[str, Parameter(description=SHA256.rule, max_length=SHA256.max_length)],
) -> Stream:
    """The stored bytes, as an attachment named ``SHA256.EXT``, of the type they are."""
    return stored_file(sealer, sha256)


def stored_file(sealer: Sealer, sha256: str) -> Stream:
    """The evidence stored under ``sha256`` as a download that no browser runs or renders
    in place (the API's and the web pages'). InvalidInput for a malformed hash, NotFound
    when nothing is stored under it."""
    digest = checked(sha256, SHA256, "sha256")
    # The records the uploads write to: one per process, opened once.
    content = sealer.log.records.evidence_file(digest)
    if content is None:
        raise NotFound(
            f"no evidence stored under {digest}",
            field="sha256",
            rule="evidence is uploaded before it is downloaded",
        )
    media_type = media_type_of(content)
    name = f"{digest}.{extension_of(media_type)}"
    return Stream(
        _chunks(content),
        media_type=media_type,
        headers={
            "Content-Length": str(len(content)),
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "ETag": f'"{digest}"',
            "Cache-Control": "private, max-age=31536000, immutable",
        },
    )


EVIDENCE_ROUTES: list[Any] = [Router("/api", route_handlers=[upload, download])]
