"""A whole year across roles in a real browser, against ``ledger serve``: the unit requests a
change and the secretariat decides it after the what-if; the reporter files the 9- and
12-month SARs with evidence; the evaluator verifies; OPDC certifies; the unit appeals, the
appeal body upholds it and adjusts the score, and OPDC certifies again; an auditor moves the
KPI's timeline back before the change season and sees the earlier target. Every page on the
way is checked with axe-core, and every text field carries HTML and script that must stay
inert."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import httpx
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser import shot
from tests.browser.year import (
    HOSTILE,
    PDF,
    checked,
    demo_command,
    open_as,
    pwned,
    recorded,
    submit,
    through_the_api,
    visit,
)
from tests.http.live import Live

AGREEMENT = "/agreements/TH-81/2557"


def test_a_whole_year_across_roles(browser: Browser, served: Live) -> None:
    office = open_as(browser, served, "TH-81-office")
    request_change(office, served)
    decide_change(open_as(browser, served, "change-secretary"), served)
    file_sar(office, served, "9m", evidence=True)
    file_sar(office, served, "12m", evidence=False)
    # The joint tourism KPI's host (TAT) files and has verified its shared result through its
    # own system, over the API: every participant's P2 then reads it.
    for kind in ("file_shared_result", "verify_shared_result"):
        command = demo_command(kind, round_id="12m")
        through_the_api(served, command["actor"]["id"], command)
    verify(open_as(browser, served, "independent-evaluator"), served)
    opdc = open_as(browser, served, "opdc-secretariat")
    certify(opdc, served)
    appeal(office, served)
    secretary = open_as(browser, served, "appeal-secretary")
    uphold(secretary, served)
    adjusted = adjust(secretary, served)
    certify(opdc, served)
    visit(opdc, f"{served.url}{AGREEMENT}", "agreement-after-the-year")
    final = scores_through_the_api(served, "12m")
    assert final["status"] == "certified"
    p3 = next(row for row in final["kpis"] if row["kpi_id"] == "P3")
    assert Decimal(p3["score"]) == Decimal(adjusted)
    expect(opdc.locator("#main")).to_contain_text(final["composite"])
    look_back(open_as(browser, served, "state-auditor"), served)


def scores_through_the_api(live: Live, round_id: str) -> dict[str, Any]:
    """The round's table as the API gives it: what the pages must agree with."""
    answer = httpx.get(
        f"{live.url}/api{AGREEMENT}/scores",
        params={"round_id": round_id},
        headers={"Authorization": f"Bearer {live.tokens['opdc-secretariat']}"},
        timeout=30,
    )
    tables: list[dict[str, Any]] = answer.json()
    return tables[0]


def request_change(page: Page, live: Live) -> None:
    """Krabi asks, in the final window and before any result of K3 is known, to lower its
    budget-disbursement thresholds after a budget cut."""
    visit(page, f"{live.url}{AGREEMENT}")
    page.get_by_role("link", name="ขอเปลี่ยนแปลงตัวชี้วัด").click()
    checked(page, "change-request-form")
    page.locator("#f-request_id").fill("CR-2557-WEB")
    page.locator("#f-kpi_id").select_option("K3")
    page.locator("#f-kind-amend").check()
    page.locator("#f-reason_code").select_option("budget")
    page.locator("#f-thresholds").fill("84 86 88 90 92")
    page.locator("#f-justification").fill(f"Budget cut in the third quarter {HOSTILE}")
    page.locator("#f-effective_at").fill("16/06/2557")
    submit(page, "#f-justification")
    recorded(page)
    checked(page)


def decide_change(page: Page, live: Live) -> None:
    visit(page, f"{live.url}{AGREEMENT}")
    page.get_by_role("link", name=re.compile("CR-2557-WEB")).click()
    checked(page, "change-decision-with-what-if")
    expect(page.locator("#what-if-h")).to_be_visible()
    page.locator("#f-outcome").select_option("approved")
    page.locator("#f-body").fill(f"KPI change-request committee {HOSTILE}")
    page.locator("#f-meeting_ref").fill(f"CR-2557-06-30 {HOSTILE}")
    page.locator("#f-rationale").fill(f"Budget cut confirmed {HOSTILE}")
    page.locator("#f-effective_at").fill("30/06/2557")
    submit(page, "#f-outcome")
    recorded(page)
    checked(page)


def file_sar(page: Page, live: Live, round_id: str, *, evidence: bool) -> None:
    """The demo's own numbers for Krabi's round, typed into the form."""
    demo = demo_command("file_sar", agreement="TH-81/2557", round_id=round_id)
    visit(page, f"{live.url}{AGREEMENT}/sar?round_id={round_id}")
    for result in demo["results"]:
        page.locator(f"#f-actual-{result['kpi_id']}").fill(result["actual"])
    page.locator("#f-narrative").fill(f"{round_id} self-assessment {HOSTILE}")
    page.locator("#f-effective_at").fill(demo["effective_at"][:10])
    page.locator("#f-filed_at").fill(demo["filed_at"][:10])
    if evidence:
        page.locator("#f-evidence").set_input_files(
            {"name": f"sar-{round_id}.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        shot(page, f"sar-form-{round_id}")
    submit(page, "#f-narrative")
    recorded(page)
    checked(page)


def verify(page: Page, live: Live) -> None:
    demo = demo_command("record_assessment", agreement="TH-81/2557", round_id="12m")
    visit(page, f"{live.url}{AGREEMENT}/assessment?round_id=12m", "assessment-form")
    for line in demo["assessments"]:
        page.locator(f"#f-verified-{line['kpi_id']}").fill(line["verified_actual"])
        page.locator(f"#f-notes-{line['kpi_id']}").fill(f"checked {HOSTILE}"[:200])
    submit(page, "#f-verified-P1")
    recorded(page)
    checked(page)


def certify(page: Page, live: Live) -> None:
    visit(page, f"{live.url}{AGREEMENT}/certify?round_id=12m", "certify-form")
    submit(page, "input[name=round_id]")
    recorded(page)
    checked(page)


def appeal(page: Page, live: Live) -> None:
    visit(page, f"{live.url}{AGREEMENT}/appeals/new", "appeal-form")
    page.locator("#f-appeal_id").fill("AP-2557-WEB")
    page.locator("#f-round_id").select_option("12m")
    page.locator("#f-kpi_id").select_option("P3")
    page.locator("#f-claim").fill(f"The police region's audited crime figures are lower {HOSTILE}")
    page.locator("#f-effective_at").fill("27/03/2558")
    submit(page, "#f-claim")
    recorded(page)
    checked(page)


def uphold(page: Page, live: Live) -> None:
    visit(page, f"{live.url}{AGREEMENT}")
    page.get_by_role("link", name=re.compile(r"บันทึกมติต่อคำอุทธรณ์.*AP-2557-WEB")).click()
    checked(page, "appeal-decision")
    page.locator("#f-outcome").select_option("upheld")
    page.locator("#f-body").fill(f"Appeals sub-committee {HOSTILE}")
    page.locator("#f-rationale").fill(f"The audited figures are confirmed {HOSTILE}")
    page.locator("#f-effective_at").fill("10/04/2558")
    submit(page, "#f-outcome")
    recorded(page)
    checked(page)


def adjust(page: Page, live: Live) -> str:
    """The adjusted score, as the page will show it."""
    visit(page, f"{live.url}{AGREEMENT}/appeals/AP-2557-WEB/adjust", "adjust-score")
    page.locator("#f-new_score").fill("3.2")
    page.locator("#f-reason").fill(f"The audited figure scores 3.2 {HOSTILE}")
    page.locator("#f-authority").fill(f"Appeals sub-committee {HOSTILE}")
    page.locator("#f-effective_at").fill("10/04/2558")
    submit(page, "#f-new_score")
    recorded(page)
    checked(page)
    return "3.2"


def look_back(page: Page, live: Live) -> None:
    """The auditor reads K3's timeline, then moves its date to before the change season:
    the earlier thresholds are the ones in force then, the new ones after."""
    visit(page, f"{live.url}{AGREEMENT}/kpis/K3", "kpi-timeline-th")
    expect(page.locator("#main")).to_contain_text(HOSTILE)  # shown as text, never run
    expect(page.locator("#main")).to_contain_text("30/06/2557")  # BE dates for Thai readers
    then = page.locator("#then")
    for day, in_force, not_yet in (
        ("15/05/2557", "88 / 90 / 92 / 94 / 96", "84 / 86 / 88 / 90 / 92"),
        ("15/07/2557", "84 / 86 / 88 / 90 / 92", "88 / 90 / 92 / 94 / 96"),
    ):
        page.locator("#f-at").fill(day)
        page.locator("#basis-effective").check()
        submit(page, "#f-at")
        expect(then).to_contain_text(in_force)
        expect(then).not_to_contain_text(not_yet)
        checked(page, f"kpi-timeline-at-{day.replace('/', '-')}")
    page.get_by_role("link", name="English").click()
    expect(page.locator("#main")).to_contain_text("2014-06-30")  # ISO for English readers
    checked(page, "kpi-timeline-en")
    assert not pwned(page)
