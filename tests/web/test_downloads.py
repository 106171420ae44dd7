"""The Excel workbook as the web pages give it: the same workbook ``ledger export-xlsx``
writes, holding only the agreements the signed-in user's grants cover (an office: its own
unit's rows), refused to a user holding no grant and to a unit outside the reader's grants,
and offered from the agreements list with the list's filters."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from commands.authentication import new_token
from commands.execution import execute
from commands.messages import AddUser, IssueToken
from commands.web.downloads import XLSX_TYPE
from commands.wiring import build_context
from ledger.domain.values import Actor
from ledger.thaidate import utc_now
from tests.cli import ledger
from tests.web.world import WebClient, World

DOWNLOAD = "/reports/ledger.xlsx"
BY_AGREEMENT = (
    "Scores 9m · คะแนน",
    "Scores 12m · คะแนน",
    "Change requests · คำขอ",
    "Target integrity · ค่าเป้าหมาย",
    "SAR register · ทะเบียน SAR",
)


def _book(answer: Any) -> openpyxl.Workbook:
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == XLSX_TYPE
    assert answer.headers["content-disposition"].startswith("attachment; filename=")
    return openpyxl.load_workbook(io.BytesIO(answer.content))


def _column(book: openpyxl.Workbook, sheet: str, header: str) -> list[Any]:
    rows = book[sheet].iter_rows(values_only=True)
    headers = next(rows)
    next(rows)  # the Thai header row
    at = headers.index(header)
    return [row[at] for row in rows]


def test_an_office_gets_its_own_units_rows_and_opdc_every_agreements(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    mine = _book(web.get(DOWNLOAD))
    for sheet in BY_AGREEMENT:
        assert set(_column(mine, sheet, "Agreement")) == {"TH-81/2557"}, sheet
    assert set(_column(mine, "Joint KPIs · ตัวชี้วัดร่วม", "Participant unit")) == {"TH-81"}
    web.sign_in("opdc-secretariat")
    every = _book(web.get(DOWNLOAD))
    agreements = set(_column(every, "SAR register · ทะเบียน SAR", "Agreement"))
    assert len(agreements) == 6
    assert "TH-81/2557" in agreements
    # The office's rows are OPDC's rows of that agreement, cell for cell.
    for sheet in BY_AGREEMENT:
        theirs = [r for r in every[sheet].iter_rows(min_row=3, values_only=True)
                  if r[0] == "TH-81/2557"]  # fmt: skip
        assert list(mine[sheet].iter_rows(min_row=3, values_only=True)) == theirs, sheet


def test_the_download_is_what_the_cli_exports(
    web: WebClient, full_world: World, tmp_path: Path
) -> None:
    web.sign_in("opdc-secretariat")
    given = _book(web.get(DOWNLOAD, year="2557", round="12m"))
    target = tmp_path / "cli.xlsx"
    done = ledger(
        "export-xlsx", "--db", full_world.settings.database, "--year", "2557", "--round", "12m",
        str(target),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = openpyxl.load_workbook(target)
    assert given.sheetnames == written.sheetnames
    for name in given.sheetnames[1:]:  # the first says when and for whom
        assert list(given[name].values) == list(written[name].values), name


def test_a_user_holding_no_grant_is_refused(full_world: World) -> None:
    ctx = build_context(full_world.settings).entering("ledger-admin")
    admin = Actor(id="ledger-admin", role="administrator")
    token = new_token()
    execute(ctx, AddUser(actor=admin, user_id="no-grant", name_th="ไม่มีสิทธิ์", name_en="None"))
    execute(
        ctx,
        IssueToken(
            actor=admin,
            user_id="no-grant",
            token_id=token.token_id,
            secret_sha256=token.sha256,
            expires_at=utc_now() + timedelta(days=1),
        ),
    )
    ctx.app.close()
    full_world.tokens["no-grant"] = token.token
    with WebClient(full_world) as web:
        web.sign_in("no-grant")
        refused = web.get(DOWNLOAD)
    assert refused.status_code == 403
    assert "content-disposition" not in refused.headers
    assert "ไม่มีสิทธิ์" in refused.text


@pytest.mark.parametrize(
    ("user", "query", "status", "field"),
    [
        ("TH-81-office", {"unit": "TH-82"}, 403, "unit"),
        ("TH-81-office", {"unit": "not an id"}, 400, "unit"),
        ("opdc-secretariat", {"round": "zz"}, 404, "round"),
        ("opdc-secretariat", {"year": "2568", "round": "9m"}, 404, "round"),
        ("opdc-secretariat", {"unit": "not an id"}, 400, "unit"),
        ("opdc-secretariat", {"unit": "TH-99"}, 404, "unit"),
    ],
)
def test_a_bad_filter_or_a_unit_outside_the_grants_is_refused_naming_it(
    web: WebClient, user: str, query: dict[str, str], status: int, field: str
) -> None:
    web.sign_in(user)
    refused = web.get(DOWNLOAD, **query)
    assert refused.status_code == status, refused.text
    assert f"<code>{field}</code>" in refused.text
    assert "content-disposition" not in refused.headers


def test_signing_in_comes_first(web: WebClient) -> None:
    answer = web.get(DOWNLOAD, year="2557")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


def test_the_agreements_list_offers_the_workbook_with_its_filters(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    page = web.get("/agreements", year="2557", unit="TH-81").text
    assert f'href="{DOWNLOAD}?year=2557&amp;unit=TH-81"' in page
    assert f'href="{DOWNLOAD}"' in web.get("/agreements").text
    assert _book(web.get(DOWNLOAD, year="2557", unit="TH-81"))["Scores 12m · คะแนน"].max_row > 2
