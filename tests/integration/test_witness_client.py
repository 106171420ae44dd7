"""``ledger checkpoint --trust POLICY`` asking witnesses served on 127.0.0.1: two witnesses meet
the quorum and the checkpoint then verifies; a witness ahead of what the log kept answers 409
and is asked again with a proof from its size; a witness down and one that never answers fail
the quorum within the time budget (exit 5), the cosignature that came kept all the same."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from rich.cells import cell_len

from commands.execution import execute
from commands.messages import AddUser
from commands.wiring import build_context
from ledger.domain.values import Actor
from ledger.integrity.checkpoint import parse_signed
from ledger.integrity.keys import Signer, generate
from ledger.integrity.witness_request import format_add_checkpoint
from ledger.persistence.settings import Settings
from tests.cli import ledger, provision
from tests.http.live import free_port
from tests.integration.witness_live import Witness, key_files, serving_witness

LOG = generate("ledger.example/client", "log")
# Each test its own log: a witness that followed one store would see another as a fork.
OTHER = generate("ledger.example/other", "log")
W1, W2, W3 = (generate(f"witness.example/w{n}", "witness") for n in (1, 2, 3))


@pytest.fixture(scope="module")
def witnesses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Witness, Witness]]:
    folder = tmp_path_factory.mktemp("witnesses")
    logs = [LOG.verifier, OTHER.verifier]
    with (
        serving_witness(folder / "1", [W1], logs, folder / "1" / "state") as first,
        serving_witness(folder / "2", [W2], logs, folder / "2" / "state") as second,
    ):
        yield first, second


def _store(folder: Path, log: Signer = LOG) -> tuple[str, Path]:
    database = folder / "ledger.sqlite"
    provision(database, {})
    return str(database), key_files(folder / "keys", log)[0]


def _grow(database: str, *users: str) -> None:
    ctx = replace(build_context(Settings.from_environment(database)), enterer="admin")
    admin = Actor(id="admin", role="administrator")
    for user in users:
        execute(ctx, AddUser(actor=admin, user_id=user, name_th=user, name_en=user))
    ctx.app.close()


def _policy(
    folder: Path, quorum: str, *witnesses: tuple[str, Signer, str], log: Signer = LOG
) -> Path:
    lines = [f"log {log.verifier.text()}"]
    lines += [f"witness {name} {key.verifier.text()} {url}" for name, key, url in witnesses]
    lines += [f"group every all {' '.join(name for name, _, _ in witnesses)}", f"quorum {quorum}"]
    path = folder / "trust.policy"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_two_witnesses_meet_the_quorum_and_the_checkpoint_verifies(
    witnesses: tuple[Witness, Witness], tmp_path: Path
) -> None:
    database, key = _store(tmp_path)
    first, second = witnesses
    policy = _policy(tmp_path, "every", ("w1", W1, first.url), ("w2", W2, second.url))
    asked = ledger("checkpoint", "--db", database, "--key", str(key), "--trust", str(policy),
                   env={"COLUMNS": "80"})  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    assert asked.stderr.count("cosigned") == 2
    assert all(cell_len(line) <= 80 for line in asked.stderr.splitlines())
    note = parse_signed(asked.stdout)
    assert {note.signer_of(line) for line in note.signature_lines} == {LOG.name, W1.name, W2.name}
    verified = ledger("verify", "--db", database, "--trust", str(policy))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    _grow(database, "grown-1", "grown-2")
    again = ledger("checkpoint", "--db", database, "--key", str(key), "--trust", str(policy))
    assert again.returncode == 0, again.stderr
    # Each witness was asked from the size it last cosigned: no 409, no second request (the
    # table's words; its URLs hold random ports, which may contain "409").
    assert "after a 409" not in again.stderr
    assert again.stderr.count("cosigned") == 2
    size = parse_signed(again.stdout).checkpoint.size
    assert size > note.checkpoint.size
    assert ledger("verify", "--db", database, "--trust", str(policy)).returncode == 0


def test_a_witness_ahead_answers_409_and_is_asked_again_from_its_size(tmp_path: Path) -> None:
    database, key = _store(tmp_path)
    with serving_witness(tmp_path, [W3], [LOG.verifier], tmp_path / "w3") as w3:
        made = ledger("checkpoint", "--db", database, "--key", str(key))
        first = parse_signed(made.stdout)
        # The witness cosigns it, but the log never keeps that cosignature.
        taken = httpx.post(f"{w3.url}/add-checkpoint", content=format_add_checkpoint(0, [], first))
        assert taken.status_code == 200
        _grow(database, "grown-3")
        policy = _policy(tmp_path, "w3", ("w3", W3, w3.url))
        asked = ledger("checkpoint", "--db", database, "--key", str(key), "--trust", str(policy))
        assert asked.returncode == 0, asked.stderr
        assert "after a 409" in asked.stderr
        assert parse_signed(asked.stdout).signed_by(W3.name)


@pytest.fixture
def silent() -> Iterator[str]:
    """A 'witness' that takes connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for connection in held:
        connection.close()


def test_a_witness_down_and_one_silent_fail_the_quorum_in_time(
    witnesses: tuple[Witness, Witness], silent: str, tmp_path: Path
) -> None:
    database, key = _store(tmp_path, OTHER)
    down = f"http://127.0.0.1:{free_port()}"
    policy = _policy(
        tmp_path,
        "every",
        ("w1", W1, witnesses[0].url),
        ("w2", W2, down),
        ("w3", W3, silent),
        log=OTHER,
    )
    started = time.monotonic()
    asked = ledger("checkpoint", "--db", database, "--key", str(key), "--trust", str(policy),
                   "--timeout", "2")  # fmt: skip
    took = time.monotonic() - started
    assert asked.returncode == 5, asked.stderr
    assert "'every' did not cosign" in asked.stderr
    assert "w2 unreachable" in asked.stderr
    assert "w3 timed-out" in asked.stderr
    assert "timed out" in asked.stderr  # the table
    baseline = time.monotonic()
    ledger("checkpoint", "--db", database, "--key", str(key))
    assert took < (time.monotonic() - baseline) + 2 + 1.5
    listed = ledger("checkpoint", "list", "--db", database, "--json")
    newest = max(json.loads(listed.stdout), key=lambda c: c["size"])
    assert W1.name in newest["signed_by"]
