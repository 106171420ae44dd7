"""What every part of the demo year shares: the year, its framework, the actors who send its
commands (the committees are bodies whose secretaries enter their decisions, cast.py), and
small builders for dates, references and stand-in evidence."""

from __future__ import annotations

import hashlib
from typing import Any

__all__ = [
    "APPEAL_BODY",
    "CHANGE_COMMITTEE",
    "COMMITTEE",
    "EVALUATOR",
    "FRAMEWORK",
    "FY",
    "NOTE",
    "OPDC",
    "assessed_unit",
    "at",
    "change_decision",
    "change_request",
    "evidence",
    "evidence_content",
    "line",
    "ref",
]

FY = 2557
FRAMEWORK = "fy2557-provinces"
NOTE = "ILLUSTRATIVE numbers (demo); KPI names from seed 000"

OPDC = {"id": "opdc-secretariat", "role": "opdc"}
# Each scenario names these bodies and the evaluator for its year (Scenario.body_names).
COMMITTEE = {"id": "negotiation-committee", "role": "negotiation_committee", "kind": "body"}
EVALUATOR = {"id": "independent-evaluator", "role": "independent_evaluator"}
CHANGE_COMMITTEE = {"id": "change-committee", "role": "change_committee", "kind": "body"}
APPEAL_BODY = {"id": "appeal-committee", "role": "appeal_body", "kind": "body"}


def at(date: str) -> str:
    """10:00 Bangkok time on ``date`` (YYYY-MM-DD, Gregorian as the commands take it)."""
    return f"{date}T10:00:00+07:00"


def line(kind: str, actor: dict[str, Any], date: str, /, **fields: Any) -> dict[str, Any]:
    """A command of type ``kind`` sent by ``actor``, taking effect on ``date`` (the shape
    every scenario's lines share; ``fields`` may hold "kind" or "date")."""
    return {"type": kind, "actor": actor, "effective_at": at(date), **fields}


def assessed_unit(unit_id: str) -> dict[str, str]:
    """The actor for a unit's own steps: its office (cast.office)."""
    return {"id": f"{unit_id}-office", "role": "assessed_unit"}


def ref(unit_id: str) -> str:
    return f"{unit_id}/{FY}"


def evidence_content(file_name: str) -> bytes:
    """The bytes of a demo evidence file (a stand-in for the scanned document)."""
    return f"Assessment Ledger demo evidence: {file_name}\n".encode()


def evidence(file_name: str) -> list[dict[str, str]]:
    return [
        {
            "sha256": hashlib.sha256(evidence_content(file_name)).hexdigest(),
            "file_name": file_name,
            "media_type": "application/pdf",
        }
    ]


def change_request(
    agreement: str,
    unit_id: str,
    request_id: str,
    kpi_id: str,
    on: str,
    reason: str,
    justification: str,
    **extra: Any,
) -> dict[str, Any]:
    """``unit_id``'s office asks on ``on`` to change KPI ``kpi_id`` of ``agreement`` for
    ``reason`` (a code the framework lists), with the request as its evidence."""
    return {
        "type": "request_change",
        "actor": assessed_unit(unit_id),
        "effective_at": at(on),
        "agreement": agreement,
        "request_id": request_id,
        "kpi_id": kpi_id,
        "reason_code": reason,
        "justification": justification,
        "evidence": evidence(f"{request_id}.pdf"),
        **extra,
    }


def change_decision(
    agreement: str,
    request_id: str,
    on: str,
    outcome: str,
    body: str,
    meeting_ref: str,
    rationale: str,
    **extra: Any,
) -> dict[str, Any]:
    """The change committee, as ``body`` at meeting ``meeting_ref`` on ``on``, decides
    ``request_id`` on ``agreement`` (every scenario's change decisions share this shape)."""
    return {
        "type": "decide_change",
        "actor": CHANGE_COMMITTEE,
        "effective_at": at(on),
        "agreement": agreement,
        "request_id": request_id,
        "outcome": outcome,
        "body": body,
        "meeting_ref": meeting_ref,
        "rationale": rationale,
        **extra,
    }
