"""The reporting pages: a unit files its SAR with evidence, an evaluator records verified
values, OPDC certifies a round, and a signed-in user downloads a stored evidence file. Each
write is checked in the ledger itself (the agreement's state and events), and each refusal
leaves nothing recorded."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commands.http.read_views import caught_up
from commands.http.state import Api
from commands.wiring import build_context
from ledger.application import agreement_uuid
from ledger.domain.agreement import Agreement
from ledger.domain.events import EvaluatorAssessed, LedgerEvent, SarFiled, ScoresCertified
from ledger.persistence.settings import Settings
from projections.current_scores import read_scores
from tests.web.world import WebClient, World, build_world, hidden

KRABI = "/agreements/TH-81/2557"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OFFICE = "user:assessed_unit:TH-81-office"
# The demo files Krabi's 9-month SAR on 25 July 2014 (commands/demo/andaman.py, _reports).
FILED = "2014-07-25T10:00:00+07:00"


def _world(folder: Path, upto: str) -> World:
    return build_world(folder, Settings(database=str(folder / "ledger.sqlite")), upto=upto)


@pytest.fixture
def before_sar(tmp_path: Path) -> Iterator[WebClient]:
    """A fresh year stopped before the first SAR (every agreement signed)."""
    with WebClient(_world(tmp_path, "file_sar")) as client:
        yield client


def _ledger(world: World, ref: str = "TH-81/2557") -> tuple[Agreement, list[LedgerEvent]]:
    ctx = build_context(world.settings)
    try:
        return ctx.app.agreement(ref), ctx.app.events_of(agreement_uuid(ref))
    finally:
        ctx.app.close()


def _sar_form(web: WebClient, **extra: str) -> dict[str, str]:
    page = web.get(f"{KRABI}/sar", round_id="9m").text
    return {
        "command_id": hidden(page, "command_id"),
        "round_id": "9m",
        "actor": OFFICE,
        "actual-G1": "97",
        "actual-P1": "2950.5",
        "narrative": "9-month report",
        "effective_at": FILED,
        "filed_at": FILED,
        **extra,
    }


def test_the_office_files_the_nine_month_sar_with_a_pdf(before_sar: WebClient) -> None:
    web = before_sar
    web.sign_in("TH-81-office")
    page = web.get(f"{KRABI}/sar")
    assert page.status_code == 200
    assert 'name="actual-G1"' in page.text
    assert 'name="actual-P2"' not in page.text  # Krabi's P2 is TAT's joint KPI
    answer = web.post(
        f"{KRABI}/sar",
        _sar_form(web),
        files=[("evidence", ("report 9m.pdf", PDF, "application/pdf"))],
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"{KRABI}?recorded=file_sar"
    state, events = _ledger(web.world)
    assert state.round("9m").results == {"G1": Decimal("97"), "P1": Decimal("2950.5")}
    sar = [e for e in events if isinstance(e, SarFiled)]
    assert len(sar) == 1
    digest = hashlib.sha256(PDF).hexdigest()
    assert [(e.sha256, e.file_name, e.media_type) for e in sar[0].evidence] == [
        (digest, "report 9m.pdf", "application/pdf")
    ]
    assert sar[0].filed_at == datetime.fromisoformat(FILED)
    assert sar[0].actor.id == "TH-81-office"
    assert len(sar[0].results) == 2  # the KPIs left empty are not reported
    again = web.get(f"{KRABI}/sar", round_id="9m").text
    assert digest in again  # the form shows the evidence already cited, by hash
    download = web.get(f"/evidence/{digest}")
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"].startswith("application/pdf")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in download.headers["content-security-policy"]
    assert download.headers["content-disposition"] == f'attachment; filename="{digest}.pdf"'


def test_a_value_that_is_not_a_number_is_refused_naming_its_field(before_sar: WebClient) -> None:
    web = before_sar
    web.sign_in("TH-81-office")
    _, before = _ledger(web.world)
    answer = web.post(
        f"{KRABI}/sar",
        _sar_form(web, **{"actual-P1": "about 3000"}),
        files=[("evidence", ("report.pdf", PDF, "application/pdf"))],
    )
    assert answer.status_code == 400
    assert "actual-P1" in answer.text
    assert "is not a number" in answer.text
    assert 'value="about 3000"' in answer.text  # what was typed is kept
    digest = hashlib.sha256(PDF).hexdigest()
    assert f'name="cited" value="{digest} application/pdf report.pdf"' in answer.text
    _, after = _ledger(web.world)
    assert len(after) == len(before)
    # Sent again with the value put right, the file uploaded the first time is cited.
    fixed = {
        **_sar_form(web),
        "command_id": hidden(answer.text, "command_id"),
        "cited": f"{digest} application/pdf report.pdf",
    }
    assert web.post(f"{KRABI}/sar", fixed).status_code == 303
    assert web.post(f"{KRABI}/sar", fixed).status_code == 303  # resent: recorded once
    sar = [e for e in _ledger(web.world)[1] if isinstance(e, SarFiled)]
    assert len(sar) == 1
    assert [e.sha256 for e in sar[0].evidence] == [digest]


def test_a_file_whose_bytes_are_not_its_type_is_refused(before_sar: WebClient) -> None:
    web = before_sar
    web.sign_in("TH-81-office")
    _, before = _ledger(web.world)
    answer = web.post(
        f"{KRABI}/sar",
        _sar_form(web),
        files=[("evidence", ("page.pdf", b"<html><script>alert(1)</script>", "application/pdf"))],
    )
    assert answer.status_code == 415
    assert "the bytes are not of type application/pdf" in answer.text
    assert len(_ledger(web.world)[1]) == len(before)


def test_a_script_narrative_is_stored_as_typed_and_shown_inert(before_sar: WebClient) -> None:
    web = before_sar
    web.sign_in("TH-81-office")
    script = "<script>alert('x')</script>\r\nsecond line"
    bad = web.post(f"{KRABI}/sar", _sar_form(web, narrative=script, **{"actual-G1": "x"}))
    assert bad.status_code == 400
    assert "<script>alert" not in bad.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in bad.text
    answer = web.post(f"{KRABI}/sar", _sar_form(web, narrative=script))
    assert answer.status_code == 303, answer.text
    sar = [e for e in _ledger(web.world)[1] if isinstance(e, SarFiled)]
    assert sar[0].narrative == "<script>alert('x')</script>\nsecond line"


def test_another_unit_gets_no_form_and_its_hand_typed_post_is_refused(
    before_sar: WebClient,
) -> None:
    web = before_sar
    web.sign_in("TH-81-office")
    form = _sar_form(web)
    web.sign_in("TH-82-office")
    page = web.get(f"{KRABI}/sar")
    assert page.status_code == 403
    assert 'name="actual-G1"' not in page.text
    _, before = _ledger(web.world)
    assert web.post(f"{KRABI}/sar", form).status_code == 403
    # On its own agreement, naming Krabi's office as the actor is refused by the handler.
    phang_nga = web.get("/agreements/TH-82/2557/sar", round_id="9m").text
    forged = web.post(
        "/agreements/TH-82/2557/sar",
        {**form, "command_id": hidden(phang_nga, "command_id")},
    )
    assert forged.status_code == 403
    assert "TH-81-office" in forged.text
    assert 'name="actual-G1"' in forged.text  # the form again, with the refusal
    assert len(_ledger(web.world)[1]) == len(before)
    # OPDC reads every agreement but files no unit's SAR: no form for it either.
    web.sign_in("opdc-secretariat")
    refused = web.get(f"{KRABI}/sar")
    assert refused.status_code == 403
    assert "แบบฟอร์มแสดงเฉพาะผู้ใช้" in refused.text  # the rule, in Thai
    assert not any(isinstance(e, SarFiled) for e in _ledger(web.world, "TH-82/2557")[1])


def test_a_post_without_its_csrf_token_is_refused(before_sar: WebClient) -> None:
    web = before_sar
    web.sign_in("TH-81-office")
    form = _sar_form(web)
    _, before = _ledger(web.world)
    answer = web.client.post(f"{KRABI}/sar", data=form, follow_redirects=False)
    assert answer.status_code == 403
    assert "_csrf_token" in answer.text
    assert len(_ledger(web.world)[1]) == len(before)


def test_a_round_that_is_not_the_units_is_refused_by_the_handler(before_sar: WebClient) -> None:
    web = before_sar
    web.sign_in("TH-81-office")
    page = web.get(f"{KRABI}/sar").text
    assert 'value="6m"' not in page  # the demo cancels the 6-month round
    answer = web.post(f"{KRABI}/sar", _sar_form(web, round_id="6m"))
    assert answer.status_code == 422
    assert "cancelled" in answer.text


def test_the_pages_speak_english_too(before_sar: WebClient) -> None:
    web = before_sar
    web.sign_in("TH-81-office")
    web.get("/language/en")
    page = web.get(f"{KRABI}/sar").text
    assert "File a self-assessment report (SAR)" in page
    assert "9-month round" in page
    assert "2014-07-31" in page  # the round's due date, ISO in English
    web.get("/language/th")
    assert "31/07/2557" in web.get(f"{KRABI}/sar").text


def _assessing(folder: Path) -> WebClient:
    """A fresh year stopped before the evaluator's first assessment (12-month SARs filed)."""
    return WebClient(_world(folder, "record_assessment"))


def test_the_evaluator_records_verified_values_beside_the_reported(tmp_path: Path) -> None:
    with _assessing(tmp_path) as web:
        state, _ = _ledger(web.world)
        reported = state.round("12m").results
        web.sign_in("TH-81-office")
        assert web.get(f"{KRABI}/assessment").status_code == 403
        web.sign_in("independent-evaluator")
        page = web.get(f"{KRABI}/assessment", round_id="12m")
        assert page.status_code == 200
        assert f">{reported['G1']}<" in page.text
        form: dict[str, Any] = {
            "command_id": hidden(page.text, "command_id"),
            "round_id": "12m",
            "actor": "user:independent_evaluator:independent-evaluator",
            "verified-G1": "99",
            "notes-G1": "<b>checked</b>",
            "verified-P1": "",
            "effective_at": "2014-11-25",
        }
        _, before = _ledger(web.world)
        bad = web.post(f"{KRABI}/assessment", {**form, "verified-G1": "9 9"})
        assert bad.status_code == 400
        assert "verified-G1" in bad.text
        assert "&lt;b&gt;checked&lt;/b&gt;" in bad.text  # the note kept, inert
        assert len(_ledger(web.world)[1]) == len(before)
        answer = web.post(f"{KRABI}/assessment", form)
        assert answer.status_code == 303, answer.text
        assert answer.headers["location"] == f"{KRABI}?recorded=record_assessment"
        state, events = _ledger(web.world)
        assessed = [e for e in events if isinstance(e, EvaluatorAssessed)]
        assert [(a.kpi_id, str(a.verified_actual), a.notes) for a in assessed[0].assessments] == [
            ("G1", "99", "<b>checked</b>")
        ]
        assert state.round("12m").assessments["G1"].verified_actual == 99


def test_opdc_certifies_a_round_after_seeing_its_scores(tmp_path: Path) -> None:
    with WebClient(_world(tmp_path, "certify_scores")) as web:
        web.sign_in("TH-81-office")
        assert web.get(f"{KRABI}/certify").status_code == 403
        web.sign_in("opdc-secretariat")
        page = web.get(f"{KRABI}/certify")
        assert page.status_code == 200
        ctx = build_context(web.world.settings)
        try:
            api = Api(settings=web.world.settings, context=ctx)
            with caught_up(api, "scores").view.reading() as docs:
                table = read_scores(docs, agreement="TH-81/2557", round_id="12m")[0]
        finally:
            ctx.app.close()
        assert table.composite is not None
        assert f"<strong>{table.composite}</strong>" in page.text
        answer = web.post(
            f"{KRABI}/certify",
            {
                "command_id": hidden(page.text, "command_id"),
                "round_id": "12m",
                "actor": "user:opdc:opdc-secretariat",
                "effective_at": "2015-03-20",
            },
        )
        assert answer.status_code == 303, answer.text
        assert answer.headers["location"] == f"{KRABI}?recorded=certify_scores"
        state, events = _ledger(web.world)
        certified = [e for e in events if isinstance(e, ScoresCertified)]
        assert len(certified) == 1
        assert state.round("12m").certified_composite == table.composite
        # Certified once: the round is no longer offered, and certifying it again is refused.
        assert 'name="round_id"' not in web.get(f"{KRABI}/certify").text
        again = web.post(
            f"{KRABI}/certify",
            {"round_id": "12m", "actor": "user:opdc:opdc-secretariat"},
        )
        assert again.status_code == 422
        assert "already certified" in again.text


def test_evidence_downloads_need_a_signed_in_user(before_sar: WebClient) -> None:
    digest = "0" * 64
    answer = before_sar.get(f"/evidence/{digest}")
    assert answer.status_code == 303
    before_sar.sign_in("TH-82-office")
    assert before_sar.get(f"/evidence/{digest}").status_code == 404
    assert before_sar.get("/evidence/not-a-hash").status_code == 400
