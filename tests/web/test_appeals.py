"""Appeals from the pages: a unit appeals an evaluator's score in a round the framework takes
appeals in, the appeal body's secretariat records the body's decision, and the upheld appeal
adjusts the score, which the score projection then shows. Whoever lacks the grant is refused
the forms, also typed by hand; a round without appeals is refused with its rule; nothing typed
runs as markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from commands.rules_th import RULES_TH
from ledger.frameworks.loader import framework_by_id
from ledger.persistence.settings import Settings
from tests.web.world import WebClient, World, build_world, hidden

NEW = "/agreements/TH-92/2557/appeals/new"
DECIDE = "/agreements/TH-92/2557/appeals/AP-WEB-1/decide"
ADJUST = "/agreements/TH-92/2557/appeals/AP-WEB-1/adjust"
SCRIPT = '<script>alert("x")</script>'
APPEAL_BODY = "body:appeal_body:appeal-committee"


def api(web: WebClient, path: str) -> Any:
    """The HTTP API's own answer (read as OPDC), to compare the pages with."""
    token = web.world.tokens["opdc-secretariat"]
    answer = web.client.get(f"/api{path}", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def shown(text: str) -> str:
    return str(escape(text))


def options(page: str, name: str) -> list[str]:
    found = re.search(rf'<select id="f-{name}" name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"', found.group(1))


def score_of(web: WebClient, kpi_id: str) -> Decimal:
    """The score projection's score of a TH-92 KPI in the 12-month round."""
    (table,) = api(web, "/agreements/TH-92/2557/scores?round_id=12m")
    (row,) = [k for k in table["kpis"] if k["kpi_id"] == kpi_id]
    return Decimal(row["score"])


def appeals_of(web: WebClient) -> dict[str, Any]:
    appeals: dict[str, Any] = api(web, "/agreements/TH-92/2557")["appeals"]
    return appeals


def appeal_form(page: str, **changed: str) -> dict[str, str]:
    return {
        "command_id": hidden(page, "command_id"),
        "actor": "user:assessed_unit:TH-92-office",
        "appeal_id": "AP-WEB-1",
        "kind": "appeal",
        "round_id": "12m",
        "kpi_id": "P1",
        "claim": f"The Rubber Authority confirmed 266 kg/rai {SCRIPT}",
        "evidence": "b" * 64 + " rubber-authority-letter.pdf",
        "effective_at": "2015-03-27",
        **changed,
    }


@pytest.fixture(scope="module")
def scored_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The year up to the demo's appeal: every round assessed and certified."""
    folder = tmp_path_factory.mktemp("scored-year")
    settings = Settings(database=str(folder / "ledger.sqlite"))
    return build_world(folder, settings, upto="request_appeal")


@pytest.fixture
def scored(scored_world: World) -> Iterator[WebClient]:
    """A client over the shared scored year: for tests that record nothing."""
    with WebClient(scored_world) as client:
        yield client


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[WebClient]:
    """A client over a scored year of its own, for a test that records."""
    settings = Settings(database=str(tmp_path / "ledger.sqlite"))
    with WebClient(build_world(tmp_path, settings, upto="request_appeal")) as client:
        yield client


def test_the_unit_is_offered_only_the_rounds_with_appeals_and_the_scores_in_them(
    scored: WebClient,
) -> None:
    scored.sign_in("TH-92-office")
    agreement = api(scored, "/agreements/TH-92/2557")
    framework = framework_by_id(agreement["framework_id"])
    page = scored.get(NEW)
    assert page.status_code == 200, page.text
    appeal_rounds = {r.id for r in framework.rounds if r.appeals}
    assert set(options(page.text, "round_id")) <= appeal_rounds
    assert options(page.text, "round_id") == ["12m"]  # 6m was cancelled, 9m takes none
    scored_kpis = [k for k, a in agreement["rounds"]["12m"]["assessments"].items() if a["score"]]
    assert options(page.text, "kpi_id") == scored_kpis
    assert 'class="num">1.8000</td>' in page.text  # P1's score as the evaluator recorded it
    assert options(page.text, "actor") == ["user:assessed_unit:TH-92-office"]
    scored.get("/language/en")
    assert "12-month round" in scored.get(NEW).text


def test_a_round_without_appeals_typed_by_hand_is_refused_with_its_rule(
    fresh: WebClient,
) -> None:
    fresh.sign_in("TH-92-office")
    page = fresh.get(NEW)
    answer = fresh.post(NEW, appeal_form(page.text, round_id="9m"))
    assert answer.status_code == 422, answer.text
    assert "<code>round_id</code>" in answer.text
    rule = "appeals only in the rounds the framework names"
    assert shown(RULES_TH.get(rule, rule)) in answer.text
    assert appeals_of(fresh) == {}
    assert shown(f"The Rubber Authority confirmed 266 kg/rai {SCRIPT}") in answer.text
    assert SCRIPT not in answer.text


def test_an_appeal_upheld_and_adjusted_changes_the_projections_score(fresh: WebClient) -> None:
    before = score_of(fresh, "P1")
    fresh.sign_in("TH-92-office")
    page = fresh.get(NEW)
    requested = fresh.post(NEW, appeal_form(page.text))
    assert requested.status_code == 303, requested.text
    assert requested.headers["location"] == "/agreements/TH-92/2557?recorded=request_appeal"
    assert appeals_of(fresh)["AP-WEB-1"]["status"] == "open"
    # The unit does not decide its own appeal, not even by typing the address.
    assert fresh.get(DECIDE).status_code == 403
    forged = {"actor": APPEAL_BODY, "outcome": "upheld", "body": "x", "rationale": "x"}
    assert fresh.post(DECIDE, forged).status_code == 403
    assert appeals_of(fresh)["AP-WEB-1"]["status"] == "open"

    fresh.sign_in("appeal-secretary")
    decide = fresh.get(DECIDE)
    assert decide.status_code == 200, decide.text
    assert options(decide.text, "actor") == [APPEAL_BODY]
    assert shown(f"The Rubber Authority confirmed 266 kg/rai {SCRIPT}") in decide.text
    assert SCRIPT not in decide.text
    decision = {
        "command_id": hidden(decide.text, "command_id"),
        "actor": APPEAL_BODY,
        "outcome": "upheld",
        "body": "คณะอนุกรรมการพิจารณาอุทธรณ์ผลการประเมิน",
        "rationale": f"The confirmed figure is 266 kg/rai {SCRIPT}",
        "effective_at": "2015-04-10",
    }
    # A body left empty is refused; what was typed comes back, inert.
    empty = fresh.post(DECIDE, {**decision, "body": ""})
    assert empty.status_code == 400, empty.text
    assert shown(decision["rationale"]) in empty.text
    assert SCRIPT not in empty.text
    decided = fresh.post(DECIDE, {**decision, "command_id": hidden(empty.text, "command_id")})
    assert decided.status_code == 303, decided.text
    assert appeals_of(fresh)["AP-WEB-1"]["status"] == "upheld"
    assert score_of(fresh, "P1") == before  # deciding does not change the score yet

    adjust = fresh.get(ADJUST)
    assert adjust.status_code == 200, adjust.text
    assert options(adjust.text, "actor") == [APPEAL_BODY]
    adjusted = fresh.post(
        ADJUST,
        {
            "command_id": hidden(adjust.text, "command_id"),
            "actor": APPEAL_BODY,
            "new_score": "2.6",
            "reason": "266 kg/rai scores 2.6000 under thresholds 250/260/270/280/290",
            "authority": "คณะอนุกรรมการพิจารณาอุทธรณ์ผลการประเมิน",
            "effective_at": "2015-04-10",
        },
    )
    assert adjusted.status_code == 303, adjusted.text
    assert adjusted.headers["location"] == "/agreements/TH-92/2557?recorded=adjust_score"
    assert before != Decimal("2.6")
    assert score_of(fresh, "P1") == Decimal("2.6")
    # Adjusted once: the form is no longer offered, and a second post is refused.
    assert 'name="new_score"' not in fresh.get(ADJUST).text
    again = fresh.post(
        ADJUST,
        {"actor": APPEAL_BODY, "new_score": "3", "reason": "again", "authority": "x"},
    )
    assert again.status_code == 409, again.text
    assert "<code>appeal_id</code>" in again.text
    assert score_of(fresh, "P1") == Decimal("2.6")


def test_a_rejected_appeal_adjusts_no_score(fresh: WebClient) -> None:
    fresh.sign_in("TH-92-office")
    assert fresh.post(NEW, appeal_form(fresh.get(NEW).text)).status_code == 303
    fresh.sign_in("appeal-secretary")
    page = fresh.get(DECIDE)
    rejected = {
        "command_id": hidden(page.text, "command_id"),
        "actor": APPEAL_BODY,
        "outcome": "rejected",
        "body": "คณะอนุกรรมการพิจารณาอุทธรณ์ผลการประเมิน",
        "rationale": "The provincial estimate stands",
    }
    assert fresh.post(DECIDE, rejected).status_code == 303
    assert 'name="new_score"' not in fresh.get(ADJUST).text
    before = score_of(fresh, "P1")
    answer = fresh.post(
        ADJUST, {"actor": APPEAL_BODY, "new_score": "2.6", "reason": "x", "authority": "x"}
    )
    assert answer.status_code == 422, answer.text
    rule = "score adjustments answer an upheld appeal"
    assert shown(RULES_TH.get(rule, rule)) in answer.text
    assert score_of(fresh, "P1") == before


def test_an_evaluator_is_refused_the_appeal_forms(scored: WebClient) -> None:
    scored.sign_in("independent-evaluator")
    assert scored.get(NEW).status_code == 403
    assert scored.post(NEW, {"actor": "user:assessed_unit:TH-92-office"}).status_code == 403
    assert scored.get(ADJUST).status_code == 403
