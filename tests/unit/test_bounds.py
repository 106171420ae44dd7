"""Every bound refuses what is just past it, accepts what is just within it, and keeps the
largest event any in-bounds command can record within one C2SP tile entry."""

from __future__ import annotations

import json
import typing
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import msgspec
import pytest

from commands.decoding import decode_command
from commands.messages import (
    AnyCommand,
    DecideChange,
    FileSar,
    ProposeKpi,
    RecordAssessment,
    RequestChange,
)
from ledger.bounds import (
    AGREEMENT_REF,
    ARRAYS,
    ID,
    KPI_REF,
    MAX_EVENT_BYTES,
    MAX_KPIS,
    MAX_LINE_BYTES,
    MAX_STORED_PAYLOAD,
    MEDIA_TYPE,
    NAME,
    NARRATIVE,
    NOTE,
    SHA256,
    STATEMENT,
    VALUE_FIELDS,
    TextBound,
)
from ledger.domain.control_events import (
    AppealDecided,
    AppealRequested,
    CascadeDriftKept,
    ChangeAttemptRefused,
    ChangeDecided,
    ChangeRequested,
    KpiWordingCorrected,
    PenaltyAssessed,
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
from ledger.domain.identity.events import (
    BodyFormed,
    GrantRevoked,
    IdentityBootstrapped,
    RoleGranted,
    TokenIssued,
    TokenRevoked,
    UserAdded,
)
from ledger.domain.joint.events import (
    JointKpiDefined,
    JointMeasure,
    SharedAppealDecided,
    SharedAppealRequested,
    SharedResultAdjusted,
    SharedResultFiled,
    SharedResultVerified,
)
from ledger.domain.receipt import CommandHandled, EventRef
from ledger.domain.values import (
    Holiday,
    KnownResult,
    KpiAssessment,
    KpiTerms,
    ResetCheck,
    SharedResultUsed,
    WeightMove,
)
from ledger.errors import InvalidInput
from ledger.integrity.canonical import canonical_bytes, canonical_from_stored
from ledger.persistence.codec import MsgspecMapper, MsgspecTranscoder

UNIT = {
    "type": "register_unit",
    "actor": {"id": "opdc-1", "role": "opdc"},
    "unit_id": "TH-81",
    "name_th": "จังหวัดกระบี่",
    "name_en": "Krabi",
    "level": "province",
}
KPI = {
    "type": "propose_kpi",
    "actor": {"id": "unit-office", "role": "assessed_unit"},
    "agreement": "TH-81/2557",
    "kpi_id": "A1",
    "title_th": "ตัวชี้วัด",
    "title_en": "KPI",
    "component": "1.1",
    "unit_of_measure": "%",
    "direction": "higher",
    "weight": "10",
    "thresholds": ["1", "2", "3", "4", "5"],
}
SAR = {
    "type": "file_sar",
    "actor": {"id": "unit-office", "role": "assessed_unit"},
    "agreement": "TH-81/2557",
    "round_id": "12m",
    "results": [{"kpi_id": "A1", "actual": "1"}],
}


def refusal(command: dict[str, Any]) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        decode_command(json.dumps(command, ensure_ascii=False))
    return refused.value


# (command, field, words in the message, rule)
OUT_OF_BOUNDS = [
    ({**UNIT, "unit_id": "a/b"}, "$.unit_id", "'/'", ID.rule),
    ({**UNIT, "unit_id": ".."}, "$.unit_id", "'.'", ID.rule),
    ({**UNIT, "unit_id": "A" * 65}, "$.unit_id", "more than 64", ID.rule),
    ({**UNIT, "unit_id": "TH\x0081"}, "$.unit_id", "U+0000", ID.rule),
    ({**UNIT, "unit_id": "TH\u202e18"}, "$.unit_id", "RIGHT-TO-LEFT OVERRIDE", ID.rule),
    ({**UNIT, "actor": {"id": "a[/]", "role": "opdc"}}, "$.actor.id", "'['", ID.rule),
    ({**UNIT, "actor": {"id": "a\u2066", "role": "opdc"}}, "$.actor.id", "U+2066", ID.rule),
    ({**UNIT, "name_en": "K" * 201}, "$.name_en", "more than 200", NAME.rule),
    ({**UNIT, "name_th": "ก" * 201}, "$.name_th", "more than 200", NAME.rule),
    ({**UNIT, "name_en": "Kra\nbi"}, "$.name_en", "U+000A", NAME.rule),
    ({**UNIT, "name_en": "Kra\x85bi"}, "$.name_en", "U+0085", NAME.rule),
    ({**UNIT, "name_en": "Kra\x7fbi"}, "$.name_en", "U+007F", NAME.rule),
    ({**UNIT, "name_en": "\u202bKrabi"}, "$.name_en", "U+202B", NAME.rule),
    ({**UNIT, "name_en": ""}, "$.name_en", "empty", NAME.rule),
    ({**KPI, "agreement": "TH-81"}, "$.agreement", "not an agreement ref", AGREEMENT_REF.rule),
    ({**KPI, "cascaded_from": "TH-81/2557"}, "$.cascaded_from", "KPI ref", KPI_REF.rule),
    ({**KPI, "thresholds": ["1"] * 11}, "$.thresholds", "more than 10", "at most 10 thresholds"),
    ({**KPI, "weight": "1e1000000"}, "$.weight", "10^1000000", "numbers below 10^15"),
    ({**KPI, "weight": "1" + "0" * 15}, "$.weight", "10^15", "numbers below 10^15"),
    ({**KPI, "weight": "1" * 29}, "$.weight", "29 significant digits", "28 significant digits"),
    ({**KPI, "weight": "1e-29"}, "$.weight", "29 decimal places", "at most 28 decimal places"),
    ({**KPI, "weight": "NaN"}, "$.weight", "not a finite number", "finite"),
    ({**KPI, "thresholds": ["1", "1e1000000"]}, "$.thresholds[1]", "10^", "below 10^15"),
    ({**SAR, "narrative": "ก" * 4001}, "$.narrative", "more than 4000", NARRATIVE.rule),
    ({**SAR, "narrative": "a\rb"}, "$.narrative", "U+000D", NARRATIVE.rule),
    ({**SAR, "narrative": "a\u202db"}, "$.narrative", "U+202D", NARRATIVE.rule),
    (
        {**SAR, "results": [{"kpi_id": f"K{i}", "actual": "1"} for i in range(MAX_KPIS + 1)]},
        "$.results",
        f"more than {MAX_KPIS}",
        ARRAYS["results"].rule,
    ),
    (
        {**SAR, "results": [{"kpi_id": "A1", "actual": "1.1234567890123456789012345678"}]},
        "$.results[0].actual",
        "29 significant digits",
        "at most 28 significant digits",
    ),
    (
        {**SAR, "evidence": [{"sha256": "A" * 64, "file_name": "f", "media_type": "a/b"}]},
        "$.evidence[0].sha256",
        "'A'",
        SHA256.rule,
    ),
    (
        {**SAR, "evidence": [{"sha256": "a" * 64, "file_name": "f\u202e", "media_type": "a/b"}]},
        "$.evidence[0].file_name",
        "U+202E",
        NAME.rule,
    ),
    (
        {**SAR, "evidence": [{"sha256": "a" * 64, "file_name": "f", "media_type": "pdf"}]},
        "$.evidence[0].media_type",
        "not a media type",
        MEDIA_TYPE.rule,
    ),
    (
        {**SAR, "evidence": [{"sha256": "a" * 64, "file_name": "f", "media_type": "a/b"}] * 21},
        "$.evidence",
        "more than 20",
        ARRAYS["evidence"].rule,
    ),
    (
        {
            "type": "record_assessment",
            "actor": {"id": "evaluator-1", "role": "independent_evaluator"},
            "agreement": "TH-81/2557",
            "round_id": "12m",
            "assessments": [{"kpi_id": "A1", "verified_actual": "1", "notes": "น" * 201}],
        },
        "$.assessments[0].notes",
        "more than 200",
        NOTE.rule,
    ),
    (
        {
            "type": "cancel_round",
            "actor": {"id": "opdc-1", "role": "opdc"},
            "framework_id": "fy2557-provinces",
            "round_id": "6m",
            "reason": "",
        },
        "$.reason",
        "empty",
        STATEMENT.rule,
    ),
]


@pytest.mark.parametrize(("command", "field", "words", "rule"), OUT_OF_BOUNDS)
def test_each_bound_is_refused_naming_the_field_and_the_bound(
    command: dict[str, Any], field: str, words: str, rule: str
) -> None:
    error = refusal(command)
    assert error.field == field
    assert words in error.message
    assert rule in (error.rule or "")
    assert "regex" not in error.describe()


@pytest.mark.parametrize(
    "command",
    [
        {**UNIT, "unit_id": "A" * 64, "name_th": "ก" * 200, "name_en": "ศรี\u200bสะเกษ"},
        {**KPI, "weight": "-0." + "9" * 28, "thresholds": ["99999999999999.99"] * 10},
        {**KPI, "weight": "1e-28", "baseline": "999999999999999"},
        {**SAR, "narrative": "บรรทัด\n\tถัดไป" * 100},
    ],
)
def test_values_at_their_bounds_are_accepted(command: dict[str, Any]) -> None:
    decode_command(json.dumps(command, ensure_ascii=False))


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        (b'{"type": "register_unit", "type": "open_agreement"}', "$.type", "'type'"),
        (
            json.dumps(UNIT)[:-1].encode() + b', "name_en": "Trang"}',
            "$.name_en",
            "'name_en'",
        ),
        (
            json.dumps(UNIT).replace('"role"', '"id": "x", "role"').encode(),
            "$.actor.id",
            "'id'",
        ),
    ],
)
def test_duplicate_keys_are_refused_at_any_depth(raw: bytes, field: str, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        decode_command(raw)
    assert refused.value.field == field
    assert words in refused.value.message
    assert refused.value.rule == "each key appears once in an object"


def test_a_line_over_one_mebibyte_is_refused_and_one_of_exactly_one_is_read() -> None:
    line = json.dumps(UNIT).encode()
    decode_command(line + b" " * (MAX_LINE_BYTES - len(line)))
    with pytest.raises(InvalidInput) as refused:
        decode_command(line + b" " * (MAX_LINE_BYTES + 1 - len(line)))
    assert "1 MiB" in (refused.value.rule or "")


def test_invalid_utf8_is_refused_with_where_it_is() -> None:
    with pytest.raises(InvalidInput) as refused:
        decode_command(json.dumps(UNIT).encode().replace(b"Krabi", b"Kr\xffbi"))
    assert "invalid UTF-8 at byte" in refused.value.message
    assert refused.value.rule == "a line is UTF-8 text"


def test_text_that_grows_under_nfc_is_bounded_after_it() -> None:
    # U+FB2C is one character that NFC turns into three.
    with pytest.raises(InvalidInput) as refused:
        decode_command(json.dumps({**UNIT, "name_en": "\ufb2c" * 100}))
    assert refused.value.field == "$.name_en"
    assert "300 characters" in refused.value.message


# The largest command of each type: every text at its longest in the filler, every list full.
FILLERS = ["ก", '"', "\U0001f600"]  # Thai (3 bytes), a quote (escaped twice), 4-byte UTF-8
BIG = Decimal("-0." + "9" * 28)
NOW = datetime(2026, 1, 1, tzinfo=UTC)
_BY_PATTERN = {
    ID.pattern: "A" * 64,
    AGREEMENT_REF.pattern: "A" * 64 + "/2568",
    KPI_REF.pattern: "A" * 64 + "/2568#" + "B" * 64,
    MEDIA_TYPE.pattern: "a" * 63 + "/" + "b" * 63,
    SHA256.pattern: "f" * 64,
}


def _text(bound: TextBound, filler: str) -> str:
    return _BY_PATTERN.get(bound.pattern, filler * bound.max_length)


def largest(
    info: msgspec.inspect.Type, filler: str, owner: type | None = None, name: str = ""
) -> Any:
    """The largest value of a type: introspected, with the bounds it carries."""
    if isinstance(info, msgspec.inspect.Metadata):
        return largest(info.type, filler, owner, name)
    if isinstance(info, msgspec.inspect.UnionType):
        return max(
            (largest(t, filler, owner, name) for t in info.types),
            key=lambda v: len(msgspec.json.encode(v)),
        )
    if isinstance(info, msgspec.inspect.StrType):
        bound = next(b for b in _ALL if b.pattern == info.pattern) if info.pattern else None
        if bound is None and owner is not None:
            bound = VALUE_FIELDS[(owner, name)]
        assert bound is not None, f"unbounded text at {owner}.{name}"
        return _text(bound, filler)
    if isinstance(info, msgspec.inspect.LiteralType):
        return max(info.values, key=lambda v: len(str(v)))
    if isinstance(info, msgspec.inspect.VarTupleType):
        assert info.max_length is not None, f"unbounded list at {owner}.{name}"
        return tuple(largest(info.item_type, filler) for _ in range(info.max_length))
    if isinstance(info, msgspec.inspect.StructType):
        fields = {f.name: largest(f.type, filler, info.cls, f.name) for f in info.fields}
        return info.cls(**fields)
    simple: dict[type, Any] = {
        msgspec.inspect.DecimalType: BIG,
        msgspec.inspect.DateTimeType: NOW,
        msgspec.inspect.UUIDType: UUID(int=2**128 - 1),
        msgspec.inspect.BoolType: False,
        msgspec.inspect.IntType: 9999,
        msgspec.inspect.NoneType: None,
    }
    return simple[type(info)]


_ALL = (ID, AGREEMENT_REF, KPI_REF, NAME, NOTE, NARRATIVE, STATEMENT, MEDIA_TYPE, SHA256)
COMMANDS = typing.get_args(AnyCommand)


def largest_command(cls: type[Any], filler: str) -> Any:
    return largest(msgspec.inspect.type_info(cls), filler)


def largest_events(filler: str) -> list[LedgerEvent]:
    """One event of each type, as large as the largest in-bounds commands can make it."""
    kpi: ProposeKpi = largest_command(ProposeKpi, filler)
    sar: FileSar = largest_command(FileSar, filler)
    assessed: RecordAssessment = largest_command(RecordAssessment, filler)
    request: RequestChange = largest_command(RequestChange, filler)
    decision: DecideChange = largest_command(DecideChange, filler)
    commands = {cls: largest_command(cls, filler) for cls in COMMANDS}
    terms = KpiTerms(
        **{f: getattr(kpi, f) for f in KpiTerms.__struct_fields__},
    )
    known = KnownResult(
        kpi_id=kpi.kpi_id,
        value=BIG,
        source="assessment",
        round_id=sar.round_id,
        agreement_version=2**31,
        recorded_at=NOW,
        joint_id="A" * 64,
    )
    check = ResetCheck(
        known=known,
        level_before=5,
        level_after=5,
        score_before=BIG,
        score_after=BIG,
        composite_before=BIG,
        composite_after=BIG,
        crosses_known_result=True,
        favourable_after_results=True,
    )
    stamp: dict[str, Any] = {
        "originator_id": UUID(int=1),
        "originator_version": 2**31,
        "recorded_at": NOW,
        "effective_at": NOW,
        "actor": kpi.actor,
        "entered_by": "A" * 64,
    }
    unit = commands[next(c for c in COMMANDS if c.__name__ == "RegisterUnit")]
    appeal = commands[next(c for c in COMMANDS if c.__name__ == "RequestAppeal")]
    appeal_decision = commands[next(c for c in COMMANDS if c.__name__ == "DecideAppeal")]
    adjust = commands[next(c for c in COMMANDS if c.__name__ == "AdjustScore")]
    cancel = commands[next(c for c in COMMANDS if c.__name__ == "CancelRound")]
    negotiation = commands[next(c for c in COMMANDS if c.__name__ == "RecordNegotiationDecision")]
    signed = commands[next(c for c in COMMANDS if c.__name__ == "SignAgreement")]
    message = "m" * 1_000  # messages are the ledger's own words around bounded ids
    identity = _largest_identity_events(commands, stamp)
    refused = [
        ChangeAttemptRefused(
            attempt="change_decision",
            kpi_id=kpi.kpi_id,
            request_id=request.request_id,
            message=message,
            field="f" * 100,
            rule="r" * 300,
            check=check,
            attempted=msgspec.json.encode(attempted).decode(),
            **stamp,
        )
        for attempted in (kpi, request, decision)
    ]
    return [
        UnitRegistered(
            unit_id=unit.unit_id,
            name_th=unit.name_th,
            name_en=unit.name_en,
            level=unit.level,
            parent_id=unit.parent_id,
            **stamp,
        ),
        AgreementOpened(
            agreement_ref=kpi.agreement,
            unit_id=unit.unit_id,
            fiscal_year=9999,
            framework_id="A" * 64,
            framework_digest="f" * 64,
            **stamp,
        ),
        KpiProposed(kpi_id=kpi.kpi_id, terms=terms, parent_revision=2**31, **stamp),
        NegotiationDecisionRecorded(
            kpi_id=kpi.kpi_id,
            outcome="amended",
            terms=terms,
            committee=negotiation.committee,
            meeting_ref=negotiation.meeting_ref,
            minutes=negotiation.minutes,
            **stamp,
        ),
        AgreementSigned(signatories=signed.signatories, total_weight=BIG, **stamp),
        SarFiled(
            round_id=sar.round_id,
            results=sar.results,
            narrative=sar.narrative,
            evidence=sar.evidence,
            filed_at=NOW,
            channel="paper",
            **stamp,
        ),
        EvaluatorAssessed(
            round_id=assessed.round_id,
            assessments=tuple(
                KpiAssessment(
                    kpi_id=a.kpi_id, verified_actual=a.verified_actual, score=BIG, notes=a.notes
                )
                for a in assessed.assessments
            ),
            **stamp,
        ),
        ScoresCertified(
            round_id=sar.round_id,
            composite=BIG,
            band_th=filler * 200,
            band_en=filler * 200,
            before_penalties=BIG,
            penalties=BIG,
            supersedes=BIG,
            shared=tuple(
                SharedResultUsed(
                    kpi_id=f"{i:064d}", joint_id="A" * 64, value=BIG, joint_version=2**31, score=BIG
                )
                for i in range(MAX_KPIS)
            ),
            **stamp,
        ),
        ChangeRequested(
            request_id=request.request_id,
            kpi_id=request.kpi_id,
            kind="cancel",
            proposed=terms,
            reason_code=request.reason_code,
            justification=request.justification,
            evidence=request.evidence,
            window_id="A" * 64,
            window_closes=date(9999, 12, 31),
            **stamp,
        ),
        ChangeDecided(
            request_id=decision.request_id,
            kpi_id=kpi.kpi_id,
            kind="cancel",
            outcome="approved_with_amendments",
            terms_before=terms,
            terms_after=terms,
            weight_moves=tuple(
                WeightMove(kpi_id=f"{i:064d}", before=BIG, after=BIG) for i in range(MAX_KPIS)
            ),
            check=check,
            violation=True,
            window_id="A" * 64,
            body=decision.body,
            meeting_ref=decision.meeting_ref,
            rationale=decision.rationale,
            what_if_sha256="f" * 64,
            what_if_shown=True,
            parent_revision=2**31,
            **stamp,
        ),
        *refused,
        PenaltyAssessed(
            penalty_id="A" * 64,
            kind="late_paper_sar_per_working_day",
            round_id=sar.round_id,
            channel="paper",
            due=date(9999, 12, 31),
            delivered=date(9999, 12, 31),
            working_days_late=2**31,
            holidays_skipped=tuple(
                Holiday(day=date(9999, 12, 31), name=filler * 200) for _ in range(40)
            ),
            rate=BIG,
            amount=BIG,
            sar_version=2**31,
            **stamp,
        ),
        AppealRequested(
            appeal_id=appeal.appeal_id,
            kind=appeal.kind,
            round_id=appeal.round_id,
            kpi_id=appeal.kpi_id,
            claim=appeal.claim,
            evidence=appeal.evidence,
            **stamp,
        ),
        AppealDecided(
            appeal_id=appeal_decision.appeal_id,
            outcome="partly_upheld",
            body=appeal_decision.body,
            rationale=appeal_decision.rationale,
            **stamp,
        ),
        ScoreAdjusted(
            appeal_id=adjust.appeal_id,
            round_id=sar.round_id,
            kpi_id=kpi.kpi_id,
            old_score=BIG,
            new_score=adjust.new_score,
            reason=adjust.reason,
            authority=adjust.authority,
            **stamp,
        ),
        RoundCancelled(
            framework_id=cancel.framework_id,
            round_id=cancel.round_id,
            reason=cancel.reason,
            **stamp,
        ),
        CommandHandled(
            command_id=UUID(int=1),
            command_type="record_negotiation_decision",
            command_digest="f" * 64,
            recorded=tuple(
                EventRef(originator_id=UUID(int=1), originator_version=2**31) for _ in range(4)
            ),
            refused=True,
            **stamp,
        ),
        *identity,
        *_largest_joint_and_upkeep_events(commands, stamp, filler),
    ]


def _largest_joint_and_upkeep_events(
    commands: dict[Any, Any], stamp: dict[str, Any], filler: str
) -> list[LedgerEvent]:
    """The events of joint KPIs, cascades and wording corrections at their largest."""
    define, filed, verified, appeal, decided, adjusted, correction, keep = (
        commands[next(c for c in COMMANDS if c.__name__ == name)]
        for name in (
            "DefineJointKpi",
            "FileSharedResult",
            "VerifySharedResult",
            "RequestSharedAppeal",
            "DecideSharedAppeal",
            "AdjustSharedResult",
            "CorrectKpiWording",
            "KeepCascadedKpi",
        )
    )
    measure = JointMeasure(
        title_th=define.title_th,
        title_en=define.title_en,
        component=define.component,
        unit_of_measure=define.unit_of_measure,
        direction=define.direction,
        thresholds=define.thresholds,
    )
    return [
        JointKpiDefined(
            joint_id=define.joint_id,
            fiscal_year=9999,
            framework_id=define.framework_id,
            host_unit_id=define.host_unit_id,
            measure=measure,
            per_participant_targets=True,
            **stamp,
        ),
        SharedResultFiled(
            round_id=filed.round_id,
            actual=filed.actual,
            narrative=filed.narrative,
            evidence=filed.evidence,
            filed_at=NOW,
            **stamp,
        ),
        SharedResultVerified(
            round_id=verified.round_id,
            verified_actual=verified.verified_actual,
            notes=verified.notes,
            **stamp,
        ),
        SharedAppealRequested(
            appeal_id=appeal.appeal_id,
            round_id=appeal.round_id,
            claim=appeal.claim,
            evidence=appeal.evidence,
            participant=appeal.agreement,
            **stamp,
        ),
        SharedAppealDecided(
            appeal_id=decided.appeal_id,
            outcome="partly_upheld",
            body=decided.body,
            rationale=decided.rationale,
            **stamp,
        ),
        SharedResultAdjusted(
            appeal_id=adjusted.appeal_id,
            round_id=appeal.round_id,
            old_value=BIG,
            new_value=adjusted.new_value,
            reason=adjusted.reason,
            authority=adjusted.authority,
            **stamp,
        ),
        KpiWordingCorrected(
            kpi_id=correction.kpi_id,
            title_th_before=filler * 200,
            title_en_before=filler * 200,
            title_th=correction.title_th,
            title_en=correction.title_en,
            audit_ref=correction.audit_ref,
            reason=correction.reason,
            **stamp,
        ),
        CascadeDriftKept(
            kpi_id=keep.kpi_id,
            parent=f"{'A' * 64}/9999#{'A' * 64}",
            parent_revision=2**31,
            body=keep.body,
            meeting_ref=keep.meeting_ref,
            reason=keep.reason,
            **stamp,
        ),
    ]


def _largest_identity_events(commands: dict[Any, Any], stamp: dict[str, Any]) -> list[LedgerEvent]:
    """The identity events the largest identity commands record."""
    boot, user, body, grant, revoke, token, untoken = (
        commands[next(c for c in COMMANDS if c.__name__ == name)]
        for name in (
            "BootstrapAdministrator",
            "AddUser",
            "FormBody",
            "GrantRole",
            "RevokeGrant",
            "IssueToken",
            "RevokeToken",
        )
    )
    return [
        IdentityBootstrapped(
            administrator=boot.user_id,
            name_th=boot.name_th,
            name_en=boot.name_en,
            contact=boot.contact,
            token_id=boot.token_id,
            secret_sha256=boot.secret_sha256,
            expires_at=boot.expires_at,
            **stamp,
        ),
        UserAdded(
            user_id=user.user_id,
            name_th=user.name_th,
            name_en=user.name_en,
            contact=user.contact,
            **stamp,
        ),
        BodyFormed(
            body_id=body.body_id,
            name_th=body.name_th,
            name_en=body.name_en,
            roles=body.roles,
            units=body.units,
            framework_id=body.framework_id,
            fiscal_year=body.fiscal_year,
            **stamp,
        ),
        RoleGranted(
            number=2**31,
            role=grant.role,
            unit_id=grant.unit_id,
            body_id=grant.body_id,
            framework_id=grant.framework_id,
            fiscal_year=grant.fiscal_year,
            valid_from=NOW,
            valid_until=grant.valid_until,
            **stamp,
        ),
        GrantRevoked(number=revoke.number, reason=revoke.reason, **stamp),
        TokenIssued(
            token_id=token.token_id,
            user_id=token.user_id,
            secret_sha256=token.secret_sha256,
            expires_at=token.expires_at,
            **stamp,
        ),
        TokenRevoked(token_id=untoken.token_id, reason=untoken.reason, **stamp),
    ]


def canonical_size(event: LedgerEvent) -> int:
    stored = MsgspecMapper(transcoder=MsgspecTranscoder()).to_stored_event(event)
    canonical = canonical_from_stored(
        UUID(str(stored.originator_id)), stored.originator_version, stored.topic, stored.state
    )
    return len(canonical_bytes(canonical))


@pytest.mark.parametrize("filler", FILLERS)
def test_the_largest_command_of_each_type_is_in_bounds(filler: str) -> None:
    for cls in COMMANDS:
        command = largest_command(cls, filler)
        assert decode_command(msgspec.json.encode(command)) == command, cls.__name__


@pytest.mark.parametrize("filler", FILLERS)
def test_every_event_the_largest_commands_record_fits_a_tile_entry(filler: str) -> None:
    events = largest_events(filler)
    covered = {type(e) for e in events}

    def kinds(cls: type[Any]) -> set[type[Any]]:
        return {cls}.union(*(kinds(sub) for sub in cls.__subclasses__()))

    assert kinds(LedgerEvent) - {LedgerEvent} <= covered
    sizes: dict[str, int] = {}
    for event in events:
        name = type(event).__name__
        sizes[name] = max(sizes.get(name, 0), canonical_size(event))
    print(f"largest canonical events ({filler!r}):", sorted(sizes.items(), key=lambda i: -i[1]))
    assert max(sizes.values()) <= MAX_EVENT_BYTES, sizes


def test_the_mapper_refuses_an_event_past_the_tile_entry() -> None:
    event = RoundCancelled(
        originator_id=UUID(int=1),
        originator_version=1,
        recorded_at=NOW,
        effective_at=NOW,
        actor=largest_command(ProposeKpi, "ก").actor,
        framework_id="f",
        round_id="r",
        reason="ก" * (MAX_STORED_PAYLOAD // 3),
    )
    with pytest.raises(InvalidInput) as refused:
        canonical_size(event)
    assert "65,535" in (refused.value.rule or "")
