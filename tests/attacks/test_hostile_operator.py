"""A hostile operator against a verifier who holds their own anchors.

The operator controls the store and everything beside it: the events, the checkpoints, the
keys folder, the views, and the log's private key. The verifier holds the trust policy the
demo's witness side published and the state file of their last verification, both kept away
from the store. Each attack below is detected and named, with exit code 4; what only looks
unfinished (no anchor, unsealed events) exits 5 and never prints "Everything holds".
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commands.wiring import build_context
from ledger.application import LedgerApplication
from ledger.domain.events import EvaluatorAssessed
from ledger.domain.values import KpiAssessment
from ledger.integrity.keys import generate, write_signer
from ledger.persistence.settings import Settings
from tests.builders import unit_with_agreement
from tests.cli import add_signed_in_user, ledger

EVENTS = "stored_events"


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo year, sealed and cosigned; the verifier's policy and state in ``outside/``."""
    folder = tmp_path_factory.mktemp("hostile-operator")
    made = ledger(
        "demo", "--db", str(folder / "demo.sqlite"), "--witness-dir", str(folder / "outside")
    )
    assert made.returncode == 0, made.stderr
    first = verify(folder, "--state", str(folder / "outside" / "verifier.state"))
    assert first.returncode == 0, first.stdout + first.stderr
    return folder


@pytest.fixture
def store(sealed: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(sealed, target)
    return target


def verify(folder: Path, *extra: str) -> Any:
    return ledger(
        "verify",
        "--db",
        str(folder / "demo.sqlite"),
        "--trust",
        str(folder / "outside" / "trust.policy"),
        *extra,
    )


def tamper(folder: Path, *statements: str) -> None:
    with sqlite3.connect(folder / "demo.sqlite") as conn:
        for statement in statements:
            conn.execute(statement)


def more_commands(db: str, tokens: Path) -> tuple[str, list[str]]:
    """A unit and its agreement as JSON Lines, sent by an OPDC user added to the demo store by
    its administrator, and the CLI options that sign that user in."""
    app = LedgerApplication(Settings(database=db))
    directory = app.directory()
    app.close()
    assert directory is not None
    add_signed_in_user(db, tokens, "attack-opdc", "opdc", admin=directory.administrator)
    actor = {"id": "attack-opdc", "role": "opdc"}
    commands = unit_with_agreement("TH-99", "province", 2557, "fy2557-provinces")
    more = "\n".join(json.dumps({**c, "actor": actor}) for c in commands)
    return more, ["--token-file", str(tokens / "attack-opdc.token")]


def demo_size(folder: Path) -> int:
    """How many events the demo store holds (its cast's and the year's): read, not assumed."""
    with sqlite3.connect(folder / "demo.sqlite") as conn:
        (size,) = conn.execute(f"SELECT count(*) FROM {EVENTS}").fetchone()
    return int(size)


def failed(result: Any, *named: str) -> str:
    output = str(result.stdout + result.stderr)
    assert result.returncode == 4, output
    assert "Everything holds" not in output
    assert "Traceback" not in output
    for phrase in named:
        assert phrase in output, output
    return output


def test_the_sealed_demo_holds_against_the_verifiers_own_anchors(store: Path) -> None:
    result = verify(store, "--state", str(store / "outside" / "verifier.state"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Everything holds" in result.stdout


def test_without_an_outside_anchor_nothing_is_vouched_for(store: Path) -> None:
    result = ledger("verify", "--db", str(store / "demo.sqlite"))
    assert result.returncode == 5, result.stdout + result.stderr
    assert "Everything holds" not in result.stdout
    assert "trust" in result.stderr
    assert "reported, never trusted" in result.stdout


def test_deleting_every_checkpoint_and_an_event_is_caught(store: Path) -> None:
    tamper(
        store,
        "DELETE FROM ledger_checkpoint_signatures",
        "DELETE FROM ledger_checkpoints",
        f"DELETE FROM {EVENTS} WHERE rowid = 100",
    )
    failed(verify(store), "no checkpoint")


def test_a_rollback_of_the_store_and_everything_beside_it_is_caught(
    sealed: Path, tmp_path: Path
) -> None:
    """The operator keeps a copy, records more and seals it; the verifier checks and keeps
    state; the operator then puts the old copy back. The verifier's state catches it."""
    old = tmp_path / "old"
    shutil.copytree(sealed, old)
    now = tmp_path / "now"
    shutil.copytree(sealed, now)
    key = {"LEDGER_LOG_KEY": str(now / "demo.keys" / "log.key")}
    db = str(now / "demo.sqlite")
    more, token = more_commands(db, tmp_path / "tokens")
    assert ledger("apply", "-", "--db", db, *token, stdin=more, env=key).returncode == 0
    head = tmp_path / "head.note"
    assert ledger("checkpoint", "--db", db, "--out", str(head), env=key).returncode == 0
    witness = now / "outside"
    cosigned = ledger(
        "witness", "cosign", str(head), "--state", str(witness / "witness-state.json"),
        "--key", str(witness / "witness.key"), "--log-key", str(witness / "log.vkey"),
        "--db", db, "--out", str(tmp_path / "cosigned.note"),
    )  # fmt: skip
    assert cosigned.returncode == 0, cosigned.stderr
    attach = ["--witness", str(witness / "witness.vkey"), "--db", db]
    assert ledger("checkpoint", "attach", str(tmp_path / "cosigned.note"), *attach).returncode == 0
    state = tmp_path / "verifier.state"
    trust = str(witness / "trust.policy")
    newer = ledger(
        "verify", "--db", db, "--trust", trust, "--state", str(state)
    )  # fmt: skip
    assert newer.returncode == 0, newer.stdout + newer.stderr
    assert state.read_text().split("\n")[1] == str(demo_size(Path(db).parent))
    rolled_back = ledger(
        "verify", "--db", str(old / "demo.sqlite"), "--trust", trust, "--state", str(state)
    )
    failed(rolled_back, "rolled back")


def test_a_store_re_signed_with_new_keys_under_the_old_names_is_caught(store: Path) -> None:
    keys = store / "demo.keys"
    impostor = generate("demo.assessment-ledger.local/andaman", "log")
    (keys / "log.key").unlink()
    write_signer(impostor, keys / "log.key")
    (keys / "log.vkey").write_text(impostor.verifier.text() + "\n")
    tamper(store, "DELETE FROM ledger_checkpoint_signatures", "DELETE FROM ledger_checkpoints")
    signed = ledger(
        "checkpoint", "--db", str(store / "demo.sqlite"), "--key", str(keys / "log.key")
    )
    assert signed.returncode == 0, signed.stderr
    failed(verify(store), f"checkpoint of size {demo_size(store)}")


def _insert_refused_assessment(folder: Path) -> None:
    """An evaluator's assessment of a round already certified, written straight into the store
    (as an operator with write access would), after the last checkpoint."""
    ctx = build_context(Settings(database=str(folder / "demo.sqlite")))
    krabi = ctx.app.agreement("TH-81/2557")
    kpi_id = next(iter(krabi.round("12m").assessments))
    assessed = next(
        e for _, e in ctx.app.all_events() if isinstance(e, EvaluatorAssessed)
    )  # entered as a real assessment was: only the round's rule refuses it
    forged = EvaluatorAssessed(
        originator_id=krabi.id,
        originator_version=krabi.version + 1,
        recorded_at=ctx.clock(),
        effective_at=ctx.clock(),
        actor=assessed.actor,
        entered_by=assessed.entered_by,
        round_id="12m",
        assessments=(KpiAssessment(kpi_id=kpi_id, verified_actual=Decimal(1), score=None),),
    )
    ctx.app.save(forged)
    ctx.app.close()


def test_an_event_the_handlers_would_refuse_is_named_with_its_rule(store: Path) -> None:
    size = demo_size(store)
    _insert_refused_assessment(store)
    output = failed(
        verify(store, "--allow-unsealed"),
        f"position {size + 1}",
        "EvaluatorAssessed of TH-81/2557",
        "already certified",
        "rule: certified scores change only through appeals",
    )
    assert "first bad event" in output


def test_an_event_past_the_last_checkpoint_is_unsealed(store: Path) -> None:
    sealed = demo_size(store)  # the newest checkpoint the policy trusts (witness-cosigned)
    more, token = more_commands(str(store / "demo.sqlite"), store / "tokens")
    applied = ledger("apply", "-", "--db", str(store / "demo.sqlite"), *token, stdin=more)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    result = verify(store)
    assert result.returncode == 5, result.stdout + result.stderr
    # The two commands' events and the signed-in user's (provisioned after the demo's seal).
    newer = demo_size(store) - sealed
    assert newer >= 2
    assert f"{newer} events are newer than the newest checkpoint" in result.stderr
    assert verify(store, "--allow-unsealed").returncode == 0


def test_an_edited_score_document_is_named_and_rebuild_repairs_it(store: Path) -> None:
    views = store / "demo.projections"
    with sqlite3.connect(views / "scores.sqlite") as conn:
        conn.execute(
            'UPDATE documents SET body = replace(body, \'"composite":"\', \'"composite":"9\') '
            "WHERE collection = 'round' AND key = 'TH-81/2557|01'"
        )
    failed(verify(store), "view scores: document round/TH-81/2557|01: $.composite")
    assert ledger("rebuild", "--all", "--db", str(store / "demo.sqlite")).returncode == 0
    assert verify(store).returncode == 0


def test_a_tracking_position_moved_past_the_head_is_named_and_rebuild_repairs_it(
    store: Path,
) -> None:
    with sqlite3.connect(store / "demo.projections" / "trail.sqlite") as conn:
        conn.execute("UPDATE tracking SET notification_id = 9999")
    failed(verify(store), "view trail: its tracking position 9999 is past the log's head")
    assert ledger("rebuild", "trail", "--db", str(store / "demo.sqlite")).returncode == 0
    assert verify(store).returncode == 0


def test_a_history_rewritten_and_re_signed_with_the_real_key_is_caught(store: Path) -> None:
    """The operator holds the real log key: they change a result, rebuild the Merkle log and
    sign again. The witness-cosigned checkpoint the verifier holds does not extend."""
    held = store / "outside" / "verifier.state"
    with sqlite3.connect(store / "demo.sqlite") as conn:
        rowid, state = conn.execute(
            f"SELECT rowid, state FROM {EVENTS} WHERE topic LIKE '%SarFiled' LIMIT 1 OFFSET 3"
        ).fetchone()
        rewritten = state.replace(b'"narrative":"', b'"narrative":"x')
        assert rewritten != state
        conn.execute(f"UPDATE {EVENTS} SET state = ? WHERE rowid = ?", (rewritten, rowid))
        conn.execute("DELETE FROM ledger_checkpoint_signatures")
        conn.execute("DELETE FROM ledger_checkpoints")
    shutil.rmtree(store / "demo.projections")
    resigned = ledger(
        "checkpoint",
        "--db",
        str(store / "demo.sqlite"),
        "--key",
        str(store / "demo.keys" / "log.key"),
    )
    assert resigned.returncode == 0, resigned.stderr
    size = demo_size(store)
    failed(verify(store, "--checkpoint", str(held)), f"the checkpoint you hold of size {size}")


def test_a_mistyped_store_path_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    result = ledger("verify", "--db", str(tmp_path / "typo.sqlite"), "--key", str(tmp_path))
    assert result.returncode in (1, 2), result.stdout + result.stderr
    assert not (tmp_path / "typo.sqlite").exists()
    assert "Traceback" not in result.stderr


def test_a_forged_role_on_a_recorded_event_is_named(store: Path) -> None:
    """A certification re-attributed to an evaluator, who may not certify."""
    with sqlite3.connect(store / "demo.sqlite") as conn:
        rowid, state = conn.execute(
            f"SELECT rowid, state FROM {EVENTS} WHERE topic LIKE '%ScoresCertified' LIMIT 1"
        ).fetchone()
        forged = state.replace(b'"role":"opdc"', b'"role":"independent_evaluator"')
        assert forged != state
        conn.execute(f"UPDATE {EVENTS} SET state = ? WHERE rowid = ?", (forged, rowid))
    failed(verify(store), "acting as independent_evaluator may not certify_scores")
