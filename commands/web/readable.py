"""Which agreements a page may show its viewer, by reference, and the ``?agreement=`` filter
the register pages take (as the API's registers take it).

A register row names its agreement only by reference (``TH-81/2557``); whether the viewer may
read it needs the agreement's unit, framework and fiscal year. The ``trail`` view keeps that
for every agreement it has seen opened (``projections.folding.AgreementMeta``, one small
document each), so the pages read it there instead of loading each agreement.
"""

from __future__ import annotations

from commands.http.read_params import known_agreement, optional_agreement
from commands.http.read_views import caught_up
from commands.http.state import Api
from commands.web.access import may_read, require_read, scope_of
from commands.web.session import Viewer
from ledger.domain.identity.access import Scope
from projections.folding import AgreementMeta

# Agreements by reference: unit, fiscal year and framework.
Metas = dict[str, AgreementMeta]

__all__ = ["Metas", "agreement_metas", "chosen_agreement", "readable", "required", "scope_of_meta"]


def scope_of_meta(meta: AgreementMeta) -> Scope:
    return scope_of(meta.unit_id, meta.framework_id, meta.fiscal_year)


def agreement_metas(api: Api) -> Metas:
    """Every agreement the ledger has opened: reference -> unit, year and framework."""
    with caught_up(api, "trail").view.reading() as docs:
        return {meta.ref: meta for _, meta in docs.scan("agreement-ref", AgreementMeta)}


def readable(viewer: Viewer, metas: Metas | None = None) -> Metas:
    """The agreements the viewer's grants in force cover, by reference (among ``metas``,
    default every agreement)."""
    return {
        ref: meta
        for ref, meta in (metas or agreement_metas(viewer.api)).items()
        if may_read(viewer, scope_of_meta(meta))
    }


def required(viewer: Viewer, ref: str, metas: Metas | None = None) -> AgreementMeta:
    """The agreement ``ref`` names, for a page about it. Raises NotFound (404) when the
    ledger never opened it and NotAllowed (403) when the viewer's grants do not cover it (a
    URL typed by hand included)."""
    known_agreement(viewer.api, ref)
    meta = (metas or agreement_metas(viewer.api))[ref]
    require_read(viewer, scope_of_meta(meta))
    return meta


def chosen_agreement(viewer: Viewer, given: str | None, metas: Metas | None = None) -> str | None:
    """A register's ``?agreement=`` filter: None when absent or left empty (every agreement
    the viewer may read). Raises InvalidInput (400, field ``agreement`` and its rule) for
    one that is not a reference, NotFound (404) for one never opened, NotAllowed (403) for
    one outside the viewer's grants."""
    if not given:
        return None
    ref = optional_agreement(viewer.api, given)
    assert ref is not None
    required(viewer, ref, metas)
    return ref
