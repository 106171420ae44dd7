"""An API over a fresh store (each backend) with its people provisioned, through Litestar's
test client (the same ASGI app ``ledger serve`` runs, without a socket)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from commands.handlers import HandlerContext
from commands.http.app import create_app
from commands.http.limits import RateLimit
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from tests.http.people import people


@dataclass
class Served:
    client: TestClient[Litestar]
    tokens: dict[str, str]
    ctx: HandlerContext


@pytest.fixture
def ctx(settings: Settings) -> Iterator[HandlerContext]:
    """The store on the real clock: tokens expire in real time, as the server checks them."""
    context = build_context(settings)
    yield context
    context.app.close()


@pytest.fixture
def served(settings: Settings, ctx: HandlerContext) -> Iterator[Served]:
    tokens = people(ctx)
    app = create_app(settings, rate_limit=RateLimit(rate=1000, burst=1000))
    with TestClient(app) as client:
        yield Served(client, tokens, ctx)
