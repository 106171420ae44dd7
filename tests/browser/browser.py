"""The real browser for the end-to-end tests: Debian's Chromium driven by Playwright, headless,
one browser per test module; axe-core (from npm, tests/browser/package.json) injected into a
page to check it; screenshots kept under tests/artifacts/.

Nothing here is mocked: the pages come from ``ledger serve`` over a real store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

__all__ = ["ARTIFACTS", "AXE", "CHROMIUM", "Violation", "axe_violations", "require_browser", "shot"]

HERE = Path(__file__).parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = HERE.parent / "artifacts"
# Serious and critical are the impacts the issue forbids; minor and moderate are reported.
SERIOUS = frozenset({"serious", "critical"})


def require_browser() -> None:
    """Skip outside CI when Chromium or axe-core is missing (`make test` installs both);
    in CI a missing browser is a failure."""
    missing = [str(p) for p in (CHROMIUM, AXE) if not p.exists()]
    if not missing:
        return
    message = f"{', '.join(missing)} missing: `make test` installs them"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: list[str]


def axe_violations(page: Page) -> list[Violation]:
    """axe-core's WCAG 2 A and AA (and best-practice) violations of serious or critical impact
    on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]}
        })).violations"""
    )
    return [
        Violation(
            rule=v["id"],
            impact=v["impact"] or "",
            help=v["help"],
            targets=[str(node["target"]) for node in v["nodes"]],
        )
        for v in found
        if v["impact"] in SERIOUS
    ]


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as tests/artifacts/NAME.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
