"""The agreement page: the agreement's facts, KPIs, per-round numbers exactly as the scores
view holds them, charts, flags and links, in Thai and English; refused outside the viewer's
grants (403, however the address was reached); the act forms offered only to who may act."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from commands.http.read_views import caught_up
from commands.http.state import Api
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from projections.current_scores import read_scores
from projections.scores import RoundScores
from tests.web.world import WebClient, World, build_world

PAGE = "/agreements/TH-81/2557"


def scores_of(world: World, ref: str) -> list[RoundScores]:
    """The projection's own answer, as the API's ``/scores`` gives it."""
    context = build_context(world.settings)
    try:
        api = Api(settings=world.settings, context=context)
        with caught_up(api, "scores").view.reading() as docs:
            return read_scores(docs, agreement=ref)
    finally:
        context.app.close()


def section(page: str, element_id: str) -> str:
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</section>", start)]


def cells(row: str) -> list[str]:
    found = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in found]


def shown(value: object) -> str:
    return "—" if value is None else format(value, "f")


@pytest.fixture
def opened(open_world: World) -> Iterator[WebClient]:
    with WebClient(open_world) as client:
        yield client


def test_the_page_shows_each_rounds_numbers_exactly_as_the_scores_view(
    web: WebClient, full_world: World
) -> None:
    web.sign_in("TH-81-office")
    answer = web.get(PAGE)
    assert answer.status_code == 200
    page = answer.text
    assert '<html lang="th">' in page
    tables = scores_of(full_world, "TH-81/2557")
    assert [t.round_id for t in tables] == ["9m", "12m"]
    for table in tables:
        part = section(page, f"round-{table.round_id}")
        rows = re.findall(r"<tr>(.*?)</tr>", part, re.S)[1:]
        assert len(rows) == len(table.kpis)
        for row, kpi in zip(rows, table.kpis, strict=True):
            got = cells(row)
            assert got[0].startswith(kpi.kpi_id)
            assert got[1:] == [
                shown(kpi.weight),
                shown(kpi.reported_actual),
                shown(kpi.verified_actual),
                shown(kpi.score),
                shown(kpi.weighted_score),
            ]
        assert f"<strong>{shown(table.composite)}</strong>" in part
    certified = tables[1]
    assert certified.composite is not None
    assert "รับรองผลแล้ว" in section(page, "round-12m")
    # The weighted score keeps every digit the projection has (0.520005, not 0.52).
    assert "0.520005" in page


def test_the_page_in_english_names_the_unit_framework_and_signatories(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    web.get("/language/en")
    page = web.get(PAGE).text
    assert '<html lang="en">' in page
    assert "TH-81 Krabi" in page
    assert "จังหวัดกระบี่" in page  # both names of the unit are shown
    assert "FY2557 (CE 2013-14)" in page
    assert "Province" in page
    assert "fy2557-provinces" in page
    assert "Head of Krabi (Assessed)" in page
    assert "Results and scores per round" in page
    assert "Certified" in page
    # KPI terms as in force: titles in both languages, direction, criteria and monitor flag.
    kpis = section(page, "h-kpis")
    assert "Crime prevention and suppression" in kpis
    assert "การป้องกันและปราบปรามคดีอาชญากรรม" in kpis
    assert "Lower is better" in kpis
    assert "Level 3:&nbsp;100" in kpis
    assert "Monitored, not scored" in kpis
    assert f'href="{PAGE}/kpis/P3"' in kpis
    assert f'href="{PAGE}/diff"' in page
    assert f'href="{PAGE}/integrity"' in page


def test_flags_joint_and_cascade_links_are_shown(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    web.get("/language/en")
    page = web.get(PAGE).text
    # The refused attempt (a new KPI after signing) with its rule; P3 off track.
    assert "kpi_proposal" in page
    assert "rule 3: no new or replacement KPI during the year" in page
    assert "Off track" in section(page, "kpi-P3")
    # The joint KPI it joins, with the other participants and the shared results.
    joint = section(page, "joint-J-2557-TOURISM")
    assert "Tourism Authority of Thailand" in joint
    assert "TH-82/2557#P2" in joint
    assert "107.4" in joint
    # Cascaded from the group's KPI; the office cannot read the group's page, so no link.
    assert "GRP-ANDAMAN/2557#G1" in page
    assert 'href="/agreements/GRP-ANDAMAN/2557' not in page


def test_the_group_page_links_its_cascaded_children_for_opdc(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    page = web.get("/agreements/GRP-ANDAMAN/2557").text
    assert 'href="/agreements/TH-81/2557#kpi-G1"' in page


def test_a_penalty_is_shown_with_its_label_and_amount(web: WebClient, full_world: World) -> None:
    web.sign_in("opdc-secretariat")
    web.get("/language/en")
    page = web.get("/agreements/TH-85/2557").text
    table = scores_of(full_world, "TH-85/2557")[-1]
    assert table.penalties
    part = section(page, "round-12m")
    assert "12-month paper SAR delivered late (per working day)" in part
    for amount in table.penalties.values():
        assert format(amount, "f") in part
    assert f"{shown(table.composite_before_penalties)}</dd>" in part
    assert f"<strong>{shown(table.composite)}</strong>" in part


def test_one_chart_per_kpi_with_a_level_or_a_result(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    page = web.get(PAGE).text
    charts = section(page, "h-charts")
    assert charts.count('role="img"') == 13  # every KPI in the agreement has one
    assert '<title id="chart-P3-t">' in charts
    assert "<script" not in page


def test_another_units_agreement_typed_by_hand_is_refused(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    assert web.get(PAGE).status_code == 200
    answer = web.get("/agreements/TH-82/2557")
    assert answer.status_code == 403
    assert "ท่านไม่มีสิทธิ์ดำเนินการหรือดูข้อมูลนี้" in answer.text
    assert "Phang Nga" not in answer.text
    assert "พังงา" not in answer.text


def test_an_agreement_never_opened_is_a_404_page(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    answer = web.get("/agreements/TH-99/2557")
    assert answer.status_code == 404
    assert "ไม่พบข้อมูลที่ระบุ" in answer.text


def test_a_stranger_is_sent_to_sign_in(web: WebClient) -> None:
    answer = web.get(PAGE)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


ACTS = {
    "sar": f"{PAGE}/sar",
    "assessment": f"{PAGE}/assessment",
    "change": f"{PAGE}/changes/new",
    "appeal": f"{PAGE}/appeals/new",
    "certify": f"{PAGE}/certify",
}


@pytest.mark.parametrize(
    ("user", "offered"),
    [
        ("TH-81-office", {"sar", "change", "appeal"}),
        ("independent-evaluator", {"assessment"}),
        ("opdc-secretariat", {"certify"}),
        ("change-secretary", set()),
        ("appeal-secretary", set()),
    ],
)
def test_act_links_are_offered_only_to_who_may_act(
    opened: WebClient, user: str, offered: set[str]
) -> None:
    opened.sign_in(user)
    page = opened.get(PAGE).text
    links = {name for name, href in ACTS.items() if f'href="{href}"' in page}
    assert links == offered
    if user == "TH-81-office":
        assert "ส่งรายงานการประเมินตนเอง (SAR)" in page


def test_a_recorded_notice_is_shown_and_escaped(opened: WebClient) -> None:
    opened.sign_in("TH-81-office")
    page = opened.get(PAGE, recorded="file_sar").text
    assert "บันทึกและผนึกในบันทึกความโปร่งใสแล้ว" in page
    assert "<code>file_sar</code>" in page
    opened.get("/language/en")
    hostile = opened.get(PAGE, recorded="<script>alert(1)</script>").text
    assert "Recorded and sealed" in hostile
    assert "<script>" not in hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "Recorded and sealed" not in opened.get(PAGE).text


def test_every_table_stacks_on_a_phone(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    page = web.get(PAGE).text
    tables = re.findall(r"<table[^>]*>", page)
    assert tables
    assert all('class="stack"' in t for t in tables)
    assert page.count("<td") == page.count("<td data-label=")
    assert '<meta name="viewport"' in page


@pytest.mark.parametrize(
    ("upto", "ref", "user", "step"),
    [
        ("decide_change", "TH-81/2557", "change-secretary", "changes/CR-2557-01/decide"),
        ("decide_appeal", "TH-92/2557", "appeal-secretary", "appeals/AP-2557-01/decide"),
        ("adjust_score", "TH-92/2557", "appeal-secretary", "appeals/AP-2557-01/adjust"),
        ("adjust_score", "TH-92/2557", "opdc-secretariat", "appeals/AP-2557-01/adjust"),
    ],
)
def test_an_open_request_or_appeal_links_its_next_step_for_who_may_take_it(
    tmp_path: Path, upto: str, ref: str, user: str, step: str
) -> None:
    world = build_world(tmp_path, Settings(database=str(tmp_path / "l.sqlite")), upto=upto)
    with WebClient(world) as client:
        client.sign_in(user)
        assert f'href="/agreements/{ref}/{step}"' in client.get(f"/agreements/{ref}").text
        client.sign_in(f"{ref.split('/')[0]}-office")
        assert f"/{step}" not in client.get(f"/agreements/{ref}").text


@pytest.fixture(scope="module")
def assessed_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The year up to the first certification: the 12-month round assessed, not certified
    (the 9-month round was reported, never assessed)."""
    folder = tmp_path_factory.mktemp("assessed-year")
    return build_world(
        folder, Settings(database=str(folder / "ledger.sqlite")), upto="certify_scores"
    )


def test_a_composite_not_yet_certified_says_so_beside_it(
    assessed_world: World, web: WebClient
) -> None:
    with WebClient(assessed_world) as client:
        client.sign_in("TH-81-office")
        part = section(client.get(PAGE).text, "round-12m")
    (table,) = [t for t in scores_of(assessed_world, "TH-81/2557") if t.round_id == "12m"]
    assert table.status != "certified"
    assert table.composite is not None
    assert re.search(rf"<strong>{shown(table.composite)}</strong> \(\S", part)
    web.sign_in("TH-81-office")
    certified = section(web.get(PAGE).text, "round-12m")
    assert re.search(r"</strong></dd>", certified)  # nothing beside a certified composite
