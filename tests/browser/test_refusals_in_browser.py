"""What the browser must refuse or adapt to: a page outside the user's grants (followed or
typed by hand), a form posted without its CSRF token, a phone's width, print, and a user
with a keyboard and no mouse."""

from __future__ import annotations

import httpx
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser import shot
from tests.browser.year import checked, demo_command, open_as, recorded
from tests.http.live import Live

OTHER = "/agreements/TH-81/2557"


def test_pages_outside_the_users_grants_are_refused_even_typed_by_hand(
    browser: Browser, served: Live
) -> None:
    page = open_as(browser, served, "TH-82-office")
    expect(page.locator("#main")).to_contain_text("TH-82")
    expect(page.get_by_role("link", name="TH-81 จังหวัดกระบี่")).to_have_count(0)
    for path in (OTHER, f"{OTHER}/sar", f"{OTHER}/kpis/P1", f"{OTHER}/integrity"):
        answer = page.goto(f"{served.url}{path}")
        assert answer is not None
        assert answer.status == 403, path
        expect(page.get_by_role("heading", level=1)).to_have_text("ท่านไม่มีสิทธิ์ดำเนินการหรือดูข้อมูลนี้")
        checked(page)
    shot(page, "refused-outside-grants")


def test_a_sar_posted_without_the_csrf_token_is_refused_and_records_nothing(
    browser: Browser, served: Live
) -> None:
    page = open_as(browser, served, "TH-81-office")
    answer = page.request.post(
        f"{served.url}{OTHER}/sar",
        multipart={
            "round_id": "9m",
            "actor": "user:assessed_unit:TH-81-office",
            "actual-P1": "3000",
        },
    )
    assert answer.status == 403
    sars = httpx.get(
        f"{served.url}/api/registers/sar",
        params={"agreement": "TH-81/2557"},
        headers={"Authorization": f"Bearer {served.tokens['opdc-secretariat']}"},
    ).json()
    assert [line["entry"]["filings"] for line in sars if line["entry"]["round_id"] == "9m"] == [[]]


def test_on_a_phone_the_agreement_and_the_sar_form_fit_the_screen(
    browser: Browser, served: Live
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, bypass_csp=True
    )
    page = context.new_page()
    try:
        page.goto(f"{served.url}/login")
        page.locator("#f-token").fill(served.tokens["TH-81-office"])
        page.locator("form[action='/login'] button[type=submit]").click()
        for path, name in ((OTHER, "agreement-phone"), (f"{OTHER}/sar", "sar-form-phone")):
            page.goto(f"{served.url}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
            checked(page, name)
    finally:
        context.close()


def test_printing_an_agreement_leaves_out_the_menu_and_the_forms(
    browser: Browser, served: Live
) -> None:
    page = open_as(browser, served, "opdc-secretariat")
    page.goto(f"{served.url}{OTHER}")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="เมนูหลัก")).to_be_hidden()
    expect(page.locator("form.signout")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.pdf(format="A4")[:5] == b"%PDF-"


def tab_to(page: Page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element ``selector`` names has the focus (as a keyboard user
    moves through a page); fails if it is never reached."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is never reached with the Tab key")


def test_a_sar_is_filed_with_the_keyboard_alone(browser: Browser, served: Live) -> None:
    demo = demo_command("file_sar", agreement="TH-83/2557", round_id="9m")
    page = open_as(browser, served, "TH-83-office")
    page.goto(f"{served.url}/agreements/TH-83/2557")
    tab_to(page, "a[href='/agreements/TH-83/2557/sar']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/agreements/TH-83/2557/sar")
    # A joint KPI's result is its host's to file: the form has no field for it.
    typed = [r for r in demo["results"] if page.locator(f"#f-actual-{r['kpi_id']}").count()]
    assert len(typed) >= 3
    for result in typed:
        tab_to(page, f"#f-actual-{result['kpi_id']}")
        page.keyboard.type(result["actual"])
    tab_to(page, "#f-narrative")
    page.keyboard.type("Typed without a mouse")
    for name in ("effective_at", "filed_at"):
        tab_to(page, f"#f-{name}")
        page.keyboard.type(demo[name][:10])
    tab_to(page, "form:has(#f-narrative) button[type=submit]")
    page.keyboard.press("Enter")
    recorded(page)
