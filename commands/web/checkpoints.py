"""The transparency log as pages: the signed checkpoints (``ledger checkpoint list``, ``GET
/api/checkpoints``), an agreement's events each with a link to its proof bundle, and the
bundle itself as a download (``ledger prove``, ``GET /api/proofs``), byte for byte the bundle
the API and the CLI write, which ``ledger verify-proof`` checks offline.

An event is named as the API names it: its log position (as the history shows) or
``AGGREGATE_ID:VERSION``. Who may download what:

- an event of an agreement: whoever may read that agreement (its unit's office, the
  evaluators and committees whose grants cover it, OPDC, administrators);
- any other event (units, users, grants, tokens, bodies, joint KPIs, cancelled rounds,
  command receipts): only a user holding a grant in force of ``opdc``, ``administrator``
  or ``auditor`` over the whole ledger (no unit, framework, year or body limit). These
  events are about people and the ledger itself, not about one agreement a reader's grant
  covers; anyone else is refused with 403 naming the rule.
"""

from __future__ import annotations

from typing import Annotated

from litestar import Response, get
from litestar.params import QueryParameter
from litestar.response import Template

from commands.http.read_access import event_agreement
from commands.http.read_integrity import EVENT_ID, CheckpointSummary, FormatQuery, checked_format
from commands.http.read_params import ApiDep, SealerDep, checked
from commands.http.read_views import caught_up, renamed
from commands.web.checkpoint_words import LABELS
from commands.web.pages import ViewerDep, page
from commands.web.readable import chosen_agreement, page_link
from commands.web.session import Viewer
from commands.web.verify_page import VERIFY_ROUTES
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.files import safe_file_name
from ledger.integrity.proving import make_bundle, make_tlog_proof
from ledger.integrity.tree_store import Leaf
from projections.trail import read_trail

__all__ = ["CHECKPOINT_ROUTES", "bundle_name"]

# How many of the newest checkpoints the page lists (a live ledger signs one per write).
SHOWN = 20
AgreementFilter = Annotated[str | None, QueryParameter(max_length=1000, required=False)]
EventQuery = Annotated[str, QueryParameter(max_length=1000)]
BelowQuery = Annotated[int | None, QueryParameter(ge=1, required=False)]


@get("/checkpoints", sync_to_thread=True)
def checkpoints_page(
    api: ApiDep,
    sealer: SealerDep,
    viewer: ViewerDep,
    agreement: AgreementFilter = None,
    below: BelowQuery = None,
) -> Template:
    """The ``SHOWN`` newest signed checkpoints (``below``: those of smaller trees, a page of
    older ones) and, on the first page, the latest signed note; with ``?agreement=UNIT/FY``,
    that agreement's events (its own trail), each linked to its proof bundle."""
    meta = chosen_agreement(viewer, agreement)
    # Read alone, largest first: a live ledger keeps one checkpoint per write.
    newest = sealer.log.records.newest_checkpoints(SHOWN + 1, below)
    kept = [_summary(signed) for signed in newest[:SHOWN]]
    latest = newest[0].text() if newest and below is None else None
    events = []
    if meta is not None:
        with caught_up(api, "trail").view.reading() as docs:
            events = read_trail(docs, meta.ref)
    query = {"agreement": meta.ref if meta else None}
    return page(
        viewer,
        "checkpoints.html",
        LABELS,
        kept=kept,
        latest=latest,
        chosen=meta.ref if meta else None,
        events=events,
        older=page_link("/checkpoints", None, **query, below=kept[-1].tree_size)
        if len(newest) > SHOWN
        else None,
        newest=page_link("/checkpoints", None, **query) if below is not None else None,
    )


def _summary(signed: SignedCheckpoint) -> CheckpointSummary:
    """A checkpoint as the API lists it (``GET /api/checkpoints``)."""
    return CheckpointSummary(
        origin=signed.checkpoint.origin,
        tree_size=signed.checkpoint.size,
        root_hash=signed.checkpoint.root_base64,
        signed_by=[signed.signer_of(line) for line in signed.signature_lines],
    )


@get("/checkpoints/proof", sync_to_thread=True)
def proof_download(
    api: ApiDep,
    sealer: SealerDep,
    viewer: ViewerDep,
    event: EventQuery,
    proof_format: FormatQuery = "bundle",
) -> Response[bytes]:
    """The proof of one event as a file to keep: the bundle ``ledger prove EVENT`` writes,
    or with ``format=tlog-proof`` the c2sp.org/tlog-proof. 400 for an event id of the wrong
    form, 404 for no such event or none covered by a checkpoint yet, 403 for an event the
    viewer may not read."""
    log = sealer.log
    if log.position() < api.context.app.head():
        sealer.seal(api)
    with renamed({"EVENT_ID": "event"}):
        leaf = log.locate(checked(event, EVENT_ID, "event"))
        name = bundle_name(viewer, leaf)
        if checked_format(proof_format) == "tlog-proof":
            name = name.removesuffix(".json") + ".tlog-proof"
            data, media = make_tlog_proof(log, leaf).text().encode(), "text/plain; charset=utf-8"
        else:
            data, media = make_bundle(log, [leaf]).encode(), "application/json"
    return Response(
        data,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def bundle_name(viewer: Viewer, leaf: Leaf) -> str:
    """The file name of ``leaf``'s bundle (letters, digits, '.', '_', '-' only:
    ``proof-TH-81-2557-216.json``), once the viewer may have it
    (``read_access.event_agreement``: NotAllowed, 403, when not)."""
    meta = event_agreement(viewer.api, viewer.reader, leaf)
    if meta is not None:
        return f"proof-{safe_file_name(meta.ref)}-{leaf.position}.json"
    return f"proof-event-{leaf.position}.json"


CHECKPOINT_ROUTES = [checkpoints_page, proof_download, *VERIFY_ROUTES]
