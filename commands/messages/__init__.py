"""Typed commands: imperative, one per write. A JSON line's ``type`` picks the command."""

from __future__ import annotations

from commands.messages.agreement import (
    AdjustScore,
    CancelRound,
    CertifyScores,
    CorrectKpiWording,
    DecideAppeal,
    DecideChange,
    FileSar,
    KeepCascadedKpi,
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
from commands.messages.base import Command, Moment
from commands.messages.identity import (
    AddUser,
    BootstrapAdministrator,
    FormBody,
    GrantRole,
    IssueToken,
    RevokeGrant,
    RevokeToken,
)
from commands.messages.joint import (
    AdjustSharedResult,
    DecideSharedAppeal,
    DefineJointKpi,
    FileSharedResult,
    RequestSharedAppeal,
    VerifySharedResult,
)

__all__ = [
    "IDENTITY_COMMANDS",
    "AddUser",
    "AdjustScore",
    "AdjustSharedResult",
    "AnyCommand",
    "BootstrapAdministrator",
    "CancelRound",
    "CertifyScores",
    "Command",
    "CorrectKpiWording",
    "DecideAppeal",
    "DecideChange",
    "DecideSharedAppeal",
    "DefineJointKpi",
    "FileSar",
    "FileSharedResult",
    "FormBody",
    "GrantRole",
    "IssueToken",
    "KeepCascadedKpi",
    "KpiAmendments",
    "Moment",
    "OpenAgreement",
    "ProposeKpi",
    "RecordAssessment",
    "RecordNegotiationDecision",
    "RegisterUnit",
    "RequestAppeal",
    "RequestChange",
    "RequestSharedAppeal",
    "RevokeGrant",
    "RevokeToken",
    "SignAgreement",
    "VerifiedResult",
    "VerifySharedResult",
]

AnyCommand = (
    RegisterUnit
    | OpenAgreement
    | ProposeKpi
    | RecordNegotiationDecision
    | SignAgreement
    | FileSar
    | RecordAssessment
    | CertifyScores
    | RequestChange
    | DecideChange
    | CancelRound
    | RequestAppeal
    | DecideAppeal
    | AdjustScore
    | CorrectKpiWording
    | KeepCascadedKpi
    | DefineJointKpi
    | FileSharedResult
    | VerifySharedResult
    | RequestSharedAppeal
    | DecideSharedAppeal
    | AdjustSharedResult
    | BootstrapAdministrator
    | AddUser
    | FormBody
    | GrantRole
    | RevokeGrant
    | IssueToken
    | RevokeToken
)

IDENTITY_COMMANDS = (
    BootstrapAdministrator,
    AddUser,
    FormBody,
    GrantRole,
    RevokeGrant,
    IssueToken,
    RevokeToken,
)
