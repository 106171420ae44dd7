"""Writes: ``POST /api/commands`` takes any command ``ledger apply`` takes, and
``POST /api/commands/<type>`` one type each (the schema documents that type alone).

The body is decoded by ``commands.decoding.decode_command`` before Litestar looks at it (a
``before_request`` hook), so bounds, duplicate keys, NFC and every message are those of
``ledger apply``; the ``data`` parameter is only there to give the OpenAPI schema. The command
runs through ``execute`` as the signed-in user and every write ends sealed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Any, get_args
from uuid import UUID

import msgspec
from litestar import Request, Response, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody

from commands.decoding import decode_command
from commands.execution import execute
from commands.http.errors import ERROR_RESPONSES
from commands.http.state import Api
from commands.messages import AnyCommand
from commands.sealing import seal
from ledger.bounds import MAX_LINE_BYTES
from ledger.domain.decisions.attempts import KeptRefusal
from ledger.errors import ConflictError, IntegrityViolation, InvalidInput
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.log import TransparencyLog
from ledger.persistence.failures import store_failure

__all__ = ["WRITE_ROUTES", "Recorded", "RecordedEvent", "Sealer", "record"]


class RecordedEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One event the command recorded: its type, its aggregate and version, and its position
    in the log (the notification id, as ``ledger history`` shows)."""

    type: str
    aggregate_id: UUID
    version: int
    position: int


class Recorded(msgspec.Struct, frozen=True, kw_only=True):
    """The answer to a write: ``resent`` when the command id was handled before and these are
    the events its first send recorded; ``checkpoint`` the size of the signed tree head that
    covers them (None when no log key is configured)."""

    command_type: str
    command_id: UUID | None
    resent: bool
    events: list[RecordedEvent]
    checkpoint: int | None = None


class Sealer:
    """Seals after each write, one seal at a time in this process. Workers sealing at once
    race on the Merkle log's next leaf; the loser finds its events already taken in when it
    tries again, so a race is retried and only a failure that persists is reported."""

    def __init__(self, api: Api, attempts: int = 6) -> None:
        self.log = TransparencyLog(api.context.app)
        self.attempts = attempts
        self._lock = threading.Lock()

    def seal(self, api: Api) -> SignedCheckpoint | None:
        with self._lock:
            for attempt in range(1, self.attempts):
                try:
                    return seal(api.context.app, self.log)
                except Exception as error:  # a race is retried, anything else raised
                    if not _raced(error):
                        raise
                time.sleep(0.02 * 2**attempt)
            return seal(api.context.app, self.log)

    def positions(self, events: list[Any]) -> list[RecordedEvent]:
        found = []
        for event in events:
            leaf = self.log.tree.leaf_of(event.originator_id, event.originator_version)
            if leaf is None:
                raise IntegrityViolation(
                    f"event {event.originator_id}:{event.originator_version} is not in the "
                    "Merkle log after sealing",
                    rule="every write ends sealed",
                )
            found.append(
                RecordedEvent(
                    type=type(event).__name__,
                    aggregate_id=event.originator_id,
                    version=event.originator_version,
                    position=leaf.position,
                )
            )
        return found


def _raced(error: Exception) -> bool:
    """Whether sealing failed because another worker was appending to the Merkle log: it took
    in the same next events first (a leaf or tracking row already there, a tree grown under
    this one), or held the log's SQLite lock."""
    if isinstance(error, (IntegrityViolation, ConflictError, ValueError)):
        return True
    return isinstance(store_failure(error), ConflictError)


async def _decode_body(request: Request[Any, Any, State]) -> None:
    """Decode the body the way ``ledger apply`` decodes a line; the route's own type, if it
    names one, must match."""
    command = decode_command(await request.body())
    wanted = request.route_handler.opt.get("command_type")
    actual = _tag(command)
    if wanted is not None and actual != wanted:
        raise InvalidInput(
            f"this route takes {wanted} commands, not {actual}",
            field="$.type",
            rule="POST /api/commands/<type> takes commands of that type",
            expected=wanted,
            actual=actual,
        )
    request.state.command = command


def _tag(command: AnyCommand) -> str:
    return str(type(command).__struct_config__.tag)


def record(api: Api, sealer: Sealer, command: AnyCommand, enterer: str) -> Recorded:
    """Run ``command`` entered by the signed-in user ``enterer`` and seal what it recorded:
    the one write path of the API and the web pages. Raises the command's ``LedgerError``
    (a kept refusal is sealed first: it recorded an event)."""
    try:
        answered = execute(replace(api.context, enterer=enterer), command)
    except KeptRefusal:
        sealer.seal(api)
        raise
    signed = sealer.seal(api)
    return Recorded(
        command_type=_tag(command),
        command_id=command.command_id,
        resent=answered.resent,
        events=sealer.positions(answered.events),
        checkpoint=None if signed is None else signed.checkpoint.size,
    )


def _write(request: Request[Any, Any, State], api: Api, sealer: Sealer) -> Response[Recorded]:
    body = record(api, sealer, request.state.command, request.user)
    return Response(body, status_code=200 if body.resent else 201)


_JSON_BODY: Any = JSONBody  # subscripted with a type only known at run time
ApiDep = NamedDependency[Api]
SealerDep = NamedDependency[Sealer]
_RESPONSES: dict[int, ResponseSpec] = {
    200: ResponseSpec(Recorded, description="the command id was handled before: its events"),
    201: ResponseSpec(Recorded, description="recorded and sealed"),
    **ERROR_RESPONSES,
}
_COMMON: dict[str, Any] = {
    "before_request": _decode_body,
    "sync_to_thread": True,
    "request_max_body_size": MAX_LINE_BYTES,
    "responses": _RESPONSES,
    "status_code": 201,
    "tags": ["commands"],
    "security": [{"bearer": []}],
}


def _any_route() -> HTTPRouteHandler:
    def write_any(
        request: Request[Any, Any, State],
        data: JSONBody[AnyCommand],
        api: ApiDep,
        sealer: SealerDep,
    ) -> Response[Recorded]:
        """Record any command `ledger apply` takes (its `type` picks it)."""
        return _write(request, api, sealer)

    return post("/api/commands", operation_id="write_command", **_COMMON)(write_any)


def _typed_route(command_type: type[Any]) -> HTTPRouteHandler:
    tag = str(command_type.__struct_config__.tag)

    def write_one(
        request: Request[Any, Any, State], data: Any, api: ApiDep, sealer: SealerDep
    ) -> Response[Recorded]:
        return _write(request, api, sealer)

    write_one.__annotations__ = {**write_one.__annotations__, "data": _JSON_BODY[command_type]}
    write_one.__doc__ = (command_type.__doc__ or f"Record a {tag} command.").strip()
    return post(
        f"/api/commands/{tag}",
        operation_id=f"write_{tag}",
        opt={"command_type": tag},
        name=f"write_{tag}",
        **_COMMON,
    )(write_one)


WRITE_ROUTES: list[HTTPRouteHandler] = [
    _any_route(),
    *(_typed_route(t) for t in get_args(AnyCommand)),
]
