"""Reads over HTTP: the same projections and plain functions the ``ledger`` read commands use,
answered as the JSON their ``--json`` prints; bad parameters are 400s naming the parameter and
the rule, unknown agreements 404s. One year of one agreement is recorded per backend: a SAR
before the moment ``middle``, a change request, its decision and an assessment after it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from commands.handlers import HandlerContext
from commands.http.app import create_app
from commands.http.limits import RateLimit
from commands.wiring import build_context
from ledger.integrity.bundle import read_bundle, verify_bundle
from ledger.integrity.keys import Signer, generate
from ledger.integrity.log import TransparencyLog
from ledger.integrity.proving import make_bundle, make_tlog_proof
from ledger.integrity.tlog_proof import parse_tlog_proof, verify_tlog_proof
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now
from projections.catch_up import catch_up
from projections.current_scores import read_scores
from projections.registry import open_projection
from tests.builders import assess, at, decide_change, fy2557_signed, request_change, run, sar
from tests.http.people import bearer, user_with_token
from tests.identity import bootstrap
from tests.stores import StoreMaker

REF = "TH-81/2557"
BASE = "/api/agreements/TH-81/2557"


@dataclass
class Year:
    client: TestClient[Litestar]
    token: str
    middle: datetime
    signer: Signer
    settings: Settings
    ctx: HandlerContext


@pytest.fixture(scope="module")
def year(module_stores: StoreMaker) -> Iterator[Year]:
    settings = module_stores.new("reads")
    ctx = build_context(settings)
    bootstrap(ctx)
    for command in fy2557_signed():
        run(ctx, command)
    run(ctx, {**sar(REF, "9m", {"G1": "80", "P1": "72"}), "effective_at": at("2014-07-10")})
    middle = utc_now()
    thresholds = {"thresholds": ["65", "70", "75", "80", "85"]}
    run(ctx, request_change(REF, "CR-1", "G2", "2014-05-10", proposal=thresholds))
    run(ctx, decide_change(REF, "CR-1", "2014-05-20"))
    run(ctx, assess(REF, "9m", {"G1": "78", "P1": "70"}))
    # An auditor of the year: reading needs a grant covering the agreement
    # (tests/http/test_read_access.py has the users who may not).
    token = user_with_token(
        ctx,
        "reader-1",
        [{"role": "auditor", "framework_id": "fy2557-provinces", "fiscal_year": 2557}],
    )
    signer = generate("ledger.example.go.th/test", "log")
    TransparencyLog(ctx.app).sign_head(signer)
    app = create_app(settings, rate_limit=RateLimit(rate=10_000, burst=10_000))
    with TestClient(app) as client:
        opened = Year(client, token, middle, signer, settings, ctx)
        # Open every view now: on PostgreSQL, pools opened inside a test are closed when it
        # ends (tests/conftest.py), and the app keeps its views for the module.
        for path in READS[:-3]:
            assert get(opened, path).status_code == 200, path
        yield opened
    ctx.app.close()


def get(year: Year, path: str, **params: Any) -> Any:
    return year.client.get(path, params=params or None, headers=bearer(year.token))


def plain(value: Any) -> Any:
    """A value as its JSON reads back (how ``--json`` and the API show it)."""
    return msgspec.json.decode(msgspec.json.encode(value))


READS = [
    "/api/agreements",
    BASE,
    f"{BASE}/scores",
    "/api/scores",
    f"{BASE}/history",
    f"{BASE}/audit",
    "/api/audit",
    f"{BASE}/as-of?at=2030-01-01",
    f"{BASE}/diff?from=2030-01-01&to=2031-01-01",
    "/api/registers/sar",
    "/api/registers/changes",
    "/api/warnings",
    "/api/governor",
    "/api/checkpoints",
    "/api/checkpoints/latest",
    "/api/proofs?event=1",
]


@pytest.mark.parametrize("path", READS)
def test_every_read_refuses_a_request_without_a_token(year: Year, path: str) -> None:
    answer = year.client.get(path)
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthenticated"


def test_the_list_names_the_agreement_its_unit_and_whether_it_is_signed(year: Year) -> None:
    (listed,) = get(year, "/api/agreements").json()
    assert listed["agreement"] == REF
    assert listed["unit_id"] == "TH-81"
    assert listed["unit_name_en"] == "Unit TH-81"
    assert listed["fiscal_year"] == 2557
    assert listed["signed"] is True
    assert listed["kpis"] == 13


def test_one_agreement_is_its_state_as_the_ledger_folds_it(year: Year) -> None:
    assert get(year, BASE).json() == plain(year.ctx.app.agreement(REF))


def test_scores_are_the_projections_tables_with_decimals_as_strings(year: Year) -> None:
    own = open_projection(year.settings, "scores", year.ctx.framework)
    catch_up(year.ctx.app, own)
    with own.view.reading() as docs:
        expected = plain(read_scores(docs, agreement=REF))
    answer = get(year, f"{BASE}/scores").json()
    assert answer == expected
    g1 = next(row for row in answer[0]["kpis"] if row["kpi_id"] == "G1")
    assert (g1["weight"], g1["verified_actual"]) == ("7.5", "78")


def test_scores_of_one_round_leave_the_other_rounds_out(year: Year) -> None:
    tables = get(year, f"{BASE}/scores", round_id="9m").json()
    assert [t["round_id"] for t in tables] == ["9m"]
    assert get(year, f"{BASE}/scores", round_id="12m").json() == []


def test_the_history_of_one_kpi_lists_only_its_events_in_log_order(year: Year) -> None:
    rows = get(year, f"{BASE}/history", kpi_id="G2").json()
    assert [r["event"] for r in rows] == [
        "KpiProposed",
        "NegotiationDecisionRecorded",
        "ChangeRequested",
        "ChangeDecided",
    ]
    assert [r["position"] for r in rows] == sorted(r["position"] for r in rows)
    assert all("G2" in r["kpi_ids"] for r in rows)


def test_the_audit_gives_the_verdict_and_every_version_of_a_changed_target(year: Year) -> None:
    report = get(year, f"{BASE}/audit").json()
    assert report["agreement"] == REF
    assert report["verdict"] == "clean"
    g2 = next(k for k in report["kpis"] if k["kpi_id"] == "G2")
    assert [v["thresholds"][0] for v in g2["versions"]] == ["70", "65"]
    assert get(year, "/api/audit").json() == [report]


def test_as_of_the_middle_shows_what_was_recorded_by_then(year: Year) -> None:
    then = get(year, f"{BASE}/as-of", at=year.middle.isoformat()).json()
    now = get(year, f"{BASE}/as-of", at="2999-01-01").json()
    assert then["basis"] == "recorded"
    assert then["version"] < now["version"]
    assert then["state"]["requests"] == {}
    assert "CR-1" in now["state"]["requests"]
    assert now["state"] == plain(year.ctx.app.agreement(REF))


def test_in_force_then_counts_what_was_recorded_later_but_took_effect_by_then(
    year: Year,
) -> None:
    at = year.middle.isoformat()
    known = get(year, f"{BASE}/as-of", at=at).json()
    in_force = get(year, f"{BASE}/as-of", at=at, basis="effective").json()
    assert (known["basis"], in_force["basis"]) == ("recorded", "effective")
    # The change was recorded after the moment but took effect in 2014; the assessment took
    # effect when it was recorded, after the moment.
    assert known["state"]["requests"] == {}
    assert in_force["state"]["requests"]["CR-1"]["status"] == "approved"
    assert in_force["state"]["rounds"]["9m"]["assessments"] == {}


def test_the_diff_lists_what_changed_and_the_events_recorded_in_between(year: Year) -> None:
    diff = get(year, f"{BASE}/diff", **{"from": year.middle.isoformat(), "to": "2999-01-01"})
    body = diff.json()
    assert [e["event"] for e in body["events_between"]] == [
        "ChangeRequested",
        "ChangeDecided",
        "EvaluatorAssessed",
    ]
    changed = {(c["subject"], c["field"]) for c in body["changes"]}
    assert ("KPI G2", "thresholds") in changed
    assert ("request CR-1", "status") in changed


def test_the_sar_register_judges_missing_sars_on_the_day_asked(year: Year) -> None:
    def statuses(day: str) -> dict[str, str]:
        lines = get(year, "/api/registers/sar", agreement=REF, today=day).json()
        return {line["entry"]["round_id"]: line["status"] for line in lines}

    early, late = statuses("2557-01-01"), statuses("2557-12-01")
    assert early["9m"] == late["9m"] == "filed"
    assert (early["6m"], late["6m"]) == ("not yet due", "missing")


def test_the_change_register_lists_the_request_and_its_decision(year: Year) -> None:
    (entry,) = get(year, "/api/registers/changes", agreement=REF).json()
    assert (entry["request_id"], entry["kpi_id"], entry["status"]) == ("CR-1", "G2", "approved")


def test_warnings_list_kpis_on_track_only_when_asked(year: Year) -> None:
    off = get(year, "/api/warnings", agreement=REF).json()
    every = get(year, "/api/warnings", agreement=REF, all="true").json()
    assert all(t["check"]["status"] != "on track" for t in off)
    assert {t["kpi_id"] for t in every} >= {"G1", "P1"}


def test_the_latest_checkpoint_is_the_signed_note_as_plain_text(year: Year) -> None:
    kept = TransparencyLog(year.ctx.app).records.checkpoints()[-1]
    note = get(year, "/api/checkpoints/latest")
    assert note.headers["content-type"].startswith("text/plain")
    assert note.text == kept.text()
    (listed,) = get(year, "/api/checkpoints").json()
    assert listed["tree_size"] == kept.checkpoint.size
    assert listed["signed_by"] == [year.signer.name]


def test_a_proof_bundle_is_the_one_ledger_prove_writes_and_it_verifies_offline(
    year: Year,
) -> None:
    log = TransparencyLog(year.ctx.app)
    positions = [e["position"] for e in get(year, f"{BASE}/history", kpi_id="G2").json()]
    answer = get(year, "/api/proofs", event=[str(p) for p in positions])
    assert answer.status_code == 200
    assert answer.content == make_bundle(log, [log.locate(str(p)) for p in positions]).encode()
    verified = verify_bundle(read_bundle(answer.content), year.signer.verifier, [])
    assert [e.position for e in verified.entries] == positions


def test_a_tlog_proof_is_the_one_ledger_prove_writes_and_it_verifies_offline(
    year: Year,
) -> None:
    log = TransparencyLog(year.ctx.app)
    position = get(year, f"{BASE}/history", kpi_id="G2").json()[0]["position"]
    answer = get(year, "/api/proofs", event=str(position), format="tlog-proof")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.text == make_tlog_proof(log, log.locate(str(position))).text()
    proof = verify_tlog_proof(parse_tlog_proof(answer.text), year.signer.verifier, [])
    assert proof.index == log.locate(str(position)).index


@pytest.mark.parametrize(
    "path",
    [
        "/api/agreements/TH-99/2557",
        "/api/agreements/TH-99/2557/scores",
        "/api/agreements/TH-99/2557/history",
        "/api/agreements/TH-99/2557/audit",
        "/api/agreements/TH-99/2557/as-of?at=2030-01-01",
        "/api/agreements/TH-99/2557/diff?from=2030-01-01&to=2031-01-01",
        "/api/registers/sar?agreement=TH-99/2557",
        "/api/registers/changes?agreement=TH-81/2558",
        "/api/warnings?agreement=TH-99/2557",
    ],
)
def test_an_agreement_never_opened_is_404_naming_the_agreement(year: Year, path: str) -> None:
    answer = get(year, path)
    assert answer.status_code == 404
    assert answer.json()["error"] == "not-found"
    assert answer.json()["field"] == "agreement"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"{BASE}/scores?round_id=9m%20or%201", "round_id"),
        (f"{BASE}/history?kpi_id=" + "K" * 65, "kpi_id"),
        ("/api/agreements/TH%2081/2557", "unit_id"),
        ("/api/agreements/TH-81/1999", "fiscal_year"),
        (f"{BASE}/as-of?at=yesterday", "at"),
        (f"{BASE}/as-of?at=" + "2" * 65, "at"),
        (f"{BASE}/as-of?at=2030-01-01&basis=hoped", "basis"),
        (f"{BASE}/diff?from=2030-01-01&to=soon", "to"),
        ("/api/registers/sar?agreement=TH-81", "agreement"),
        ("/api/registers/sar?today=someday", "today"),
        ("/api/warnings?all=maybe", "all"),
        ("/api/checkpoints?limit=0", "limit"),
        ("/api/proofs?event=1;2", "event"),
        ("/api/proofs?" + "&".join(["event=1"] * 101), "event"),
        ("/api/proofs?event=1&event=2&format=tlog-proof", "event"),
        ("/api/proofs?event=1&format=pdf", "format"),
    ],
)
def test_a_bad_parameter_is_400_naming_it_and_the_rule(year: Year, path: str, field: str) -> None:
    answer = get(year, path)
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["error"] == "invalid-input"
    assert body["field"] == field, body
    assert body["rule"], body


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"{BASE}/as-of?at=2000-01-01", "at"),
        (f"{BASE}/diff?from=2000-01-01&to=2030-01-01", "from"),
        ("/api/proofs?event=999999", "event"),
        ("/api/proofs?event=00000000-0000-0000-0000-000000000000:1", "event"),
    ],
)
def test_a_moment_or_event_the_ledger_does_not_hold_is_404_naming_it(
    year: Year, path: str, field: str
) -> None:
    answer = get(year, path)
    assert answer.status_code == 404, answer.text
    assert answer.json()["field"] == field


def test_the_openapi_schema_documents_each_read_and_what_it_answers(year: Year) -> None:
    schema = year.client.get("/schema/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/agreements", "/api/agreements/{unit_id}/{fiscal_year}/scores"):
        answer = paths[path]["get"]["responses"]["200"]["content"]["application/json"]
        assert answer["schema"], path
    assert "RoundScores" in str(schema["components"]["schemas"])
    parameters = paths["/api/agreements/{unit_id}/{fiscal_year}/as-of"]["get"]["parameters"]
    assert {p["name"] for p in parameters} >= {"unit_id", "fiscal_year", "at", "basis"}
