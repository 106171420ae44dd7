"""What a signed-in reader may see, for the API and the web pages alike
(``ledger.domain.identity.reading`` holds the rule): an agreement's routes answer 403 outside
the reader's grants, a list keeps the agreements the reader may read, a proof or an entry
outside any agreement goes to a whole-ledger reader only.

An agreement's scope comes from its reference document (``projections.folding.AgreementMeta``:
unit, fiscal year, framework), one keyed read in the ``sar`` view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from litestar import Request
from litestar.di import NamedDependency, Provide

from commands.http.read_params import known_agreement
from commands.http.read_views import caught_up
from commands.http.state import Api
from ledger.application import agreement_uuid
from ledger.domain.identity.access import Scope
from ledger.domain.identity.reading import Reader
from ledger.errors import NotFound, Unauthenticated
from ledger.integrity.tree_store import Leaf
from projections.documents import Documents
from projections.folding import AgreementMeta

__all__ = [
    "META_VIEW",
    "READER",
    "ReaderDep",
    "event_agreement",
    "meta_in",
    "meta_of",
    "readable",
    "readable_meta",
    "scope_of_meta",
    "scoped",
]

T = TypeVar("T")

# The view holding every agreement's reference document (and the units).
META_VIEW = "sar"
_OPENED = "agreement must be opened first"


def _reader(request: Request[Any, Any, Any], api: NamedDependency[Api]) -> Reader:
    user = api.context.app.user(str(request.user))
    if user is None:  # removed between the token check and now
        raise Unauthenticated(f"user {request.user!r} is not registered", field="Authorization")
    return Reader(user=user, now=api.context.clock(), body_of=api.context.app.body)


READER = Provide(_reader, sync_to_thread=True)
ReaderDep = NamedDependency[Reader]


def scope_of_meta(meta: AgreementMeta) -> Scope:
    return Scope(unit_id=meta.unit_id, framework_id=meta.framework_id, fiscal_year=meta.fiscal_year)


def meta_in(docs: Documents, ref: str) -> AgreementMeta | None:
    """Agreement ``ref``'s reference document in ``docs``, a reading of ``META_VIEW``."""
    return docs.get("agreement-ref", str(agreement_uuid(ref)), AgreementMeta)


def meta_of(api: Api, ref: str) -> AgreementMeta | None:
    """The reference document of agreement ``ref`` (one keyed read); None if never opened."""
    with caught_up(api, META_VIEW).view.reading() as docs:
        return meta_in(docs, ref)


def readable_meta(api: Api, reader: Reader, ref: str, name: str = "agreement") -> AgreementMeta:
    """The agreement ``ref`` names, for a read about it. Raises NotFound (404, naming
    ``name``) when the ledger never opened it and NotAllowed (403) when the reader's grants do
    not cover it."""
    meta = meta_of(api, ref)
    if meta is None:
        known_agreement(api, ref, name)  # NotFound, worded as every read words it
        # Opened since the view was caught up: the next read will see it.
        raise NotFound(f"no agreement {ref!r} yet", field=name, rule=_OPENED)
    reader.require_read(scope_of_meta(meta))
    return meta


def scoped(reader: Reader, items: Iterable[T], scope_of: Callable[[T], Scope]) -> list[T]:
    """``items`` the reader may read, for items that carry their own scope (``scope_of``
    reads it off, no lookup), in their order."""
    if reader.reads_every_agreement():
        return list(items)
    return [item for item in items if reader.may_read(scope_of(item))]


def readable(api: Api, reader: Reader, items: Iterable[T], ref_of: Callable[[T], str]) -> list[T]:
    """``items`` about agreements the reader may read (``ref_of`` gives each one's
    reference), in their order; everything for a reader whose grants cover every agreement."""
    if reader.reads_every_agreement():
        return list(items)
    seen: dict[str, bool] = {}
    with caught_up(api, META_VIEW).view.reading() as docs:

        def allowed(ref: str) -> bool:
            if ref not in seen:
                meta = meta_in(docs, ref)
                seen[ref] = meta is not None and reader.may_read(scope_of_meta(meta))
            return seen[ref]

        return [item for item in items if allowed(ref_of(item))]


def event_agreement(api: Api, reader: Reader, leaf: Leaf) -> AgreementMeta | None:
    """The agreement the event at ``leaf`` belongs to (None: it belongs to none), once the
    reader may have its proof: NotAllowed (403, field ``event``) outside the reader's grants,
    and for an event of no agreement unless the reader reads the whole ledger."""
    with caught_up(api, "trail").view.reading() as docs:
        meta = docs.get("agreement-ref", str(leaf.originator_id), AgreementMeta)
    if meta is not None:
        reader.require_read(scope_of_meta(meta))
        return meta
    reader.require_whole_ledger(
        f"the event at log position {leaf.position} belongs to no agreement", "event"
    )
    return None
