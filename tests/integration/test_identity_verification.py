"""Verification covers identity: replaying the log, every event's actor must have held the
grant for it at that point of the log, and whoever entered it must have been allowed to enter
for that actor. An operator who writes events straight into the store (bypassing the
handlers) is caught and named: the event's position, the actor, the role and the grant
missing. An honest store with grants, revocations and tokens verifies clean."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest

from commands.authentication import new_token
from commands.decoding import decode_command
from commands.handlers import HandlerContext, Handling, handle
from commands.wiring import build_context
from ledger.application import unit_uuid, user_uuid
from ledger.domain.events import LedgerEvent, UnitRegistered
from ledger.domain.identity.events import RoleGranted
from ledger.domain.values import Actor
from ledger.integrity.keys import generate
from ledger.integrity.log import TransparencyLog
from ledger.integrity.report import Report
from ledger.persistence.settings import Settings
from tests.builders import decide_change, fy2557_signed, request_change, ticking_clock
from tests.verifying import verified

KEY = generate("ledger.example/test", "log")
REF = "TH-81/2557"
ADMIN = {"id": "admin", "role": "administrator"}
TOKEN = new_token()
EXPIRES = "2025-12-01T00:00:00+00:00"
# Whom each role of the FY2557 year is entered by (the actor itself, or the board's secretary).
CAST = {
    "opdc": "opdc-1",
    "assessed_unit": "reporter-81",
    "negotiation_committee": "board",
    "change_committee": "board",
}


def run(ctx: Handling, who: str | None, command: dict[str, Any]) -> list[LedgerEvent]:
    return handle(ctx.entering(who), decode_command(msgspec.json.encode(command)))


def admin(command: dict[str, Any]) -> dict[str, Any]:
    return {"actor": ADMIN, **command}


def user(user_id: str) -> dict[str, Any]:
    return admin({"type": "add_user", "user_id": user_id, "name_th": "ผู้ใช้", "name_en": user_id})


def grant(user_id: str, role: str, **scope: Any) -> dict[str, Any]:
    return admin({"type": "grant_role", "user_id": user_id, "role": role, **scope})


def as_cast(command: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The command acted by the year's cast: users for themselves, the board as a body."""
    role = command["actor"]["role"]
    actor = CAST[role]
    if actor == "board":
        return "secretary", {**command, "actor": {"id": "board", "role": role, "kind": "body"}}
    return actor, {**command, "actor": {"id": actor, "role": role}}


def honest_year(ctx: HandlerContext) -> None:
    """Users, a board, grants, a revoked grant, tokens issued and revoked, and a year up to
    a decided change request, all through the handlers."""
    run(
        ctx,
        None,
        admin(
            {
                "type": "bootstrap_administrator",
                "user_id": "admin",
                "name_th": "ผู้ดูแล",
                "name_en": "Administrator",
                "token_id": TOKEN.token_id,
                "secret_sha256": TOKEN.sha256,
                "expires_at": EXPIRES,
            }
        ),
    )
    for user_id in ("opdc-1", "reporter-81", "secretary", "leaver"):
        run(ctx, "admin", user(user_id))
    run(ctx, "admin", grant("opdc-1", "opdc"))
    run(ctx, "admin", grant("leaver", "opdc"))
    commands = list(fy2557_signed())
    run(ctx, *as_cast(commands[0]))  # TH-81 registered before its reporter's grant names it
    run(ctx, "admin", grant("reporter-81", "assessed_unit", unit_id="TH-81"))
    board = ["negotiation_committee", "change_committee"]
    run(
        ctx,
        "admin",
        admin(
            {"type": "form_body", "body_id": "board", "name_th": "คณะ", "name_en": "Board"}
            | {"roles": board, "units": ["TH-81"]}
        ),
    )
    run(ctx, "admin", grant("secretary", "secretariat", body_id="board"))
    token = new_token()
    issue = {"type": "issue_token", "user_id": "leaver", "token_id": token.token_id}
    run(ctx, "admin", admin(issue | {"secret_sha256": token.sha256, "expires_at": EXPIRES}))
    for command in commands[1:]:
        run(ctx, *as_cast(command))
    lower = {"thresholds": ["60", "65", "70", "75", "80"]}
    run(ctx, *as_cast(request_change(REF, "CR-1", "P1", "2014-04-28", proposal=lower)))
    run(ctx, *as_cast(decide_change(REF, "CR-1", "2014-04-30")))
    revoke = {"type": "revoke_grant", "user_id": "leaver", "number": 1, "reason": "left"}
    run(ctx, "admin", admin(revoke))
    run(ctx, "admin", admin({"type": "revoke_token", "token_id": token.token_id, "reason": "x"}))


@pytest.fixture
def ctx(tmp_path: Any) -> Iterator[HandlerContext]:
    context = build_context(
        Settings(database=str(tmp_path / "ledger.sqlite")), clock=ticking_clock()
    )
    honest_year(context)
    yield context
    context.app.close()


def report_of(ctx: HandlerContext) -> Report:
    log = TransparencyLog(ctx.app)
    log.sign_head(KEY)
    return verified(log, KEY.verifier)


def rule_findings(report: Report) -> list[str]:
    return [f.message for f in report.failures if f.kind == "rule"]


def last_position(ctx: HandlerContext) -> int:
    return max(position for position, _ in ctx.app.all_events())


def forge(ctx: HandlerContext, event: LedgerEvent) -> int:
    """Append ``event`` through the event store, past the handlers; its log position."""
    ctx.app.save(event)
    return last_position(ctx)


def forged_unit(ctx: HandlerContext, actor: Actor, entered_by: str | None) -> UnitRegistered:
    now = ctx.clock()
    return UnitRegistered(
        originator_id=unit_uuid("TH-99"),
        originator_version=1,
        recorded_at=now,
        effective_at=now,
        actor=actor,
        entered_by=entered_by,
        unit_id="TH-99",
        name_th="ปลอม",
        name_en="Forged",
        level="province",
    )


def test_an_honest_store_with_grants_revocations_and_tokens_verifies_clean(
    ctx: HandlerContext,
) -> None:
    report = report_of(ctx)
    assert report.ok, report.failures
    assert report.replayed > 40  # commands replayed (the bootstrap records four events)


def test_an_event_by_an_actor_whose_grant_was_revoked_is_named(ctx: HandlerContext) -> None:
    position = forge(ctx, forged_unit(ctx, Actor(id="leaver", role="opdc"), "leaver"))
    (finding,) = rule_findings(report_of(ctx))
    assert f"position {position} " in finding
    assert "UnitRegistered" in finding
    assert "its actor or enterer was not allowed at this point of the log" in finding
    assert "user 'leaver' holds no grant of opdc for unit TH-99" in finding
    assert "grants in force: none" in finding


def test_an_event_by_a_user_without_the_role_is_named(ctx: HandlerContext) -> None:
    position = forge(ctx, forged_unit(ctx, Actor(id="reporter-81", role="opdc"), "reporter-81"))
    (finding,) = rule_findings(report_of(ctx))
    assert f"position {position} " in finding
    assert "user 'reporter-81' holds no grant of opdc" in finding
    assert "assessed_unit for unit TH-81" in finding  # the grant it does hold


def test_an_event_by_an_unregistered_actor_is_named(ctx: HandlerContext) -> None:
    position = forge(ctx, forged_unit(ctx, Actor(id="mallory", role="opdc"), "mallory"))
    (finding,) = rule_findings(report_of(ctx))
    assert f"position {position} " in finding
    assert "no user 'mallory' is registered" in finding
    assert "not allowed at this point of the log (unauthenticated)" in finding


def test_an_event_entered_for_another_user_is_named(ctx: HandlerContext) -> None:
    position = forge(ctx, forged_unit(ctx, Actor(id="opdc-1", role="opdc"), "reporter-81"))
    (finding,) = rule_findings(report_of(ctx))
    assert f"position {position} " in finding
    assert "user 'reporter-81' may not enter for user 'opdc-1'" in finding


def test_a_bodys_decision_entered_by_a_non_member_is_named(ctx: HandlerContext) -> None:
    agreement = ctx.app.agreement(REF)
    decided = next(e for _, e in ctx.app.all_events() if e.actor.kind == "body" and e.entered_by)
    forged = msgspec.structs.replace(
        decided,
        originator_id=agreement.id,
        originator_version=agreement.version + 1,
        entered_by="opdc-1",
        recorded_at=ctx.clock(),
    )
    position = forge(ctx, forged)
    findings = rule_findings(report_of(ctx))
    assert any(
        f"position {position} " in f
        and "user 'opdc-1' is not in the secretariat of body 'board'" in f
        for f in findings
    ), findings


def test_a_grant_recorded_by_a_non_administrator_is_named(ctx: HandlerContext) -> None:
    reporter = ctx.app.user("reporter-81")
    assert reporter is not None
    now = ctx.clock()
    self_granted = RoleGranted(
        originator_id=user_uuid("reporter-81"),
        originator_version=reporter.version + 1,
        recorded_at=now,
        effective_at=now,
        actor=Actor(id="reporter-81", role="opdc"),
        entered_by="reporter-81",
        number=len(reporter.grants) + 1,
        role="opdc",
        valid_from=now,
    )
    position = forge(ctx, self_granted)
    (finding,) = rule_findings(report_of(ctx))
    assert f"position {position} " in finding
    assert "'reporter-81' acting as opdc may not grant_role" in finding
    assert "grant of administrator" in finding


def test_an_event_after_a_grant_ended_is_named_though_it_held_before(
    tmp_path: Any,
) -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    ctx = build_context(Settings(database=str(tmp_path / "s.sqlite")), clock=ticking_clock(start))
    try:
        honest_year(ctx)
        until = (start + timedelta(days=1)).isoformat()
        run(ctx, "admin", user("temp"))
        run(ctx, "admin", grant("temp", "opdc", valid_until=until))
        held = forge(ctx, forged_unit(ctx, Actor(id="temp", role="opdc"), "temp"))
        late = msgspec.structs.replace(
            forged_unit(ctx, Actor(id="temp", role="opdc"), "temp"),
            originator_id=unit_uuid("TH-98"),
            unit_id="TH-98",
            recorded_at=start + timedelta(days=2),
        )
        position = forge(ctx, late)
        assert held < position
        (finding,) = rule_findings(report_of(ctx))
        assert f"position {position} " in finding
        assert "user 'temp' holds no grant of opdc for unit TH-98" in finding
    finally:
        ctx.app.close()
