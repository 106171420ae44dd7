"""The transparency log over HTTP: the kept checkpoints, the latest signed note, and proof
bundles (``ledger checkpoint list``, the note ``ledger checkpoint`` prints, ``ledger prove``).

They read the Merkle log the write routes seal into (the ``sealer`` dependency), so the tree
is caught up under the same lock the writes take, never raced by a read.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import MediaType, Response, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter, QueryParameter

from commands.http.errors import ERROR_RESPONSES
from commands.http.read_access import ReaderDep, event_agreement
from commands.http.read_params import ApiDep, SealerDep, checked
from commands.http.read_views import renamed
from ledger.bounds import TextBound
from ledger.errors import InvalidInput, NotFound
from ledger.integrity.bundle import ProofBundle
from ledger.integrity.proving import make_bundle, make_tlog_proof

__all__ = ["INTEGRITY_ROUTES", "CheckpointSummary", "FormatQuery", "checked_format"]

# A bundle names each event it proves; a hundred is far more than an audit cites at once.
MAX_PROVEN = 100
EVENT_ID = TextBound(
    "an event id",
    "an event id: a log position (as the history shows) or AGGREGATE_ID:VERSION",
    r"^(?:[0-9]{1,19}|[0-9a-fA-F-]{32,36}:[0-9]{1,19})\Z",
    60,
    1,
)


# Checked by ``checked_format`` (Litestar's own errors would name the Python argument).
FormatQuery = Annotated[
    str,
    QueryParameter(
        name="format",
        description="bundle (the ledger's JSON, several events) or tlog-proof "
        "(c2sp.org/tlog-proof@v1 text, one event)",
        max_length=20,
    ),
]


def checked_format(given: str) -> str:
    """The proof format asked for, ``bundle`` or ``tlog-proof``; InvalidInput otherwise."""
    if given not in ("bundle", "tlog-proof"):
        raise InvalidInput(
            f"no proof format {given[:20]!r}",
            field="format",
            rule="a proof is a bundle or a tlog-proof",
        )
    return given


class CheckpointSummary(msgspec.Struct, frozen=True, kw_only=True):
    """A kept checkpoint: the tree size it signs, its root hash (base64) and who signed it
    (the log, then any witnesses that cosigned it)."""

    origin: str
    tree_size: int
    root_hash: str
    signed_by: list[str]


@get(
    "/checkpoints",
    sync_to_thread=True,
    summary="Kept checkpoints, newest first",
    tags=["transparency"],
    responses=ERROR_RESPONSES,
)
def checkpoints(
    sealer: SealerDep,
    limit: Annotated[int, Parameter(description="at most this many", ge=1, le=1000)] = 100,
) -> list[CheckpointSummary]:
    """The kept checkpoints, largest tree first (``ledger checkpoint list``)."""
    kept = sealer.log.records.checkpoints()
    return [
        CheckpointSummary(
            origin=signed.checkpoint.origin,
            tree_size=signed.checkpoint.size,
            root_hash=signed.checkpoint.root_base64,
            signed_by=[signed.signer_of(line) for line in signed.signature_lines],
        )
        for signed in reversed(kept[-limit:])
    ]


@get(
    "/checkpoints/latest",
    sync_to_thread=True,
    summary="The latest signed checkpoint note",
    tags=["transparency"],
    media_type=MediaType.TEXT,
    responses={
        200: ResponseSpec(
            data_container=str,
            media_type=MediaType.TEXT,
            description="a C2SP signed note: origin, size, root hash, signature lines",
        ),
        **ERROR_RESPONSES,
    },
)
def latest_checkpoint(sealer: SealerDep) -> Response[str]:
    """The largest kept checkpoint as the signed note ``ledger checkpoint`` prints, with
    every cosignature kept for it; 404 when none is kept yet."""
    kept = sealer.log.records.checkpoints()
    if not kept:
        raise NotFound(
            "no checkpoint is kept yet",
            rule="a checkpoint is signed when a write is sealed with a log key "
            "(LEDGER_LOG_KEY) or by `ledger checkpoint`",
        )
    return Response(kept[-1].text(), media_type="text/plain; charset=utf-8")


@get(
    "/proofs",
    sync_to_thread=True,
    summary="A proof bundle for chosen events",
    tags=["transparency"],
    media_type=MediaType.JSON,
    responses={
        200: ResponseSpec(data_container=ProofBundle, description="the proof bundle"),
        **ERROR_RESPONSES,
    },
)
def proof(
    api: ApiDep,
    sealer: SealerDep,
    reader: ReaderDep,
    event: Annotated[
        list[str],
        Parameter(
            description="an event: its log position (as the history shows) or "
            "AGGREGATE_ID:VERSION; repeat for more",
            min_items=1,
            max_items=MAX_PROVEN,
        ),
    ],
    proof_format: FormatQuery = "bundle",
) -> Response[bytes]:
    """The proof ``ledger prove EVENT... [--format tlog-proof]`` writes, byte for byte: each
    event's canonical bytes, leaf index and inclusion proof, and the covering signed
    checkpoint with its cosignatures; ``ledger verify-proof`` checks it offline. 404 for an
    unknown event or when no kept checkpoint covers it yet; a tlog-proof proves one event.
    403 for an event of an agreement the reader may not read, or of no agreement unless the
    reader reads the whole ledger (``read_access.event_agreement``)."""
    log = sealer.log
    if log.position() < api.context.app.head():
        sealer.seal(api)
    if checked_format(proof_format) == "tlog-proof" and len(event) != 1:
        raise InvalidInput(
            f"{len(event)} events asked for one tlog-proof",
            field="event",
            rule="a tlog-proof proves one event; ask for each, or for a bundle",
        )
    with renamed({"EVENT_ID": "event"}):
        leaves = [log.locate(checked(given, EVENT_ID, "event")) for given in event]
        for leaf in leaves:
            event_agreement(api, reader, leaf)
        if proof_format == "tlog-proof":
            text = make_tlog_proof(log, leaves[0]).text()
            return Response(text.encode(), media_type=MediaType.TEXT)
        bundle = make_bundle(log, leaves)
    return Response(bundle.encode(), media_type=MediaType.JSON)


INTEGRITY_ROUTES: list[Any] = [checkpoints, latest_checkpoint, proof]
