"""The witness over HTTP (C2SP tlog-witness) on 127.0.0.1: it cosigns a first checkpoint and a
grown one, refuses a rollback (409 with its size, or 400), a fork (422), an unknown origin
(404), a bad log signature (403), an old size above the size (400), malformed bodies (400),
a size-0 checkpoint with another root (422); its state survives a restart; concurrent
submissions cannot roll it back; the monitoring route serves the last cosigned checkpoint."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from ledger.integrity.checkpoint import Checkpoint, SignedCheckpoint, parse_signed, sign
from ledger.integrity.keys import generate
from ledger.integrity.merkle import EMPTY_ROOT, MemoryTree, consistency_proof, leaf_hash, root_hash
from ledger.integrity.witness_request import format_add_checkpoint
from tests.integration.witness_live import Witness, serving_witness

NAMES = ("grows", "rollback", "fork", "edges", "restart", "race", "empty", "broken")
LOGS = {name: generate(f"ledger.example/{name}", "log") for name in NAMES}
STRANGER = generate("ledger.example/stranger", "log")
WITNESS = generate("witness.example/w1", "witness")


def _tree(leaves: list[bytes]) -> MemoryTree:
    tree = MemoryTree()
    for data in leaves:
        tree.append(leaf_hash(data))
    return tree


HONEST = _tree([f"event {n}".encode() for n in range(40)])
FORKED = _tree([f"event {n}".encode() for n in range(9)] + [b"forged"] * 31)


def head(log: str, size: int, tree: MemoryTree = HONEST) -> SignedCheckpoint:
    key = LOGS.get(log, STRANGER)
    return sign(Checkpoint(key.name, size, root_hash(tree, size)), key)


def body(old: int, signed: SignedCheckpoint, tree: MemoryTree = HONEST) -> bytes:
    size = signed.checkpoint.size
    proof = consistency_proof(tree, old, size) if 0 < old < size else []
    return format_add_checkpoint(old, proof, signed)


@pytest.fixture(scope="module")
def witness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Witness]:
    folder = tmp_path_factory.mktemp("witness")
    logs = [k.verifier for k in LOGS.values()]
    with serving_witness(folder, [WITNESS], logs, folder / "state") as served:
        yield served


@pytest.fixture
def client(witness: Witness) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=witness.url, timeout=10) as session:
        yield session


def add(client: httpx.Client, content: bytes) -> httpx.Response:
    return client.post("/add-checkpoint", content=content)


def cosigned(response: httpx.Response, signed: SignedCheckpoint) -> SignedCheckpoint:
    assert response.status_code == 200, response.text
    lines = tuple(response.text.removesuffix("\n").split("\n"))
    together = signed.with_lines(lines)
    assert together.verify_cosignature(WITNESS.verifier).time.year >= 2025
    return together


def monitored(client: httpx.Client, origin: str) -> httpx.Response:
    return client.get(f"/{hashlib.sha256(origin.encode()).hexdigest()}/checkpoint")


def test_a_first_then_a_grown_checkpoint_are_cosigned_and_monitored(client: httpx.Client) -> None:
    origin = LOGS["grows"].name
    assert monitored(client, origin).status_code == 404
    first = head("grows", 8)
    cosigned(add(client, body(0, first)), first)
    grown = head("grows", 20)
    cosigned(add(client, body(8, grown)), grown)
    again = add(client, body(20, grown))  # the same tree again: still consistent
    cosigned(again, grown)
    served = monitored(client, origin)
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("text/plain")
    note = parse_signed(served.text)
    assert note.checkpoint == grown.checkpoint
    note.verify_log(LOGS["grows"].verifier)
    note.verify_cosignature(WITNESS.verifier)


def test_a_rollback_is_refused_with_409_and_the_size_or_with_400(client: httpx.Client) -> None:
    cosigned(add(client, body(0, head("rollback", 20))), head("rollback", 20))
    conflict = add(client, body(0, head("rollback", 8)))
    assert conflict.status_code == 409
    assert conflict.headers["content-type"] == "text/x.tlog.size"
    assert conflict.text == "20\n"
    above = add(client, body(20, head("rollback", 8)))
    assert above.status_code == 400
    assert "rollback" in above.text
    assert monitored(client, LOGS["rollback"].name).text.split("\n")[1] == "20"


def test_a_fork_is_refused_with_422(client: httpx.Client) -> None:
    cosigned(add(client, body(0, head("fork", 12))), head("fork", 12))
    larger = add(client, body(12, head("fork", 30, FORKED), FORKED))
    assert larger.status_code == 422
    assert "fork" in larger.text
    same = add(client, body(12, head("fork", 12, FORKED)))
    assert same.status_code == 422
    cosigned(add(client, body(12, head("fork", 30))), head("fork", 30))


def test_origin_signature_and_size_refusals(client: httpx.Client) -> None:
    assert add(client, body(0, head("stranger", 5))).status_code == 404
    impostor = generate(LOGS["edges"].name, "log")
    forged = sign(Checkpoint(impostor.name, 5, root_hash(HONEST, 5)), impostor)
    assert add(client, body(0, forged)).status_code == 403
    good = head("edges", 5)
    line = good.signature_lines[0]
    raw = bytearray(base64.b64decode(line.split(" ")[2]))
    raw[-1] ^= 1  # the trusted key's name and id, a signature that fails
    broken = SignedCheckpoint(
        good.checkpoint, (f"— {good.signer_of(line)} " + base64.b64encode(bytes(raw)).decode(),)
    )
    refused = add(client, body(0, broken))
    assert refused.status_code == 403
    assert "does not verify" in refused.text
    # A line by a key the witness does not know is ignored, not refused.
    extra = good.with_lines((forged.signature_lines[0].replace(impostor.name, "other.example"),))
    assert add(client, body(0, extra)).status_code == 200
    assert add(client, body(0, head("edges", 3))).status_code == 409
    assert add(client, body(6, head("edges", 5))).status_code == 400


def test_the_empty_tree_and_proofs_from_it(client: httpx.Client) -> None:
    empty = head("empty", 0)
    assert empty.checkpoint.root == EMPTY_ROOT
    wrong = sign(Checkpoint(LOGS["empty"].name, 0, b"\x01" * 32), LOGS["empty"])
    assert add(client, body(0, wrong)).status_code == 422
    needless = format_add_checkpoint(0, [b"\x02" * 32], head("empty", 4))
    assert add(client, needless).status_code == 422
    cosigned(add(client, body(0, empty)), empty)
    cosigned(add(client, body(0, head("empty", 4))), head("empty", 4))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"old 0\n",
        b"new 0\n\n",
        b"old 01\n\n",
        b"old -1\n\n",
        b"old 0\nnot base64!\n\n",
        b"old 0\n" + b"AAAA\n" + b"\n",
        b"old 1\n" + b"A" * 43 + b"=\n" * 64 + b"\n",
        b"old 0\n\nnot a checkpoint\n",
        b"old 0\n\n\xff\xfe\n",
    ],
)
def test_malformed_bodies_are_400_in_one_line(client: httpx.Client, content: bytes) -> None:
    signed = head("edges", 5).text().encode()
    response = add(
        client, content if b"checkpoint" in content or b"\xff" in content else content + signed
    )
    assert response.status_code == 400
    assert response.text.count("\n") == 1
    assert "Traceback" not in response.text


def test_a_body_over_the_limit_is_refused(client: httpx.Client) -> None:
    assert add(client, b"old 0\n" + b"A" * 20_000).status_code == 413


def test_the_state_survives_a_restart(tmp_path: Path) -> None:
    logs = [LOGS["restart"].verifier]
    with serving_witness(tmp_path, [WITNESS], logs, tmp_path / "state") as first:
        with httpx.Client(base_url=first.url) as session:
            cosigned(add(session, body(0, head("restart", 10))), head("restart", 10))
        first.stop()
    with (
        serving_witness(tmp_path, [WITNESS], logs, tmp_path / "state") as second,
        httpx.Client(base_url=second.url) as session,
    ):
        assert monitored(session, LOGS["restart"].name).text.split("\n")[1] == "10"
        assert add(session, body(0, head("restart", 12))).text == "10\n"
        cosigned(add(session, body(10, head("restart", 12))), head("restart", 12))


def test_concurrent_submissions_cannot_roll_the_state_back(witness: Witness) -> None:
    with httpx.Client(base_url=witness.url) as session:
        cosigned(add(session, body(0, head("race", 5))), head("race", 5))

    def submit(size: int) -> tuple[int, int, str]:
        with httpx.Client(base_url=witness.url, timeout=30) as session:
            answer = add(session, body(5, head("race", size)))
            return size, answer.status_code, answer.text

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(submit, range(6, 40)))
    won = [size for size, status, _ in answers if status == 200]
    assert len(won) == 1, answers
    assert {(status, text) for size, status, text in answers if size != won[0]} == {
        (409, f"{won[0]}\n")
    }
    with httpx.Client(base_url=witness.url) as session:
        assert monitored(session, LOGS["race"].name).text.split("\n")[1] == str(won[0])


def test_a_witness_with_an_ml_dsa_key_too_answers_both_cosignatures(tmp_path: Path) -> None:
    quantum = generate("witness.example/pq", "witness", "ml-dsa-44")
    logs = [LOGS["grows"].verifier]
    with (
        serving_witness(tmp_path, [WITNESS, quantum], logs, tmp_path / "state") as both,
        httpx.Client(base_url=both.url) as session,
    ):
        signed = head("grows", 9)
        answer = add(session, body(0, signed))
        together = cosigned(answer, signed)
        assert len(answer.text.splitlines()) == 2
        together.verify_cosignature(quantum.verifier)


def test_an_unreadable_state_is_a_500_in_one_line_and_not_overwritten(
    witness: Witness, client: httpx.Client
) -> None:
    origin = LOGS["broken"].name
    state = witness.log.parent / "state" / f"{hashlib.sha256(origin.encode()).hexdigest()}.json"
    state.write_text("{")
    answer = add(client, body(0, head("broken", 3)))
    assert answer.status_code == 500
    assert answer.text.count("\n") == 1
    assert "cannot be read" in answer.text
    assert state.read_text() == "{"
