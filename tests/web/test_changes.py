"""Change control from the pages: a unit requests a change in a window and for a reason the
framework allows; the change committee's secretariat sees the what-if and records the
decision with the what-if's digest. What the framework does not allow is not offered, and
posted by hand is refused with its rule; nothing the user typed runs as markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from commands.rules_th import RULES_TH
from ledger.frameworks.loader import framework_by_id
from ledger.persistence.settings import Settings
from tests.web.world import WebClient, World, build_world, hidden

NEW = "/agreements/TH-81/2557/changes/new"
SCRIPT = "<script>alert('x')</script>"
HARDER_K3 = "90 92 94 96 98"


def api(web: WebClient, path: str) -> Any:
    """The HTTP API's own answer (read as OPDC), to compare the pages with."""
    token = web.world.tokens["opdc-secretariat"]
    answer = web.client.get(f"/api{path}", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def shown(text: str) -> str:
    """``text`` as a page shows it: escaped."""
    return str(escape(text))


def thai_rule(rule: str) -> str:
    """A rule as a Thai reader sees it on a refused form."""
    return shown(RULES_TH.get(rule, rule))


def options(page: str, name: str) -> list[str]:
    """The values a select offers."""
    found = re.search(rf'<select id="f-{name}" name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"', found.group(1))


def requests_of(web: WebClient, unit_id: str = "TH-81") -> dict[str, Any]:
    requests: dict[str, Any] = api(web, f"/agreements/{unit_id}/2557")["requests"]
    return requests


def request_form(page: str, **changed: str) -> dict[str, str]:
    """A request for K3 with harder thresholds, in the final window, as the form sends it."""
    return {
        "command_id": hidden(page, "command_id"),
        "actor": "user:assessed_unit:TH-81-office",
        "request_id": "CR-WEB-1",
        "kpi_id": "K3",
        "kind": "amend",
        "reason_code": "external",
        "thresholds": HARDER_K3,
        "justification": "The regional hospital closed for repairs\r\nfor two months",
        "evidence": "a" * 64 + " hospital-letter.pdf",
        "effective_at": "2014-10-01",
        **changed,
    }


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[WebClient]:
    """A client over a world of its own with every report and assessment recorded, before the
    appeal: the what-if then has results and composites to show."""
    world = build_world(
        tmp_path, Settings(database=str(tmp_path / "ledger.sqlite")), upto="request_appeal"
    )
    with WebClient(world) as client:
        yield client


@pytest.fixture
def open_web(open_world: World) -> Iterator[WebClient]:
    with WebClient(open_world) as client:
        yield client


def test_the_unit_is_offered_its_signed_kpis_and_the_frameworks_reasons_and_windows(
    open_web: WebClient,
) -> None:
    open_web.sign_in("TH-81-office")
    agreement = api(open_web, "/agreements/TH-81/2557")
    framework = framework_by_id(agreement["framework_id"])
    thai = open_web.get(NEW)
    assert thai.status_code == 200, thai.text
    signed = [
        k for k, v in agreement["kpis"].items() if v["status"] not in ("rejected", "cancelled")
    ]
    assert sorted(options(thai.text, "kpi_id")) == sorted(signed)
    assert "P4" not in options(thai.text, "kpi_id")  # rejected in negotiation
    assert options(thai.text, "reason_code") == [r.code for r in framework.change_reasons]
    assert options(thai.text, "actor") == ["user:assessed_unit:TH-81-office"]
    for reason in framework.change_reasons:
        assert shown(reason.label_th) in thai.text
    for window in framework.change_windows:
        assert window.label_th in thai.text
    assert "30/04/2557" in thai.text  # the first window's deadline, in BE
    open_web.get("/language/en")
    english = open_web.get(NEW)
    assert "Uncontrollable external factors" in english.text
    assert "2014-10-31" in english.text


def test_a_change_requested_in_a_window_for_an_allowed_reason_is_recorded(
    fresh: WebClient,
) -> None:
    fresh.sign_in("TH-81-office")
    page = fresh.get(NEW)
    answer = fresh.post(NEW, request_form(page.text))
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/agreements/TH-81/2557?recorded=request_change"
    request = requests_of(fresh)["CR-WEB-1"]
    assert (request["kpi_id"], request["status"], request["window_id"]) == ("K3", "open", "final")
    assert request["proposed"]["thresholds"] == HARDER_K3.split()
    # The same form sent again (a double click) records it once.
    again = fresh.post(NEW, request_form(page.text))
    assert again.status_code == 303
    assert len([r for r in requests_of(fresh) if r == "CR-WEB-1"]) == 1


def test_a_reason_the_framework_does_not_list_is_refused_with_its_rule(fresh: WebClient) -> None:
    fresh.sign_in("TH-81-office")
    page = fresh.get(NEW)
    assert "internal" not in options(page.text, "reason_code")
    before = requests_of(fresh)
    answer = fresh.post(NEW, request_form(page.text, reason_code="internal", justification=SCRIPT))
    assert answer.status_code == 422, answer.text
    assert "<code>reason_code</code>" in answer.text
    assert thai_rule("rule 4: changes only for the framework's listed external reasons") in (
        answer.text
    )
    assert requests_of(fresh) == before
    # What was typed is kept, inert.
    assert shown(SCRIPT) in answer.text
    assert SCRIPT not in answer.text
    assert 'value="CR-WEB-1"' in answer.text


def test_a_request_dated_after_the_last_window_is_refused_naming_the_window(
    fresh: WebClient,
) -> None:
    fresh.sign_in("TH-81-office")
    page = fresh.get(NEW)
    answer = fresh.post(NEW, request_form(page.text, effective_at="2014-11-15"))
    assert answer.status_code == 422, answer.text
    assert "<code>effective_at</code>" in answer.text
    assert thai_rule("change requests are taken in the framework's windows only") in answer.text
    assert "CR-WEB-1" not in requests_of(fresh)
    # The windows table says so too: no window takes requests on the day typed.
    assert "ไม่มีรอบที่เปิดรับคำขอในวันนั้น" in answer.text


def test_another_units_office_is_refused_the_form_typed_by_hand(open_web: WebClient) -> None:
    open_web.sign_in("TH-82-office")
    assert open_web.get(NEW).status_code == 403
    answer = open_web.post(NEW, {"actor": "user:assessed_unit:TH-82-office"})
    assert answer.status_code == 403


def open_request(web: WebClient) -> str:
    """TH-81's office asks for harder K3 thresholds; the decision page's path."""
    web.sign_in("TH-81-office")
    page = web.get(NEW)
    form = request_form(page.text, justification=f"Hospital closed {SCRIPT}")
    assert web.post(NEW, form).status_code == 303
    return "/agreements/TH-81/2557/changes/CR-WEB-1/decide"


def decision_form(page: str, **changed: str) -> dict[str, str]:
    return {
        "command_id": hidden(page, "command_id"),
        "what_if_sha256": hidden(page, "what_if_sha256"),
        "actor": "body:change_committee:change-committee",
        "outcome": "approved",
        "body": "คณะกรรมการพิจารณาคำขอเปลี่ยนแปลงตัวชี้วัด",
        "meeting_ref": "CR-2014-10-20",
        "rationale": f"Closure confirmed {SCRIPT}",
        "effective_at": "2014-10-20",
        **changed,
    }


def test_the_decision_page_shows_the_what_if_and_the_decision_records_its_digest(
    fresh: WebClient,
) -> None:
    decide = open_request(fresh)
    what_if = api(fresh, "/agreements/TH-81/2557/requests/CR-WEB-1/what-if")
    fresh.sign_in("change-secretary")
    page = fresh.get(decide)
    assert page.status_code == 200, page.text
    assert options(page.text, "actor") == ["body:change_committee:change-committee"]
    assert hidden(page.text, "what_if_sha256") == what_if["what_if_sha256"]
    assert what_if["rounds"]
    assert what_if["results"]
    for line in what_if["rounds"]:
        assert f'class="num">{line["composite_after"]}</td>' in page.text
    # Harder thresholds lower K3's 12-month score, and so that round's composite.
    assert any(r["composite_after"] != r["composite_before"] for r in what_if["rounds"])
    for line in what_if["results"]:
        assert f'class="num">{line["score_after"]}</td>' in page.text
    # The unit's justification is shown, inert.
    assert shown(f"Hospital closed {SCRIPT}") in page.text
    assert SCRIPT not in page.text
    answer = fresh.post(decide, decision_form(page.text))
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/agreements/TH-81/2557?recorded=decide_change"
    assert requests_of(fresh)["CR-WEB-1"]["status"] == "approved"
    history = api(fresh, "/agreements/TH-81/2557/history?kpi_id=K3")
    (decided,) = [row for row in history if row["event"] == "ChangeDecided"][-1:]
    assert decided["details"]["what_if_sha256"] == what_if["what_if_sha256"]
    assert decided["details"]["what_if_shown"] is True
    assert decided["entered_by"] == "change-secretary"


def test_amendments_are_tried_first_and_decided_on_their_own_what_if(fresh: WebClient) -> None:
    decide = open_request(fresh)
    fresh.sign_in("change-secretary")
    tried = fresh.get(decide, thresholds="89 91 93 95 97")
    assert tried.status_code == 200, tried.text
    assert options(tried.text, "outcome") == ["approved_with_amendments"]
    assert hidden(tried.text, "what_if_sha256") != hidden(fresh.get(decide).text, "what_if_sha256")
    answer = fresh.post(
        decide,
        decision_form(tried.text, outcome="approved_with_amendments", thresholds="89 91 93 95 97"),
    )
    assert answer.status_code == 303, answer.text
    terms = api(fresh, "/agreements/TH-81/2557")["kpis"]["K3"]["terms"]
    assert terms["thresholds"] == ["89", "91", "93", "95", "97"]


def test_a_tampered_what_if_digest_is_refused_and_nothing_decided(fresh: WebClient) -> None:
    decide = open_request(fresh)
    fresh.sign_in("change-secretary")
    page = fresh.get(decide)
    answer = fresh.post(decide, decision_form(page.text, what_if_sha256="0" * 64))
    assert answer.status_code == 400, answer.text
    assert "<code>what_if_sha256</code>" in answer.text
    assert thai_rule("a decision records the what-if it was shown") in answer.text
    assert requests_of(fresh)["CR-WEB-1"]["status"] == "open"
    # Shown again with the what-if as it stands, the rationale kept and inert.
    assert hidden(answer.text, "what_if_sha256") == hidden(page.text, "what_if_sha256")
    assert shown(f"Closure confirmed {SCRIPT}") in answer.text
    assert SCRIPT not in answer.text


def test_the_units_office_is_not_offered_the_decision_even_typed_by_hand(
    fresh: WebClient,
) -> None:
    decide = open_request(fresh)
    page = fresh.get(decide)
    assert page.status_code == 403
    assert "<code>actor</code>" in page.text
    forged = fresh.post(
        decide,
        {
            "actor": "body:change_committee:change-committee",
            "outcome": "approved",
            "body": "x",
            "meeting_ref": "x",
            "effective_at": "2014-10-20",
        },
    )
    assert forged.status_code == 403
    assert requests_of(fresh)["CR-WEB-1"]["status"] == "open"


def test_the_decision_page_reads_in_english_with_iso_dates(fresh: WebClient) -> None:
    decide = open_request(fresh)
    fresh.sign_in("change-secretary")
    fresh.get("/language/en")
    page = fresh.get(decide)
    assert page.status_code == 200
    assert "What approving it would do" in page.text
    assert "Uncontrollable external factors" in page.text
    assert "2014-10-01 10:00 +07:00" not in page.text  # a date alone is the end of that day
    assert "2014-10-01 23:59 +07:00" in page.text
