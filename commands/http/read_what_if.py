"""GET the what-if of an open change request: what approving it would do to the scores, the
same plain function ``ledger what-if`` calls, recording nothing. The answer carries the
what-if's digest, which the committee sends as ``what_if_sha256`` in its ``decide_change``."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import get
from litestar.params import Parameter

from commands.handlers.change import what_if_for
from commands.http.errors import ERROR_RESPONSES
from commands.http.read_access import ReaderDep, readable_meta
from commands.http.read_params import (
    ApiDep,
    FiscalYear,
    UnitId,
    agreement_ref,
    checked,
)
from ledger.bounds import ID
from ledger.domain.decisions.what_if import WhatIf, what_if_digest

__all__ = ["WHAT_IF_ROUTES", "ShownWhatIf", "shown_what_if"]

RequestId = Annotated[str, Parameter(description=ID.rule, min_length=1, max_length=ID.max_length)]


class ShownWhatIf(WhatIf, frozen=True, kw_only=True):
    """The what-if and its digest (SHA-256 of the what-if's canonical JSON, without this
    member): send it as ``what_if_sha256`` with the decision."""

    what_if_sha256: str


def shown_what_if(shown: WhatIf) -> ShownWhatIf:
    """The what-if with its digest beside its own members."""
    return ShownWhatIf(**msgspec.structs.asdict(shown), what_if_sha256=what_if_digest(shown))


@get(
    "/agreements/{unit_id:str}/{fiscal_year:int}/requests/{request_id:str}/what-if",
    sync_to_thread=True,
    summary="What-if of an open change request",
    tags=["agreements"],
    responses=ERROR_RESPONSES,
)
def what_if(
    api: ApiDep,
    reader: ReaderDep,
    unit_id: UnitId,
    fiscal_year: FiscalYear,
    request_id: RequestId,
) -> ShownWhatIf:
    """What approving the open change request would do (``ledger what-if
    AGREEMENT#REQUEST_ID --json``): the KPI's terms before and after, every known result
    scored under both, each round's composite under both, the weight moves and rule 1's
    verdict. Records nothing. 404 for an unknown agreement or request, 409 when the request
    is already decided."""
    ref = readable_meta(api, reader, agreement_ref(unit_id, fiscal_year)).ref
    wanted = checked(request_id, ID, "request_id")
    return shown_what_if(what_if_for(api.context, ref, wanted))


WHAT_IF_ROUTES: list[Any] = [what_if]
