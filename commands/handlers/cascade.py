"""Handler for a cascaded KPI kept in its terms after its parent's criteria changed."""

from __future__ import annotations

from commands.handlers.context import Handling
from commands.handlers.links import parent_kpi
from commands.messages import KeepCascadedKpi
from ledger.domain.decisions.cascade import keep_cascaded_kpi
from ledger.domain.events import LedgerEvent

__all__ = ["handle_keep_cascaded_kpi"]

_DECIDING_ROLES = ("change_committee", "oversight_committee", "negotiation_committee")


def handle_keep_cascaded_kpi(ctx: Handling, command: KeepCascadedKpi) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, _DECIDING_ROLES, loaded.scope)
    kpi = loaded.agreement.kpis.get(command.kpi_id)
    event = keep_cascaded_kpi(
        loaded.agreement,
        command.kpi_id,
        parent_kpi(ctx, kpi.terms) if kpi else None,
        command.body,
        command.meeting_ref,
        command.reason,
        stamp,
    )
    ctx.record([event])
    return [event]
