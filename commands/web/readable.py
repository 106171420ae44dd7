"""Which agreements a page may show its viewer, found at the cost of what the page shows,
not of what the ledger holds.

A page about one agreement looks its reference document up by key (the agreement's
aggregate id, ``projections.folding.AgreementMeta``): unit, fiscal year and framework, which
say whether the viewer may read it. A list page walks the agreements in (unit, fiscal year)
order and stops once it holds a page: an agreement's reference is ``UNIT/FY``, a fiscal year
is one of the framework registry's (an agreement shares its framework's year), so the
candidates are each unit by the registry's years, each checked by key. A viewer whose every
grant in force names units (a unit's office, a committee formed for some units) walks only
those units; anyone else walks the units the ledger registered, in order.

The ``sar`` view keeps both small documents this needs, the units (``unit``) and the
references (``agreement-ref``), folded as every view folds them (``projections.folding``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import get_args
from urllib.parse import urlencode

from commands.http.read_access import META_VIEW, meta_in, readable_meta, scope_of_meta
from commands.http.read_params import checked
from commands.http.read_views import caught_up
from commands.http.state import Api
from commands.reports.selection import split_ref
from commands.web.i18n import Table
from commands.web.session import Viewer
from ledger.bounds import AGREEMENT_REF, ID
from ledger.domain.unit import Unit
from ledger.errors import InvalidInput
from ledger.frameworks.model import Framework, UnitLevel
from projections.documents import Documents
from projections.folding import AgreementMeta

__all__ = [
    "LEVELS",
    "PAGING",
    "Found",
    "Shown",
    "Wanted",
    "chosen_agreement",
    "frameworks",
    "page_link",
    "reach",
    "readable_page",
    "required",
    "shown",
    "walk",
    "walked_units",
]

LEVELS: tuple[str, ...] = get_args(UnitLevel)
# The words of a paged list, for each page module's table.
PAGING: Table = {
    "pages": ("หน้า", "Pages"),
    "next": ("หน้าถัดไป", "Next page"),
    "first": ("หน้าแรก", "First page"),
    "agreement_help": (
        "อ้างอิงคำรับรอง: รหัสหน่วยงาน / ปีงบประมาณ เช่น TH-81/2557 (เว้นว่าง: ทุกคำรับรองที่มีสิทธิ์ดู)",
        "An agreement reference: unit id / fiscal year, as TH-81/2557 (empty: every one you "
        "may see)",
    ),
}


def required(viewer: Viewer, ref: str) -> AgreementMeta:
    """The agreement ``ref`` names, for a page about it: ``readable_meta`` for the viewer
    (404 never opened, 403 outside the viewer's grants, a URL typed by hand included)."""
    return readable_meta(viewer.api, viewer.reader, ref)


def chosen_agreement(viewer: Viewer, given: str | None) -> AgreementMeta | None:
    """A page's ``?agreement=`` filter: None when absent or left empty (every agreement
    the viewer may read). Raises InvalidInput (400, field ``agreement`` and its rule) for
    one that is not a reference, NotFound (404) for one never opened, NotAllowed (403) for
    one outside the viewer's grants."""
    if not given:
        return None
    return required(viewer, checked(given, AGREEMENT_REF, "agreement"))


@dataclass(frozen=True)
class Shown:
    """What a register page covers: the agreement chosen (``chosen``, alone in ``metas``),
    or a page of those the viewer may read, with links to the next and the first page."""

    chosen: str | None
    metas: list[AgreementMeta]
    next_page: str | None
    first_page: str | None


def shown(
    viewer: Viewer, given: str | None, after: str | None, size: int, path: str, **query: object
) -> Shown:
    """The agreement ``given`` (checked as ``chosen_agreement`` checks it), or the page of
    ``size`` readable agreements after ``after``; the links keep ``query``."""
    meta = chosen_agreement(viewer, given)
    if meta is not None:
        return Shown(meta.ref, [meta], None, None)
    found = readable_page(viewer, Wanted(), after, size)
    return Shown(
        None,
        found.metas,
        page_link(path, found.after, **query) if found.after else None,
        page_link(path, None, **query) if after else None,
    )


@cache
def _extra_frameworks(folder: str) -> tuple[Framework, ...]:
    from ledger.frameworks.loader import load_framework

    return tuple(
        load_framework(str(p), p.read_bytes()) for p in sorted(Path(folder).glob("*.toml"))
    )


def frameworks(api: Api) -> dict[str, Framework]:
    """The framework registry, by id: the shipped frameworks and the operator's folder's
    (as ``framework_by_id`` resolves them), read once per process."""
    from ledger.frameworks.loader import builtin_frameworks

    found = dict(builtin_frameworks())
    if api.settings.frameworks_dir:
        found.update((f.id, f) for f in _extra_frameworks(api.settings.frameworks_dir))
    return found


def reach(viewer: Viewer) -> frozenset[str] | None:
    """The units the viewer's grants in force are limited to; None when some grant is not
    limited to units (OPDC, an auditor, an evaluator over a framework). A superset: each
    agreement is still checked with ``Reader.may_read``."""
    units: set[str] = set()
    for grant in viewer.user.grants_in_force(viewer.now):
        if grant.unit_id is not None:
            units.add(grant.unit_id)
        elif grant.body_id is not None:
            body = viewer.body_of(grant.body_id)
            if body is not None and not body.units:
                return None
            units.update(body.units if body is not None else ())
        else:
            return None
    return frozenset(units)


@dataclass(frozen=True)
class Wanted:
    """A list's filters: each None or empty for any."""

    year: int | None = None
    unit: str | None = None
    level: str | None = None
    framework: str | None = None

    def checked(self, api: Api) -> Wanted:
        """Itself, once each filter is one the ledger knows; InvalidInput (400) naming the
        field and its rule otherwise."""
        if self.unit:
            checked(self.unit, ID, "unit")
        if self.level and self.level not in LEVELS:
            raise InvalidInput(
                f"no unit level {self.level!r}",
                field="level",
                rule=f"a unit level: {', '.join(LEVELS)}",
                actual=self.level,
            )
        if self.framework and self.framework not in frameworks(api):
            raise InvalidInput(
                f"no framework {self.framework!r}",
                field="framework",
                rule=f"a framework of the registry: {', '.join(sorted(frameworks(api)))}",
                actual=self.framework,
            )
        return self


@dataclass(frozen=True)
class Found:
    """One page of readable agreements, in (unit, fiscal year) order; ``after``: the last
    one's reference when more follow (the next page starts after it), else None."""

    metas: list[AgreementMeta]
    units: dict[str, Unit]
    after: str | None


def walked_units(docs: Documents, limited: frozenset[str] | None, start: str) -> Iterator[Unit]:
    """The registered units, in id order, from ``start`` on: those in ``limited`` read by
    key, or (None) every unit the view holds, streamed a chunk at a time."""
    if limited is not None:
        for unit_id in sorted(u for u in limited if u >= start):
            unit = docs.get("unit", unit_id, Unit)
            if unit is not None:
                yield unit
        return
    for unit_id, unit in docs.stream("unit", Unit):
        if unit_id >= start:
            yield unit


def readable_page(viewer: Viewer, wanted: Wanted, after: str | None, size: int) -> Found:
    """At most ``size`` agreements the viewer may read matching ``wanted``, after the
    reference ``after`` (checked: InvalidInput, field ``after``): ``walk`` over the view."""
    start = ("", 0) if not after else split_ref(checked(after, AGREEMENT_REF, "after"))
    with caught_up(viewer.api, META_VIEW).view.reading() as docs:
        return walk(docs, viewer, wanted, start, size)


def walk(
    docs: Documents, viewer: Viewer, wanted: Wanted, start: tuple[str, int], size: int
) -> Found:
    """The first ``size`` agreements after ``start`` (unit, fiscal year) that the viewer
    may read and ``wanted`` matches, from ``docs`` (units and references). Reads one unit
    document and one reference per candidate, and stops once the page is full (one more is
    looked at, to know whether a next page exists): a viewer limited to units reads only
    theirs, by key; anyone else streams the units in order from ``start``."""
    years = sorted(
        {
            f.fiscal_year
            for f in frameworks(viewer.api).values()
            if wanted.year in (None, f.fiscal_year) and wanted.framework in (None, "", f.id)
        }
    )
    limited = reach(viewer)
    if wanted.unit:
        limited = frozenset({wanted.unit}) & (limited if limited is not None else {wanted.unit})
    metas: list[AgreementMeta] = []
    units: dict[str, Unit] = {}
    for unit in walked_units(docs, limited, start[0]):
        if wanted.level and unit.level != wanted.level:
            continue
        for year in years:
            if (unit.unit_id, year) <= start:
                continue
            meta = meta_in(docs, f"{unit.unit_id}/{year:04d}")
            if meta is None or (wanted.framework and meta.framework_id != wanted.framework):
                continue
            if not viewer.reader.may_read(scope_of_meta(meta)):
                continue
            if len(metas) == size:
                return Found(metas, units, metas[-1].ref)
            metas.append(meta)
            units[unit.unit_id] = unit
    return Found(metas, units, None)


def page_link(path: str, after: str | None, **query: object) -> str:
    """``path`` with the non-empty ``query`` and ``after`` (None: the first page)."""
    given = {**query, "after": after}
    kept = {k: "true" if v is True else v for k, v in given.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path
