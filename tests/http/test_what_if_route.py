"""The what-if over HTTP: the plain function ``ledger what-if`` calls, answered as its
``--json`` prints it (the what-if and its digest), recording nothing; the digest it answers is
the one the decision then records as shown."""

from __future__ import annotations

from commands.handlers.change import what_if_for
from ledger.domain.control_events import ChangeDecided
from ledger.domain.decisions.what_if import what_if_digest
from tests.builders import at, decide_change, fy2557_signed, request_change, run, sar
from tests.http.conftest import Served
from tests.http.people import bearer

REF = "TH-82/2557"
ROUTE = "/api/agreements/TH-82/2557/requests/{}/what-if"


def open_request(served: Served) -> None:
    """TH-82 signed, a 6m SAR of 78 on P1, then a request raising P1's thresholds."""
    for command in fy2557_signed("TH-82"):
        run(served.ctx, command)
    run(served.ctx, sar(REF, "6m", {"P1": "78"}, effective_at=at("2014-04-20")))
    harder = {"thresholds": ["72", "77", "82", "87", "92"]}
    run(served.ctx, request_change(REF, "CR-1", "P1", "2014-04-28", proposal=harder))


def log_length(served: Served) -> int:
    return sum(1 for _ in served.ctx.app.all_events())


def test_the_what_if_route_answers_the_what_if_and_the_digest_the_decision_records(
    served: Served,
) -> None:
    open_request(served)
    before = log_length(served)
    answer = served.client.get(ROUTE.format("CR-1"), headers=bearer(served.tokens["opdc-1"]))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert log_length(served) == before
    assert (body["request_id"], body["kpi_id"], body["kind"]) == ("CR-1", "P1", "amend")
    assert body["terms_after"]["thresholds"] == ["72", "77", "82", "87", "92"]
    assert [(r["round_id"], r["value"]) for r in body["results"]] == [("6m", "78")]
    assert body["what_if_sha256"] == what_if_digest(what_if_for(served.ctx, REF, "CR-1"))
    (decided,) = run(
        served.ctx,
        decide_change(REF, "CR-1", "2014-04-29", what_if_sha256=body["what_if_sha256"]),
    )
    assert isinstance(decided, ChangeDecided)
    assert decided.what_if_shown
    assert decided.what_if_sha256 == body["what_if_sha256"]
    # Decided: the what-if of a decided request is a conflict, as deciding it again would be.
    again = served.client.get(ROUTE.format("CR-1"), headers=bearer(served.tokens["opdc-1"]))
    assert again.status_code == 409, again.text


def test_the_what_if_route_refuses_unknown_requests_and_bad_ids(served: Served) -> None:
    open_request(served)
    headers = bearer(served.tokens["opdc-1"])
    unknown = served.client.get(ROUTE.format("CR-9"), headers=headers)
    assert unknown.status_code == 404
    assert unknown.json()["field"] == "request_id"
    bad = served.client.get(ROUTE.format("CR%201"), headers=headers)
    assert bad.status_code == 400
    assert bad.json()["field"] == "request_id"
    nobody = served.client.get("/api/agreements/TH-99/2557/requests/CR-1/what-if", headers=headers)
    assert nobody.status_code == 404
    assert served.client.get(ROUTE.format("CR-1")).status_code == 401
