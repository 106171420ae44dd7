"""The role matrix: every command type by every role, in scope and out of it.

One FY2557 province year (TH-81/2557) is built once on a real SQLite store, up to each step a
command needs, and each step's store is kept. Every case copies the store of its step, signs
in as a user holding a grant of one role (in scope; or limited to another unit, another fiscal
year or another framework, the body roles through another body) and sends the command acting
as that user in that role. The command is recorded exactly when the role may take the step
and the grant covers it; otherwise it is refused with NotAllowed (HTTP 403) naming the actor,
the role and the grant missing, and nothing is recorded, except that a refused change-control
step (propose_kpi, request_change, decide_change, correct_kpi_wording) is kept as one
ChangeAttemptRefused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, get_args

import msgspec
import pytest

from commands.authentication import new_token
from commands.decoding import decode_command
from commands.handlers import HandlerContext, Handling, handle
from commands.messages import AnyCommand
from commands.wiring import build_context
from ledger.domain.control_events import ChangeAttemptRefused
from ledger.domain.events import LedgerEvent
from ledger.domain.values import Role
from ledger.errors import InvalidInput, NotAllowed, RuleRefused, http_status_for
from ledger.persistence.settings import Settings
from tests.builders import (
    FY2557_KPIS,
    SIGNATORIES,
    accept,
    assess,
    at,
    decide_change,
    fy2557_signed,
    request_change,
    sar,
    ticking_clock,
)

REF = "TH-81/2557"
RESULTS = {k[0]: "80" for k in FY2557_KPIS} | {"P1": "77.5"}  # P1 scores 2.5
LOWER_P1 = {"thresholds": ["60", "65", "70", "75", "80"]}
FRAMEWORK = "fy2557-provinces"
ROLES: tuple[Role, ...] = get_args(Role)
BODY_ROLES = (
    "negotiation_committee",
    "oversight_committee",
    "change_committee",
    "appeal_body",
    "secretariat",
)
COMMITTEES = ["negotiation_committee", "oversight_committee", "change_committee", "appeal_body"]
# in: covers TH-81/2557 under fy2557-provinces; the others each miss it one way.
VARIANTS = ("in", "unit", "year", "framework")
# Bodies whose members and secretariat act, by variant: the board covers everything.
BODIES: dict[str, dict[str, Any]] = {
    "in": {"body_id": "board"},
    "unit": {"body_id": "board-82", "units": ["TH-82"]},
    "year": {"body_id": "board-2568", "fiscal_year": 2568},
    "framework": {"body_id": "board-fy2568", "framework_id": "fy2568-provinces"},
}
# A grant's own limits, by variant, for the roles held outside a body.
LIMITS: dict[str, dict[str, Any]] = {
    "in": {},
    "unit": {"unit_id": "TH-82"},
    "year": {"fiscal_year": 2568},
    "framework": {"framework_id": "fy2568-provinces"},
}

# The matrix itself: which roles take each step (every other role is refused).
ALLOWED: dict[str, tuple[Role, ...]] = {
    "register_unit": ("opdc", "secretariat"),
    "open_agreement": ("opdc", "secretariat", "oversight_committee"),
    "propose_kpi": ("assessed_unit", "opdc", "secretariat"),
    "record_negotiation_decision": ("negotiation_committee",),
    "sign_agreement": ("assessor", "assessed_unit", "opdc", "secretariat"),
    "file_sar": ("assessed_unit",),
    "record_assessment": ("independent_evaluator",),
    "certify_scores": ("opdc", "oversight_committee"),
    "request_change": ("assessed_unit",),
    "decide_change": ("change_committee", "oversight_committee"),
    "cancel_round": ("opdc",),
    "request_appeal": ("assessed_unit",),
    "decide_appeal": ("appeal_body",),
    "adjust_score": ("appeal_body", "opdc"),
    "bootstrap_administrator": ("administrator",),
    "add_user": ("administrator",),
    "form_body": ("administrator",),
    "grant_role": ("administrator",),
    "revoke_grant": ("administrator",),
    "issue_token": ("administrator",),
    "revoke_token": ("administrator",),
    "correct_kpi_wording": ("secretariat", "negotiation_committee"),
    "keep_cascaded_kpi": ("change_committee", "oversight_committee", "negotiation_committee"),
    "define_joint_kpi": ("opdc", "secretariat"),
    "file_shared_result": ("assessed_unit",),
    "verify_shared_result": ("independent_evaluator",),
    "request_shared_appeal": ("assessed_unit",),
    "decide_shared_appeal": ("appeal_body",),
    "adjust_shared_result": ("appeal_body", "opdc"),
}
KEPT = ("propose_kpi", "request_change", "decide_change", "correct_kpi_wording")
# Allowed, yet refused by a rule after access is granted: FY2557 takes no wording corrections.
REFUSED_BY_RULE = {"correct_kpi_wording": "takes no KPI template corrections"}
# TH-81 hosts the matrix's joint KPI, so that its scope is the one every variant is about.
JOINT = "J-MATRIX"
NEW_TOKEN = new_token()
EXPIRES = "2025-12-01T00:00:00+00:00"
# Cases run after the whole world was built, on a clock of their own.
CASE_START = datetime(2025, 6, 1, tzinfo=UTC)


def run(ctx: Handling, command: dict[str, Any]) -> list[LedgerEvent]:
    """Send a command as a JSON line arrives, entered by whoever ``ctx`` has signed in (never
    provisioned on the fly: the matrix is about who is refused)."""
    return handle(ctx, decode_command(msgspec.json.encode(command)))


def user_id(variant: str, role: str) -> str:
    return "admin" if (variant, role) == ("in", "administrator") else f"{variant}-{role}"


def grant(role: str, variant: str) -> dict[str, Any]:
    """The grant of ``role`` a ``variant`` user holds."""
    if role in BODY_ROLES:
        return {"body_id": BODIES[variant]["body_id"]}
    unit = {"unit_id": "TH-81"} if role == "assessed_unit" else {}
    return unit | LIMITS[variant]


def admin(command: dict[str, Any]) -> dict[str, Any]:
    return {"actor": {"id": "admin", "role": "administrator"}, **command}


def unit(unit_id: str) -> dict[str, Any]:
    return {
        "type": "register_unit",
        "actor": {"id": "in-opdc", "role": "opdc"},
        "unit_id": unit_id,
        "name_th": f"จังหวัด {unit_id}",
        "name_en": f"Province {unit_id}",
        "level": "province",
    }


def bootstrap(role: str = "administrator", actor: str = "admin") -> dict[str, Any]:
    return {
        "type": "bootstrap_administrator",
        "actor": {"id": actor, "role": role},
        "user_id": "admin",
        "name_th": "ผู้ดูแล",
        "name_en": "Administrator",
        "token_id": NEW_TOKEN.token_id,
        "secret_sha256": NEW_TOKEN.sha256,
        "expires_at": EXPIRES,
    }


def identity() -> Iterator[tuple[str, dict[str, Any]]]:
    """(enterer, command): the administrator, two provinces, the bodies and every user."""
    yield "admin", bootstrap()
    users = [(v, r) for v in VARIANTS for r in ROLES if (v, r) != ("in", "administrator")]
    for variant, role in users:
        yield (
            "admin",
            admin(
                {
                    "type": "add_user",
                    "user_id": user_id(variant, role),
                    "name_th": "ผู้ใช้",
                    "name_en": f"User {variant} {role}",
                }
            ),
        )
    yield "admin", admin({"type": "grant_role", "user_id": "in-opdc", "role": "opdc"})
    yield "in-opdc", unit("TH-81")
    yield "in-opdc", unit("TH-82")
    for body in BODIES.values():
        yield (
            "admin",
            admin(
                {
                    "type": "form_body",
                    "name_th": "คณะกรรมการ",
                    "name_en": "Board",
                    "roles": COMMITTEES,
                }
                | body
            ),
        )
    for variant, role in users:
        if (variant, role) != ("in", "opdc"):
            yield (
                "admin",
                admin(
                    {"type": "grant_role", "user_id": user_id(variant, role), "role": role}
                    | grant(role, variant)
                ),
            )


def as_in(role: str, command: dict[str, Any], variant: str = "in") -> tuple[str, dict[str, Any]]:
    """The command sent by the in-scope user of ``role`` (or the ``variant`` user), acting in
    it."""
    who = user_id(variant, role)
    return who, {**command, "actor": {"id": who, "role": role}}


ROLE_OF = {
    "open_agreement": "opdc",
    "propose_kpi": "assessed_unit",
    "record_negotiation_decision": "negotiation_committee",
    "sign_agreement": "opdc",
}
# TH-82's P1, which TH-81's P2 cascades from (a cascade links two units' agreements).
PARENT = "TH-82/2557"


def year() -> Iterator[tuple[str, str | None, dict[str, Any]]]:
    """(step reached after it, enterer, command) for the FY2557 year, identity first."""
    yield from (("base", who, c) for who, c in identity())
    # TH-82's year, entered by the users whose grants cover TH-82 (the "unit" variant).
    for command in list(fy2557_signed("TH-82"))[1:]:  # TH-82 is registered already
        yield ("base", *as_in(ROLE_OF[command["type"]], command, "unit"))
    kpis = len(FY2557_KPIS) + 3
    for n, command in enumerate(list(fy2557_signed())[1:]):  # TH-81 is registered already
        step = ["opened", *["proposed"] * kpis, *["accepted"] * kpis, "signed"][n]
        if command.get("kpi_id") == "P2" and command["type"] == "propose_kpi":
            command = {**command, "cascaded_from": f"{PARENT}#P1"}
        yield (step, *as_in(ROLE_OF[command["type"]], command))
    yield (
        "requested",
        *as_in("assessed_unit", request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1)),
    )
    yield ("drifting", *as_in("change_committee", decide_change(REF, "CR-1", "2014-04-30")))
    # TH-82's P1 gets new criteria: TH-81's P2, cascaded from it, drifts.
    lower = request_change(PARENT, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1)
    yield ("drifting", *as_in("assessed_unit", lower, "unit"))
    decided = decide_change(PARENT, "CR-1", "2014-04-30")
    yield ("drifting", *as_in("change_committee", decided, "unit"))
    yield ("filed", *as_in("assessed_unit", sar(REF, "12m", RESULTS, filed_at=at("2014-10-28"))))
    yield ("assessed", *as_in("independent_evaluator", assess(REF, "12m", RESULTS)))
    yield ("certified", *as_in("opdc", certify()))
    yield ("appealed", *as_in("assessed_unit", appeal()))
    yield ("upheld", *as_in("appeal_body", decide_appeal()))
    yield ("joint", *as_in("opdc", define_joint()))
    yield ("shared", *as_in("assessed_unit", shared_result()))
    yield ("verified", *as_in("independent_evaluator", verify_shared()))
    yield ("shared-appealed", *as_in("assessed_unit", shared_appeal()))
    yield ("shared-upheld", *as_in("appeal_body", decide_shared()))


def define_joint() -> dict[str, Any]:
    return {
        "type": "define_joint_kpi",
        "joint_id": JOINT,
        "framework_id": FRAMEWORK,
        "host_unit_id": "TH-81",
        "title_th": "รายได้ท่องเที่ยว",
        "title_en": "Tourism revenue",
        "component": "1.2",
        "unit_of_measure": "%",
        "direction": "higher",
        "thresholds": ["70", "75", "80", "85", "90"],
    }


def shared_result() -> dict[str, Any]:
    return {"type": "file_shared_result", "joint_id": JOINT, "round_id": "12m", "actual": "81"}


def verify_shared() -> dict[str, Any]:
    return {
        "type": "verify_shared_result",
        "joint_id": JOINT,
        "round_id": "12m",
        "verified_actual": "80",
    }


def shared_appeal() -> dict[str, Any]:
    return {
        "type": "request_shared_appeal",
        "joint_id": JOINT,
        "appeal_id": "SA-1",
        "round_id": "12m",
        "claim": "December's arrivals were left out",
    }


def decide_shared() -> dict[str, Any]:
    return {
        "type": "decide_shared_appeal",
        "joint_id": JOINT,
        "appeal_id": "SA-1",
        "outcome": "upheld",
        "body": "Appeals sub-committee",
        "rationale": "Checked against the arrival records",
    }


def certify() -> dict[str, Any]:
    return {"type": "certify_scores", "agreement": REF, "round_id": "12m"}


def appeal() -> dict[str, Any]:
    return {
        "type": "request_appeal",
        "agreement": REF,
        "appeal_id": "AP-1",
        "round_id": "12m",
        "kpi_id": "P1",
        "claim": "The verified figure missed a late-reported district",
    }


def decide_appeal() -> dict[str, Any]:
    return {
        "type": "decide_appeal",
        "agreement": REF,
        "appeal_id": "AP-1",
        "outcome": "upheld",
        "body": "Appeals sub-committee",
        "rationale": "Checked against the district reports",
    }


# For each command type: the step its store must have reached, and the command (no actor).
STEPS: dict[str, tuple[str, dict[str, Any]]] = {
    "register_unit": ("base", {k: v for k, v in unit("TH-83").items() if k != "actor"}),
    "open_agreement": (
        "base",
        {
            "type": "open_agreement",
            "unit_id": "TH-81",
            "fiscal_year": 2557,
            "framework_id": FRAMEWORK,
        },
    ),
    "propose_kpi": (
        "opened",
        {
            "type": "propose_kpi",
            "agreement": REF,
            "kpi_id": "G1",
            "title_th": "ตัวชี้วัด",
            "title_en": "KPI G1",
            "component": "1.1",
            "unit_of_measure": "%",
            "direction": "higher",
            "weight": "7.5",
            "thresholds": ["70", "75", "80", "85", "90"],
        },
    ),
    "record_negotiation_decision": ("proposed", accept(REF, "G1")),
    "sign_agreement": (
        "accepted",
        {
            "type": "sign_agreement",
            "agreement": REF,
            "signatories": SIGNATORIES,
            "effective_at": at("2014-04-25"),
        },
    ),
    "file_sar": ("signed", sar(REF, "12m", RESULTS, filed_at=at("2014-10-28"))),
    "record_assessment": ("filed", assess(REF, "12m", RESULTS)),
    "certify_scores": ("assessed", certify()),
    "request_change": (
        "signed",
        request_change(REF, "CR-1", "P1", "2014-04-28", proposal=LOWER_P1),
    ),
    "decide_change": ("requested", decide_change(REF, "CR-1", "2014-04-30")),
    "cancel_round": (
        "base",
        {
            "type": "cancel_round",
            "framework_id": FRAMEWORK,
            "round_id": "6m",
            "reason": "uncontrollable external factors",
        },
    ),
    "request_appeal": ("certified", appeal()),
    "decide_appeal": ("appealed", decide_appeal()),
    "adjust_score": (
        "upheld",
        {
            "type": "adjust_score",
            "agreement": REF,
            "appeal_id": "AP-1",
            "new_score": "3",
            "reason": "the district's figures included",
            "authority": "Appeals sub-committee",
        },
    ),
    "bootstrap_administrator": ("empty", {k: v for k, v in bootstrap().items() if k != "actor"}),
    "add_user": (
        "base",
        {"type": "add_user", "user_id": "newcomer", "name_th": "ใหม่", "name_en": "Newcomer"},
    ),
    "form_body": (
        "base",
        {
            "type": "form_body",
            "body_id": "board-new",
            "name_th": "คณะ",
            "name_en": "New board",
            "roles": ["appeal_body"],
        },
    ),
    "grant_role": ("base", {"type": "grant_role", "user_id": "in-auditor", "role": "auditor"}),
    "revoke_grant": (
        "base",
        {"type": "revoke_grant", "user_id": "in-auditor", "number": 1, "reason": "left the office"},
    ),
    "issue_token": (
        "base",
        {
            "type": "issue_token",
            "user_id": "in-opdc",
            "token_id": "t-opdc",
            "secret_sha256": NEW_TOKEN.sha256,
            "expires_at": EXPIRES,
        },
    ),
    "revoke_token": (
        "base",
        {"type": "revoke_token", "token_id": NEW_TOKEN.token_id, "reason": "rotated"},
    ),
    "correct_kpi_wording": (
        "signed",
        {
            "type": "correct_kpi_wording",
            "agreement": REF,
            "kpi_id": "P1",
            "title_en": "KPI P1 (corrected)",
            "audit_ref": "KPI Audit Report 1/2557",
            "reason": "a typing error in the template",
        },
    ),
    "keep_cascaded_kpi": (
        "drifting",
        {
            "type": "keep_cascaded_kpi",
            "agreement": REF,
            "kpi_id": "P2",
            "body": "Change-request committee",
            "meeting_ref": "CR-2/2557",
            "reason": "P2's own target already stretches past TH-82's P1",
        },
    ),
    "define_joint_kpi": ("base", define_joint()),
    "file_shared_result": ("joint", shared_result()),
    "verify_shared_result": ("shared", verify_shared()),
    "request_shared_appeal": ("verified", shared_appeal()),
    "decide_shared_appeal": ("shared-appealed", decide_shared()),
    "adjust_shared_result": (
        "shared-upheld",
        {
            "type": "adjust_shared_result",
            "joint_id": JOINT,
            "appeal_id": "SA-1",
            "new_value": "84",
            "reason": "arrivals recounted",
            "authority": "Appeals sub-committee",
        },
    ),
}


def test_the_matrix_names_every_command_type() -> None:
    tags = {kind.__struct_config__.tag for kind in get_args(AnyCommand)}
    assert len(tags) == 29
    assert set(ALLOWED) == tags == set(STEPS)


def copy_store(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite store (its write-ahead log included)."""
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        new.execute("PRAGMA synchronous = OFF")  # a throwaway copy: no need to wait for disk
        old.backup(new)
    old.close()
    new.close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One kept store per step of the year (``empty``: nothing recorded yet)."""
    folder = tmp_path_factory.mktemp("role-matrix")
    path = folder / "building.sqlite"
    ctx = build_context(Settings(database=str(path)), clock=ticking_clock())
    kept = {"empty": folder / "empty.sqlite"}
    copy_store(path, kept["empty"])
    last = "base"
    for step, who, command in year():
        if step != last:
            kept[last] = folder / f"{last}.sqlite"
            copy_store(path, kept[last])
            last = step
        run(ctx.entering(who), command)
    kept[last] = folder / f"{last}.sqlite"
    copy_store(path, kept[last])
    ctx.app.close()
    return kept


def events(ctx: HandlerContext) -> list[LedgerEvent]:
    return [event for _, event in ctx.app.all_events()]


def opened(stores: dict[str, Path], step: str, target: Path) -> HandlerContext:
    copy_store(stores[step], target)
    start = CASE_START if step != "empty" else datetime(2025, 1, 1, tzinfo=UTC)
    return build_context(Settings(database=str(target)), clock=ticking_clock(start))


def refused(ctx: HandlerContext, who: str | None, command: dict[str, Any], kind: str) -> NotAllowed:
    """The command is refused as not allowed (403); nothing is recorded, except one
    ChangeAttemptRefused for a change-control step."""
    before = events(ctx)
    with pytest.raises(NotAllowed) as caught:
        run(ctx.entering(who), command)
    error = caught.value
    assert http_status_for(error) == 403
    after = events(ctx)
    if kind not in KEPT:
        assert after == before
        return error
    assert after[: len(before)] == before
    (attempt,) = after[len(before) :]
    assert isinstance(attempt, ChangeAttemptRefused)
    assert attempt.message == error.message
    assert attempt.actor.id == command["actor"]["id"]
    assert attempt.entered_by == who
    assert msgspec.json.decode(attempt.attempted)["type"] == kind
    return error


CASES = [(kind, role, variant) for kind in ALLOWED for role in ROLES for variant in VARIANTS]


@pytest.mark.parametrize(("kind", "role", "variant"), CASES)
def test_a_command_is_recorded_only_for_a_role_and_grant_that_cover_it(
    stores: dict[str, Path], tmp_path: Path, kind: str, role: Role, variant: str
) -> None:
    step, command = STEPS[kind]
    actor = user_id(variant, role)
    if kind == "bootstrap_administrator":
        # Bootstrapping: in scope, an empty ledger; out of it, a ledger bootstrapped already.
        step = "empty" if variant == "in" else "base"
        command = {**command, "user_id": actor}
    sent = {**command, "actor": {"id": actor, "role": role}}
    who = None if kind == "bootstrap_administrator" else actor
    ctx = opened(stores, step, tmp_path / "case.sqlite")
    try:
        if role in ALLOWED[kind] and variant == "in" and kind in REFUSED_BY_RULE:
            with pytest.raises(RuleRefused, match=REFUSED_BY_RULE[kind]):
                run(ctx.entering(who), sent)
            return
        if role in ALLOWED[kind] and variant == "in":
            before = len(events(ctx))
            recorded = run(ctx.entering(who), sent)
            assert recorded
            assert events(ctx)[before:] == recorded
            assert all(e.actor.id == actor and e.entered_by == actor for e in recorded)
            return
        error = refused(ctx, who, sent, kind)
        assert repr(actor) in error.message
        assert role in error.message
        assert "grant of" in error.message
    finally:
        ctx.app.close()


@pytest.fixture
def base(stores: dict[str, Path], tmp_path: Path) -> Iterator[HandlerContext]:
    ctx = opened(stores, "base", tmp_path / "base.sqlite")
    yield ctx
    ctx.app.close()


@pytest.fixture
def requested(stores: dict[str, Path], tmp_path: Path) -> Iterator[HandlerContext]:
    ctx = opened(stores, "requested", tmp_path / "requested.sqlite")
    yield ctx
    ctx.app.close()


def register_as(actor: str) -> dict[str, Any]:
    return {**STEPS["register_unit"][1], "actor": {"id": actor, "role": "opdc"}}


def test_an_unregistered_actor_is_refused(base: HandlerContext) -> None:
    error = refused(base, "in-opdc", register_as("mallory"), "register_unit")
    assert "'mallory'" in error.message
    mallory = {**STEPS["cancel_round"][1], "actor": {"id": "mallory", "role": "opdc"}}
    with pytest.raises(NotAllowed, match="mallory"):
        run(base.entering("in-opdc"), mallory)


def test_an_actor_with_an_empty_id_is_refused_at_decoding(base: HandlerContext) -> None:
    before = events(base)
    with pytest.raises(InvalidInput) as error:
        run(base.entering("in-opdc"), register_as(""))
    assert error.value.field is not None
    assert "actor" in error.value.field
    assert events(base) == before


def test_a_user_entering_for_another_user_is_refused(base: HandlerContext) -> None:
    error = refused(base, "unit-opdc", register_as("in-opdc"), "register_unit")
    assert "'unit-opdc' may not enter for user 'in-opdc'" in error.message


def body_decision(body: str, **extra: Any) -> dict[str, Any]:
    command = STEPS["decide_change"][1]
    return {**command, "actor": {"id": body, "role": "change_committee", "kind": "body"}, **extra}


def test_a_bodys_decision_is_entered_by_its_secretariat(requested: HandlerContext) -> None:
    (decided,) = run(requested.entering("in-secretariat"), body_decision("board"))
    assert (decided.actor.id, decided.actor.kind, decided.entered_by) == (
        "board",
        "body",
        "in-secretariat",
    )


@pytest.mark.parametrize("enterer", ["in-change_committee", "unit-secretariat", "in-opdc"])
def test_a_bodys_decision_entered_by_a_non_member_of_its_secretariat_is_refused(
    requested: HandlerContext, enterer: str
) -> None:
    error = refused(requested, enterer, body_decision("board"), "decide_change")
    assert f"user {enterer!r} is not in the secretariat of body 'board'" in error.message


def test_a_body_out_of_its_scope_is_refused_even_by_its_secretariat(
    requested: HandlerContext,
) -> None:
    error = refused(requested, "unit-secretariat", body_decision("board-82"), "decide_change")
    assert "body 'board-82' does not decide as change_committee" in error.message
    assert "holds no grant of change_committee" in error.message


def grant_then(
    ctx: HandlerContext, extra: dict[str, Any], revoke: dict[str, Any] | None = None
) -> None:
    """Give ``newcomer`` an opdc grant (``extra``: its limits and times), then revoke it
    (``revoke``: the revocation's own fields) unless None."""
    run(ctx.entering("admin"), STEPS["add_user"][1] | {"actor": admin({})["actor"]})
    run(
        ctx.entering("admin"),
        admin({"type": "grant_role", "user_id": "newcomer", "role": "opdc"} | extra),
    )
    if revoke is not None:
        run(
            ctx.entering("admin"),
            admin(
                {"type": "revoke_grant", "user_id": "newcomer", "number": 1, "reason": "moved"}
                | revoke
            ),
        )


def newcomer_registers() -> dict[str, Any]:
    return {**STEPS["register_unit"][1], "actor": {"id": "newcomer", "role": "opdc"}}


def test_a_grant_used_after_its_revocation_is_refused(base: HandlerContext) -> None:
    grant_then(base, {}, revoke={})
    error = refused(base, "newcomer", newcomer_registers(), "register_unit")
    assert "holds no grant of opdc" in error.message


def test_a_grant_used_before_a_revocation_that_takes_effect_later_holds(
    base: HandlerContext,
) -> None:
    grant_then(base, {}, revoke={"effective_at": (CASE_START + timedelta(days=1)).isoformat()})
    assert run(base.entering("newcomer"), newcomer_registers())


def test_a_grant_used_after_its_valid_until_is_refused(base: HandlerContext) -> None:
    grant_then(base, {"valid_until": (CASE_START + timedelta(seconds=3)).isoformat()})
    assert run(base.entering("newcomer"), newcomer_registers())  # within its time
    later = {**newcomer_registers(), "unit_id": "TH-84"}
    error = refused(base, "newcomer", later, "register_unit")
    assert "holds no grant of opdc" in error.message


def test_a_grant_used_before_its_effective_time_is_refused(base: HandlerContext) -> None:
    grant_then(base, {"effective_at": (CASE_START + timedelta(days=1)).isoformat()})
    error = refused(base, "newcomer", newcomer_registers(), "register_unit")
    assert "holds no grant of opdc" in error.message


def test_a_secretariat_grant_limited_to_another_year_cannot_enter_this_years_decisions(
    requested: HandlerContext,
) -> None:
    run(requested.entering("admin"), STEPS["add_user"][1] | {"actor": admin({})["actor"]})
    limited = {"type": "grant_role", "user_id": "newcomer", "role": "secretariat"}
    run(requested.entering("admin"), admin(limited | {"body_id": "board", "fiscal_year": 2568}))
    error = refused(requested, "newcomer", body_decision("board"), "decide_change")
    assert "user 'newcomer' is not in the secretariat of body 'board'" in error.message
    assert "needs a grant of secretariat in body board" in error.message


def test_a_revocation_cannot_reach_back_before_it_is_recorded(base: HandlerContext) -> None:
    past = {"effective_at": "2025-01-01T00:00:00+00:00"}
    with pytest.raises(RuleRefused, match="takes effect when it is recorded"):
        grant_then(base, {}, revoke=past)
    assert run(base.entering("newcomer"), newcomer_registers())  # the grant still holds


@pytest.mark.parametrize("units", [[], ["TH-81", "TH-82"]])
def test_a_body_acting_as_an_assessed_unit_names_its_one_unit(
    base: HandlerContext, units: list[str]
) -> None:
    body = {"type": "form_body", "body_id": "office", "name_th": "สำนักงาน"}
    command = admin(body | {"name_en": "Office", "roles": ["assessed_unit"], "units": units})
    with pytest.raises(RuleRefused, match="names its one unit"):
        run(base.entering("admin"), command)
    assert run(base.entering("admin"), {**command, "units": ["TH-81"]})
