"""The KPI timeline and the diff pages: Krabi's oil-palm KPI (TH-81 P1), whose thresholds the
change-request committee lowered on 30 April 2014 (CR-2557-01), read through the pages and
compared with what the audit, as-of and diff functions themselves answer."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from commands.handlers import HandlerContext
from commands.web.i18n import Words
from commands.wiring import build_context
from ledger.thaidate import parse_moment
from projections.as_of import as_in_force, as_recorded
from projections.audit import TargetVersion
from projections.catch_up import catch_up
from projections.diff import diff_moments
from projections.integrity import read_integrity
from projections.registry import open_projection
from tests.web.world import WebClient, World

KRABI = "/agreements/TH-81/2557"
TIMELINE = f"{KRABI}/kpis/P1"
PAYLOAD = '"><script>alert(1)</script>'


@pytest.fixture(scope="module")
def ctx(full_world: World) -> Iterator[HandlerContext]:
    context = build_context(full_world.settings)
    try:
        yield context
    finally:
        context.app.close()


@pytest.fixture(scope="module")
def versions(full_world: World, ctx: HandlerContext) -> tuple[TargetVersion, ...]:
    """P1's target versions as the rule-1 audit has them."""
    view = open_projection(full_world.settings, "integrity", ctx.framework)
    catch_up(ctx.app, view)
    with view.view.reading() as docs:
        audit = read_integrity(docs, "TH-81/2557")[0]
    return next(k for k in audit.kpis if k.kpi_id == "P1").versions


def levels(thresholds: tuple[Decimal, ...]) -> str:
    return " / ".join(format(x, "f") for x in thresholds)


def terms_then(page: str) -> str:
    """The thresholds the page's "at a moment" section shows."""
    found = re.search(r'class="then-thresholds">(.*?)</dd>', page, re.S)
    assert found, "no 'at a moment' section"
    return html.unescape(found.group(1)).strip()


def standing_row(page: str) -> str:
    """The version number of the row marked as standing at the chosen moment."""
    found = re.search(r'<tr class="current">\s*<td[^>]*><a href="#v(\d+)"', page)
    assert found, "no version marked"
    return found.group(1)


def test_the_timeline_lists_each_version_with_both_times_and_the_decision(
    web: WebClient, versions: tuple[TargetVersion, ...]
) -> None:
    web.sign_in("TH-81-office")
    answer = web.get(TIMELINE)
    assert answer.status_code == 200, answer.text
    page = html.unescape(answer.text)
    thai = Words("th", {})
    assert len(versions) == 2
    assert versions[0].thresholds != versions[1].thresholds
    for version in versions:
        assert levels(version.thresholds) in page
        assert thai.when(version.recorded_at) in page
        assert thai.when(version.effective_at) in page
    # The request and the decision behind version 2: who asked, why, the committee's minutes.
    assert versions[1].request_id == "CR-2557-01"
    assert "TH-81-office" in page
    assert "damaged oil-palm plantations in Krabi" in page
    assert "change-committee" in page
    assert "change-secretary" in page
    assert "CR-2014-04-30" in page
    assert "อนุมัติโดยมีการแก้ไข" in page
    assert "thresholds lowered by 100 kg/rai" in page
    assert "30/04/2557 10:00" in page  # BE for a Thai reader
    assert "2014-04-30 10:00 +07:00" not in page


def test_an_english_reader_gets_iso_dates(
    web: WebClient, versions: tuple[TargetVersion, ...]
) -> None:
    web.sign_in("opdc-secretariat")
    web.client.cookies.set("ledger_lang", "en")
    page = html.unescape(web.get(TIMELINE).text)
    english = Words("en", {})
    assert "KPI timeline" in page
    assert "Approved with amendments" in page
    for version in versions:
        assert english.when(version.effective_at) in page
    assert "2014-04-30 10:00 +07:00" in page
    assert "30/04/2557 10:00" not in page


@pytest.mark.parametrize(
    ("typed", "number"), [("2557-04-29", 1), ("30/04/2557", 2), ("2014-05-01T09:00+07:00", 2)]
)
def test_the_date_control_shows_the_target_in_force_then(
    web: WebClient,
    ctx: HandlerContext,
    versions: tuple[TargetVersion, ...],
    typed: str,
    number: int,
) -> None:
    web.sign_in("TH-81-office")
    answer = web.get(TIMELINE, at=typed, basis="effective")
    assert answer.status_code == 200, answer.text
    reading = as_in_force(ctx.app, "TH-81/2557", parse_moment(typed), ctx.framework)
    expected = reading.state.kpis["P1"].terms.thresholds
    assert terms_then(answer.text) == levels(expected)
    assert expected == versions[number - 1].thresholds
    assert standing_row(answer.text) == str(number)


@pytest.mark.parametrize("number", [1, 2])
def test_the_date_control_shows_the_target_as_recorded_then(
    web: WebClient, ctx: HandlerContext, versions: tuple[TargetVersion, ...], number: int
) -> None:
    """The demo records its year in a moment, so each version's own recorded time is the
    moment at which it was the newest the ledger knew."""
    moment = versions[number - 1].recorded_at
    web.sign_in("TH-81-office")
    answer = web.get(TIMELINE, at=moment.isoformat(), basis="recorded")
    assert answer.status_code == 200, answer.text
    index = open_projection(web.world.settings, "versions", ctx.framework)
    reading = as_recorded(ctx.app, index, "TH-81/2557", moment, ctx.framework)
    assert terms_then(answer.text) == levels(reading.state.kpis["P1"].terms.thresholds)
    assert terms_then(answer.text) == levels(versions[number - 1].thresholds)
    assert standing_row(answer.text) == str(number)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"at": "31/02/2557"}, "at"),
        ({"at": "next tuesday"}, "at"),
        ({"at": "2557-04-29", "basis": "sideways"}, "basis"),
    ],
)
def test_a_bad_moment_is_refused_on_the_page_naming_the_field(
    web: WebClient, params: dict[str, str], field: str
) -> None:
    web.sign_in("TH-81-office")
    answer = web.get(TIMELINE, **params)
    assert answer.status_code == 400
    assert f"<code>{field}</code>" in answer.text
    assert 'class="then-thresholds"' not in answer.text
    assert "Traceback" not in answer.text
    assert "เกณฑ์การให้คะแนน" in answer.text  # the rest of the page is still there


def test_the_moment_rule_is_shown_with_the_refusal(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    answer = web.get(TIMELINE, at="30-04-2557")
    assert answer.status_code == 400
    assert "30/04/2557" in html.unescape(answer.text.split('id="refusal"', 1)[1])


def test_html_typed_into_the_date_fields_comes_back_inert(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    for path, params in (
        (TIMELINE, {"at": PAYLOAD}),
        (f"{KRABI}/diff", {"from": PAYLOAD, "to": "2557-05-01"}),
        (f"{KRABI}/diff", {"from": "2557-04-29", "to": "2557-05-01", "basis": PAYLOAD}),
    ):
        answer = web.get(path, **params)
        assert answer.status_code == 400
        assert "<script>" not in answer.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text


def diff_rows(page: str) -> list[tuple[str, ...]]:
    """The rows of the "what changed" table (subject, field, before, after)."""
    changes = page.split('id="changes-h"', 1)[-1].split('id="events-h"', 1)[0]
    rows = re.findall(
        r'<td data-label="[^"]*">([^<]*)</td>\s*<td data-label="[^"]*">([^<]*)</td>\s*'
        r'<td data-label="[^"]*">([^<]*)</td>\s*<td data-label="[^"]*">([^<]*)</td>',
        changes,
    )
    return [tuple(html.unescape(cell) for cell in row) for row in rows]


def test_the_diff_shows_the_changed_target_between_two_recorded_moments(
    web: WebClient, ctx: HandlerContext, versions: tuple[TargetVersion, ...]
) -> None:
    first, second = versions[0].recorded_at, versions[1].recorded_at
    web.sign_in("opdc-secretariat")
    web.client.cookies.set("ledger_lang", "en")
    answer = web.get(f"{KRABI}/diff", **{"from": first.isoformat(), "to": second.isoformat()})
    assert answer.status_code == 200, answer.text
    index = open_projection(web.world.settings, "versions", ctx.framework)
    found = diff_moments(ctx.app, index, "TH-81/2557", first, second, ctx.framework)
    change = next(c for c in found.changes if c.subject == "KPI P1" and c.field == "thresholds")
    rows = diff_rows(answer.text)
    assert (
        "KPI P1",
        "thresholds",
        " / ".join(change.before),
        " / ".join(change.after),
    ) in rows
    assert (
        "KPI P1",
        "thresholds",
        levels(versions[0].thresholds),
        levels(versions[1].thresholds),
    ) in rows
    assert len(rows) == len(found.changes)
    assert "('" not in html.unescape(answer.text)  # never a Python tuple
    assert "ChangeDecided" in answer.text  # the events recorded in between


def test_the_diff_by_effective_time_spans_the_change_season(
    web: WebClient, versions: tuple[TargetVersion, ...]
) -> None:
    web.sign_in("TH-81-office")
    answer = web.get(
        f"{KRABI}/diff", **{"from": "29/04/2557", "to": "2557-05-01", "basis": "effective"}
    )
    assert answer.status_code == 200, answer.text
    rows = diff_rows(answer.text)
    assert (
        "ตัวชี้วัด P1",
        "เกณฑ์การให้คะแนน",
        levels(versions[0].thresholds),
        levels(versions[1].thresholds),
    ) in rows
    assert ("คำขอ CR-2557-01", "สถานะ", "รอพิจารณา", "อนุมัติโดยมีการแก้ไข") in rows
    same = web.get(
        f"{KRABI}/diff", **{"from": "2557-05-01", "to": "2557-05-02", "basis": "effective"}
    )
    assert not any(row[0] == "ตัวชี้วัด P1" for row in diff_rows(same.text))


def test_the_diff_needs_both_moments(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    answer = web.get(f"{KRABI}/diff", **{"from": "2557-04-29"})
    assert answer.status_code == 400
    assert "<code>to</code>" in answer.text
    assert web.get(f"{KRABI}/diff").status_code == 200


@pytest.mark.parametrize("path", [TIMELINE, f"{KRABI}/diff", f"{KRABI}/kpis/NOPE"])
def test_another_units_office_is_refused_even_typing_the_url(web: WebClient, path: str) -> None:
    web.sign_in("TH-82-office")
    answer = web.get(path, **{"at": "2557-04-29"})
    assert answer.status_code == 403
    assert "2700 / 2800" not in answer.text
    assert "CR-2557-01" not in answer.text
    assert web.get("/agreements/TH-82/2557/kpis/P1").status_code == 200


@pytest.mark.parametrize(
    "path", [f"{KRABI}/kpis/P9", "/agreements/TH-99/2557/kpis/P1", "/agreements/TH-99/2557/diff"]
)
def test_an_unknown_agreement_or_kpi_is_not_found(web: WebClient, path: str) -> None:
    web.sign_in("opdc-secretariat")
    answer = web.get(path)
    assert answer.status_code == 404
    assert "ไม่พบข้อมูลที่ระบุ" in answer.text


def test_before_the_agreement_was_recorded_the_page_says_so(
    web: WebClient, versions: tuple[TargetVersion, ...]
) -> None:
    """By recorded time, 2014 is before the demo recorded anything: the page says which
    field and rule, and marks no version as known then."""
    web.sign_in("TH-81-office")
    answer = web.get(TIMELINE, at="2557-04-29", basis="recorded")
    assert answer.status_code == 404
    assert "<code>at</code>" in answer.text
    assert 'class="current"' not in answer.text
    assert levels(versions[1].thresholds) in html.unescape(answer.text)


def test_a_moment_and_its_basis_are_kept_in_the_form(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    page = web.get(TIMELINE, at="30/04/2557", basis="recorded").text
    assert 'name="at" type="text" value="30/04/2557"' in page
    assert re.search(r'id="basis-recorded" name="basis" value="recorded" checked', page)
