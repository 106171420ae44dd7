"""The transparency log from the command line: tampering with the SQLite store behind the
ledger's back is caught and named; demo -> checkpoint -> witness -> export -> verify-export
holds; a proof bundle verifies in a folder holding nothing but the bundle and the keys."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.builders import unit_with_agreement
from tests.cli import ledger

OPDC = {"id": "opdc-secretariat", "role": "opdc"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's folder: its store, its views (with the Merkle log) and its demo keys."""
    folder = tmp_path_factory.mktemp("integrity-demo")
    result = ledger(
        "demo", "--db", str(folder / "demo.sqlite"), "--witness-dir", str(folder / "witness")
    )
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def copy(demo: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo, target)
    return target


def _verify(folder: Path, *extra: str) -> tuple[int, str]:
    keys = folder / "demo.keys"
    result = ledger(
        "verify",
        "--db",
        str(folder / "demo.sqlite"),
        "--key",
        str(keys / "log.vkey"),
        "--witness",
        str(keys / "witness.vkey"),
        *extra,
    )
    return result.returncode, result.stdout + result.stderr


def _tamper(folder: Path, *statements: str) -> None:
    with sqlite3.connect(folder / "demo.sqlite") as conn:
        for statement in statements:
            conn.execute(statement)


def _change_one_byte(folder: Path) -> None:
    with sqlite3.connect(folder / "demo.sqlite") as conn:
        (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid = 57").fetchone()
        at = next(i for i, b in enumerate(state) if chr(b).isdigit())
        changed = bytearray(state)
        changed[at] = ord("9") if chr(state[at]) != "9" else ord("8")
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = 57", (bytes(changed),))


def _swap(folder: Path) -> None:
    columns = "originator_id, originator_version, topic, state"
    with sqlite3.connect(folder / "demo.sqlite") as conn:
        a = conn.execute(f"SELECT {columns} FROM stored_events WHERE rowid = 57").fetchone()
        b = conn.execute(f"SELECT {columns} FROM stored_events WHERE rowid = 58").fetchone()
        conn.execute("UPDATE stored_events SET originator_id = 'moving' WHERE rowid = 57")
        update = (
            "UPDATE stored_events SET originator_id=?, originator_version=?, topic=?, state=? "
            "WHERE rowid = ?"
        )
        conn.execute(update, (*a, 58))
        conn.execute(update, (*b, 57))


def _forge_insert(folder: Path) -> None:
    with sqlite3.connect(folder / "demo.sqlite") as conn:
        conn.execute("UPDATE stored_events SET rowid = rowid + 1000 WHERE rowid >= 120")
        conn.execute("UPDATE stored_events SET rowid = rowid - 999 WHERE rowid >= 1000")
        oid, topic, state = conn.execute(
            "SELECT originator_id, topic, state FROM stored_events WHERE rowid = 119"
        ).fetchone()
        conn.execute(
            "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
            "VALUES (120, ?, 999, ?, ?)",
            (oid, topic, state),
        )


TAMPERING: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "one byte of a payload": (
        _change_one_byte,
        "leaf 56: position 57",
        "checkpoint of size 274",
    ),
    "a deleted event": (
        lambda f: _tamper(f, "DELETE FROM stored_events WHERE rowid = 57"),
        "leaf 56: the Merkle log has position 57",
        "covers more events than the 273 here",
    ),
    "two swapped events": (_swap, "leaf 56: the Merkle log has position 57", "size 274"),
    "a forged event inserted": (
        _forge_insert,
        "leaf 119: the Merkle log has position 120",
        "checkpoint of size 274",
    ),
    "the tail truncated after a checkpoint": (
        lambda f: _tamper(f, "DELETE FROM stored_events WHERE rowid > 200"),
        "leaf 200: the Merkle log holds position 201",
        "events 201 to 274 are missing",
    ),
}


def test_the_untouched_demo_verifies(copy: Path) -> None:
    code, output = _verify(copy)
    assert code == 0, output
    assert "Everything holds" in output
    assert "certified scores recomputed" in output


@pytest.mark.parametrize("case", TAMPERING)
def test_tampering_is_caught_and_named(copy: Path, case: str) -> None:
    tamper, bad_event, bad_checkpoint = TAMPERING[case]
    tamper(copy)
    code, output = _verify(copy)
    assert code == 4, output
    first_event = next(x for x in output.splitlines() if x.startswith("first bad event:"))
    first_checkpoint = next(x for x in output.splitlines() if x.startswith("first bad checkpoint:"))
    assert bad_event in first_event, output
    assert bad_checkpoint in first_checkpoint, output


def _verify_json(folder: Path, *anchors: str) -> tuple[int, dict[str, object]]:
    result = ledger("verify", "--db", str(folder / "demo.sqlite"), *anchors, "--json")
    return result.returncode, json.loads(result.stdout)


def test_verify_json_gives_the_verdict_counts_and_failures_with_the_same_exit_code(
    copy: Path,
) -> None:
    keys = copy / "demo.keys"
    anchors = ("--key", str(keys / "log.vkey"), "--witness", str(keys / "witness.vkey"))
    code, held = _verify_json(copy, *anchors)
    assert (code, held["verdict"], held["failures"]) == (0, "holds", [])
    assert held["events"] == held["sealed"] == held["newest_checkpoint_size"]
    assert held["views"]
    assert held["certifications"]
    code, unanchored = _verify_json(copy)
    assert (code, unanchored["verdict"]) == (5, "unanchored")
    _change_one_byte(copy)
    code, failed = _verify_json(copy, *anchors)
    assert (code, failed["verdict"]) == (4, "failed")
    assert failed["failures"]
    assert failed["first_bad_event"]


def test_changed_evidence_is_caught(copy: Path) -> None:
    _tamper(copy, "UPDATE ledger_evidence SET content = X'00' WHERE rowid = 1")
    code, output = _verify(copy)
    assert code == 4
    assert "no longer hash to its name" in output


def _more() -> str:
    """A new unit and its agreement, entered by the demo's OPDC user."""
    commands = unit_with_agreement("TH-99", "province", 2557, "fy2557-provinces")
    return "\n".join(json.dumps({**c, "actor": OPDC}) for c in commands)


def _signed_in(folder: Path) -> tuple[str, str]:
    """The demo cast's tokens, which the demo writes beside its keys."""
    return "--token-file", str(folder / "demo.keys" / "tokens")


def test_round_trip_demo_checkpoint_witness_export_verify(copy: Path, tmp_path: Path) -> None:
    db, keys, witness = str(copy / "demo.sqlite"), copy / "demo.keys", copy / "witness"
    more = _more()
    applied = ledger("apply", "-", "--db", db, *_signed_in(copy), stdin=more)
    assert applied.returncode == 0, applied.stderr
    head = tmp_path / "head.note"
    signed = ledger("checkpoint", "--db", db, "--key", str(keys / "log.key"), "--out", str(head))
    assert signed.returncode == 0, signed.stderr
    assert signed.stdout.split("\n")[1] == "276"
    cosigned = tmp_path / "cosigned.note"
    witnessed = ledger(
        "witness", "cosign", str(head), "--state", str(witness / "witness-state.json"),
        "--key", str(witness / "witness.key"), "--log-key", str(keys / "log.vkey"),
        "--db", db, "--out", str(cosigned),
    )  # fmt: skip
    assert witnessed.returncode == 0, witnessed.stderr
    assert "cosigned 276 events" in witnessed.stderr
    attached = ledger(
        "checkpoint", "attach", str(cosigned), "--witness", str(keys / "witness.vkey"), "--db", db
    )
    assert attached.returncode == 0, attached.stderr
    export = tmp_path / "export"
    exported = ledger("export", str(export), "--db", db)
    assert exported.returncode == 0, exported.stderr
    manifest = json.loads((export / "manifest.json").read_text())
    assert (manifest["events"], manifest["checkpoints"]) == (276, [274, 276])
    assert len((export / "consistency.jsonl").read_text().splitlines()) == 1
    checked = ledger(
        "verify-export", str(export),
        "--key", str(keys / "log.vkey"), "--witness", str(keys / "witness.vkey"),
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Everything holds" in checked.stdout

    lines = (export / "events.jsonl").read_bytes().splitlines(keepends=True)
    lines[9] = lines[9].replace(b'"originator_version":', b'"originator_version":1', 1)
    (export / "events.jsonl").write_bytes(b"".join(lines))
    broken = ledger("verify-export", str(export), "--key", str(keys / "log.vkey"))
    assert broken.returncode == 4
    assert "first bad checkpoint: checkpoint of size 274" in broken.stdout


def test_witness_refuses_a_rollback(copy: Path, tmp_path: Path) -> None:
    db, keys, witness = str(copy / "demo.sqlite"), copy / "demo.keys", copy / "witness"
    old = tmp_path / "old.note"
    ledger("checkpoint", "--db", db, "--key", str(keys / "log.key"), "--out", str(old))
    more = _more()
    ledger("apply", "-", "--db", db, *_signed_in(copy), stdin=more)
    new = tmp_path / "new.note"
    ledger("checkpoint", "--db", db, "--key", str(keys / "log.key"), "--out", str(new))
    state = witness / "witness-state.json"
    args = ["--state", str(state), "--key", str(witness / "witness.key")]
    args += ["--log-key", str(keys / "log.vkey"), "--db", db]
    assert ledger("witness", "cosign", str(new), *args).returncode == 0
    before = state.read_text()
    refused = ledger("witness", "cosign", str(old), *args)
    assert refused.returncode == 4
    assert "rollback" in refused.stderr
    assert state.read_text() == before


def test_a_bundle_verifies_with_nothing_but_itself_and_the_keys(copy: Path, tmp_path: Path) -> None:
    db, keys = str(copy / "demo.sqlite"), copy / "demo.keys"
    alone = tmp_path / "alone"
    alone.mkdir()
    # 105: a KPI proposal naming M1 (the year's events follow the cast's).
    made = ledger("prove", "105", "163", "--db", db, "--out", str(alone / "bundle.json"))
    assert made.returncode == 0, made.stderr
    for name in ("log.vkey", "witness.vkey"):
        shutil.copy(keys / name, alone / name)
    before = sorted(p.name for p in alone.iterdir())
    env = {"LEDGER_DATABASE_URL": str(tmp_path / "no-such-dir" / "x.sqlite")}
    checked = ledger(
        "verify-proof", "bundle.json", "--key", "log.vkey", "--witness", "witness.vkey",
        cwd=alone, env=env,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "All 2 events are in the log" in checked.stdout
    assert "Cosigned by witness.demo.assessment-ledger.local" in checked.stdout
    assert sorted(p.name for p in alone.iterdir()) == before

    bundle = json.loads((alone / "bundle.json").read_text())
    bundle["entries"][0]["event"] = bundle["entries"][0]["event"].replace("M1", "M2", 1)
    (alone / "bundle.json").write_text(json.dumps(bundle))
    forged = ledger("verify-proof", "bundle.json", "--key", "log.vkey", cwd=alone, env=env)
    assert forged.returncode == 4
    assert "entry 1 (leaf 104)" in forged.stderr


def test_keys_generate_writes_an_owner_only_private_key(tmp_path: Path) -> None:
    made = ledger("keys", "generate", "ledger.example/fy2568", "--dir", str(tmp_path))
    assert made.returncode == 0, made.stderr
    private = tmp_path / "ledger.example_fy2568.key"
    public = tmp_path / "ledger.example_fy2568.vkey"
    assert private.stat().st_mode & 0o777 == 0o600
    assert made.stdout.strip() == public.read_text().strip()
    assert made.stdout.startswith("ledger.example/fy2568+")
    again = ledger("keys", "generate", "ledger.example/fy2568", "--dir", str(tmp_path))
    assert again.returncode == 1
    assert "never overwritten" in again.stderr
    bad = ledger("keys", "generate", "two words", "--dir", str(tmp_path))
    assert bad.returncode == 4
    assert "field: NAME" in bad.stderr


def test_evidence_is_stored_by_its_hash_and_missing_evidence_fails_verify(
    copy: Path, tmp_path: Path
) -> None:
    db = str(copy / "demo.sqlite")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 minutes of the committee")
    added = ledger("evidence", "add", str(scan), "--db", db)
    assert added.returncode == 0, added.stderr
    digest = added.stdout.split()[0]
    assert digest == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert "already stored" in ledger("evidence", "add", str(scan), "--db", db).stdout
    _tamper(copy, "DELETE FROM ledger_evidence WHERE sha256 != '" + digest + "'")
    code, output = _verify(copy)
    assert code == 4
    assert "is not in the store" in output


def test_checkpoint_without_a_key_names_the_option(copy: Path) -> None:
    result = ledger("checkpoint", "--db", str(copy / "demo.sqlite"), env={"LEDGER_LOG_KEY": ""})
    assert result.returncode == 1
    assert "field: --key" in result.stderr


def test_a_store_never_sealed_verifies_read_only(tmp_path: Path) -> None:
    # A refused first write leaves a store with no Merkle log and no records tables; verify
    # opens it read-only and must read "nothing kept", not fail making the tables.
    db = str(tmp_path / "new.sqlite")
    line = json.dumps({"type": "register_unit", "unit_id": "x"})
    refused = ledger("apply", "-", "--db", db, stdin=line + "\n", env={"LEDGER_TOKEN": ""})
    assert refused.returncode == 7, refused.stderr
    keys = tmp_path / "keys"
    assert ledger("keys", "generate", "log", "--dir", str(keys)).returncode == 0
    result = ledger("verify", "--db", db, "--key", str(keys / "log.vkey"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Everything holds." in result.stdout
