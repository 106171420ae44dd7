"""Steps of the year as people take them in the browser: each signs in as a user and works
through the pages by their labels and controls, as someone at a desk would.

``HOSTILE`` goes into every free-text field: if any page ever ran it, ``window.__pwned`` would
be set (the tests check it never is, with the pages' CSP switched off so that escaping alone
is tested).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import msgspec
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.browser import axe_violations, shot
from tests.http.live import Live
from tests.web.world import lines_upto

__all__ = [
    "HOSTILE",
    "PDF",
    "checked",
    "demo_command",
    "open_as",
    "pwned",
    "recorded",
    "submit",
    "through_the_api",
    "visit",
]

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> & "quotes"'
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def demo_command(kind: str, **match: str) -> dict[str, Any]:
    """The demo year's own command of ``kind`` whose fields equal ``match`` (its numbers and
    dates are the ones the browser types)."""
    for line in lines_upto(None):
        command: dict[str, Any] = msgspec.json.decode(line)
        if command["type"] == kind and all(command.get(k) == v for k, v in match.items()):
            return command
    raise LookupError(f"the demo has no {kind} with {match}")


def through_the_api(live: Live, user: str, command: dict[str, Any]) -> None:
    """Send one command as ``user`` through ``POST /api/commands``, as another agency's own
    system would (the joint KPI's host files its shared result that way here)."""
    answer = httpx.post(
        f"{live.url}/api/commands",
        json=command,
        headers={"Authorization": f"Bearer {live.tokens[user]}"},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text


def open_as(browser: Browser, live: Live, user: str, *, language: str = "th") -> Page:
    """A fresh browser context signed in as ``user`` through the sign-in form."""
    context = browser.new_context(bypass_csp=True, locale="th-TH")
    page = context.new_page()
    page.goto(f"{live.url}/language/{language}?next=/login")
    page.locator("#f-token").fill(live.tokens[user])
    page.locator("form[action='/login'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/agreements$"))
    return page


def visit(page: Page, url: str, name: str | None = None) -> None:
    """Open ``url``, check it with axe-core and that no script ran; a screenshot as NAME."""
    page.goto(url)
    checked(page, name)


def checked(page: Page, name: str | None = None) -> None:
    assert axe_violations(page) == [], page.url
    assert not pwned(page), page.url
    if name:
        shot(page, name)


def submit(page: Page, form: str) -> None:
    """Press the submit button of the form holding ``form`` (a CSS selector inside it)."""
    page.locator(f"form:has({form}) button[type=submit]").last.click()


def recorded(page: Page) -> None:
    """The form was recorded: the agreement page says so (else: what the page refused)."""
    try:
        page.wait_for_url(re.compile(r"\?recorded="), timeout=15_000)
    except PlaywrightTimeout:
        refusal = page.locator("#refusal")
        said = refusal.inner_text() if refusal.count() else page.locator("#main").inner_text()
        raise AssertionError(f"not recorded at {page.url}: {said}") from None
    expect(page.locator("#notice")).to_be_visible()


def pwned(page: Page) -> bool:
    return bool(page.evaluate("() => window.__pwned === 1"))
