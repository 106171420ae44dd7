"""The access rule alone (ledger.domain.identity.access): grants covering a scope, grants out of
scope or out of time, and bodies whose decisions their secretariat enters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from ledger.domain.identity.access import Scope, authorize
from ledger.domain.identity.principals import Body, Grant, User
from ledger.domain.values import Actor, Role
from ledger.errors import NotAllowed

NOW = datetime(2025, 6, 1, tzinfo=UTC)
SINCE = NOW - timedelta(days=30)
SCOPE = Scope(unit_id="TH-81", framework_id="fy2557-provinces", fiscal_year=2557)
BOARD = Body(
    id=UUID(int=1),
    version=1,
    body_id="board",
    name_th="คณะกรรมการ",
    name_en="Board",
    roles=("change_committee",),
    units=("TH-81",),
    framework_id="fy2557-provinces",
    fiscal_year=2557,
)


def grant(role: Role = "opdc", **limits: Any) -> Grant:
    return Grant(number=1, role=role, valid_from=SINCE, **limits)


def user(user_id: str, *grants: Grant) -> User:
    return User(
        id=UUID(int=2),
        version=1,
        user_id=user_id,
        name_th="ก",
        name_en="U",
        contact="",
        grants=grants,
    )


def bodies(body_id: str) -> Body | None:
    return BOARD if body_id == "board" else None


def check(actor: Actor, enterer: User, scope: Scope = SCOPE, at: datetime = NOW) -> None:
    authorize(actor, enterer, bodies, scope, at)


OPDC = Actor(id="opdc-1", role="opdc")


def test_a_grant_of_the_role_covering_the_scope_lets_the_user_act() -> None:
    check(OPDC, user("opdc-1", grant()))
    check(OPDC, user("opdc-1", grant(unit_id="TH-81", fiscal_year=2557)))
    check(OPDC, user("opdc-1", grant(framework_id="fy2557-provinces")))


@pytest.mark.parametrize(
    "limits",
    [{"unit_id": "TH-82"}, {"framework_id": "fy2568-provinces"}, {"fiscal_year": 2568}],
    ids=["another unit", "another framework", "another fiscal year"],
)
def test_a_grant_limited_elsewhere_does_not_cover_the_scope(limits: dict[str, Any]) -> None:
    with pytest.raises(NotAllowed) as refused:
        check(OPDC, user("opdc-1", grant(**limits)))
    assert refused.value.field == "actor.role"
    assert "holds no grant of opdc for unit TH-81" in refused.value.message


def test_a_grant_of_another_role_does_not_cover_the_step() -> None:
    with pytest.raises(NotAllowed, match="holds no grant of opdc"):
        check(OPDC, user("opdc-1", grant("auditor")))


def test_a_grant_is_in_force_from_its_start_until_its_end() -> None:
    ending = user("opdc-1", grant(valid_until=NOW + timedelta(seconds=1)))
    check(OPDC, ending)
    with pytest.raises(NotAllowed, match="grants in force: none"):
        check(OPDC, ending, at=NOW + timedelta(seconds=1))
    with pytest.raises(NotAllowed):
        check(OPDC, ending, at=SINCE - timedelta(seconds=1))


def test_a_revoked_grant_no_longer_covers_anything() -> None:
    revoked = user("opdc-1", grant(valid_until=NOW - timedelta(days=1)))
    check(OPDC, revoked, at=NOW - timedelta(days=2))
    with pytest.raises(NotAllowed, match="grants in force: none"):
        check(OPDC, revoked)


def test_a_user_may_not_enter_for_another_user() -> None:
    with pytest.raises(NotAllowed) as refused:
        check(OPDC, user("mallory", grant()))
    assert refused.value.field == "actor.id"
    assert refused.value.actual == "opdc-1"


def test_a_grant_within_a_body_covers_what_the_body_covers() -> None:
    member = Actor(id="member", role="change_committee")
    check(member, user("member", grant("change_committee", body_id="board")))
    with pytest.raises(NotAllowed):
        check(
            member,
            user("member", grant("change_committee", body_id="board")),
            Scope(unit_id="TH-82", framework_id="fy2557-provinces", fiscal_year=2557),
        )
    with pytest.raises(NotAllowed):
        check(member, user("member", grant("change_committee", body_id="gone")))


BOARD_ACTOR = Actor(id="board", role="change_committee", kind="body")
SECRETARY = user("secretary", grant("secretariat", body_id="board"))


def test_a_body_decides_through_its_secretariat() -> None:
    check(BOARD_ACTOR, SECRETARY)


def test_a_body_decision_entered_by_anyone_else_is_refused() -> None:
    outsider = user("member", grant("change_committee", body_id="board"), grant("opdc"))
    with pytest.raises(NotAllowed) as refused:
        check(BOARD_ACTOR, outsider)
    assert refused.value.field == "actor.id"
    assert "not in the secretariat of body 'board'" in refused.value.message


def test_a_secretariat_whose_grant_ended_enters_nothing() -> None:
    ended = user("secretary", grant("secretariat", body_id="board", valid_until=NOW))
    with pytest.raises(NotAllowed, match="secretariat"):
        check(BOARD_ACTOR, ended)


@pytest.mark.parametrize(
    "scope",
    [
        Scope(unit_id="TH-82", framework_id="fy2557-provinces", fiscal_year=2557),
        Scope(unit_id="TH-81", framework_id="fy2568-provinces", fiscal_year=2557),
        Scope(unit_id="TH-81", framework_id="fy2557-provinces", fiscal_year=2558),
    ],
    ids=["another unit", "another framework", "another fiscal year"],
)
def test_a_body_deciding_outside_its_units_framework_or_year_is_refused(scope: Scope) -> None:
    with pytest.raises(NotAllowed) as refused:
        check(BOARD_ACTOR, SECRETARY, scope)
    assert "does not decide as change_committee" in refused.value.message


def test_a_body_deciding_in_a_role_it_was_not_formed_for_is_refused() -> None:
    with pytest.raises(NotAllowed, match="does not decide as appeal_body"):
        check(Actor(id="board", role="appeal_body", kind="body"), SECRETARY)


def test_a_body_that_was_never_formed_decides_nothing() -> None:
    with pytest.raises(NotAllowed, match="no body 'ghost' is formed"):
        check(Actor(id="ghost", role="change_committee", kind="body"), SECRETARY)
