"""Checkpoints and proof bundles as pages: the signed checkpoints the API lists, an
agreement's events each linked to its bundle, the bundle downloaded byte for byte as the
API serves it and checked by ``ledger verify-proof`` against the world's own log key; only
events the viewer may read; and the page that tells an outsider how to verify."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from commands.web.i18n import Words
from commands.wiring import build_context
from ledger.application import agreement_uuid
from ledger.integrity.checkpoint import Checkpoint, sign
from ledger.integrity.keys import generate, read_signer
from ledger.integrity.log import TransparencyLog
from tests.cli import ledger
from tests.web.world import WebClient, World


def api(web: WebClient, user: str, path: str, **params: Any) -> Any:
    answer = web.client.get(
        path, params=params or None, headers={"Authorization": f"Bearer {web.world.tokens[user]}"}
    )
    assert answer.status_code == 200, answer.text
    return answer


def english(web: WebClient) -> None:
    assert web.get("/language/en", next="/").status_code == 303


@pytest.fixture
def log_vkey(web: WebClient, tmp_path: Path) -> Path:
    """The world's log public key, derived from the signer ``build_world`` wrote, as a
    verifier would hold it (from a channel it trusts, not from the pages)."""
    assert web.world.settings.log_key is not None
    path = tmp_path / "log.vkey"
    path.write_text(read_signer(Path(web.world.settings.log_key)).verifier.text() + "\n")
    return path


def verified(bundle: bytes, key: Path, tmp_path: Path) -> tuple[int, str]:
    """``ledger verify-proof FILE --key KEY`` on ``bundle`` (the installed command, as an
    outsider runs it): its exit code and what it printed."""
    path = tmp_path / "bundle.json"
    path.write_bytes(bundle)
    done = ledger("verify-proof", str(path), "--key", str(key))
    return done.returncode, done.stdout + done.stderr


def test_the_page_lists_the_checkpoints_the_api_lists(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    kept = api(web, "TH-81-office", "/api/checkpoints").json()
    note = api(web, "TH-81-office", "/api/checkpoints/latest").text
    assert kept
    for language in ("th", "en"):
        if language == "en":
            english(web)
        page = web.get("/checkpoints")
        assert page.status_code == 200
        assert f'lang="{language}"' in page.text
        for checkpoint in kept:
            assert f'class="num">{checkpoint["tree_size"]}</td>' in page.text
            assert f"<code>{checkpoint['root_hash']}</code>" in page.text
        assert html.escape(note.strip(), quote=False) in page.text


def test_an_agreements_events_are_listed_each_with_its_proof_link(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    history = api(web, "TH-81-office", "/api/agreements/TH-81/2557/history").json()
    page = web.get("/checkpoints", agreement="TH-81/2557").text
    links = re.findall(r'href="/checkpoints/proof\?event=(\d+)" download', page)
    assert links == [str(row["position"]) for row in history]
    thai = Words("th", {})
    first = datetime.fromisoformat(history[0]["recorded_at"])
    assert thai.when(first) in page
    assert web.get("/checkpoints", agreement="TH-82/2557").status_code == 403


def test_a_downloaded_bundle_is_the_apis_and_verifies_with_the_log_key(
    web: WebClient, log_vkey: Path, tmp_path: Path
) -> None:
    web.sign_in("TH-81-office")
    history = api(web, "TH-81-office", "/api/agreements/TH-81/2557/history").json()
    row = next(r for r in history if r["event"] == "ChangeDecided")
    position = row["position"]
    answer = web.get("/checkpoints/proof", event=str(position))
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="proof-TH-81-2557-{position}.json"'
    )
    assert answer.headers["content-type"].startswith("application/json")
    from_api = api(web, "TH-81-office", "/api/proofs", event=str(position)).content
    assert answer.content == from_api
    code, said = verified(answer.content, log_vkey, tmp_path)
    assert code == 0, said
    assert "The event is in the log web-test-log" in said
    # The same event named as the API also names it: aggregate id and version.
    by_version = web.get(
        "/checkpoints/proof", event=f"{agreement_uuid('TH-81/2557')}:{row['version']}"
    )
    assert by_version.content == answer.content


def test_a_downloaded_tlog_proof_is_the_apis_and_verifies_with_the_log_key(
    web: WebClient, log_vkey: Path, tmp_path: Path
) -> None:
    web.sign_in("TH-81-office")
    position = api(web, "TH-81-office", "/api/agreements/TH-81/2557/history").json()[0]["position"]
    answer = web.get("/checkpoints/proof", event=str(position), format="tlog-proof")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="proof-TH-81-2557-{position}.tlog-proof"'
    )
    assert answer.text.startswith("c2sp.org/tlog-proof@v1\n")
    from_api = api(web, "TH-81-office", "/api/proofs", event=str(position), format="tlog-proof")
    assert answer.content == from_api.content
    code, said = verified(answer.content, log_vkey, tmp_path)
    assert code == 0, said
    assert "The event is in the log web-test-log" in said
    assert "format=tlog-proof" in web.get("/checkpoints", agreement="TH-81/2557").text


def test_a_bundle_checked_with_another_key_fails(
    web: WebClient, tmp_path: Path, log_vkey: Path
) -> None:
    web.sign_in("TH-81-office")
    position = api(web, "TH-81-office", "/api/agreements/TH-81/2557/history").json()[0]["position"]
    bundle = web.get("/checkpoints/proof", event=str(position)).content
    stranger = tmp_path / "stranger.vkey"
    stranger.write_text(generate("web-test-log", "log").verifier.text() + "\n")
    code, _ = verified(bundle, stranger, tmp_path)
    assert code == 4
    assert verified(bundle, log_vkey, tmp_path)[0] == 0
    document = json.loads(bundle)
    event = document["entries"][0]["event"]
    document["entries"][0]["event"] = event.replace(
        '"originator_version":1', '"originator_version":2'
    )
    assert document["entries"][0]["event"] != event
    assert verified(json.dumps(document).encode(), log_vkey, tmp_path)[0] == 4


def test_only_events_the_viewer_may_read_are_given(web: WebClient) -> None:
    web.sign_in("TH-81-office")
    other = api(web, "opdc-secretariat", "/api/agreements/TH-82/2557/history").json()[0]
    refused = web.get("/checkpoints/proof", event=str(other["position"]))
    assert refused.status_code == 403
    assert "content-disposition" not in refused.headers
    assert "<code>agreement</code>" in refused.text
    # Position 1 is the administrator's bootstrap: an identity event, in no agreement.
    identity = web.get("/checkpoints/proof", event="1")
    assert identity.status_code == 403
    assert "<code>event</code>" in identity.text
    for user in ("opdc-secretariat", "ledger-admin"):
        web.sign_in(user)
        given = web.get("/checkpoints/proof", event="1")
        assert given.status_code == 200
        assert 'filename="proof-event-1.json"' in given.headers["content-disposition"]
    web.sign_in("independent-evaluator")
    assert web.get("/checkpoints/proof", event="1").status_code == 403
    assert web.get("/checkpoints/proof", event=str(other["position"])).status_code == 200


@pytest.mark.parametrize(
    ("given", "status"),
    [("abc", 400), ("1; rm -rf /", 400), ("<script>", 400), ("99999999", 404), ("", 400)],
)
def test_a_bad_event_id_is_refused_with_its_field(web: WebClient, given: str, status: int) -> None:
    web.sign_in("opdc-secretariat")
    answer = web.get("/checkpoints/proof", event=given) if given else web.get("/checkpoints/proof")
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert "<script>" not in answer.text
    assert "Traceback" not in answer.text
    if given:
        assert "<code>event</code>" in answer.text


def _blocks(page: str) -> list[str]:
    return [html.unescape(b) for b in re.findall(r"<pre><code>(.*?)</code></pre>", page, re.S)]


def test_the_verify_page_says_how_in_thai_and_english_and_its_commands_work(
    web: WebClient, log_vkey: Path, tmp_path: Path
) -> None:
    web.sign_in("TH-81-office")
    thai = web.get("/verify")
    assert thai.status_code == 200
    assert "หลักยึดความเชื่อถือต้องมาจากท่าน" in thai.text
    english(web)
    page = web.get("/verify").text
    assert "Trust anchors come from you, not from the operator" in page
    assert _blocks(page) == _blocks(thai.text)  # the commands are the same in both
    blocks = _blocks(page)
    check = next(b for b in blocks if "verify-proof" in b and "--witness" not in b)
    command = check.splitlines()[0].split()
    assert command[:2] == [".venv/bin/ledger", "verify-proof"]
    # Run the page's command on a bundle this site served, as the file names it.
    position = api(web, "TH-81-office", "/api/agreements/TH-81/2557/history").json()[-1]["position"]
    assert command[3:] == ["--key", "log.vkey"]
    bundle = tmp_path / command[2]
    bundle.write_bytes(web.get("/checkpoints/proof", event=str(position)).content)
    assert log_vkey == tmp_path / "log.vkey"
    done = ledger(*command[1:], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "The event is in the log web-test-log" in done.stdout
    read = next(b for b in blocks if b.startswith("python3 -c"))
    shown = subprocess.run(
        [sys.executable, "-c", read.split("'")[1], str(bundle)],
        capture_output=True,
        text=True,
        check=True,
    )
    leaf, _, event = shown.stdout.strip().partition(" ")
    assert leaf.isdigit()
    assert json.loads(event)["originator_id"] == str(agreement_uuid("TH-81/2557"))
    assert any(b.startswith(".venv/bin/ledger verify-export EXPORT_DIR --trust") for b in blocks)


def test_the_checkpoint_pages_ask_a_stranger_to_sign_in(web: WebClient) -> None:
    for path in ("/checkpoints", "/verify", "/checkpoints/proof?event=1"):
        answer = web.client.get(path, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login?next=")


# The newest checkpoints, a page at a time ---------------------------------------------------


@pytest.fixture
def many_checkpoints(full_world: World, tmp_path: Path) -> World:
    """A copy of the whole year whose log also kept a checkpoint of every tree size from 1
    to 30 (each signed with the world's log key over the tree as it stood then), as a live
    ledger keeps one per write."""
    copy = tmp_path / "copy.sqlite"
    with sqlite3.connect(full_world.settings.database) as source, sqlite3.connect(copy) as dest:
        source.backup(dest)
    settings = msgspec.structs.replace(full_world.settings, database=str(copy))
    assert settings.log_key is not None
    signer = read_signer(Path(settings.log_key))
    ctx = build_context(settings)
    try:
        log = TransparencyLog(ctx.app)
        log.catch_up()
        for size in range(1, 31):
            log.records.add_checkpoint(sign(Checkpoint(signer.name, size, log.root(size)), signer))
    finally:
        ctx.app.close()
    return World(settings, full_world.tokens)


def test_the_newest_checkpoints_are_read_alone_largest_first(many_checkpoints: World) -> None:
    ctx = build_context(many_checkpoints.settings)
    try:
        records = TransparencyLog(ctx.app).records
        every = [c.checkpoint.size for c in reversed(records.checkpoints())]
        assert [c.checkpoint.size for c in records.newest_checkpoints(5)] == every[:5]
        below = records.newest_checkpoints(4, below=every[5])
        assert [c.checkpoint.size for c in below] == every[6:10]
        assert [c.checkpoint.size for c in records.newest_checkpoints(9, below=3)] == [2, 1]
        assert below[0].text() == records.checkpoint(every[6]).text()
    finally:
        ctx.app.close()


def test_older_checkpoints_are_a_page_further(many_checkpoints: World) -> None:
    with WebClient(many_checkpoints) as web:
        web.sign_in("TH-81-office")
        every = [c["tree_size"] for c in api(web, "TH-81-office", "/api/checkpoints").json()]
        assert len(every) == 31
        seen: list[list[int]] = []
        path: str | None = "/checkpoints?agreement=TH-81%2F2557"
        while path is not None:
            page = web.client.get(path)
            assert page.status_code == 200
            size = r'<td data-label="จำนวนเหตุการณ์" class="num">(\d+)</td>'
            seen.append([int(s) for s in re.findall(size, page.text)])
            assert "<h3>TH-81/2557</h3>" in page.text  # the agreement's events stay
            assert ("บันทึกลงนามล่าสุด" in page.text) == (len(seen) == 1)  # the note: first page
            link = re.search(r'<a href="([^"]+)" rel="next">', page.text)
            path = html.unescape(link.group(1)).split("#")[0] if link else None
        assert [len(p) for p in seen] == [20, 11]
        assert [s for p in seen for s in p] == every
