"""Load framework files and check that they hold together before any agreement uses them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path

import msgspec

from ledger.errors import InvalidInput, NotFound
from ledger.frameworks.model import Framework
from ledger.validation import split_validation_message

__all__ = ["FrameworkFileError", "builtin_frameworks", "framework_by_id", "load_framework"]

_HUNDRED = Decimal(100)


class FrameworkFileError(InvalidInput):
    """A framework file that does not decode or does not hold together."""


def load_framework(source: str, text: bytes) -> Framework:
    """Decode and check one framework file.

    ``source`` names the file in errors. Raises :class:`FrameworkFileError` naming the file
    and the field (for example ``$.components[2].weight``).
    """
    # Imported here, like importlib.resources below: a read whose views are caught up never
    # loads a framework file, and every start-up would pay for both.
    import tomllib

    try:
        # TOML floats are read as exact decimals, never through binary floats.
        raw = tomllib.loads(text.decode("utf-8"), parse_float=Decimal)
        framework = msgspec.convert(raw, Framework)
    except msgspec.ValidationError as error:
        problem, field = split_validation_message(str(error))
        raise FrameworkFileError(f"{source}: {field}: {problem}", field=field) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise FrameworkFileError(f"{source}: not valid TOML: {error}") from error
    problems = list(_problems(framework))
    if problems:
        field, problem = problems[0]
        raise FrameworkFileError(f"{source}: {field}: {problem}", field=field)
    return framework


def _problems(fw: Framework) -> Iterable[tuple[str, str]]:
    if fw.fiscal_year <= 2400:
        yield "$.fiscal_year", f"{fw.fiscal_year} is not a Buddhist-Era year (BE = CE + 543)"
    yield from _duplicates("$.dimensions", [d.id for d in fw.dimensions])
    yield from _duplicates("$.components", [c.id for c in fw.components])
    yield from _duplicates("$.rounds", [r.id for r in fw.rounds])
    yield from _duplicates("$.mandatory_kpis", [m.code for m in fw.mandatory_kpis])
    dimension_ids = {d.id for d in fw.dimensions}
    component_ids = {c.id for c in fw.components}
    for i, c in enumerate(fw.components):
        if c.dimension not in dimension_ids:
            yield f"$.components[{i}].dimension", f"unknown dimension {c.dimension!r}"
        for level in c.weight_by_level:
            if level not in fw.levels:
                yield f"$.components[{i}].weight_by_level", f"unknown level {level!r}"
    codes = {m.code for m in fw.mandatory_kpis}
    for i, m in enumerate(fw.mandatory_kpis):
        if m.component not in component_ids:
            yield f"$.mandatory_kpis[{i}].component", f"unknown component {m.component!r}"
        if m.weight_moves_to is not None and m.weight_moves_to not in codes:
            yield f"$.mandatory_kpis[{i}].weight_moves_to", f"unknown KPI {m.weight_moves_to!r}"
        if m.monitor and m.weight != 0:
            yield f"$.mandatory_kpis[{i}].weight", "a monitor KPI has weight 0"
    for i, limit in enumerate(fw.kpi_count_limits):
        for name in limit.components:
            if name not in component_ids:
                yield f"$.kpi_count_limits[{i}].components", f"unknown component {name!r}"
    for i, comparison in enumerate(fw.weight_comparisons):
        for name in (*comparison.greater, *comparison.than):
            if name not in dimension_ids:
                yield f"$.weight_comparisons[{i}]", f"unknown dimension {name!r}"
    round_ids = {r.id for r in fw.rounds}
    for i, r in enumerate(fw.rounds):
        if r.period_start > r.period_end:
            yield f"$.rounds[{i}].period_end", "the period ends before it starts"
        for name in r.assesses:
            if name not in dimension_ids | component_ids:
                yield f"$.rounds[{i}].assesses", f"unknown dimension or component {name!r}"
    for i, p in enumerate(fw.penalties):
        if p.round not in round_ids:
            yield f"$.penalties[{i}].round", f"unknown round {p.round!r}"
    for i, h in enumerate(fw.head_evaluation_rounds):
        if h.from_round not in round_ids:
            yield f"$.head_evaluation_rounds[{i}].from_round", f"unknown round {h.from_round!r}"
    yield from _duplicates("$.change_windows", [w.id for w in fw.change_windows])
    yield from _duplicates("$.change_reasons", [r.code for r in fw.change_reasons])
    if fw.weight_quantum <= 0:
        yield "$.weight_quantum", "must be above 0"
    yield from _duplicates("$.rating_bands", [str(b.min) for b in fw.rating_bands])
    for level in fw.levels:
        yield from _weight_problems(fw, level)


def _weight_problems(fw: Framework, level: str) -> Iterable[tuple[str, str]]:
    dimensions = fw.dimensions_for(level)
    fixed = [d.weight for d in dimensions if d.weight is not None]
    total = sum(fixed, Decimal(0))
    if len(fixed) == len(dimensions) and total != _HUNDRED:
        yield "$.dimensions", f"fixed weights for level {level} total {total}, not 100"
    if total > _HUNDRED:
        yield "$.dimensions", f"fixed weights for level {level} exceed 100 ({total})"
    for d in dimensions:
        parts = [c for c in fw.components_for(level) if c.dimension == d.id]
        weights = [c.weight_for(level) for c in parts]
        known = sum((w for w in weights if w is not None), Decimal(0))
        if d.weight is None:
            continue
        if None not in weights and parts and known != d.weight:
            yield (
                "$.components",
                (f"components of {d.id} total {known} for level {level}, not {d.weight}"),
            )


def _duplicates(field: str, ids: list[str]) -> Iterable[tuple[str, str]]:
    for name, count in Counter(ids).items():
        if count > 1:
            yield field, f"id {name!r} appears {count} times"


@cache
def builtin_frameworks() -> dict[str, Framework]:
    """The frameworks shipped with the ledger, by id."""
    from importlib import resources

    found: dict[str, Framework] = {}
    folder = resources.files("ledger.frameworks") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            framework = load_framework(entry.name, entry.read_bytes())
            found[framework.id] = framework
    return found


def framework_by_id(framework_id: str, extra_dir: Path | None = None) -> Framework:
    """A shipped framework, or one from ``extra_dir``; NotFound names the known ids."""
    known = dict(builtin_frameworks())
    if extra_dir is not None:
        for path in sorted(extra_dir.glob("*.toml")):
            framework = load_framework(str(path), path.read_bytes())
            known[framework.id] = framework
    try:
        return known[framework_id]
    except KeyError:
        raise NotFound(
            f"unknown framework {framework_id!r}; known: {', '.join(sorted(known))}",
            field="framework_id",
            rule="framework must exist",
        ) from None
