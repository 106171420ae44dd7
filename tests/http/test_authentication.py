"""Every /api route wants a bearer token that is known, unexpired and unrevoked; a token is
never repeated in an answer or the access log; each token has its own rate limit."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from litestar.testing import TestClient

from commands.handlers import HandlerContext
from commands.http.app import create_app
from commands.http.limits import RateLimit
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now
from tests.http.conftest import Served
from tests.http.people import ADMIN, bearer, people

API = "/api/commands"


def refusal_of(served: Served, headers: dict[str, str]) -> dict[str, str]:
    answer = served.client.post(API, json={"type": "register_unit"}, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    body: dict[str, str] = answer.json()
    assert body["error"] == "unauthenticated"
    return body


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Basic YWRtaW46YWRtaW4="},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Bearer al1_0123456789abcdef_" + "A" * 43},
    ],
    ids=["none", "basic", "empty", "malformed", "unknown"],
)
def test_a_missing_or_unknown_token_is_401(served: Served, headers: dict[str, str]) -> None:
    refusal_of(served, headers)


def test_a_revoked_token_is_401_and_the_answer_never_repeats_it(served: Served) -> None:
    token = served.tokens["reporter-81"]
    token_id = token.split("_")[1]
    revoke = {"type": "revoke_token", "actor": ADMIN, "token_id": token_id, "reason": "lost"}
    admin = bearer(served.tokens["admin"])
    assert served.client.post(API, json=revoke, headers=admin).status_code == 201
    body = refusal_of(served, bearer(token))
    assert "revoked" in body["message"]
    assert token not in str(body)
    assert token.split("_", 2)[2] not in str(body)  # the secret may hold "_" itself


def test_an_expired_token_is_401(settings: Settings, ctx: HandlerContext) -> None:
    tokens = people(ctx)
    later = create_app(settings, clock=lambda: utc_now() + timedelta(days=400))
    with TestClient(later) as client:
        answer = client.get("/api/nothing", headers=bearer(tokens["admin"]))
        refused = client.post(API, json={}, headers=bearer(tokens["admin"]))
    assert answer.status_code == 404  # no route: nothing to sign in to
    assert refused.status_code == 401
    assert "expired" in refused.json()["message"]


def test_health_ready_and_the_schema_are_open(served: Served) -> None:
    assert served.client.get("/health").json() == {"status": "alive"}
    assert served.client.get("/ready").json()["status"] == "ready"
    schema = served.client.get("/schema/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.1")


def test_a_token_over_its_rate_is_429_with_retry_after_and_others_go_on(
    settings: Settings, ctx: HandlerContext
) -> None:
    tokens = people(ctx)
    app = create_app(settings, rate_limit=RateLimit(rate=0.01, burst=3))
    with TestClient(app) as client:
        answers = [client.post(API, json={}, headers=bearer(tokens["opdc-1"])) for _ in range(4)]
        other = client.post(API, json={}, headers=bearer(tokens["admin"]))
    assert [a.status_code for a in answers] == [400, 400, 400, 429]
    assert answers[3].json()["error"] == "rate-limited"
    assert int(answers[3].headers["Retry-After"]) >= 1
    assert other.status_code == 400


def test_the_access_log_names_the_user_and_never_holds_a_token(
    served: Served, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    token = served.tokens["opdc-1"]
    served.client.post(API, json={"type": "nonsense"}, headers=bearer(token))
    served.client.get("/api/commands?token=" + token, headers=bearer(token))
    served.client.post(API, json={}, headers=bearer(token + "x"))
    access = [r.getMessage() for r in caplog.records if r.name == "ledger.http.access"]
    assert any(
        line.startswith("POST /api/commands 400") and "user=opdc-1" in line for line in access
    )
    assert any(line.startswith("GET /api/commands 405") for line in access)
    captured = capsys.readouterr()
    # The test's own HTTP client (httpx) logs the URL it sent; the server's records are checked.
    server = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    everything = "\n".join(
        [
            *(r.getMessage() for r in server),
            *(str(r.args) for r in server),
            captured.out,
            captured.err,
        ]
    )
    secret = token.split("_", 2)[2]
    assert secret not in everything
    assert token not in everything
