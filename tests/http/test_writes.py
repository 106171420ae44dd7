"""Writes over HTTP: the same commands, decoding and rules as `ledger apply`, answered with the
events recorded and their log positions; refusals in the one error shape."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from tests.builders import OPDC, UNIT, sar, unit_with_agreement
from tests.http.conftest import Served
from tests.http.people import REPORTER, bearer

ERROR_KEYS = {"error", "message", "field", "rule", "expected", "actual"}


def post(served: Served, who: str, command: dict[str, Any], path: str = "/api/commands") -> Any:
    return served.client.post(path, json=command, headers=bearer(served.tokens[who]))


def register(unit_id: str) -> dict[str, Any]:
    return unit_with_agreement(unit_id, "province", 2568, "fy2568-provinces")[0]


def test_a_command_is_recorded_and_answered_with_its_events_and_positions(served: Served) -> None:
    answer = post(served, "opdc-1", register("TH-84"))
    assert answer.status_code == 201
    body = answer.json()
    assert body["command_type"] == "register_unit"
    assert body["resent"] is False
    (event,) = body["events"]
    assert event["type"] == "UnitRegistered"
    assert event["version"] == 1
    recorded = dict(served.ctx.app.all_events())
    assert type(recorded[event["position"]]).__name__ == "UnitRegistered"
    assert str(recorded[event["position"]].originator_id) == event["aggregate_id"]


def test_the_typed_route_takes_its_own_type_and_refuses_another(served: Served) -> None:
    assert (
        post(served, "opdc-1", register("TH-84"), "/api/commands/register_unit").status_code == 201
    )
    refused = post(served, "opdc-1", register("TH-85"), "/api/commands/open_agreement")
    assert refused.status_code == 400
    assert refused.json()["field"] == "$.type"
    assert refused.json()["expected"] == "open_agreement"


def test_a_command_sent_twice_with_its_id_is_recorded_once_and_answered_200(
    served: Served,
) -> None:
    command = {**register("TH-84"), "command_id": str(uuid4())}
    before = served.ctx.app.head()
    first, second = post(served, "opdc-1", command), post(served, "opdc-1", command)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["resent"] is True
    assert second.json()["events"] == first.json()["events"]
    assert served.ctx.app.head() == before + 2  # the event and the command's receipt


def test_an_id_reused_for_another_command_is_409(served: Served) -> None:
    command_id = str(uuid4())
    post(served, "opdc-1", {**register("TH-84"), "command_id": command_id})
    reused = post(served, "opdc-1", {**register("TH-85"), "command_id": command_id})
    assert reused.status_code == 409
    assert reused.json()["error"] == "already-recorded"
    assert reused.json()["field"] == "command_id"


def test_a_reporter_filing_for_another_unit_is_refused_403_and_nothing_is_recorded(
    served: Served,
) -> None:
    for command in unit_with_agreement("TH-85", "province", 2568, "fy2568-provinces"):
        assert post(served, "opdc-1", command).status_code == 201
    before = served.ctx.app.head()
    filing = sar("TH-85/2568", "R1", {"A1": "80"})
    refused = post(served, "reporter-81", {**filing, "actor": REPORTER})
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"] == "not-allowed"
    assert set(refused.json()) == ERROR_KEYS
    assert served.ctx.app.head() == before


def test_acting_as_someone_else_is_refused_403(served: Served) -> None:
    refused = post(served, "reporter-81", {**register("TH-83"), "actor": OPDC})
    assert refused.status_code == 403
    assert refused.json()["error"] == "not-allowed"


def test_a_rule_refusal_is_422_and_a_missing_agreement_404(served: Served) -> None:
    missing = post(
        served, "reporter-81", {**sar("TH-81/2599", "R1", {"A1": "1"}), "actor": REPORTER}
    )
    assert missing.status_code == 404
    assert missing.json()["error"] == "not-found"
    early = post(served, "reporter-81", {**sar("TH-81/2568", "R1", {"A1": "1"}), "actor": REPORTER})
    assert early.status_code in (409, 422)
    assert early.json()["error"] in ("refused", "conflict")


def test_registering_a_unit_twice_is_409(served: Served) -> None:
    post(served, "opdc-1", register("TH-84"))
    again = post(served, "opdc-1", register("TH-84"))
    assert again.status_code == 409
    assert again.json()["error"] == "already-recorded"


def test_bad_input_is_400_with_the_same_words_as_ledger_apply(served: Served) -> None:
    def sent(body: bytes) -> Any:
        headers = {**bearer(served.tokens["opdc-1"]), "Content-Type": "application/json"}
        return served.client.post("/api/commands", content=body, headers=headers)

    doubled = sent(b'{"type": "register_unit", "type": "register_unit"}')
    assert doubled.status_code == 400
    assert doubled.json()["field"] == "$.type"
    assert doubled.json()["rule"] == "each key appears once in an object"
    unknown = sent(b'{"type": "fly_to_the_moon", "actor": {"id": "x", "role": "opdc"}}')
    assert unknown.status_code == 400
    assert unknown.json()["field"] == "$.type"
    assert sent(b"not json").json()["error"] == "invalid-input"
    wrong = sent(b'{"type": "register_unit", "actor": {"id": "x", "role": "opdc"}}')
    assert wrong.status_code == 400
    assert wrong.json()["field"] == "$.unit_id"


def test_a_body_over_one_mebibyte_is_413_and_records_nothing(served: Served) -> None:
    before = served.ctx.app.head()
    command = {**register("TH-84"), "name_en": "x" * (1 << 20)}
    answer = post(served, "opdc-1", command)
    assert answer.status_code == 413
    assert answer.json()["error"] == "too-large"
    assert served.ctx.app.head() == before


def test_text_is_recorded_in_nfc(served: Served) -> None:
    decomposed = "Ubon Ratchathani Cafe\u0301"  # e + COMBINING ACUTE ACCENT
    post(served, "opdc-1", {**register("TH-84"), "name_en": decomposed})
    assert served.ctx.app.unit("TH-84").name_en == "Ubon Ratchathani Caf\u00e9"


def test_unknown_routes_and_methods_answer_in_the_error_shape(served: Served) -> None:
    headers = bearer(served.tokens["admin"])
    missing = served.client.get("/api/nothing-here", headers=headers)
    assert missing.status_code == 404
    assert set(missing.json()) == ERROR_KEYS
    wrong = served.client.delete("/api/commands", headers=headers)
    assert wrong.status_code == 405
    assert set(wrong.json()) == ERROR_KEYS


def test_an_unknown_unit_for_the_reporter_is_named(served: Served) -> None:
    missing = post(served, "reporter-81", {**sar("TH-99/2568", "R1", {"A1": "1"}), "actor": UNIT})
    assert missing.status_code in (403, 404)
