"""The agreement page offers its printable report: the PDF `ledger report` writes, for a user
whose grants cover the agreement; another unit's office is refused (403) and an agreement
never opened is not found (404), whatever address was typed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.web.world import WebClient, World

PAGE = "/agreements/TH-81/2557"
REPORT = f"{PAGE}/report.pdf"


@pytest.fixture(scope="module")
def downloaded(full_world: World) -> tuple[int, dict[str, str], bytes]:
    """The report as Krabi's office downloads it (rendered once for the module)."""
    with WebClient(full_world) as client:
        client.sign_in("TH-81-office")
        answer = client.get(REPORT)
        return answer.status_code, dict(answer.headers), answer.content


def test_the_agreement_page_links_its_printable_report(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    page = web.get(PAGE).text
    assert re.search(rf'<a href="{re.escape(REPORT)}" id="report-pdf" download>', page)
    web.client.cookies.set("ledger_lang", "en")
    assert "Printable report (PDF, A4)" in web.get(PAGE).text


def test_a_reader_with_a_grant_gets_the_agreements_pdf(
    downloaded: tuple[int, dict[str, str], bytes], tmp_path: Path
) -> None:
    status, headers, body = downloaded
    assert status == 200
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == 'attachment; filename="report-TH-81-2557.pdf"'
    assert headers["cache-control"] == "private, no-store"
    assert body.startswith(b"%PDF-")
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "จังหวัดกระบี่" in text
    assert "TH-81/2557" in text
    assert "ledger verify-proof TH-81-2557-" in text  # sealed by the world's log key


@pytest.mark.parametrize(
    ("user", "path", "status"),
    [
        ("TH-81-office", "/agreements/TH-82/2557/report.pdf", 403),
        ("opdc-secretariat", "/agreements/TH-99/2557/report.pdf", 404),
    ],
    ids=["another unit's office", "never opened"],
)
def test_who_may_not_read_it_gets_no_pdf(web: WebClient, user: str, path: str, status: int) -> None:
    web.sign_in(user)
    answer = web.get(path)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert not answer.content.startswith(b"%PDF")
    assert "พังงา" not in answer.text  # nothing of the refused agreement is shown


def test_a_stranger_is_sent_to_sign_in(web: WebClient) -> None:
    answer = web.get(REPORT)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")
