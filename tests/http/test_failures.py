"""What a client sees when something other than its request fails: the store going away is a
503 in the error shape; a bug is a 500 that carries no traceback, while the operator's log
holds it."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest
from litestar.testing import TestClient

from commands.handlers import HandlerContext
from commands.http.app import create_app
from ledger.persistence.settings import Settings
from tests.builders import OPDC
from tests.http.people import bearer, people
from tests.stores import BASE_URL


def broken_clock() -> datetime:
    raise ZeroDivisionError("the clock is broken")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_bug_is_a_json_500_without_traceback_and_logged_with_one(
    settings: Settings, ctx: HandlerContext, caplog: pytest.LogCaptureFixture
) -> None:
    tokens = people(ctx)
    with TestClient(create_app(settings, clock=broken_clock)) as client:
        answer = client.post("/api/commands", json={}, headers=bearer(tokens["admin"]))
    assert answer.status_code == 500
    assert answer.json()["error"] == "internal"
    assert "Traceback" not in answer.text
    assert "ZeroDivisionError" not in answer.text
    (logged,) = [r for r in caplog.records if r.name == "ledger.http"]
    assert logged.exc_info is not None
    assert logged.exc_info[0] is ZeroDivisionError


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_store_that_went_away_is_503_on_ready_and_on_writes(
    settings: Settings, ctx: HandlerContext
) -> None:
    tokens = people(ctx)
    with TestClient(create_app(settings)) as client:
        assert client.get("/ready").status_code == 200
        (schema,) = parse_qs(urlparse(settings.database).query)["schema"]
        with psycopg.connect(BASE_URL, autocommit=True) as owner:
            owner.execute(f'DROP SCHEMA "{schema}" CASCADE')
        ready = client.get("/ready")
        write = client.post(
            "/api/commands",
            json={"type": "register_unit", "actor": OPDC, "unit_id": "TH-90",
                  "name_th": "ก", "name_en": "A", "level": "province"},
            headers=bearer(tokens["opdc-1"]),
        )  # fmt: skip
    assert ready.status_code == 503
    assert ready.json()["error"] == "store-unavailable"
    assert write.status_code == 503
    assert write.json()["error"] == "store-unavailable"
