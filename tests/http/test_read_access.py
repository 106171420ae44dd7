"""Reads over HTTP answer only what the signed-in user's grants cover, by the rule the web
pages apply (``ledger.domain.identity.reading``): over the demo's Andaman year, Krabi's office
(assessed_unit for TH-81) reads Krabi alone, the state auditor (FY2557 provinces) every
agreement of the year but no identity event, OPDC everything, and an auditor of FY2568
nothing of this year."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from commands.authentication import new_token
from commands.demo.cast import AUDITOR, office
from commands.demo.common import OPDC
from commands.demo.shared_year import JOINT_ID
from commands.http.app import create_app
from commands.http.limits import RateLimit
from commands.wiring import build_context
from ledger.domain.identity.reading import READ_RULE, WHOLE_LEDGER_RULE
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now
from tests.http.people import bearer, run
from tests.web.world import build_world

KRABI, TRANG, GROUP = "TH-81/2557", "TH-92/2557", "GRP-ANDAMAN/2557"
OFFICE, OUTSIDER = office("TH-81"), "auditor-2568"


@dataclass
class Served:
    client: TestClient[Litestar]
    tokens: dict[str, str]

    def get(self, user: str, path: str, **params: Any) -> Any:
        return self.client.get(path, params=params or None, headers=bearer(self.tokens[user]))

    def agreements(
        self, user: str, path: str, pick: Any = lambda row: row["agreement"]
    ) -> set[str]:
        answer = self.get(user, path)
        assert answer.status_code == 200, answer.text
        return {pick(row) for row in answer.json()}


def _add_outsider(settings: Settings) -> str:
    """An auditor of the FY2568 provinces (nothing of FY2557 is theirs), with a token."""
    ctx = build_context(settings)
    admin = {"id": "ledger-admin", "role": "administrator"}
    token = new_token()
    expires = (utc_now() + timedelta(days=30)).isoformat()
    for command in (
        {"type": "add_user", "user_id": OUTSIDER, "name_th": "ผู้ตรวจ", "name_en": "Auditor"},
        {"type": "grant_role", "user_id": OUTSIDER, "role": "auditor",
         "framework_id": "fy2568-provinces", "fiscal_year": 2568},
        {"type": "issue_token", "user_id": OUTSIDER, "token_id": token.token_id,
         "secret_sha256": token.sha256, "expires_at": expires},
    ):  # fmt: skip
        run(ctx.entering(admin["id"]), {"actor": admin, **command})
    ctx.app.close()
    return token.token


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("read-access")
    world = build_world(folder, Settings(database=str(folder / "ledger.sqlite")))
    tokens = {**world.tokens, OUTSIDER: _add_outsider(world.settings)}
    app = create_app(world.settings, rate_limit=RateLimit(rate=10_000, burst=10_000))
    with TestClient(app) as client:
        yield Served(client, tokens)


AGREEMENT_READS = [
    "/api/agreements/{}",
    "/api/agreements/{}/scores",
    "/api/agreements/{}/history",
    "/api/agreements/{}/audit",
    "/api/agreements/{}/as-of?at=2030-01-01",
    "/api/agreements/{}/diff?from=2030-01-01&to=2031-01-01",
    "/api/agreements/{}/requests/CR-1/what-if",
    "/api/registers/sar?agreement={}",
    "/api/registers/changes?agreement={}",
    "/api/warnings?agreement={}",
    "/api/governor?agreement={}",
    "/api/warnings/drift?agreement={}",
    "/api/cascades/{}/G2",
]


@pytest.mark.parametrize("path", AGREEMENT_READS)
def test_an_agreement_outside_the_users_grants_is_403_naming_the_rule(
    served: Served, path: str
) -> None:
    answer = served.get(OFFICE, path.format(TRANG))
    assert answer.status_code == 403, answer.text
    body = answer.json()
    assert (body["error"], body["field"], body["rule"]) == ("not-allowed", "agreement", READ_RULE)
    assert "TH-92" in body["expected"]


@pytest.mark.parametrize("path", [p for p in AGREEMENT_READS if "what-if" not in p])
def test_the_users_own_agreement_is_answered(served: Served, path: str) -> None:
    answer = served.get(OFFICE, path.format(KRABI))
    assert answer.status_code == 200, answer.text


LISTS = [
    ("/api/agreements", lambda row: row["agreement"]),
    ("/api/scores", lambda row: row["agreement"]),
    ("/api/audit", lambda row: row["agreement"]),
    ("/api/registers/sar", lambda row: row["entry"]["agreement"]),
    ("/api/registers/changes", lambda row: row["agreement"]),
    ("/api/warnings?all=true", lambda row: row["agreement"]),
]


@pytest.mark.parametrize(("path", "pick"), LISTS, ids=[path for path, _ in LISTS])
def test_a_list_keeps_only_the_agreements_the_user_may_read(
    served: Served, path: str, pick: Any
) -> None:
    everything = served.agreements(OPDC["id"], path, pick)
    assert KRABI in everything
    assert everything - {KRABI}, everything
    assert served.agreements(AUDITOR, path, pick) == everything
    assert served.agreements(OFFICE, path, pick) == {KRABI}
    assert served.agreements(OUTSIDER, path, pick) == set()


def test_a_joint_kpi_shows_its_participants_the_user_may_read(served: Served) -> None:
    def participants(user: str) -> set[str]:
        answer = served.get(user, f"/api/joints/{JOINT_ID}")
        assert answer.status_code == 200, answer.text
        return {p["agreement"] for p in answer.json()["participants"]}

    assert participants(OFFICE) == {KRABI}
    assert len(participants(OPDC["id"]) - {KRABI}) >= 1
    assert JOINT_ID in served.agreements(
        OFFICE, "/api/joints", lambda row: row["joint"]["joint_id"]
    )
    assert served.get(OUTSIDER, "/api/joints").json() == []
    refused = served.get(OUTSIDER, f"/api/joints/{JOINT_ID}")
    assert refused.status_code == 403
    assert (refused.json()["field"], refused.json()["rule"]) == ("joint_id", READ_RULE)


def test_a_cascade_keeps_the_kpis_above_and_the_readable_ones_below(served: Served) -> None:
    def refs(tree: dict[str, Any]) -> set[str]:
        return {tree["node"]["agreement"]}.union(*(refs(c) for c in tree["children"]))

    whole = served.get(OPDC["id"], "/api/cascades/TH-81/2557/G2").json()
    assert {GROUP, KRABI, TRANG} <= refs(whole)
    mine = served.get(OFFICE, "/api/cascades/TH-81/2557/G2").json()
    assert refs(mine) == {GROUP, KRABI}
    assert served.get(OFFICE, "/api/cascades/GRP-ANDAMAN/2557/G2").status_code == 403


def _position(served: Served, ref: str) -> int:
    history = served.get(OPDC["id"], f"/api/agreements/{ref}/history").json()
    return int(history[0]["position"])


def test_a_proof_is_given_for_the_users_agreements_only(served: Served) -> None:
    assert served.get(OFFICE, "/api/proofs", event=str(_position(served, KRABI))).status_code == 200
    refused = served.get(OFFICE, "/api/proofs", event=str(_position(served, TRANG)))
    assert refused.status_code == 403
    assert refused.json()["rule"] == READ_RULE


@pytest.mark.parametrize("user", [OFFICE, AUDITOR])
def test_an_identity_events_proof_needs_a_whole_ledger_grant(served: Served, user: str) -> None:
    refused = served.get(user, "/api/proofs", event="1")  # the bootstrap: a user, not an agreement
    assert refused.status_code == 403
    assert (refused.json()["field"], refused.json()["rule"]) == ("event", WHOLE_LEDGER_RULE)
    assert served.get(OPDC["id"], "/api/proofs", event="1").status_code == 200


def test_entry_bundles_hold_every_event_so_only_whole_ledger_readers_get_them(
    served: Served,
) -> None:
    size = int(served.client.get("/tlog/checkpoint").text.splitlines()[1])
    path = "/tlog/tile/entries/000" + ("" if size >= 256 else f".p/{size}")
    assert served.get(OPDC["id"], path).status_code == 200
    for user in (OFFICE, AUDITOR):
        refused = served.get(user, path)
        assert refused.status_code == 403
        assert refused.json()["rule"] == WHOLE_LEDGER_RULE
