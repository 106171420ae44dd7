"""The demo's cast: who enters the Andaman year, as the identity commands an administrator
would send. OPDC's staff, the evaluator and each unit's office are users with grants (an
office acts for its own unit only); the committees are bodies whose decisions a secretariat
user enters.

The cast comes in two parts because a grant or a body that names units needs the units
registered: ``bootstrap`` and ``before_units`` (the administrator, the users, every token,
the bodies and every grant that names no unit), then the year's ``register_unit`` lines,
then ``after_units`` (each unit's office, for its own unit).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime

from commands.authentication import NewToken
from commands.demo.andaman import GROUP, PROVINCES
from commands.demo.common import (
    APPEAL_BODY,
    CHANGE_COMMITTEE,
    COMMITTEE,
    EVALUATOR,
    FRAMEWORK,
    FY,
    OPDC,
)
from commands.demo.shared_year import HOST
from commands.messages import (
    AddUser,
    AnyCommand,
    BootstrapAdministrator,
    FormBody,
    GrantRole,
    IssueToken,
)
from ledger.domain.values import Actor, Role

__all__ = [
    "ADMINISTRATOR",
    "AUDITOR",
    "BODIES",
    "USERS",
    "after_units",
    "before_units",
    "bootstrap",
    "office",
]

AUDITOR = "state-auditor"
ADMINISTRATOR = ("ledger-admin", "ผู้ดูแลระบบบัญชีแยกประเภท", "Ledger administrator")
# TAT hosts the joint tourism KPI: its office files the shared result (shared_year.py).
_UNITS = (GROUP, *PROVINCES, HOST)

# body id: (Thai name, English name, the role it decides in, its secretariat user).
BODIES: dict[str, tuple[str, str, Role, str]] = {
    COMMITTEE["id"]: (
        "คณะกรรมการเจรจาข้อตกลงและประเมินผลกลุ่มจังหวัดและจังหวัด",
        "Negotiation and evaluation committee, provinces",
        "negotiation_committee",
        "negotiation-secretary",
    ),
    CHANGE_COMMITTEE["id"]: (
        "คณะกรรมการพิจารณาคำขอเปลี่ยนแปลงตัวชี้วัด",
        "KPI change-request committee, provinces",
        "change_committee",
        "change-secretary",
    ),
    APPEAL_BODY["id"]: (
        "คณะอนุกรรมการพิจารณาอุทธรณ์ผลการประเมิน",
        "Appeals sub-committee, OPDC",
        "appeal_body",
        "appeal-secretary",
    ),
}


def office(unit_id: str) -> str:
    """The user id of a unit's office (the demo's actor for the unit's own steps)."""
    return f"{unit_id}-office"


def _users() -> Iterator[tuple[str, str, str]]:
    yield OPDC["id"], "สำนักงาน ก.พ.ร. (กองพัฒนาระบบราชการ)", "OPDC secretariat staff"
    yield EVALUATOR["id"], "ผู้ประเมินอิสระ ภาคใต้", "Independent evaluator, south"
    yield AUDITOR, "ผู้ตรวจสอบ สำนักงานการตรวจเงินแผ่นดิน", "Auditor, State Audit Office"
    for body_id, (_, name_en, _, secretary) in BODIES.items():
        yield secretary, f"ฝ่ายเลขานุการ {body_id}", f"Secretary to the {name_en}"
    for unit_id, name_th, name_en in _UNITS:
        yield office(unit_id), f"สำนักงาน{name_th}", f"{name_en} office"


# Everyone the demo signs in, the administrator first.
USERS: tuple[tuple[str, str, str], ...] = (ADMINISTRATOR, *_users())


def bootstrap(token: NewToken, expires_at: datetime) -> BootstrapAdministrator:
    """The first administrator, signing in with ``token``."""
    admin_id, admin_th, admin_en = ADMINISTRATOR
    return BootstrapAdministrator(
        actor=Actor(id=admin_id, role="administrator"),
        user_id=admin_id,
        name_th=admin_th,
        name_en=admin_en,
        token_id=token.token_id,
        secret_sha256=token.sha256,
        expires_at=expires_at,
    )


def before_units(tokens: Mapping[str, NewToken], expires_at: datetime) -> Iterator[AnyCommand]:
    """After the bootstrap: every other user and its token, the bodies, and the grants that
    name no unit. ``tokens`` holds one fresh token per user id of ``USERS``."""
    admin = Actor(id=ADMINISTRATOR[0], role="administrator")
    for user_id, name_th, name_en in USERS[1:]:
        yield AddUser(actor=admin, user_id=user_id, name_th=name_th, name_en=name_en)
        token = tokens[user_id]
        yield IssueToken(
            actor=admin,
            user_id=user_id,
            token_id=token.token_id,
            secret_sha256=token.sha256,
            expires_at=expires_at,
        )
    yield GrantRole(actor=admin, user_id=OPDC["id"], role="opdc")
    yield GrantRole(
        actor=admin,
        user_id=EVALUATOR["id"],
        role="independent_evaluator",
        framework_id=FRAMEWORK,
        fiscal_year=FY,
    )
    # An auditor reads the year (the web pages, the registers, the proofs) and records nothing.
    yield GrantRole(
        actor=admin, user_id=AUDITOR, role="auditor", framework_id=FRAMEWORK, fiscal_year=FY
    )
    # The committees decide for every unit under the year's framework, and their secretaries
    # enter what they decide.
    for body_id, (name_th, name_en, role, secretary) in BODIES.items():
        yield FormBody(
            actor=admin,
            body_id=body_id,
            name_th=name_th,
            name_en=name_en,
            roles=(role,),
            framework_id=FRAMEWORK,
            fiscal_year=FY,
        )
        yield GrantRole(actor=admin, user_id=secretary, role="secretariat", body_id=body_id)


def after_units() -> Iterator[AnyCommand]:
    """Each unit's office, granted assessed_unit for its own unit only."""
    admin = Actor(id=ADMINISTRATOR[0], role="administrator")
    for unit_id, _, _ in _UNITS:
        yield GrantRole(actor=admin, user_id=office(unit_id), role="assessed_unit", unit_id=unit_id)
