"""The KPI template on the web pages: a unit's office finds the import on its agreement's page,
downloads the blank template for its framework and level, and uploads it filled; the
agreement then holds exactly its KPIs, as `ledger import-kpis` records them. A bad file is
shown again with its sheet, row and column, in Thai or English, and records nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest

from commands.kpi_templates.columns import columns_for
from commands.wiring import build_context
from ledger.application import agreement_uuid
from ledger.domain.agreement import Agreement
from ledger.domain.control_events import ChangeAttemptRefused
from ledger.frameworks.loader import framework_by_id
from ledger.persistence.settings import Settings
from tests.web.world import WebClient, World, build_world

PAGE = "/agreements/TH-81/2557"
FORM = f"{PAGE}/kpis/import"
OFFICE = "user:assessed_unit:TH-81-office"
KEYS = [c.key for c in columns_for(framework_by_id("fy2557-provinces"))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def drafting(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The year stopped before the first KPI is proposed: every agreement open, none signed."""
    folder = tmp_path_factory.mktemp("drafting")
    settings = Settings(database=str(folder / "ledger.sqlite"))
    return build_world(folder, settings, upto="propose_kpi")


@pytest.fixture
def web(drafting: World) -> Iterator[WebClient]:
    with WebClient(drafting) as client:
        yield client


def _state(world: World, ref: str = "TH-81/2557") -> tuple[Agreement, int]:
    ctx = build_context(world.settings)
    try:
        return ctx.app.agreement(ref), ctx.app.head()
    finally:
        ctx.app.close()


def _filled(blank: bytes, rows: dict[int, dict[str, Any]]) -> bytes:
    """The downloaded template with ``rows`` typed over it (by sheet row)."""
    book = openpyxl.load_workbook(io.BytesIO(blank))
    for number, values in rows.items():
        for key, value in values.items():
            book["KPIs"].cell(row=number, column=KEYS.index(key) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mandatory_rows() -> dict[int, dict[str, Any]]:
    """What the office types beside the eight mandatory KPIs the template lists."""
    rows: dict[int, dict[str, Any]] = {
        n: {
            "unit_of_measure": "ร้อยละ",
            "direction": "higher",
            **{f"thresholds[{i}]": 60 + 5 * i for i in range(5)},
        }
        for n in range(2, 7)
    }
    rows.update({n: {"unit_of_measure": "ล้านบาท", "direction": "higher"} for n in range(7, 10)})
    return rows


def _post(web: WebClient, content: bytes, name: str = "kpis.xlsx", **extra: str) -> Any:
    form = {"actor": OFFICE, **extra}
    return web.post(FORM, form, files=[("template", (name, content, XLSX))])


def test_the_office_downloads_fills_and_uploads_the_template(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    assert f'href="{FORM}"' in web.get(PAGE).text
    form = web.get(FORM)
    assert form.status_code == 200
    assert 'type="file"' in form.text
    assert 'enctype="multipart/form-data"' in form.text
    blank = web.get(f"{PAGE}/kpis/template.xlsx")
    assert blank.status_code == 200
    assert blank.headers["content-type"].startswith(XLSX)
    assert "kpi-template-fy2557-provinces-province.xlsx" in blank.headers["content-disposition"]
    listed = openpyxl.load_workbook(io.BytesIO(blank.content))["KPIs"]
    assert [r[0].value for r in listed.iter_rows(min_row=2) if r[0].value] == [
        "2", "3", "4", "5", "6", "M1", "M2", "M3",
    ]  # fmt: skip
    rows = _mandatory_rows()
    rows[10] = {
        "kpi_id": "G9",
        "title_th": "รายได้จากการท่องเที่ยว",
        "title_en": "Tourism revenue",
        "component": "1.2",
        "unit_of_measure": "ล้านบาท",
        "direction": "higher",
        "weight": 7.5,
        **{f"thresholds[{i}]": v for i, v in enumerate([92, 94, 96, 98, 100])},
    }
    answer = _post(web, _filled(blank.content, rows))
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"{PAGE}?recorded=propose_kpi"
    state, _ = _state(web.world)
    assert list(state.kpis) == ["2", "3", "4", "5", "6", "M1", "M2", "M3", "G9"]
    g9 = state.kpis["G9"].terms
    assert (g9.component, str(g9.weight), [str(t) for t in g9.thresholds]) == (
        "1.2",
        "7.5",
        ["92", "94", "96", "98", "100"],
    )
    assert state.kpis["M1"].terms.monitor
    assert state.kpis["M1"].terms.mandatory_code == "M1"


def test_a_bad_row_is_shown_with_its_place_and_records_nothing(web: WebClient) -> None:
    web.sign_in("TH-92-office")
    blank = web.get("/agreements/TH-92/2557/kpis/template.xlsx").content
    rows = _mandatory_rows()
    rows[4]["weight"] = "five"
    before = _state(web.world, "TH-92/2557")
    answer = web.post(
        "/agreements/TH-92/2557/kpis/import",
        {"actor": "user:assessed_unit:TH-92-office"},
        files=[("template", ("kpis.xlsx", _filled(blank, rows), XLSX))],
    )
    assert answer.status_code == 400
    assert "sheet KPIs, row 4, column G (weight): &#39;five&#39; is not a number" in answer.text
    assert "KPIs!G4" in answer.text
    assert "ช่องตัวเลขต้องเป็นเลขทศนิยม" in answer.text  # the rule, in Thai by default
    assert _state(web.world, "TH-92/2557") == before


def test_a_file_that_is_not_a_workbook_is_refused_in_english_too(web: WebClient) -> None:
    web.sign_in("TH-92-office")
    web.get("/language/en")
    before = _state(web.world, "TH-92/2557")
    answer = web.post(
        "/agreements/TH-92/2557/kpis/import",
        {"actor": "user:assessed_unit:TH-92-office"},
        files=[("template", ("kpis.xlsx", b"not a workbook", XLSX))],
    )
    assert answer.status_code == 400
    assert "the file is not an .xlsx workbook" in answer.text
    assert "a KPI template is an .xlsx workbook" in answer.text
    assert "Import KPIs from an Excel template" in answer.text  # the form, shown again
    assert _state(web.world, "TH-92/2557") == before


def test_the_import_is_not_offered_to_who_may_not_propose(web: WebClient) -> None:
    web.sign_in("independent-evaluator")
    assert f'href="{FORM}"' not in web.get(PAGE).text
    assert web.get(FORM).status_code == 403
    web.sign_in("TH-92-office")
    assert web.get(FORM).status_code == 403  # another unit's agreement


def test_the_page_without_a_file_says_to_choose_one(web: WebClient) -> None:
    web.sign_in("TH-92-office")
    before = _state(web.world, "TH-92/2557")
    answer = web.post(
        "/agreements/TH-92/2557/kpis/import",
        {"actor": "user:assessed_unit:TH-92-office"},
    )
    assert answer.status_code == 400
    assert "choose the filled template to upload" in answer.text
    assert _state(web.world, "TH-92/2557") == before


def test_on_a_signed_agreement_only_the_refused_attempt_is_kept(open_world: World) -> None:
    """Every agreement of ``open_world`` is signed: rule 3 refuses a new KPI, and the ledger
    keeps the attempt for the audit (as `ledger apply` would), sealed; no KPI is added."""
    with WebClient(open_world) as web:
        web.sign_in("TH-81-office")
        page = web.get(FORM).text
        assert "คำรับรองนี้ลงนามแล้ว" in page
        blank = web.get(f"{PAGE}/kpis/template.xlsx").content
        before, head = _state(open_world)
        answer = _post(web, _filled(blank, _mandatory_rows()))
        assert answer.status_code == 422
        assert "sheet KPIs, row 2, column A (kpi_id): agreement TH-81/2557 is signed" in answer.text
        assert "หลักเกณฑ์ข้อ 3" in answer.text
        after, grown = _state(open_world)
        assert after.kpis == before.kpis
        assert grown == head + 2  # the attempt and its receipt
        ctx = build_context(open_world.settings)
        try:
            last = ctx.app.events_of(agreement_uuid("TH-81/2557"))[-1]
        finally:
            ctx.app.close()
        assert isinstance(last, ChangeAttemptRefused)
        assert last.actor.id == "TH-81-office"
