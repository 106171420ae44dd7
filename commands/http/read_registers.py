"""Registers and watch lists over HTTP: the SAR register, the change-request register, early
warnings and the governor's rounds (``ledger sar``, ``requests``, ``warnings``, ``governor``).
Each takes an optional ``agreement`` (``TH-81/2557``); one the ledger never opened is a 404."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import get
from litestar.params import Parameter

from commands.http.errors import ERROR_RESPONSES
from commands.http.read_params import AgreementQuery, ApiDep, judged_on, optional_agreement
from commands.http.read_views import caught_up
from projections.change_register import RegisterEntry, read_register
from projections.early_warning import KpiTrend, read_trends
from projections.head_evaluation import HeadRound, read_head_rounds
from projections.sar_register import SarEntry, SarStatus, read_sar_register

__all__ = ["REGISTER_ROUTES", "SarLine"]


class SarLine(msgspec.Struct, frozen=True, kw_only=True):
    """A SAR register line: its status on the day asked about, and the entry it judges."""

    status: SarStatus
    entry: SarEntry


@get(
    "/registers/sar",
    sync_to_thread=True,
    summary="The SAR register",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def sar_register(
    api: ApiDep,
    agreement: AgreementQuery = None,
    today: Annotated[
        str | None,
        Parameter(description="judge missing SARs as of this date (ISO or BE); default today"),
    ] = None,
) -> list[SarLine]:
    """Per agreement and round: the due date and whether the SAR was filed, filed late (with
    its penalties), cancelled, missing or not yet due (``ledger sar --json``)."""
    ref = optional_agreement(api, agreement)
    day = judged_on(today)
    with caught_up(api, "sar").view.reading() as docs:
        entries = read_sar_register(docs, ref)
    return [SarLine(status=e.status(day), entry=e) for e in entries]


@get(
    "/registers/changes",
    sync_to_thread=True,
    summary="The change-request register",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def change_register(api: ApiDep, agreement: AgreementQuery = None) -> list[RegisterEntry]:
    """Every change request: kind, reason, window, decision, rule-1 flags and the attempts
    refused on it (``ledger requests --json``)."""
    ref = optional_agreement(api, agreement)
    with caught_up(api, "requests").view.reading() as docs:
        return read_register(docs, ref)


@get(
    "/warnings",
    sync_to_thread=True,
    summary="Early warnings",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def warnings(
    api: ApiDep,
    agreement: AgreementQuery = None,
    # Named as the query parameter, so a Litestar refusal names it too.
    all: Annotated[bool, Parameter(description="list the KPIs on track too")] = False,
) -> list[KpiTrend]:
    """KPIs whose latest result is off track against the target pro-rated to its round
    (``ledger warnings --json``); ``all=true`` lists those on track too."""
    ref = optional_agreement(api, agreement)
    with caught_up(api, "warnings").view.reading() as docs:
        return read_trends(docs, agreement=ref, only_off_track=not all)


@get(
    "/governor",
    sync_to_thread=True,
    summary="The governor's evaluation rounds",
    tags=["registers"],
    responses=ERROR_RESPONSES,
)
def governor(api: ApiDep, agreement: AgreementQuery = None) -> list[HeadRound]:
    """The FY2568 provinces' governor rounds (``ledger governor --json``)."""
    ref = optional_agreement(api, agreement)
    with caught_up(api, "governor").view.reading() as docs:
        return read_head_rounds(docs, ref)


REGISTER_ROUTES: list[Any] = [sar_register, change_register, warnings, governor]
