"""Command builders for tests: small valid agreements that each test bends one way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec

from commands.decoding import decode_command
from commands.handlers import Handling, handle
from commands.messages import AnyCommand
from ledger.domain.events import LedgerEvent
from ledger.domain.values import Actor
from ledger.errors import InvalidInput
from tests.identity import admit, admitted, unit_of

OPDC = {"id": "opdc-1", "role": "opdc"}
UNIT = {"id": "unit-office", "role": "assessed_unit"}
COMMITTEE = {"id": "committee-1", "role": "negotiation_committee"}
EVALUATOR = {"id": "evaluator-1", "role": "independent_evaluator"}
CHANGE_COMMITTEE = {"id": "change-committee-1", "role": "change_committee"}
APPEAL_BODY = {"id": "appeal-body-1", "role": "appeal_body"}
# Everyone the builders send commands as, admitted together (see ``entered``).
CAST = (OPDC, UNIT, COMMITTEE, EVALUATOR, CHANGE_COMMITTEE, APPEAL_BODY)
SIGNATORIES = [
    {"name": "เลขาธิการ ก.พ.ร.", "title": "Secretary-General", "side": "assessor"},
    {"name": "ผู้ว่าราชการจังหวัดเลย", "title": "Governor", "side": "assessed"},
]


def ticking_clock(start: datetime | None = None) -> Any:
    """A clock that moves one second per reading, so recorded times are distinct and known."""
    moments = iter(
        (start or datetime(2025, 1, 1, tzinfo=UTC)) + timedelta(seconds=n) for n in range(10**9)
    )
    return lambda: next(moments)


def run(ctx: Handling, command: dict[str, Any]) -> list[LedgerEvent]:
    """Send a command exactly as a JSON line would arrive: entered by the user signed in on
    ``ctx``, or with nobody signed in, by its actor (or its body's secretariat) once the actor
    is admitted (tests.identity)."""
    typed = decode_command(msgspec.json.encode(command))
    if ctx.enterer is not None:
        return handle(ctx, typed)
    return handle(entered(ctx, typed), typed)


def entered_as_json(ctx: Handling, command: dict[str, Any]) -> Handling:
    """``entered`` for a command as JSON; ``ctx`` unchanged when it does not decode (sending
    it is refused before anyone is needed)."""
    try:
        return entered(ctx, decode_command(msgspec.json.encode(command)))
    except InvalidInput:
        return ctx


def entered(ctx: Handling, command: AnyCommand) -> Handling:
    """``ctx`` signed in as whoever enters ``command``, once the whole cast below is admitted
    for the command's unit: so provisioning records its events at a store's first command and
    right after a unit is registered, never between the later commands a test counts."""
    unit_id = unit_of(command)
    for actor in CAST:
        admit(ctx, msgspec.convert(actor, Actor), unit_id)
    return admitted(ctx, command)


def kpi(ref: str, kpi_id: str, component: str, weight: str, **extra: Any) -> dict[str, Any]:
    command: dict[str, Any] = {
        "type": "propose_kpi",
        "actor": UNIT,
        "agreement": ref,
        "kpi_id": kpi_id,
        "title_th": f"ตัวชี้วัด {kpi_id}",
        "title_en": f"KPI {kpi_id}",
        "component": component,
        "unit_of_measure": "%",
        "direction": "higher",
        "weight": weight,
        "thresholds": ["50", "60", "70"],
    }
    command.update(extra)
    return command


def accept(ref: str, kpi_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "record_negotiation_decision",
        "actor": COMMITTEE,
        "agreement": ref,
        "kpi_id": kpi_id,
        "outcome": "accepted",
        "committee": "คณะกรรมการกำกับฯ",
        "meeting_ref": "1/2568",
        **extra,
    }


def sign(ref: str) -> dict[str, Any]:
    return {"type": "sign_agreement", "actor": OPDC, "agreement": ref, "signatories": SIGNATORIES}


FY2568_KPIS = (
    ("A1", "1.1", "30"),
    ("A2", "1.2.1", "10"),
    ("A3", "1.2.3", "30"),
    ("P1", "2.1", "10", "2.1"),
    ("P2", "2.2", "10", "2.2"),
    ("P3", "2.3", "10", "2.3"),
)


def unit_with_agreement(
    unit_id: str, level: str, fiscal_year: int, framework_id: str
) -> list[dict[str, Any]]:
    """Register a unit and open its agreement for one fiscal year."""
    return [
        {
            "type": "register_unit",
            "actor": OPDC,
            "unit_id": unit_id,
            "name_th": f"หน่วยงาน {unit_id}",
            "name_en": f"Unit {unit_id}",
            "level": level,
        },
        open_agreement(unit_id, fiscal_year, framework_id),
    ]


def open_agreement(unit_id: str, fiscal_year: int, framework_id: str) -> dict[str, Any]:
    return {
        "type": "open_agreement",
        "actor": OPDC,
        "unit_id": unit_id,
        "fiscal_year": fiscal_year,
        "framework_id": framework_id,
    }


def fy2568_drafts(unit_id: str = "TH-42") -> Iterator[dict[str, Any]]:
    """A FY2568 province with six KPIs that satisfy every signing rule (three-level scoring)."""
    ref = f"{unit_id}/2568"
    yield from unit_with_agreement(unit_id, "province", 2568, "fy2568-provinces")
    for kpi_id, component, weight, *code in FY2568_KPIS:
        extra = {"mandatory_code": code[0]} if code else {}
        yield kpi(ref, kpi_id, component, weight, **extra)


def fy2568_signed(unit_id: str = "TH-42") -> Iterator[dict[str, Any]]:
    ref = f"{unit_id}/2568"
    yield from fy2568_drafts(unit_id)
    for kpi_id, *_ in FY2568_KPIS:
        yield accept(ref, kpi_id)
    yield sign(ref)


def sar(ref: str, round_id: str, results: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "type": "file_sar",
        "actor": UNIT,
        "agreement": ref,
        "round_id": round_id,
        "results": [{"kpi_id": k, "actual": v} for k, v in results.items()],
        **extra,
    }


def assess(ref: str, round_id: str, verified: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "record_assessment",
        "actor": EVALUATOR,
        "agreement": ref,
        "round_id": round_id,
        "assessments": [{"kpi_id": k, "verified_actual": v} for k, v in verified.items()],
    }


FIVE_LEVEL = ["70", "75", "80", "85", "90"]
# (kpi_id, component, weight, mandatory code or None): a valid FY2557 province agreement.
FY2557_KPIS = (
    ("G1", "1.1", "7.5", None),
    ("G2", "1.1", "7.5", None),
    ("P1", "1.2", "15", None),
    ("P2", "1.2", "15", None),
    ("P3", "1.2", "15", None),
    ("K2", "2", "10", "2"),
    ("K3", "3", "5", "3"),
    ("K4", "4", "5", "4"),
    ("K5", "5", "15", "5"),
    ("K6", "6", "5", "6"),
)


def at(day: str) -> str:
    """An effective time on a Bangkok calendar day (YYYY-MM-DD)."""
    return f"{day}T10:00:00+07:00"


def fy2557_signed(unit_id: str = "TH-81") -> Iterator[dict[str, Any]]:
    """A FY2557 province agreement (five-level scoring), signed on 25 Apr 2014."""
    ref = f"{unit_id}/2557"
    yield from unit_with_agreement(unit_id, "province", 2557, "fy2557-provinces")
    for kpi_id, component, weight, code in FY2557_KPIS:
        extra = {"mandatory_code": code} if code else {}
        yield kpi(ref, kpi_id, component, weight, thresholds=FIVE_LEVEL, **extra)
    for code in ("M1", "M2", "M3"):
        yield kpi(ref, code, "1.2", "0", monitor=True, thresholds=[], mandatory_code=code)
    for kpi_id in (*(k[0] for k in FY2557_KPIS), "M1", "M2", "M3"):
        yield accept(ref, kpi_id)
    yield {**sign(ref), "effective_at": at("2014-04-25")}


def request_change(
    ref: str, request_id: str, kpi_id: str, day: str, **extra: Any
) -> dict[str, Any]:
    return {
        "type": "request_change",
        "actor": UNIT,
        "effective_at": at(day),
        "agreement": ref,
        "request_id": request_id,
        "kpi_id": kpi_id,
        "reason_code": "external",
        "justification": "Flooding",
        **extra,
    }


def decide_change(
    ref: str, request_id: str, day: str, outcome: str = "approved", **extra: Any
) -> dict[str, Any]:
    return {
        "type": "decide_change",
        "actor": CHANGE_COMMITTEE,
        "effective_at": at(day),
        "agreement": ref,
        "request_id": request_id,
        "outcome": outcome,
        "body": "Change-request committee",
        "meeting_ref": "CR-1",
        **extra,
    }


# (kpi_id, component, weight, mandatory code or None): a FY2552 pilot-ministry department
# agreement that signs; dimensions 1 + 2 (20 + 20 + 20) outweigh 3 + 4 (20 + 20).
FY2552_DEPARTMENT_KPIS = (
    ("1.1", "1", "18", "1.1"),
    ("1.3", "1", "2", "1.3"),
    ("3a", "3", "20", None),
    ("4a", "4", "20", None),
    ("5.1", "5", "4", "5.1"),
    ("5.2", "5", "3", "5.2"),
    ("5x", "5", "13", None),
    ("6", "6", "20", "6"),
)


def fy2552_department_signed(unit_id: str = "DEPT-1") -> Iterator[dict[str, Any]]:
    """A FY2552 department under the pilot-ministry framework, whose template corrections
    (seed 001) allow KPI wording corrections after the decision."""
    ref = f"{unit_id}/2552"
    yield from unit_with_agreement(unit_id, "department", 2552, "fy2552-pilot-ministry-departments")
    for kpi_id, component, weight, code in FY2552_DEPARTMENT_KPIS:
        extra = {"mandatory_code": code} if code else {}
        yield kpi(ref, kpi_id, component, weight, thresholds=["1", "2", "3", "4", "5"], **extra)
    for kpi_id, *_ in FY2552_DEPARTMENT_KPIS:
        yield accept(ref, kpi_id)
    yield sign(ref)


SECRETARIAT = {"id": "working-group", "role": "secretariat"}


def correct_wording(ref: str, kpi_id: str, **titles: Any) -> dict[str, Any]:
    return {
        "type": "correct_kpi_wording",
        "actor": SECRETARIAT,
        "agreement": ref,
        "kpi_id": kpi_id,
        "audit_ref": "KPI Audit Report 1/2552",
        "reason": "The template audit found the title misstated",
        **titles,
    }


def keep_cascaded(ref: str, kpi_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "keep_cascaded_kpi",
        "actor": CHANGE_COMMITTEE,
        "agreement": ref,
        "kpi_id": kpi_id,
        "body": "Change-request committee",
        "meeting_ref": "CR-9",
        "reason": "The child's own target already stretches past the parent's",
        **extra,
    }
