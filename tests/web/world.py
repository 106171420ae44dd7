"""The web tests' world: the demo's Andaman year (its users, bodies, grants and tokens, its
units, KPIs and agreements) recorded on a fresh store up to a chosen point, sealed with a log
key of its own; and a test client signed in as one of its users.

``upto`` names the first command type left out (``"file_sar"``: the year stops before the
first report, so the pages can file it); None records the whole year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from litestar import Litestar
from litestar.testing import TestClient

from commands.cli.demo import demo_lines, store_demo_evidence
from commands.cli.demo_cast import record_year
from commands.demo.scenarios import ANDAMAN
from commands.http.app import create_app
from commands.http.limits import RateLimit
from commands.wiring import build_context
from ledger.integrity.keys import generate, write_signer
from ledger.integrity.log import TransparencyLog
from ledger.persistence.settings import Settings

__all__ = ["WebClient", "World", "build_world", "lines_upto"]


@dataclass(frozen=True)
class World:
    settings: Settings
    tokens: dict[str, str]


def lines_upto(upto: str | None) -> list[str]:
    lines = demo_lines()
    if upto is None:
        return lines
    for index, line in enumerate(lines):
        if msgspec.json.decode(line)["type"] == upto:
            return lines[:index]
    raise ValueError(f"the demo year has no {upto} command")


def build_world(folder: Path, settings: Settings, *, upto: str | None = None) -> World:
    """Record the demo year on ``settings``' fresh store (up to ``upto``) and seal it with a
    log key written in ``folder``."""
    key = generate("web-test-log", "log")
    write_signer(key, folder / "log.key")
    settings = msgspec.structs.replace(settings, log_key=str(folder / "log.key"))
    ctx = build_context(settings)
    try:
        lines = lines_upto(upto)
        cast, _ = record_year(ctx, ANDAMAN, lines)
        log = TransparencyLog(ctx.app)
        store_demo_evidence(log, lines)
        log.catch_up()
        log.sign_head(key)
    finally:
        ctx.app.close()
    return World(settings, {user: token.token for user, token in cast.tokens.items()})


class WebClient:
    """A test client over ``create_app`` (the app ``ledger serve`` runs, without a socket)
    that signs in through the sign-in form and sends each form's CSRF token."""

    def __init__(self, world: World) -> None:
        self.world = world
        app = create_app(world.settings, rate_limit=RateLimit(rate=1000, burst=1000))
        self.client: TestClient[Litestar] = TestClient(app)

    def __enter__(self) -> WebClient:
        self.client.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.__exit__(*exc)

    def csrf(self) -> str:
        """The CSRF token a page's forms carry (drawn on the first page seen)."""
        if "ledger_csrf" not in self.client.cookies:
            self.client.get("/login")
        token = self.client.cookies["ledger_csrf"]
        assert isinstance(token, str)
        return token

    def sign_in(self, user_id: str) -> None:
        self.client.cookies.delete("ledger_session")
        answer = self.post("/login", {"token": self.world.tokens[user_id]})
        assert answer.status_code == 303, answer.text

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params=params or None, follow_redirects=False)

    def post(self, path: str, data: dict[str, Any], files: Any = None) -> Any:
        return self.client.post(
            path, data={**data, "_csrf_token": self.csrf()}, files=files, follow_redirects=False
        )


def hidden(page: str, name: str) -> str:
    """The value of a form's hidden field (a command id, say)."""
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    assert found, f"no field {name}"
    return found.group(1)
