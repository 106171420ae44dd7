"""The agreements list: each agreement the viewer may read with what the API says of it (its
latest round's composite included), filtered by year, unit, level and framework, a page at a
time with a link to the next; and built from the agreements it shows, never from all of them
(the office's list reads its own unit's documents by key, OPDC's stops once a page is full)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import unescape
from typing import Any, TypeVar

import pytest

from commands.http.read_access import META_VIEW
from commands.http.read_views import caught_up
from commands.http.state import Api
from commands.web import agreement_list
from commands.web.readable import Wanted, reach, walk
from commands.web.session import Viewer
from commands.wiring import build_context
from ledger.thaidate import utc_now
from projections.documents import Documents
from tests.web.test_registers import english, rows
from tests.web.world import WebClient, World

T = TypeVar("T")


def api(web: WebClient, path: str) -> Any:
    token = web.world.tokens["opdc-secretariat"]
    answer = web.client.get(path, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def listed(page: str) -> list[str]:
    """The agreements a list page shows, by reference (from each row's link)."""
    return [f"{u}/{y}" for u, y in re.findall(r'<a href="/agreements/([^/"]+)/(\d{4})">', page)]


def next_link(page: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next">', page)
    return unescape(found.group(1)) if found else None


def test_opdc_sees_every_agreement_as_the_api_lists_it(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    every = api(web, "/api/agreements")
    page = web.get("/agreements")
    assert page.status_code == 200
    assert listed(page.text) == [a["agreement"] for a in every]
    shown = rows(page.text, "คะแนนรวม")
    for row, agreement in zip(shown, every, strict=True):
        assert row["ตัวชี้วัด"] == str(agreement["kpis"])
        assert row["ลงนามแล้ว"] == ("ใช่" if agreement["signed"] else "ไม่ใช่")
        unit, year = agreement["agreement"].split("/")
        tables = api(web, f"/api/agreements/{unit}/{year}/scores")
        assert row["คะแนนรวม"] == (tables[-1]["composite"] or "—" if tables else "—")
    assert next_link(page.text) is None  # six agreements: one page
    english(web)
    shown = rows(web.get("/agreements").text, "Composite")
    assert [r["Signed"] for r in shown] == ["Yes" if a["signed"] else "No" for a in every]
    assert "Province" in {r["Level"] for r in shown}


def test_an_office_sees_only_its_own_agreement(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    page = web.get("/agreements").text
    assert listed(page) == ["TH-81/2557"]
    assert listed(web.get("/agreements", unit="TH-81").text) == ["TH-81/2557"]
    other = web.get("/agreements", unit="TH-82")
    assert other.status_code == 200
    assert listed(other.text) == []
    assert "ไม่มีคำรับรองที่ท่านมีสิทธิ์ดูตามเงื่อนไขนี้" in other.text


def test_the_filters_keep_what_they_name(web: WebClient) -> None:
    web.sign_in("opdc-secretariat")
    every = [a["agreement"] for a in api(web, "/api/agreements")]
    assert listed(web.get("/agreements", year="2557").text) == every
    assert listed(web.get("/agreements", year="2568").text) == []
    assert listed(web.get("/agreements", framework="fy2557-provinces").text) == every
    assert listed(web.get("/agreements", framework="fy2568-provinces").text) == []
    provinces = listed(web.get("/agreements", level="province").text)
    groups = listed(web.get("/agreements", level="province_group").text)
    assert groups == ["GRP-ANDAMAN/2557"]
    assert sorted(provinces + groups) == sorted(every)
    assert listed(web.get("/agreements", unit="TH-83").text) == ["TH-83/2557"]
    page = web.get("/agreements", unit="TH-83", level="province").text
    assert 'value="TH-83"' in page  # the typed unit is kept
    assert '<option value="province" selected>' in page


@pytest.mark.parametrize(
    ("field", "given"),
    [
        ("unit", "TH 81"),
        ("unit", "<script>alert(1)</script>"),
        ("level", "galaxy"),
        ("framework", "<b>x</b>"),
        ("after", "TH-81"),
    ],
)
def test_a_bad_filter_is_refused_with_its_field_and_rule(
    web: WebClient, field: str, given: str
) -> None:
    web.sign_in("opdc-secretariat")
    answer = web.get("/agreements", **{field: given})
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/html")
    assert f"<code>{field}</code>" in answer.text
    assert "<script>alert" not in answer.text
    assert "<b>x</b>" not in answer.text
    assert "Traceback" not in answer.text


def test_a_list_longer_than_a_page_is_shown_a_page_at_a_time(
    web: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(agreement_list, "PAGE", 2)
    web.sign_in("opdc-secretariat")
    every = [a["agreement"] for a in api(web, "/api/agreements")]
    seen: list[list[str]] = []
    path: str | None = "/agreements?year=2557"
    while path is not None:
        page = web.client.get(path).text
        seen.append(listed(page))
        assert "year=2557" in (next_link(page) or "year=2557")  # the filter is kept
        if len(seen) > 1:
            assert 'href="/agreements?year=2557"' in page  # back to the first page
        path = next_link(page)
    assert [len(p) for p in seen] == [2, 2, 2]
    assert [ref for p in seen for ref in p] == every


# The work a list does -------------------------------------------------------------------


class Counting(Documents):
    """A reading of a view that counts the documents it hands out."""

    def __init__(self, inner: Documents) -> None:
        self.inner = inner
        self.got: list[tuple[str, str]] = []
        self.streamed: list[tuple[str, str]] = []

    def get(self, collection: str, key: str, kind: type[T]) -> T | None:
        self.got.append((collection, key))
        return self.inner.get(collection, key, kind)

    def stream(self, collection: str, kind: type[T], prefix: str = "") -> Iterator[tuple[str, T]]:
        for key, value in self.inner.stream(collection, kind, prefix):
            self.streamed.append((collection, key))
            yield key, value

    def scan(self, collection: str, kind: type[T], prefix: str = "") -> list[tuple[str, T]]:
        raise AssertionError(f"a list page scanned {collection!r} whole")

    def put(self, collection: str, key: str, value: Any) -> None:
        raise AssertionError("a read wrote")

    def delete(self, collection: str, key: str) -> None:
        raise AssertionError("a read deleted")

    def delete_prefix(self, collection: str, prefix: str) -> None:
        raise AssertionError("a read deleted")

    def preload(self, collection: str, keys: Iterable[str], kind: type[Any]) -> None:
        raise AssertionError("unexpected preload")


def _walk(world: World, user: str, size: int, after: tuple[str, int] = ("", 0)) -> Any:
    ctx = build_context(world.settings)
    api = Api(settings=world.settings, context=ctx)
    user_state = ctx.app.user(user)
    assert user_state is not None
    viewer = Viewer(user=user_state, token_id="-", language="th", now=utc_now(), api=api)
    projection = caught_up(api, META_VIEW)  # not left to the pages an earlier test showed
    try:
        with projection.view.reading() as docs:
            counting = Counting(docs)
            found = walk(counting, viewer, Wanted(), after, size)
        return viewer, found, counting
    finally:
        ctx.app.close()


def test_an_offices_list_reads_its_own_unit_by_key_and_streams_nothing(
    full_world: World,
) -> None:
    viewer, found, counting = _walk(full_world, "TH-81-office", 50)
    assert reach(viewer) == frozenset({"TH-81"})
    assert [m.ref for m in found.metas] == ["TH-81/2557"]
    assert counting.streamed == []
    # The unit, then one reference per fiscal year of the framework registry.
    assert counting.got[0] == ("unit", "TH-81")
    assert {c for c, _ in counting.got[1:]} == {"agreement-ref"}
    assert len(counting.got) <= 1 + 4


def test_opdcs_list_stops_once_a_page_is_full(full_world: World) -> None:
    viewer, found, counting = _walk(full_world, "opdc-secretariat", 2)
    assert reach(viewer) is None
    every: list[str] = []
    after = ("", 0)
    while True:
        _, page, _ = _walk(full_world, "opdc-secretariat", 2, after)
        every += [m.ref for m in page.metas]
        if page.after is None:
            break
        unit, _, year = page.after.rpartition("/")
        after = (unit, int(year))
    assert len(every) == 6 == len(set(every))
    assert [m.ref for m in found.metas] == every[:2]
    assert found.after == every[1]
    # Two shown and the third looked at: the units up to the third agreement's, no further.
    third = every[2].split("/")[0]
    assert [k for _, k in counting.streamed][-1] == third
    assert all(key <= third for _, key in counting.streamed)
