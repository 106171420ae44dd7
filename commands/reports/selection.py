"""What an export holds: the fiscal year, round and unit asked for, and, for a reader limited
by grants (the web pages), the units it may see and whether it may read each agreement.

Every register the export reads keys its documents by agreement reference (``UNIT/FY``),
so an export limited to units reads each of their agreements by key (a unit by each fiscal
year of the registry); anything else streams the whole view and keeps what matches. The
round sheets and the choices of year and round come from the framework registry (an
agreement shares its framework's fiscal year and rounds), never from the agreements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from ledger.errors import InvalidInput
from ledger.frameworks.model import Framework
from ledger.suggestions import not_found

__all__ = [
    "Readable",
    "RoundSheet",
    "Selection",
    "read_chosen",
    "split_ref",
]

T = TypeVar("T")

# Whether a reader may read an agreement of (unit, framework, fiscal year).
Readable = Callable[[str, str, int], bool]
YEAR_RULE = "a fiscal year (BE) of the framework registry"
ROUND_RULE = "a round of the framework registry's frameworks for the fiscal year chosen"


@dataclass(frozen=True)
class RoundSheet:
    """A round's scores sheet: its id and the labels the registry's frameworks give it."""

    round_id: str
    label_th: str
    label_en: str


def split_ref(ref: str) -> tuple[str, int]:
    """(unit, fiscal year) of an agreement reference ``UNIT/FY``.

    >>> split_ref("TH-81/2557")
    ('TH-81', 2557)
    """
    unit, _, year = ref.rpartition("/")
    return unit, int(year)


@dataclass(frozen=True)
class Selection:
    """The filters (None: any) and the reader's limits (None: none). ``flag`` prefixes the
    field a refusal names: ``--`` for the CLI's options, nothing for a page's query."""

    year: int | None = None
    round_id: str | None = None
    unit: str | None = None
    units: frozenset[str] | None = None
    readable: Readable | None = None
    flag: str = "--"

    def field(self, name: str) -> str:
        return f"{self.flag}{name}"

    def round_sheets(
        self, registry: Mapping[str, Framework], in_use: Callable[[str], bool]
    ) -> list[RoundSheet]:
        """A sheet per round id of the registry's frameworks of the year (every year when
        none) that ``in_use`` says hold an agreement, in the frameworks' order by fiscal
        year; or ``round_id``'s alone, when one is chosen. Raises InvalidInput naming the
        field for a year the registry does not have, NotFound (with the closest round ids)
        for a round its frameworks of the year do not have."""
        of_year = sorted(
            (f for f in registry.values() if self.year in (None, f.fiscal_year)),
            key=lambda f: (f.fiscal_year, f.id),
        )
        if not of_year:
            years = ", ".join(map(str, sorted({f.fiscal_year for f in registry.values()})))
            raise InvalidInput(
                f"no framework of fiscal year {self.year} (the registry's years: {years})",
                field=self.field("year"),
                rule=YEAR_RULE,
                expected=years,
                actual=self.year,
            )
        if self.round_id is not None:
            return [self._chosen_round(of_year)]
        sheets: dict[str, RoundSheet] = {}
        for framework in of_year:
            if not in_use(framework.id):
                continue
            for round_ in framework.rounds:
                sheets.setdefault(
                    round_.id, RoundSheet(round_.id, round_.label_th, round_.label_en)
                )
        return list(sheets.values())

    def _chosen_round(self, frameworks: list[Framework]) -> RoundSheet:
        for framework in frameworks:
            for round_ in framework.rounds:
                if round_.id == self.round_id:
                    return RoundSheet(round_.id, round_.label_th, round_.label_en)
        raise not_found(
            "round",
            self.round_id or "",
            dict.fromkeys(r.id for f in frameworks for r in f.rounds),
            field=self.field("round"),
            rule=ROUND_RULE,
            within="the frameworks of the year chosen",
        )

    def wanted_units(self) -> list[str] | None:
        """The units to read, in order; None for every unit."""
        if self.unit is None:
            return None if self.units is None else sorted(self.units)
        return [self.unit] if self.units is None or self.unit in self.units else []

    def agreements(self, registry: Mapping[str, Framework]) -> list[str] | None:
        """The references to read by key, in order: each unit wanted by each fiscal year
        (the one chosen, else the registry's); None to stream every agreement."""
        units = self.wanted_units()
        if units is None:
            return None
        return [f"{unit}/{year:04d}" for unit in units for year in self.years(registry)]

    def years(self, registry: Mapping[str, Framework]) -> list[int]:
        """The fiscal years to read: the one chosen, else every year of the registry."""
        if self.year is not None:
            return [self.year]
        return sorted({f.fiscal_year for f in registry.values()})

    def takes_ref(self, ref: str) -> bool:
        """Whether the filters and the reader's units take agreement ``ref`` (its grants
        are ``takes``'s, once the framework is known)."""
        unit, year = split_ref(ref)
        if self.year is not None and year != self.year:
            return False
        if self.unit is not None and unit != self.unit:
            return False
        return self.units is None or unit in self.units

    def takes(self, ref: str, framework_id: str) -> bool:
        """Whether the export holds agreement ``ref`` of ``framework_id``."""
        if not self.takes_ref(ref):
            return False
        if self.readable is None:
            return True
        unit, year = split_ref(ref)
        return self.readable(unit, framework_id, year)

    def takes_round(self, round_id: str) -> bool:
        return self.round_id is None or round_id == self.round_id


def read_chosen(
    refs: list[str] | None,
    one: Callable[[str], Iterable[T]],
    every: Callable[[], Iterable[T]],
) -> Iterator[T]:
    """What ``one`` reads of each reference in ``refs``, in order, or (None) what ``every``
    streams of the whole view."""
    if refs is None:
        yield from every()
        return
    for ref in refs:
        yield from one(ref)
