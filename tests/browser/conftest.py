"""A served year and one browser per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from ledger.persistence.settings import Settings
from tests.browser.browser import CHROMIUM, require_browser
from tests.http.live import Live, serving
from tests.web.world import build_world


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_browser()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """``ledger serve`` over the demo year stopped before its first report (every agreement
    signed, the first change round decided): the browser tests record the rest."""
    folder = tmp_path_factory.mktemp("served-year")
    world = build_world(folder, Settings(database=str(folder / "ledger.sqlite")), upto="file_sar")
    with serving(world.settings, folder, world.tokens) as live:
        yield live
