"""One handler per command; ``handle`` routes a decoded command to its handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from commands.handlers.appeals import (
    handle_adjust_score,
    handle_decide_appeal,
    handle_request_appeal,
)
from commands.handlers.cascade import handle_keep_cascaded_kpi
from commands.handlers.change import (
    handle_correct_kpi_wording,
    handle_decide_change,
    handle_request_change,
)
from commands.handlers.context import HandlerContext, Handling
from commands.handlers.identity import (
    handle_add_user,
    handle_bootstrap_administrator,
    handle_form_body,
    handle_grant_role,
    handle_issue_token,
    handle_revoke_grant,
    handle_revoke_token,
)
from commands.handlers.joint import (
    handle_adjust_shared_result,
    handle_decide_shared_appeal,
    handle_define_joint_kpi,
    handle_file_shared_result,
    handle_request_shared_appeal,
    handle_verify_shared_result,
)
from commands.handlers.negotiation import (
    handle_open_agreement,
    handle_propose_kpi,
    handle_record_negotiation_decision,
    handle_register_unit,
    handle_sign_agreement,
)
from commands.handlers.reporting import (
    handle_cancel_round,
    handle_certify_scores,
    handle_file_sar,
    handle_record_assessment,
)
from commands.messages import (
    AddUser,
    AdjustScore,
    AdjustSharedResult,
    AnyCommand,
    BootstrapAdministrator,
    CancelRound,
    CertifyScores,
    CorrectKpiWording,
    DecideAppeal,
    DecideChange,
    DecideSharedAppeal,
    DefineJointKpi,
    FileSar,
    FileSharedResult,
    FormBody,
    GrantRole,
    IssueToken,
    KeepCascadedKpi,
    OpenAgreement,
    ProposeKpi,
    RecordAssessment,
    RecordNegotiationDecision,
    RegisterUnit,
    RequestAppeal,
    RequestChange,
    RequestSharedAppeal,
    RevokeGrant,
    RevokeToken,
    SignAgreement,
    VerifySharedResult,
)
from commands.receipts import replay_receipt
from ledger.domain.events import LedgerEvent
from ledger.errors import ConflictError

__all__ = ["Answer", "HandlerContext", "Handling", "answer", "handle"]

_HANDLERS: dict[type[Any], Callable[[Handling, Any], list[LedgerEvent]]] = {
    RegisterUnit: handle_register_unit,
    OpenAgreement: handle_open_agreement,
    ProposeKpi: handle_propose_kpi,
    RecordNegotiationDecision: handle_record_negotiation_decision,
    SignAgreement: handle_sign_agreement,
    FileSar: handle_file_sar,
    RecordAssessment: handle_record_assessment,
    CertifyScores: handle_certify_scores,
    RequestChange: handle_request_change,
    DecideChange: handle_decide_change,
    CancelRound: handle_cancel_round,
    RequestAppeal: handle_request_appeal,
    DecideAppeal: handle_decide_appeal,
    AdjustScore: handle_adjust_score,
    CorrectKpiWording: handle_correct_kpi_wording,
    KeepCascadedKpi: handle_keep_cascaded_kpi,
    DefineJointKpi: handle_define_joint_kpi,
    FileSharedResult: handle_file_shared_result,
    VerifySharedResult: handle_verify_shared_result,
    RequestSharedAppeal: handle_request_shared_appeal,
    DecideSharedAppeal: handle_decide_shared_appeal,
    AdjustSharedResult: handle_adjust_shared_result,
    BootstrapAdministrator: handle_bootstrap_administrator,
    AddUser: handle_add_user,
    FormBody: handle_form_body,
    GrantRole: handle_grant_role,
    RevokeGrant: handle_revoke_grant,
    IssueToken: handle_issue_token,
    RevokeToken: handle_revoke_token,
}


class Answer(NamedTuple):
    """A command's events, and whether they were recorded by an earlier send of its id."""

    events: list[LedgerEvent]
    resent: bool


def handle(ctx: Handling, command: AnyCommand) -> list[LedgerEvent]:
    """Apply one command: all of its events are recorded, or none and an error is raised."""
    return answer(ctx, command).events


def answer(ctx: Handling, command: AnyCommand) -> Answer:
    """``handle``, saying whether the command was sent before.

    A command whose id was handled before is not applied again: the answer is what the first
    send recorded (or its refusal). WriteConflict when another command recorded on the same
    aggregate meanwhile; ``execute`` runs it again.
    """
    command_id = command.command_id
    if command_id is not None and (earlier := ctx.ledger.receipt(command_id)) is not None:
        return Answer(replay_receipt(ctx.ledger, earlier, command), resent=True)
    try:
        return Answer(_HANDLERS[type(command)](ctx.receiving(command), command), resent=False)
    except ConflictError:
        # Two sends of one id racing: the loser's receipt collided with the winner's.
        if command_id is not None and (earlier := ctx.ledger.receipt(command_id)) is not None:
            return Answer(replay_receipt(ctx.ledger, earlier, command), resent=True)
        raise
