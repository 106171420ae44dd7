"""Users, bodies and tokens from the command line: the bootstrap shows its token once and
happens once; every write is signed in; a reporter cannot file for another unit; an expired
or revoked token signs nobody in; a token is never repeated in an error."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from commands.authentication import new_token
from commands.execution import execute
from commands.messages import IssueToken
from commands.wiring import build_context
from ledger.domain.values import Actor
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now
from tests.cli import ledger, provision

NAMES = ("--name-th", "ผู้ดูแลระบบ", "--name-en", "Administrator")
TOKEN = re.compile(r"al1_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("identity-demo")
    made = ledger(
        "demo", "--db", str(folder / "demo.sqlite"), "--witness-dir", str(folder / "witness")
    )
    assert made.returncode == 0, made.stderr
    return folder


@pytest.fixture
def copy(demo: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(demo, tmp_path / "demo"))


def _token(folder: Path, user_id: str) -> str:
    return (folder / "demo.keys" / "tokens" / f"{user_id}.token").read_text().strip()


def _events(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute("SELECT count(*) FROM stored_events").fetchone()
    return int(count)


def test_bootstrap_prints_its_token_once_and_is_refused_the_second_time(tmp_path: Path) -> None:
    db = str(tmp_path / "l.sqlite")
    made = ledger("users", "bootstrap", "admin", *NAMES, "--db", db)
    assert made.returncode == 0, made.stderr
    assert TOKEN.fullmatch(made.stdout.strip()), "stdout holds the token alone"
    assert "shown this once" in made.stderr
    assert "LEDGER_TOKEN" in made.stderr
    assert "--token-file" in made.stderr
    again = ledger("users", "bootstrap", "other", *NAMES, "--db", db)
    assert again.returncode == 8  # not allowed: only an administrator adds the others
    assert "bootstrapped already" in again.stderr
    assert again.stdout == ""
    shown = ledger("users", "show", "admin", "--db", db)
    assert made.stdout.strip() not in shown.stdout
    secret = made.stdout.strip().rsplit("_", 1)[1]
    assert secret not in ledger("users", "show", "admin", "--db", db, "--json").stdout
    assert secret not in ledger("history", "user:admin", "--db", db, "--json").stdout


def test_a_write_without_a_token_is_refused_naming_where_a_token_goes(tmp_path: Path) -> None:
    db = str(tmp_path / "l.sqlite")
    assert ledger("users", "bootstrap", "admin", *NAMES, "--db", db).returncode == 0
    refused = ledger("users", "add", "x", *NAMES, "--db", db, env={"LEDGER_TOKEN": ""})
    assert refused.returncode == 7
    assert "LEDGER_TOKEN" in refused.stderr
    assert "--token-file" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_a_reporter_filing_for_another_unit_is_refused_and_nothing_is_recorded(
    copy: Path,
) -> None:
    db = copy / "demo.sqlite"
    before = _events(db)
    sar = {
        "type": "file_sar",
        "actor": {"id": "TH-81-office", "role": "assessed_unit"},
        "agreement": "TH-92/2557",
        "round_id": "12m",
        "results": [{"kpi_id": "P1", "actual": "300"}],
        "narrative": "Krabi's office files for Trang",
        "channel": "e-sar",
    }
    token = _token(copy, "TH-81-office")
    refused = ledger(
        "apply", "-", "--db", str(db), stdin=json.dumps(sar), env={"LEDGER_TOKEN": token}
    )
    assert refused.returncode == 8, refused.stderr
    for words in ("TH-81-office", "assessed_unit", "unit TH-92"):
        assert words in refused.stderr
    assert token not in refused.stderr
    assert _events(db) == before


def test_a_revoked_and_an_expired_token_sign_nobody_in(copy: Path, tmp_path: Path) -> None:
    db = copy / "demo.sqlite"
    admin = {"LEDGER_TOKEN": _token(copy, "ledger-admin"), "LEDGER_LOG_DIR": str(tmp_path)}
    issued = ledger("users", "token", "TH-85-office", "--db", str(db), env=admin)
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip()
    token_id = token.split("_")[1]
    revoked = ledger(
        "users", "revoke-token", token_id, "--reason", "laptop lost", "--db", str(db), env=admin
    )
    assert revoked.returncode == 0, revoked.stderr
    expired = _expired_token(db, "TH-85-office")
    for bad, word in ((token, "revoked"), (expired, "expired")):
        env = {"LEDGER_TOKEN": bad, "LEDGER_LOG_DIR": str(tmp_path)}
        refused = ledger("users", "add", "x", *NAMES, "--db", str(db), env=env)
        assert refused.returncode == 7, refused.stderr
        assert word in refused.stderr
        assert bad not in refused.stderr + refused.stdout
        assert bad.rsplit("_", 1)[1] not in refused.stderr
    logs = [p.read_text() for p in tmp_path.rglob("*.log")]
    assert not any(token in text or expired in text for text in logs)
    shown = ledger("users", "show", "TH-85-office", "--db", str(db))
    assert f"{token_id}  revoked" in shown.stdout
    assert "reason: laptop lost" in shown.stdout


def _expired_token(db: Path, user_id: str) -> str:
    """A token issued for a second by the demo's administrator, once it has expired (the CLI
    issues tokens for whole days)."""
    ctx = build_context(Settings(database=str(db)))
    then = utc_now()
    drawn = new_token()
    command = IssueToken(
        actor=Actor(id="ledger-admin", role="administrator"),
        user_id=user_id,
        token_id=drawn.token_id,
        secret_sha256=drawn.sha256,
        expires_at=then + timedelta(seconds=1),
    )
    execute(replace(ctx, enterer="ledger-admin"), command)
    time.sleep(max(0.0, (then + timedelta(seconds=1.5) - utc_now()).total_seconds()))
    return drawn.token


def test_users_and_bodies_are_listed_and_shown_with_grants_and_token_ids(demo: Path) -> None:
    db = str(demo / "demo.sqlite")
    listed = ledger("users", "list", "--db", db, env={"COLUMNS": "80"})
    assert listed.returncode == 0, listed.stderr
    assert "TH-81-office  assessed_unit" in listed.stdout
    assert "สำนักงานจังหวัดกระบี่" in listed.stdout
    assert all(len(line) <= 80 for line in listed.stdout.splitlines())
    shown = ledger("users", "show", "change-secretary", "--db", db)
    assert "#1 secretariat for body change-committee" in shown.stdout
    assert "in force from" in shown.stdout
    assert not TOKEN.search(shown.stdout)
    body = ledger("bodies", "show", "change-committee", "--db", db)
    assert "decides as: change_committee" in body.stdout
    assert "change-secretary (#1 secretariat)" in body.stdout
    users = json.loads(ledger("users", "list", "--json", "--db", db).stdout)
    assert {u["user_id"] for u in users} >= {"ledger-admin", "opdc-secretariat", "TH-85-office"}
    assert "secret_sha256" not in json.dumps(users)


def test_an_administrator_adds_a_user_grants_a_scoped_role_and_revokes_it(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite"
    tokens = provision(db, {})
    signed_in = ("--db", str(db), "--token-file", str(tokens / "admin.token"))
    assert ledger("users", "add", "auditor-1", *NAMES, *signed_in).returncode == 0
    granted = ledger(
        "users", "grant", "auditor-1", "auditor", "--framework", "fy2557-provinces",
        "--fiscal-year", "2557", *signed_in,
    )  # fmt: skip
    assert granted.returncode == 0, granted.stderr
    revoked = ledger("users", "revoke", "auditor-1", "1", "--reason", "moved on", *signed_in)
    assert revoked.returncode == 0, revoked.stderr
    shown = ledger("users", "show", "auditor-1", "--db", str(db)).stdout
    assert "#1 auditor for framework fy2557-provinces, FY 2557" in shown
    assert "ended" in shown
    history = ledger("history", "user:auditor-1", "--db", str(db), "--json")
    events = [row["event"] for row in json.loads(history.stdout)]
    assert events == ["UserAdded", "RoleGranted", "GrantRevoked"]
    assert {row["entered_by"] for row in json.loads(history.stdout)} == {"admin"}
