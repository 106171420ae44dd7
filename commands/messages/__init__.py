"""Typed commands: imperative, one per write. A JSON line's ``type`` picks the command."""

from __future__ import annotations

from commands.messages.agreement import (
    AdjustScore,
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

__all__ = [
    "IDENTITY_COMMANDS",
    "AddUser",
    "AdjustScore",
    "AnyCommand",
    "BootstrapAdministrator",
    "CancelRound",
    "CertifyScores",
    "Command",
    "DecideAppeal",
    "DecideChange",
    "FileSar",
    "FormBody",
    "GrantRole",
    "IssueToken",
    "KpiAmendments",
    "Moment",
    "OpenAgreement",
    "ProposeKpi",
    "RecordAssessment",
    "RecordNegotiationDecision",
    "RegisterUnit",
    "RequestAppeal",
    "RequestChange",
    "RevokeGrant",
    "RevokeToken",
    "SignAgreement",
    "VerifiedResult",
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
