"""Who sends the generated year: the administrator, OPDC's staff, the evaluator, the three
committees (bodies whose secretaries enter their decisions) and one office user per unit.

Every command of the generated history is entered by a registered user holding the grant
for it, so a bulk ingest enters each line as ``enterer_of(command)`` (see bench.generate).
Tokens: only the bootstrap and one staff token are issued; their expiry must fall within a
year of the time they are recorded (commands.handlers.identity), so it is a parameter.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from commands.demo.common import APPEAL_BODY, CHANGE_COMMITTEE, COMMITTEE, EVALUATOR, OPDC, at

__all__ = [
    "ADMIN",
    "DEPARTED",
    "SECRETARIES",
    "Item",
    "enterer_id",
    "office",
    "office_lines",
    "prologue",
    "step",
]

# One generated command and whether the rules are meant to refuse it.
Item = tuple[dict[str, Any], bool]

ADMIN = {"id": "ledger-admin", "role": "administrator"}
# A staff member whose grant is revoked early on; a command sent in their name is refused.
DEPARTED = {"id": "opdc-departed", "role": "opdc"}
# body id -> the user in its secretariat who enters its decisions.
SECRETARIES = {
    COMMITTEE["id"]: "negotiation-secretary",
    CHANGE_COMMITTEE["id"]: "change-secretary",
    APPEAL_BODY["id"]: "appeal-secretary",
}
_BODIES = (
    (COMMITTEE, "Negotiation and evaluation committee"),
    (CHANGE_COMMITTEE, "KPI change-request committee"),
    (APPEAL_BODY, "Appeals sub-committee"),
)
_SETUP_AT = "2013-09-01T09:00:00+07:00"


def step(kind: str, actor: dict[str, Any], date: str, **fields: Any) -> dict[str, Any]:
    """A command of ``kind`` by ``actor``, taking effect at 10:00 Bangkok time on ``date``."""
    return {"type": kind, "actor": actor, "effective_at": at(date), **fields}


def office(unit_id: str) -> str:
    return f"{unit_id}-office"


def enterer_id(actor: dict[str, Any]) -> str:
    """The user who enters a command sent by ``actor``: itself, or its body's secretary."""
    if actor.get("kind") == "body":
        return SECRETARIES[actor["id"]]
    return str(actor["id"])


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _admin(kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "actor": ADMIN, "effective_at": _SETUP_AT, **fields}


def _user(user_id: str, name_en: str) -> dict[str, Any]:
    return _admin("add_user", user_id=user_id, name_th=f"ผู้ใช้ {user_id}", name_en=name_en)


def prologue(seed: int, token_expiry: str) -> Iterator[Item]:
    """The administrator, the staff, the bodies and the grants naming no unit; one staff
    token issued and revoked, one grant revoked and a command refused for it."""
    yield (
        {
            "type": "bootstrap_administrator",
            "actor": ADMIN,
            "effective_at": _SETUP_AT,
            "user_id": ADMIN["id"],
            "name_th": "ผู้ดูแลระบบ",
            "name_en": "Ledger administrator",
            "token_id": "admin-token",
            "secret_sha256": _sha(f"admin:{seed}"),
            "expires_at": token_expiry,
        },
        False,
    )
    staff = [
        (OPDC["id"], "OPDC secretariat staff"),
        (EVALUATOR["id"], "Independent evaluator"),
        (DEPARTED["id"], "OPDC staff member who leaves"),
        *((user_id, f"Secretary to {body_id}") for body_id, user_id in SECRETARIES.items()),
    ]
    for user_id, name_en in staff:
        yield _user(user_id, name_en), False
    yield _admin("grant_role", user_id=OPDC["id"], role="opdc"), False
    yield _admin("grant_role", user_id=DEPARTED["id"], role="opdc"), False
    yield _admin("grant_role", user_id=EVALUATOR["id"], role="independent_evaluator"), False
    for body, name_en in _BODIES:
        yield (
            _admin(
                "form_body",
                body_id=body["id"],
                name_th=f"คณะกรรมการ {body['id']}",
                name_en=name_en,
                roles=[body["role"]],
            ),
            False,
        )
        secretary = SECRETARIES[body["id"]]
        yield _admin("grant_role", user_id=secretary, role="secretariat", body_id=body["id"]), False
    yield (
        _admin(
            "issue_token",
            user_id=OPDC["id"],
            token_id="opdc-token",
            secret_sha256=_sha(f"opdc:{seed}"),
            expires_at=token_expiry,
        ),
        False,
    )
    yield (
        {"type": "revoke_token", "actor": ADMIN, "token_id": "opdc-token", "reason": "Lost laptop"},
        False,
    )
    # A revocation takes effect when recorded (never back-dated), so it carries no time.
    yield (
        {
            "type": "revoke_grant",
            "actor": ADMIN,
            "user_id": DEPARTED["id"],
            "number": 1,
            "reason": "Left OPDC",
        },
        False,
    )
    yield (
        {
            "type": "register_unit",
            "actor": DEPARTED,
            "effective_at": _SETUP_AT,
            "unit_id": "GHOST-UNIT",
            "name_th": "หน่วยงานที่ไม่มีอยู่",
            "name_en": "A unit registered by someone no longer granted",
            "level": "department",
        },
        True,
    )


def office_lines(unit_ids: list[str]) -> Iterator[Item]:
    """Each unit's office user, granted assessed_unit for its own unit (after registration)."""
    for unit_id in unit_ids:
        yield _user(office(unit_id), f"Office of {unit_id}"), False
        yield (
            _admin("grant_role", user_id=office(unit_id), role="assessed_unit", unit_id=unit_id),
            False,
        )
