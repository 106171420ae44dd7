"""The command that would record a given event: its fields read back out of the event.

Replaying that command through the handlers must give the event again. Partial amendments are
rebuilt as the fields that differ from what they were applied to, which is what the handlers
apply them to (``commands.handlers.terms.amended_terms``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from commands.decoding import decode_command
from commands.messages import (
    AdjustScore,
    AnyCommand,
    CancelRound,
    CertifyScores,
    DecideAppeal,
    DecideChange,
    FileSar,
    KpiAmendments,
    OpenAgreement,
    ProposeKpi,
    RecordAssessment,
    RecordNegotiationDecision,
    RegisterUnit,
    RequestAppeal,
    RequestChange,
    SignAgreement,
    VerifiedResult,
)
from commands.replay.folded import FoldedLedger
from commands.replay.identity_of import IDENTITY_COMMAND_OF
from commands.replay.joint_of import UPKEEP_COMMAND_OF
from commands.replay.not_a_command import NotACommand
from ledger.domain.agreement import Agreement
from ledger.domain.control_events import (
    AppealDecided,
    AppealRequested,
    ChangeAttemptRefused,
    ChangeDecided,
    ChangeRequested,
    RoundCancelled,
    ScoreAdjusted,
)
from ledger.domain.events import (
    AgreementOpened,
    AgreementSigned,
    EvaluatorAssessed,
    KpiProposed,
    LedgerEvent,
    NegotiationDecisionRecorded,
    SarFiled,
    ScoresCertified,
    UnitRegistered,
)
from ledger.domain.values import KpiTerms
from ledger.grammar import with_article

__all__ = ["NotACommand", "command_of"]

_AMENDABLE = KpiAmendments.__struct_fields__


def _differences(base: KpiTerms, changed: KpiTerms) -> KpiAmendments:
    return KpiAmendments(
        **{
            name: getattr(changed, name)
            for name in _AMENDABLE
            if getattr(changed, name) != getattr(base, name)
        }
    )


def _agreement(folded: FoldedLedger, event: LedgerEvent) -> Agreement:
    found = folded.agreements.get(event.originator_id)
    if found is None:
        raise NotACommand(f"aggregate {event.originator_id} is no agreement the log opened")
    return found


def _common(event: LedgerEvent) -> dict[str, Any]:
    return {"actor": event.actor, "effective_at": event.effective_at}


def _unit(event: UnitRegistered, _: FoldedLedger) -> AnyCommand:
    return RegisterUnit(
        **_common(event),
        unit_id=event.unit_id,
        name_th=event.name_th,
        name_en=event.name_en,
        level=event.level,  # type: ignore[arg-type]
        parent_id=event.parent_id,
    )


def _open(event: AgreementOpened, _: FoldedLedger) -> AnyCommand:
    return OpenAgreement(
        **_common(event),
        unit_id=event.unit_id,
        fiscal_year=event.fiscal_year,
        framework_id=event.framework_id,
    )


def _propose(event: KpiProposed, folded: FoldedLedger) -> AnyCommand:
    terms = msgspec.structs.asdict(event.terms)
    return ProposeKpi(
        **_common(event),
        agreement=_agreement(folded, event).agreement_ref,
        kpi_id=event.kpi_id,
        **terms,
    )


def _negotiate(event: NegotiationDecisionRecorded, folded: FoldedLedger) -> AnyCommand:
    agreement = _agreement(folded, event)
    amendments = None
    current = agreement.kpis.get(event.kpi_id)
    if event.terms is not None:
        amendments = _differences(current.terms, event.terms) if current else KpiAmendments()
    return RecordNegotiationDecision(
        **_common(event),
        agreement=agreement.agreement_ref,
        kpi_id=event.kpi_id,
        outcome=event.outcome,
        committee=event.committee,
        meeting_ref=event.meeting_ref,
        minutes=event.minutes,
        amendments=amendments,
    )


def _sign(event: AgreementSigned, folded: FoldedLedger) -> AnyCommand:
    ref = _agreement(folded, event).agreement_ref
    return SignAgreement(**_common(event), agreement=ref, signatories=event.signatories)


def _sar(event: SarFiled, folded: FoldedLedger) -> AnyCommand:
    return FileSar(
        **_common(event),
        agreement=_agreement(folded, event).agreement_ref,
        round_id=event.round_id,
        results=event.results,
        narrative=event.narrative,
        evidence=event.evidence,
        filed_at=event.filed_at,
        channel=event.channel,
    )


def _assess(event: EvaluatorAssessed, folded: FoldedLedger) -> AnyCommand:
    return RecordAssessment(
        **_common(event),
        agreement=_agreement(folded, event).agreement_ref,
        round_id=event.round_id,
        assessments=tuple(
            VerifiedResult(kpi_id=a.kpi_id, verified_actual=a.verified_actual, notes=a.notes)
            for a in event.assessments
        ),
    )


def _certify(event: ScoresCertified, folded: FoldedLedger) -> AnyCommand:
    ref = _agreement(folded, event).agreement_ref
    return CertifyScores(**_common(event), agreement=ref, round_id=event.round_id)


def _cancel_round(event: RoundCancelled, _: FoldedLedger) -> AnyCommand:
    return CancelRound(
        **_common(event),
        framework_id=event.framework_id,
        round_id=event.round_id,
        reason=event.reason,
    )


def _request_change(event: ChangeRequested, folded: FoldedLedger) -> AnyCommand:
    agreement = _agreement(folded, event)
    current = agreement.kpis.get(event.kpi_id)
    proposal = None
    if event.proposed is not None:
        proposal = _differences(current.terms, event.proposed) if current else KpiAmendments()
    return RequestChange(
        **_common(event),
        agreement=agreement.agreement_ref,
        request_id=event.request_id,
        kpi_id=event.kpi_id,
        kind=event.kind,
        proposal=proposal,
        reason_code=event.reason_code,
        justification=event.justification,
        evidence=event.evidence,
    )


def _decide_change(event: ChangeDecided, folded: FoldedLedger) -> AnyCommand:
    agreement = _agreement(folded, event)
    amendments = None
    request = agreement.requests.get(event.request_id)
    if event.outcome == "approved_with_amendments" and event.terms_after is not None:
        base = request.proposed or request.terms_at_request if request else None
        amendments = _differences(base, event.terms_after) if base else KpiAmendments()
    return DecideChange(
        **_common(event),
        agreement=agreement.agreement_ref,
        request_id=event.request_id,
        outcome=event.outcome,
        body=event.body,
        meeting_ref=event.meeting_ref,
        rationale=event.rationale,
        amendments=amendments,
        what_if_sha256=event.what_if_sha256 if event.what_if_shown else None,
    )


def _attempt(event: ChangeAttemptRefused, _: FoldedLedger) -> AnyCommand:
    # The refused attempt keeps the command as it was sent: replay that very command.
    return decode_command(event.attempted)


def _request_appeal(event: AppealRequested, folded: FoldedLedger) -> AnyCommand:
    return RequestAppeal(
        **_common(event),
        agreement=_agreement(folded, event).agreement_ref,
        appeal_id=event.appeal_id,
        kind=event.kind,
        round_id=event.round_id,
        kpi_id=event.kpi_id,
        claim=event.claim,
        evidence=event.evidence,
    )


def _decide_appeal(event: AppealDecided, folded: FoldedLedger) -> AnyCommand:
    return DecideAppeal(
        **_common(event),
        agreement=_agreement(folded, event).agreement_ref,
        appeal_id=event.appeal_id,
        outcome=event.outcome,
        body=event.body,
        rationale=event.rationale,
    )


def _adjust(event: ScoreAdjusted, folded: FoldedLedger) -> AnyCommand:
    return AdjustScore(
        **_common(event),
        agreement=_agreement(folded, event).agreement_ref,
        appeal_id=event.appeal_id,
        new_score=event.new_score,
        reason=event.reason,
        authority=event.authority,
    )


_COMMAND_OF: dict[type[Any], Callable[[Any, FoldedLedger], AnyCommand]] = {
    UnitRegistered: _unit,
    AgreementOpened: _open,
    KpiProposed: _propose,
    NegotiationDecisionRecorded: _negotiate,
    AgreementSigned: _sign,
    SarFiled: _sar,
    EvaluatorAssessed: _assess,
    ScoresCertified: _certify,
    RoundCancelled: _cancel_round,
    ChangeRequested: _request_change,
    ChangeDecided: _decide_change,
    ChangeAttemptRefused: _attempt,
    AppealRequested: _request_appeal,
    AppealDecided: _decide_appeal,
    ScoreAdjusted: _adjust,
}


def command_of(event: LedgerEvent, folded: FoldedLedger) -> AnyCommand:
    """The command whose handling records ``event`` first; NotACommand when there is none."""
    identity = IDENTITY_COMMAND_OF.get(type(event))
    if identity is not None:
        return identity(event, folded.user_id_of)
    build = _COMMAND_OF.get(type(event)) or UPKEEP_COMMAND_OF.get(type(event))
    if build is None:
        raise NotACommand(f"no command records {with_article(type(event).__name__)} on its own")
    return build(event, folded)
