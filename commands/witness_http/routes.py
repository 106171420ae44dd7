"""The witness's two routes. Each only hands the request to ``WitnessService`` and answers:
signature lines on success; a refusal becomes its status in ``app.refusal_response``."""

from __future__ import annotations

import anyio.to_thread
from litestar import MediaType, Request, Response, get, post
from litestar.datastructures import State

from ledger.integrity.witness_request import MAX_BODY
from ledger.integrity.witness_service import WitnessService

__all__ = ["WITNESS_ROUTES", "service_of"]

TEXT = MediaType.TEXT  # Litestar adds "; charset=utf-8"


def service_of(state: State) -> WitnessService:
    service = state.witness
    assert isinstance(service, WitnessService)
    return service


@post("/add-checkpoint", request_max_body_size=MAX_BODY, status_code=200)
async def add_checkpoint(request: Request[object, object, State]) -> Response[str]:
    """Cosign the submitted checkpoint if it extends the last one cosigned for its log."""
    body = await request.body()
    service = service_of(request.app.state)
    # Signing and the state file's fsync block: off the event loop, under the origin's lock.
    lines = await anyio.to_thread.run_sync(service.add_checkpoint, body)
    return Response("".join(f"{line}\n" for line in lines), media_type=TEXT)


@get("/{hashed:str}/checkpoint", media_type=MediaType.TEXT, sync_to_thread=False)
def latest_checkpoint(hashed: str, request: Request[object, object, State]) -> Response[str]:
    """The last checkpoint cosigned for the log whose origin's SHA-256 is ``hashed`` (lowercase
    hex), with the log's and this witness's signatures; 404 if none."""
    note = service_of(request.app.state).latest(hashed)
    if note is None:
        return Response(
            "this witness has cosigned no checkpoint of that log\n",
            status_code=404,
            media_type=TEXT,
        )
    return Response(note, media_type=TEXT)


WITNESS_ROUTES = [add_checkpoint, latest_checkpoint]
