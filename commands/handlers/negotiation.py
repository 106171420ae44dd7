"""Handlers from registering a unit to signing its agreement."""

from __future__ import annotations

from commands.handlers.attempts import record_unless_refused
from commands.handlers.context import Handling
from commands.handlers.links import checked_links, parent_kpi
from commands.handlers.terms import amended_terms
from commands.messages import (
    OpenAgreement,
    ProposeKpi,
    RecordNegotiationDecision,
    RegisterUnit,
    SignAgreement,
)
from ledger.application import agreement_ref, agreement_uuid, unit_uuid
from ledger.domain.decisions import negotiation as decide
from ledger.domain.events import LedgerEvent
from ledger.domain.identity.access import Scope
from ledger.domain.stamp import Stamp
from ledger.domain.values import KpiTerms
from ledger.errors import AlreadyRecorded

__all__ = [
    "handle_open_agreement",
    "handle_propose_kpi",
    "handle_record_negotiation_decision",
    "handle_register_unit",
    "handle_sign_agreement",
]

_SETUP_ROLES = ("opdc", "secretariat")


def handle_register_unit(ctx: Handling, command: RegisterUnit) -> list[LedgerEvent]:
    stamp = ctx.stamp(command, _SETUP_ROLES, Scope(unit_id=command.unit_id))
    if ctx.ledger.exists(unit_uuid(command.unit_id)):
        raise AlreadyRecorded(
            f"unit {command.unit_id!r} is already registered",
            field="unit_id",
            rule="unit ids are unique",
        )
    parent = ctx.ledger.unit(command.parent_id, field="parent_id") if command.parent_id else None
    event = decide.register_unit(
        unit_uuid(command.unit_id),
        command.unit_id,
        command.name_th,
        command.name_en,
        command.level,
        parent,
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_open_agreement(ctx: Handling, command: OpenAgreement) -> list[LedgerEvent]:
    scope = Scope(
        unit_id=command.unit_id,
        framework_id=command.framework_id,
        fiscal_year=command.fiscal_year,
    )
    stamp = ctx.stamp(command, (*_SETUP_ROLES, "oversight_committee"), scope)
    unit = ctx.ledger.unit(command.unit_id)
    framework = ctx.framework(command.framework_id)
    ref = agreement_ref(command.unit_id, command.fiscal_year)
    if ctx.ledger.exists(agreement_uuid(ref)):
        raise AlreadyRecorded(
            f"agreement {ref} is already open",
            field="fiscal_year",
            rule="one agreement per unit per fiscal year",
        )
    event = decide.open_agreement(
        agreement_uuid(ref), ref, unit, framework, command.fiscal_year, stamp
    )
    ctx.record([event])
    return [event]


def handle_propose_kpi(ctx: Handling, command: ProposeKpi) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    terms = KpiTerms(
        title_th=command.title_th,
        title_en=command.title_en,
        component=command.component,
        unit_of_measure=command.unit_of_measure,
        direction=command.direction,
        weight=command.weight,
        thresholds=command.thresholds,
        baseline=command.baseline,
        monitor=command.monitor,
        cascaded_from=command.cascaded_from,
        joint_host=command.joint_host,
        mandatory_code=command.mandatory_code,
        joint_id=command.joint_id,
        prior_results=command.prior_results,
    )

    def propose(stamp: Stamp) -> list[LedgerEvent]:
        linked = checked_links(ctx, loaded.agreement, terms)
        parent = parent_kpi(ctx, linked)
        return [
            decide.propose_kpi(
                loaded.agreement,
                loaded.framework,
                loaded.unit.level,
                command.kpi_id,
                linked,
                stamp,
                parent_revision=parent.revision if parent else None,
            )
        ]

    return record_unless_refused(
        ctx,
        loaded.agreement,
        command,
        propose,
        roles=("assessed_unit", *_SETUP_ROLES),
        scope=loaded.scope,
        attempt="kpi_proposal",
        kpi_id=command.kpi_id,
    )


def handle_record_negotiation_decision(
    ctx: Handling, command: RecordNegotiationDecision
) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, ("negotiation_committee",), loaded.scope)
    current = loaded.agreement.kpis.get(command.kpi_id)
    amended = None
    if current is not None and command.amendments is not None:
        amended = checked_links(
            ctx, loaded.agreement, amended_terms(current.terms, command.amendments)
        )
    event = decide.record_negotiation_decision(
        loaded.agreement,
        loaded.framework,
        loaded.unit.level,
        command.kpi_id,
        command.outcome,
        amended,
        command.committee,
        command.meeting_ref,
        command.minutes,
        stamp,
    )
    ctx.record([event])
    return [event]


def handle_sign_agreement(ctx: Handling, command: SignAgreement) -> list[LedgerEvent]:
    loaded = ctx.load(command.agreement)
    stamp = ctx.stamp(command, ("assessor", "assessed_unit", *_SETUP_ROLES), loaded.scope)
    event = decide.sign_agreement(
        loaded.agreement, loaded.framework, loaded.unit.level, command.signatories, stamp
    )
    ctx.record([event])
    return [event]
