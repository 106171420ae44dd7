"""The Agreement aggregate: its state (``agreement_state``) rebuilt by folding its events in
order through their transitions (``agreement_transitions``)."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from ledger.domain.agreement_state import (
    DAMAGED_LOG_ERRORS,
    NOT_AGREEMENT_EVENTS,
    Agreement,
    AgreementSnapshot,
    AppealState,
    ChangeRequestState,
    KpiState,
    RoundState,
)
from ledger.domain.agreement_transitions import apply
from ledger.domain.events import LedgerEvent

__all__ = [
    "DAMAGED_LOG_ERRORS",
    "NOT_AGREEMENT_EVENTS",
    "Agreement",
    "AgreementSnapshot",
    "AppealState",
    "ChangeRequestState",
    "KpiState",
    "RoundState",
    "project_agreement",
]


def project_agreement(
    state: Agreement | None, events: Iterable[LedgerEvent | AgreementSnapshot]
) -> Agreement | None:
    """Fold events (optionally starting from a snapshot) into the agreement's state."""
    for event in events:
        if isinstance(event, AgreementSnapshot):
            state = event.state
            continue
        state = msgspec.structs.replace(apply(event, state), version=event.originator_version)
    return state
