"""Time travel over HTTP: an agreement as recorded (or as in force) at a moment, and what
changed between two recorded moments (``ledger as-of`` and ``ledger diff``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import get
from litestar.params import Parameter

from commands.http.errors import ERROR_RESPONSES
from commands.http.read_access import ReaderDep, readable_meta
from commands.http.read_params import (
    ApiDep,
    FiscalYear,
    FromQuery,
    MomentQuery,
    ToQuery,
    UnitId,
    agreement_ref,
    moment,
)
from commands.http.read_views import holding, renamed, retrying
from projections.as_of import AsOf, as_in_force, as_recorded
from projections.diff import Diff, diff_moments

__all__ = ["TIME_ROUTES"]

_AGREEMENT = "/agreements/{unit_id:str}/{fiscal_year:int}"
Basis = Annotated[
    Literal["recorded", "effective"],
    Parameter(
        description="recorded: what the ledger had recorded at the moment (what was known "
        "then); effective: what was in force then by effective date, per what is recorded now"
    ),
]


@get(
    f"{_AGREEMENT}/as-of",
    sync_to_thread=True,
    summary="An agreement at a past moment",
    tags=["time travel"],
    responses=ERROR_RESPONSES,
)
def as_of(
    api: ApiDep,
    reader: ReaderDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    at: MomentQuery,
    basis: Basis = "recorded",
) -> AsOf:
    """The agreement's targets, results and scores at ``at`` (``ledger as-of [--effective]
    --json``). 404 when the agreement was never opened or not yet recorded (in force) then."""
    ref = readable_meta(api, reader, agreement_ref(unit_id, fiscal_year)).ref
    when = moment(at, "at")
    app, frameworks = api.context.app, api.context.framework

    def read() -> AsOf:
        if basis == "effective":
            return as_in_force(app, ref, when, frameworks)
        with holding(api, "versions") as index:
            return as_recorded(app, index, ref, when, frameworks)

    with renamed({"TIME": "at", "AGREEMENT": "agreement"}):
        return retrying(read)


@get(
    f"{_AGREEMENT}/diff",
    sync_to_thread=True,
    summary="What changed between two moments",
    tags=["time travel"],
    responses=ERROR_RESPONSES,
)
def diff(
    api: ApiDep,
    reader: ReaderDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    first: FromQuery,
    second: ToQuery,
) -> Diff:
    """Targets, weights, results, scores and decisions that differ between the agreement as
    recorded at ``from`` and at ``to``, with the events recorded in between (``ledger diff
    --json``); the moments may come in either order."""
    ref = readable_meta(api, reader, agreement_ref(unit_id, fiscal_year)).ref
    start, end = moment(first, "from"), moment(second, "to")

    def read() -> Diff:
        with holding(api, "versions") as index:
            return diff_moments(api.context.app, index, ref, start, end, api.context.framework)

    # Of two moments, only the earlier can come before the agreement was recorded.
    with renamed({"TIME": "from", "AGREEMENT": "agreement"}):
        return retrying(read)


TIME_ROUTES: list[Any] = [as_of, diff]
