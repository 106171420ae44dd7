"""What changed in an agreement between two recorded moments: targets, weights, results,
scores and decisions, with the events recorded in between (for appeal committees)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import msgspec

from ledger.application import LedgerApplication, agreement_uuid
from ledger.frameworks.model import Framework
from projections.as_of import AsOf, as_recorded_in, recorded_entries
from projections.base import LedgerProjection
from projections.scores import RoundScores
from projections.trail import TrailRow, trail_row

__all__ = ["Change", "Diff", "diff_moments", "diff_views"]


class Change(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    field: str
    before: Any
    after: Any


class Diff(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    before: AsOf
    after: AsOf
    changes: tuple[Change, ...]
    events_between: tuple[TrailRow, ...]


def _plain(value: Any) -> Any:
    return msgspec.to_builtins(value)


def _compare(
    subject: str, before: Mapping[str, Any], after: Mapping[str, Any], out: list[Change]
) -> None:
    for name in dict.fromkeys([*before, *after]):
        old, new = _plain(before.get(name)), _plain(after.get(name))
        if old != new:
            out.append(Change(subject=subject, field=name, before=old, after=new))


def _fields(value: msgspec.Struct | None, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    if value is None:
        return {}
    return {name: getattr(value, name) for name in value.__struct_fields__ if name not in skip}


def _round_fields(table: RoundScores | None) -> dict[str, Any]:
    return _fields(table, skip=("kpis",))


def diff_views(before: AsOf, after: AsOf) -> list[Change]:
    """Every field that differs: KPI terms and status, requests, appeals, and per round the
    results, scores and composite."""
    changes: list[Change] = []
    old, new = before.state, after.state
    for kpi_id in dict.fromkeys([*old.kpis, *new.kpis]):
        a, b = old.kpis.get(kpi_id), new.kpis.get(kpi_id)
        _compare(
            f"KPI {kpi_id}",
            {"status": a and a.status, **_fields(a and a.terms)},
            {"status": b and b.status, **_fields(b and b.terms)},
            changes,
        )
    for request_id in dict.fromkeys([*old.requests, *new.requests]):
        a_req, b_req = old.requests.get(request_id), new.requests.get(request_id)
        _compare(
            f"request {request_id}",
            {"status": a_req and a_req.status},
            {"status": b_req and b_req.status},
            changes,
        )
    for appeal_id in dict.fromkeys([*old.appeals, *new.appeals]):
        a_app, b_app = old.appeals.get(appeal_id), new.appeals.get(appeal_id)
        _compare(f"appeal {appeal_id}", _fields(a_app), _fields(b_app), changes)
    old_rounds = {t.round_id: t for t in before.scores}
    new_rounds = {t.round_id: t for t in after.scores}
    for round_id in dict.fromkeys([*old_rounds, *new_rounds]):
        a_round, b_round = old_rounds.get(round_id), new_rounds.get(round_id)
        _compare(f"round {round_id}", _round_fields(a_round), _round_fields(b_round), changes)
        old_rows = {r.kpi_id: r for r in (a_round.kpis if a_round else ())}
        new_rows = {r.kpi_id: r for r in (b_round.kpis if b_round else ())}
        for kpi_id in dict.fromkeys([*old_rows, *new_rows]):
            skip = ("kpi_id", "title_th", "title_en", "component", "monitor")
            _compare(
                f"round {round_id} KPI {kpi_id}",
                _fields(old_rows.get(kpi_id), skip),
                _fields(new_rows.get(kpi_id), skip),
                changes,
            )
    return changes


def diff_moments(
    app: LedgerApplication,
    index: LedgerProjection,
    agreement: str,
    first: datetime,
    second: datetime,
    frameworks: Callable[[str], Framework],
) -> Diff:
    """The agreement as recorded at ``first`` and at ``second``, what differs, and the events
    recorded in between. The earlier moment may be given second; they are put in order."""
    first, second = sorted((first, second))
    entries = recorded_entries(app, index, agreement)
    before = as_recorded_in(app, entries, agreement, first, frameworks)
    after = as_recorded_in(app, entries, agreement, second, frameworks)
    positions = {e.version: e.position for e in entries}
    between = tuple(
        trail_row(positions[event.originator_version], event)
        for event in app.events_of(agreement_uuid(agreement))
        if before.version < event.originator_version <= after.version
    )
    return Diff(
        agreement=agreement,
        before=before,
        after=after,
        changes=tuple(diff_views(before, after)),
        events_between=between,
    )
