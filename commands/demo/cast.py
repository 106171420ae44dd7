"""The demo's cast: who enters a scenario's year, as the identity commands an administrator
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
from commands.demo.common import APPEAL_BODY, CHANGE_COMMITTEE, COMMITTEE, EVALUATOR, OPDC
from commands.demo.scenario import Scenario
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
    "after_units",
    "before_units",
    "bootstrap",
    "issue_token",
    "office",
    "users",
]

AUDITOR = "state-auditor"
ADMINISTRATOR = ("ledger-admin", "ผู้ดูแลระบบบัญชีแยกประเภท", "Ledger administrator")

# body id: (the role it decides in, its secretariat user); each scenario names its bodies.
BODIES: dict[str, tuple[Role, str]] = {
    COMMITTEE["id"]: ("negotiation_committee", "negotiation-secretary"),
    CHANGE_COMMITTEE["id"]: ("change_committee", "change-secretary"),
    APPEAL_BODY["id"]: ("appeal_body", "appeal-secretary"),
}


def office(unit_id: str) -> str:
    """The user id of a unit's office (the demo's actor for the unit's own steps)."""
    return f"{unit_id}-office"


def _staff(scenario: Scenario) -> Iterator[tuple[str, str, str]]:
    yield OPDC["id"], "สำนักงาน ก.พ.ร. (กองพัฒนาระบบราชการ)", "OPDC secretariat staff"
    yield EVALUATOR["id"], *scenario.evaluator_name
    yield AUDITOR, "ผู้ตรวจสอบ สำนักงานการตรวจเงินแผ่นดิน", "Auditor, State Audit Office"
    for body_id, (_, secretary) in BODIES.items():
        name_th, name_en = scenario.body_names[body_id]
        yield secretary, f"ฝ่ายเลขานุการ{name_th}", f"Secretary to the {name_en}"
    for unit_id, name_th, name_en in scenario.offices:
        yield office(unit_id), f"สำนักงาน{name_th}", f"{name_en} office"


def users(scenario: Scenario) -> tuple[tuple[str, str, str], ...]:
    """Everyone the demo signs in for ``scenario`` (id, Thai name, English name), the
    administrator first."""
    return (ADMINISTRATOR, *_staff(scenario))


def bootstrap(
    token: NewToken, expires_at: datetime, demo_scenario: str | None = None
) -> BootstrapAdministrator:
    """The first administrator, signing in with ``token``; ``demo_scenario`` marks the store
    as that demo's, its recorded times simulated."""
    admin_id, admin_th, admin_en = ADMINISTRATOR
    return BootstrapAdministrator(
        actor=Actor(id=admin_id, role="administrator"),
        user_id=admin_id,
        name_th=admin_th,
        name_en=admin_en,
        token_id=token.token_id,
        secret_sha256=token.sha256,
        expires_at=expires_at,
        demo_scenario=demo_scenario,
    )


def issue_token(user_id: str, token: NewToken, expires_at: datetime) -> IssueToken:
    """The administrator issues ``token`` to ``user_id`` (at the cast's set-up, and again
    when a simulated year hands over to the real clock)."""
    return IssueToken(
        actor=Actor(id=ADMINISTRATOR[0], role="administrator"),
        user_id=user_id,
        token_id=token.token_id,
        secret_sha256=token.sha256,
        expires_at=expires_at,
    )


def before_units(
    scenario: Scenario, tokens: Mapping[str, NewToken], expires_at: datetime
) -> Iterator[AnyCommand]:
    """After the bootstrap: every other user and its token, the bodies, and the grants that
    name no unit. ``tokens`` holds one fresh token per user id of ``users(scenario)``."""
    admin = Actor(id=ADMINISTRATOR[0], role="administrator")
    framework, year = scenario.framework_id, scenario.fiscal_year
    for user_id, name_th, name_en in users(scenario)[1:]:
        yield AddUser(actor=admin, user_id=user_id, name_th=name_th, name_en=name_en)
        yield issue_token(user_id, tokens[user_id], expires_at)
    yield GrantRole(actor=admin, user_id=OPDC["id"], role="opdc")
    yield GrantRole(
        actor=admin,
        user_id=EVALUATOR["id"],
        role="independent_evaluator",
        framework_id=framework,
        fiscal_year=year,
    )
    # An auditor reads the year (the web pages, the registers, the proofs) and records nothing.
    yield GrantRole(
        actor=admin, user_id=AUDITOR, role="auditor", framework_id=framework, fiscal_year=year
    )
    # The committees decide for every unit under the year's framework, and their secretaries
    # enter what they decide.
    for body_id, (role, secretary) in BODIES.items():
        name_th, name_en = scenario.body_names[body_id]
        yield FormBody(
            actor=admin,
            body_id=body_id,
            name_th=name_th,
            name_en=name_en,
            roles=(role,),
            framework_id=framework,
            fiscal_year=year,
        )
        yield GrantRole(actor=admin, user_id=secretary, role="secretariat", body_id=body_id)


def after_units(scenario: Scenario) -> Iterator[AnyCommand]:
    """Each unit's office, granted assessed_unit for its own unit only."""
    admin = Actor(id=ADMINISTRATOR[0], role="administrator")
    for unit_id, _, _ in scenario.offices:
        yield GrantRole(actor=admin, user_id=office(unit_id), role="assessed_unit", unit_id=unit_id)
