"""Signing in, the language toggle and the agreements list in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser import axe_violations, shot
from tests.http.live import Live


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="th-TH", bypass_csp=True)
    yield context.new_page()
    context.close()


def sign_in(page: Page, live: Live, user: str) -> None:
    page.goto(f"{live.url}/agreements")
    page.get_by_label("รหัสเข้าใช้งาน (โทเคน)").fill(live.tokens[user])
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    # Reading the page before the redirect lands finds no document (a CI failure).
    expect(page).not_to_have_url(re.compile(r"/login"))
    page.wait_for_load_state()


def test_signing_in_with_the_keyboard_alone_lands_on_the_page_asked_for(
    page: Page, served: Live
) -> None:
    page.goto(f"{served.url}/agreements?year=2557")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")  # the language toggle
    page.keyboard.press("Tab")  # the token field
    page.keyboard.type(served.tokens["opdc-secretariat"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/agreements\?year=2557$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("คำรับรองการปฏิบัติราชการ")
    expect(page.get_by_role("link", name=re.compile("TH-81"))).to_be_visible()


def test_the_sign_in_page_and_the_list_have_no_serious_accessibility_violations(
    page: Page, served: Live
) -> None:
    page.goto(f"{served.url}/login")
    assert axe_violations(page) == []
    sign_in(page, served, "opdc-secretariat")
    assert axe_violations(page) == []
    shot(page, "agreements-th")


def test_english_is_one_click_away_and_stays(page: Page, served: Live) -> None:
    sign_in(page, served, "opdc-secretariat")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance agreements")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance agreements")
    shot(page, "agreements-en")


def test_a_form_posted_without_its_csrf_token_is_refused(page: Page, served: Live) -> None:
    sign_in(page, served, "opdc-secretariat")
    answer = page.request.post(f"{served.url}/logout", form={"x": "1"})
    assert answer.status == 403
    page.goto(f"{served.url}/agreements")
    expect(page.get_by_role("heading", level=1)).to_have_text("คำรับรองการปฏิบัติราชการ")


def test_on_a_phone_the_list_stacks_and_nothing_scrolls_sideways(
    browser: Browser, served: Live
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, bypass_csp=True
    )
    phone = context.new_page()
    try:
        sign_in(phone, served, "opdc-secretariat")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375
        shot(phone, "agreements-phone")
    finally:
        context.close()
