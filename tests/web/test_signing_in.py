"""Signing in to the pages: the session cookie, CSRF on every form, the language toggle, and
sessions that end."""

from __future__ import annotations

from datetime import timedelta

from litestar.testing import TestClient

from commands.http.app import create_app
from commands.web.session import LIMIT
from ledger.thaidate import utc_now
from tests.web.world import WebClient, World


def test_a_page_asks_a_stranger_to_sign_in_and_returns_there_after(web: WebClient) -> None:
    answer = web.get("/agreements", year="2557")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=%2Fagreements%3Fyear%3D2557"
    signed = web.post(
        "/login", {"token": web.world.tokens["opdc-secretariat"], "next": "/agreements?year=2557"}
    )
    assert signed.status_code == 303
    assert signed.headers["location"] == "/agreements?year=2557"


def test_the_session_cookie_is_httponly_strict_and_never_holds_the_token(web: WebClient) -> None:
    token = web.world.tokens["opdc-secretariat"]
    answer = web.post("/login", {"token": token})
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "ledger_session" in c)
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain HTTP on 127.0.0.1
    assert token.split("_", 2)[2] not in cookie  # the whole secret (it may hold "_")


def test_over_https_every_cookie_is_secure(full_world: World) -> None:
    with TestClient(create_app(full_world.settings), base_url="https://ledger.example") as client:
        page = client.get("/login")
        csrf = client.cookies["ledger_csrf"]
        answer = client.post(
            "/login",
            data={"token": full_world.tokens["opdc-secretariat"], "_csrf_token": csrf},
            follow_redirects=False,
        )
    cookies = page.headers.get_list("set-cookie") + answer.headers.get_list("set-cookie")
    assert cookies
    assert all("; Secure" in cookie for cookie in cookies)


def test_a_wrong_token_is_refused_in_thai_with_its_rule(web: WebClient) -> None:
    answer = web.post("/login", {"token": "al1_0000000000000000_" + "x" * 43})
    assert answer.status_code == 401
    assert "ต้องเข้าสู่ระบบใหม่" in answer.text
    assert "is not known" in answer.text
    assert "ledger_session" not in answer.headers.get("set-cookie", "")


def test_a_form_posted_without_its_csrf_token_is_refused(web: WebClient) -> None:
    answer = web.client.post(
        "/login", data={"token": web.world.tokens["opdc-secretariat"]}, follow_redirects=False
    )
    assert answer.status_code == 403
    assert "_csrf_token" in answer.text
    assert "ledger_session" not in answer.headers.get("set-cookie", "")


def test_signing_out_ends_the_session(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    assert web.get("/agreements").status_code == 200
    assert web.post("/logout", {}).status_code == 303
    assert web.get("/agreements").status_code == 303


def test_a_revoked_token_ends_its_sessions(open_world: World) -> None:
    from commands.wiring import build_context
    from tests.http.people import run

    with WebClient(open_world) as web:
        web.sign_in("TH-81-office")
        assert web.get("/agreements").status_code == 200
        token_id = open_world.tokens["TH-81-office"].split("_")[1]
        ctx = build_context(open_world.settings)
        try:
            run(
                ctx.entering("ledger-admin"),
                {
                    "type": "revoke_token",
                    "actor": {"id": "ledger-admin", "role": "administrator"},
                    "token_id": token_id,
                    "reason": "left the office",
                },
            )
        finally:
            ctx.app.close()
        assert web.get("/agreements").status_code == 303


def test_a_session_ends_twelve_hours_after_signing_in(full_world: World) -> None:
    later = [utc_now()]
    app = create_app(full_world.settings, clock=lambda: later[0])
    with TestClient(app) as client:
        client.get("/login")
        client.post(
            "/login",
            data={
                "token": full_world.tokens["opdc-secretariat"],
                "_csrf_token": client.cookies["ledger_csrf"],
            },
        )
        assert client.get("/agreements", follow_redirects=False).status_code == 200
        later[0] += LIMIT + timedelta(minutes=1)
        assert client.get("/agreements", follow_redirects=False).status_code == 303


def test_the_language_toggle_switches_and_stays_on_this_site(web: WebClient) -> None:
    assert 'lang="th"' in web.get("/login").text
    switched = web.get("/language/en", next="/login")
    assert switched.status_code == 303
    assert switched.headers["location"] == "/login"
    assert 'lang="en"' in web.get("/login").text
    assert web.get("/language/en", next="//evil.example/").headers["location"] == "/"


def test_an_unknown_page_is_a_page_not_json(web: WebClient) -> None:
    answer = web.get("/no/such/page")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "Traceback" not in answer.text


def test_every_page_forbids_scripts_framing_and_sniffing(web: WebClient) -> None:
    headers = web.get("/login").headers
    assert "script-src 'none'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
