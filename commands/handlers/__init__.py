"""One handler per command; ``handle`` routes a decoded command to its handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from commands.handlers.context import HandlerContext
from commands.handlers.negotiation import (
    handle_open_agreement,
    handle_propose_kpi,
    handle_record_negotiation_decision,
    handle_register_unit,
    handle_sign_agreement,
)
from commands.handlers.reporting import (
    handle_certify_scores,
    handle_file_sar,
    handle_record_assessment,
)
from commands.messages import (
    AnyCommand,
    CertifyScores,
    FileSar,
    OpenAgreement,
    ProposeKpi,
    RecordAssessment,
    RecordNegotiationDecision,
    RegisterUnit,
    SignAgreement,
)
from ledger.domain.events import LedgerEvent

__all__ = ["HandlerContext", "handle"]

_HANDLERS: dict[type[Any], Callable[[HandlerContext, Any], list[LedgerEvent]]] = {
    RegisterUnit: handle_register_unit,
    OpenAgreement: handle_open_agreement,
    ProposeKpi: handle_propose_kpi,
    RecordNegotiationDecision: handle_record_negotiation_decision,
    SignAgreement: handle_sign_agreement,
    FileSar: handle_file_sar,
    RecordAssessment: handle_record_assessment,
    CertifyScores: handle_certify_scores,
}


def handle(ctx: HandlerContext, command: AnyCommand) -> list[LedgerEvent]:
    """Apply one command: all of its events are recorded, or none and an error is raised."""
    return _HANDLERS[type(command)](ctx, command)
