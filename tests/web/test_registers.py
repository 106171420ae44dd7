"""The read registers as pages: the target integrity report, the SAR and change-request
registers and the early warnings, each showing what the API's own function answers (the
same projection), only for agreements the viewer's grants cover, in Thai with Buddhist-Era
dates and in English with ISO ones."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape
from html.parser import HTMLParser
from typing import Any

import msgspec
import pytest

from commands.cli.demo import demo_lines
from commands.web import integrity_page, registers
from commands.web.i18n import Words
from tests.web.world import WebClient, World


class _Rows(HTMLParser):
    """Each body row of every table, as ``data-label -> text`` (what a phone shows)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self._cell: str | None = None
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tbody":
            self._body = True
        elif tag == "tr" and self._body:
            self.rows.append({})
        elif tag == "td" and self._body and found.get("data-label"):
            self._cell = str(found["data-label"])
            self.rows[-1][self._cell] = ""
        elif tag in ("br", "li") and self._cell is not None:
            self.rows[-1][self._cell] += " "

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None
        elif tag == "tbody":
            self._body = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self.rows[-1][self._cell] += data


def rows(page: str, column: str) -> list[dict[str, str]]:
    """The body rows of the tables that have ``column``, text with spaces collapsed."""
    parser = _Rows()
    parser.feed(page)
    found = [{k: " ".join(v.split()) for k, v in row.items()} for row in parser.rows]
    return [row for row in found if column in row]


def api(web: WebClient, user: str, path: str, **params: Any) -> Any:
    answer = web.client.get(
        path, params=params or None, headers={"Authorization": f"Bearer {web.world.tokens[user]}"}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def english(web: WebClient) -> None:
    assert web.get("/language/en", next="/").status_code == 303


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


TH = Words("th", {})
EN = Words("en", {})


# The target integrity report --------------------------------------------------------------


def test_the_integrity_report_lists_every_target_version_the_audit_finds(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    reports = api(web, "opdc-secretariat", "/api/audit")
    versions = [(r, k, v) for r in reports for k in r["kpis"] for v in k["versions"]]
    thai = web.get("/integrity")
    assert thai.status_code == 200
    shown = rows(thai.text, "ฉบับ")
    assert len(shown) == len(versions)
    for row, (_, kpi, version) in zip(shown, versions, strict=True):
        assert row["ตัวชี้วัด"].startswith(kpi["kpi_id"])
        assert row["ฉบับ"] == str(version["number"])
        assert row["บันทึก"] == f"{TH.when(moment(version['recorded_at']))} (#{version['position']})"
        assert row["มีผล"] == TH.when(moment(version["effective_at"]))
        assert "/2557" in row["มีผล"]  # a Buddhist-Era year
    summary = rows(thai.text, "ผลการตรวจสอบ")
    assert [r["คำรับรอง"] for r in summary] == sorted(r["agreement"] for r in reports)
    for row, report in zip(summary, sorted(reports, key=lambda r: r["agreement"]), strict=True):
        assert row["ข้อสังเกต"] == str(len(report["findings"]))
        assert row["ผลการตรวจสอบ"] == (
            "ไม่พบการปรับเป้าหมายหลังทราบผล" if report["verdict"] == "clean" else "พบข้อสังเกต"
        )
    english(web)
    page = web.get("/integrity").text
    shown = rows(page, "Version")
    assert [r["Recorded"] for r in shown] == [
        f"{EN.when(moment(v['recorded_at']))} (#{v['position']})" for _, _, v in versions
    ]
    assert "2014-" in shown[0]["Effective"]


def test_a_version_shows_the_results_known_when_it_was_decided(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    english(web)
    report = api(web, "opdc-secretariat", "/api/agreements/TH-81/2557/audit")
    page = web.get("/agreements/TH-81/2557/integrity").text
    shown = rows(page, "Version")
    versions = [v for k in report["kpis"] for v in k["versions"]]
    for row, version in zip(shown, versions, strict=True):
        known = version["results_known"]
        assert row["Results known then"].count("(") == len(known) or not known
        for seen in known:
            assert f"#{seen['position']})" in row["Results known then"]
        assert f'href="/checkpoints/proof?event={version["position"]}"' in page
    requests = rows(page, "Request")
    assert [r["Request"] for r in requests] == [q["request_id"] for q in report["requests"]]
    attempts = rows(page, "Why refused")
    assert len(attempts) == len(report["refused_attempts"])
    for row, attempt in zip(attempts, report["refused_attempts"], strict=True):
        assert attempt["message"] in row["Why refused"]


def test_an_office_sees_only_its_own_agreements_report(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    page = web.get("/integrity").text
    assert [r["คำรับรอง"] for r in rows(page, "ผลการตรวจสอบ")] == ["TH-81/2557"]
    assert "TH-82/2557" not in page
    assert "GRP-ANDAMAN/2557 ·" not in page  # its report's heading (TH-81 cascades from it)
    assert web.get("/agreements/TH-81/2557/integrity").status_code == 200
    typed = web.get("/agreements/TH-82/2557/integrity")
    assert typed.status_code == 403
    assert "<code>agreement</code>" in typed.text
    assert "Traceback" not in typed.text
    assert web.get("/agreements/TH-99/2557/integrity").status_code == 404


# The SAR register -------------------------------------------------------------------------


SAR_TH = {"filed": "ส่งแล้ว", "filed late": "ส่งล่าช้า", "cancelled": "ยกเลิกรอบ"}


def test_the_sar_register_shows_each_line_of_the_api_register(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    lines = api(web, "opdc-secretariat", "/api/registers/sar")
    page = web.get("/registers/sar")
    assert page.status_code == 200
    shown = rows(page.text, "กำหนดส่ง")
    assert len(shown) == len(lines) == 18
    for row, line in zip(shown, lines, strict=True):
        entry = line["entry"]
        assert row["คำรับรอง"] == entry["agreement"]
        assert row["สถานะ"].startswith(SAR_TH[line["status"]])
        assert row["กำหนดส่ง"] == TH.day(date.fromisoformat(entry["due"]))
        if entry["filings"]:
            filed = entry["filings"][0]
            assert row["วันที่ส่ง"] == f"{TH.when(moment(filed['filed_at']))} (#{filed['position']})"
        for penalty in entry["penalties"]:
            assert f"{penalty['penalty_id']} −{penalty['amount']}" in row["หักคะแนน"]
    english(web)
    shown = rows(web.get("/registers/sar").text, "Due")
    assert [r["Status"].split(" ")[0] for r in shown] == [
        line["status"].split(" ")[0] for line in lines
    ]
    assert shown[0]["Due"] == lines[0]["entry"]["due"]


def test_an_office_sees_only_its_own_sars_and_is_refused_anothers(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    own = api(web, "TH-81-office", "/api/registers/sar", agreement="TH-81/2557")
    shown = rows(web.get("/registers/sar").text, "กำหนดส่ง")
    assert len(shown) == len(own) > 0
    assert {r["คำรับรอง"] for r in shown} == {"TH-81/2557"}
    filtered = rows(web.get("/registers/sar", agreement="TH-81/2557").text, "กำหนดส่ง")
    assert filtered == shown
    refused = web.get("/registers/sar", agreement="TH-82/2557")
    assert refused.status_code == 403
    assert "TH-82/2557" not in "".join(r["คำรับรอง"] for r in rows(refused.text, "กำหนดส่ง"))


@pytest.mark.parametrize("given", ["TH-81", "TH 81/2557", "<b>x</b>/2557", "x" * 300])
def test_a_bad_agreement_filter_is_refused_with_its_field_and_rule(
    web: WebClient, given: str
) -> None:
    web.sign_in("opdc-secretariat")
    for path in ("/registers/sar", "/registers/changes", "/warnings", "/checkpoints"):
        answer = web.get(path, agreement=given)
        assert answer.status_code == 400, path
        assert answer.headers["content-type"].startswith("text/html")
        assert "<code>agreement</code>" in answer.text
        assert "TH-81/2557" in answer.text  # the rule's example
        assert "<b>x</b>" not in answer.text
        assert "Traceback" not in answer.text
    english(web)
    answer = web.get("/registers/sar", agreement="TH-81")
    assert "an agreement ref: a unit id, &#39;/&#39; and a four-digit fiscal year" in answer.text


def test_a_day_to_judge_the_sar_register_on_is_read_as_ledger_dates_are(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    page = web.get("/registers/sar", today="30/04/2557").text
    assert "30/04/2557" in page
    bad = web.get("/registers/sar", today="not a day")
    assert bad.status_code == 400
    assert "<code>today</code>" in bad.text


# The change-request register --------------------------------------------------------------


def test_the_change_register_shows_each_request_as_the_api_does(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    entries = api(web, "opdc-secretariat", "/api/registers/changes")
    shown = rows(web.get("/registers/changes").text, "ปิดรอบการขอ")
    assert [(r["คำรับรอง"], r["คำขอ"].split(" ")[0]) for r in shown] == [
        (e["agreement"], e["request_id"]) for e in entries
    ]
    for row, entry in zip(shown, entries, strict=True):
        assert row["ปิดรอบการขอ"].startswith(TH.day(date.fromisoformat(entry["window_closes"])))
        assert row["ผู้พิจารณา"] == (entry["decided_by"] or "—")
        assert f"(#{entry['requested_position']})" in row["ยื่นคำขอ"]
        for position in entry["refused_attempts"]:
            assert f"#{position}" in row["ข้อสังเกต"]
    english(web)
    shown = rows(web.get("/registers/changes").text, "Window closes")
    assert [r["Window closes"].split(" ")[0] for r in shown] == [
        e["window_closes"] for e in entries
    ]
    assert [r["Status"] for r in shown] == [e["status"].replace("_", " ") for e in entries]


def test_an_office_sees_only_its_own_change_requests(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    own = api(web, "TH-81-office", "/api/registers/changes", agreement="TH-81/2557")
    shown = rows(web.get("/registers/changes").text, "ปิดรอบการขอ")
    assert [r["คำขอ"].split(" ")[0] for r in shown] == [e["request_id"] for e in own]
    assert {r["คำรับรอง"] for r in shown} == {"TH-81/2557"}
    assert web.get("/registers/changes", agreement="TH-83/2557").status_code == 403


def test_a_justification_holding_script_is_shown_as_text(open_world: World) -> None:
    line = next(
        msgspec.json.decode(text)
        for text in demo_lines()
        if '"CR-2557-03"' in text and '"request_change"' in text
    )
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with WebClient(open_world) as web:
        sent = web.client.post(
            "/api/commands",
            json={**line, "justification": payload, "evidence": []},
            headers={"Authorization": f"Bearer {open_world.tokens['TH-83-office']}"},
        )
        assert sent.status_code == 201, sent.text
        web.sign_in("TH-83-office")
        for path in ("/registers/changes", "/integrity"):
            page = web.get(path).text
            assert payload not in page
            assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img" in page


# Early warnings ---------------------------------------------------------------------------


def test_early_warnings_show_the_kpis_off_track_and_all_on_request(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    off = api(web, "opdc-secretariat", "/api/warnings")
    every = api(web, "opdc-secretariat", "/api/warnings", all="true")
    drift = api(web, "opdc-secretariat", "/api/warnings/drift")
    assert 0 < len(off) < len(every)
    page = web.get("/warnings").text
    shown = rows(page, "ส่วนต่าง")
    assert [(r["คำรับรอง"], r["ตัวชี้วัด"].split(" ")[0]) for r in shown] == [
        (t["agreement"], t["kpi_id"]) for t in off
    ]
    assert all(r["สถานะ"] == "ต่ำกว่าเป้าตามสัดส่วน" for r in shown)
    for row, trend in zip(shown, off, strict=True):
        assert row["ผลล่าสุด"] == trend["check"]["value"]
        assert row["ส่วนต่าง"] == trend["check"]["gap"]
    assert [r["ตัวชี้วัด"].split(" ")[0] for r in rows(page, "ต้นทาง")] == [n["ref"] for n in drift]
    english(web)
    shown = rows(web.get("/warnings", all="true").text, "Gap")
    assert len(shown) == len(every)
    assert [r["Status"] for r in shown] == [t["check"]["status"] for t in every]


def test_an_office_sees_only_its_own_warnings(web: WebClient) -> None:
    web.sign_in("TH-82-office")
    own = api(web, "TH-82-office", "/api/warnings", agreement="TH-82/2557", all="true")
    shown = rows(web.get("/warnings", all="true").text, "ส่วนต่าง")
    assert len(shown) == len(own) > 0
    assert {r["คำรับรอง"] for r in shown} == {"TH-82/2557"}
    drift = rows(web.get("/warnings").text, "ต้นทาง")
    assert [r["ตัวชี้วัด"].split(" ")[0] for r in drift] == ["TH-82/2557#G2"]
    assert web.get("/warnings", agreement="TH-81/2557").status_code == 403


def test_the_register_pages_ask_a_stranger_to_sign_in(web: WebClient) -> None:
    for path in ("/integrity", "/registers/sar", "/registers/changes", "/warnings"):
        answer = web.get(path)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login?next=")


# A page of agreements at a time -----------------------------------------------------------


def _pages(web: WebClient, path: str, column: str) -> list[list[dict[str, str]]]:
    """The rows having ``column`` of each page, following the next-page links from ``path``."""
    found: list[list[dict[str, str]]] = []
    at: str | None = path
    while at is not None:
        page = web.client.get(at)
        assert page.status_code == 200, at
        found.append(rows(page.text, column))
        link = re.search(r'<a href="([^"]+)" rel="next">', page.text)
        at = unescape(link.group(1)) if link else None
        if at is not None:
            assert path.partition("?")[2] in at  # the page's own filters are kept
    return found


def test_without_an_agreement_each_register_shows_a_page_of_agreements_at_a_time(
    web: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registers, "REGISTER_PAGE", 2)
    monkeypatch.setattr(integrity_page, "REPORT_PAGE", 2)
    web.sign_in("opdc-secretariat")
    lines = api(web, "opdc-secretariat", "/api/registers/sar", today="2014-04-30")
    pages = _pages(web, "/registers/sar?today=30%2F04%2F2557", "กำหนดส่ง")
    assert len(pages) == 3
    assert all(len({r["คำรับรอง"] for r in p}) == 2 for p in pages)
    shown = [r for p in pages for r in p]
    assert [r["คำรับรอง"] for r in shown] == [line["entry"]["agreement"] for line in lines]
    assert [r["กำหนดส่ง"] for r in shown] == [
        TH.day(date.fromisoformat(line["entry"]["due"])) for line in lines
    ]
    reports = api(web, "opdc-secretariat", "/api/audit")
    pages = _pages(web, "/integrity", "ผลการตรวจสอบ")
    assert [len(p) for p in pages] == [2, 2, 2]
    assert [r["คำรับรอง"] for p in pages for r in p] == [r["agreement"] for r in reports]
    every = api(web, "opdc-secretariat", "/api/warnings", all="true")
    pages = _pages(web, "/warnings?all=true", "ส่วนต่าง")
    assert [(r["คำรับรอง"], r["ตัวชี้วัด"].split(" ")[0]) for p in pages for r in p] == [
        (t["agreement"], t["kpi_id"]) for t in every
    ]
    entries = api(web, "opdc-secretariat", "/api/registers/changes")
    pages = _pages(web, "/registers/changes", "ปิดรอบการขอ")
    assert [r["คำขอ"].split(" ")[0] for p in pages for r in p] == [e["request_id"] for e in entries]


def test_a_bad_page_start_is_refused_with_its_field(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    for path in ("/registers/sar", "/registers/changes", "/warnings", "/integrity"):
        answer = web.get(path, after="<i>TH-81</i>")
        assert answer.status_code == 400, path
        assert "<code>after</code>" in answer.text
        assert "<i>TH-81</i>" not in answer.text
