"""c2sp.org/tlog-proof files from `ledger prove --format tlog-proof`: one verifies with
nothing but itself and the keys, a tool not written here (aics-tlog) agrees, and a crafted
one is refused by `ledger verify-proof` naming what fails."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from aics_tlog import parse_note, parse_vkey, verify_checkpoint, verify_leaf_inclusion

from ledger.integrity.canonical import parse_canonical
from ledger.integrity.tlog_proof import HEADER, parse_tlog_proof
from tests.attacks import Demo, make_demo, refused, run

# 57 and 58: two of the demo year's events, as the bundle attacks use.
EVENTS = ("57", "58")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    demo = make_demo(tmp_path_factory.mktemp("hostile-tlog-proofs"))
    proved = run("prove", EVENTS[0], "--format", "tlog-proof", "--db", str(demo.db),
                 "--out", str(demo.folder / "p.tlog-proof"))  # fmt: skip
    assert proved.code == 0, proved.output
    return demo


@pytest.fixture
def demo(made: Demo, tmp_path: Path) -> Demo:
    return made.copy(tmp_path)


def _proof(demo: Demo) -> Path:
    return demo.folder / "p.tlog-proof"


def _verify(demo: Demo, proof: Path | None = None) -> tuple[int, str]:
    outcome = run(
        "verify-proof", str(proof or _proof(demo)),
        "--key", str(demo.log_key), "--witness", str(demo.witness_key),
    )  # fmt: skip
    return outcome.code, outcome.output


def test_a_tlog_proof_verifies_and_names_its_event(demo: Demo) -> None:
    code, output = _verify(demo)
    assert code == 0, output
    assert "The event is in the log" in output
    assert "Cosigned by witness.demo" in output


def test_the_format_is_the_c2sp_one(demo: Demo) -> None:
    text = _proof(demo).read_text()
    lines = text.split("\n")
    assert lines[0] == HEADER
    assert lines[1].startswith("extra ")
    assert lines[2] == "index 56"
    proof = parse_tlog_proof(text)
    assert proof.text() == text
    assert proof.extra is not None
    assert parse_canonical(proof.extra).originator_version >= 1


def test_aics_tlog_agrees_with_the_proof(demo: Demo) -> None:
    """The inclusion and the signatures checked by a verifier not written here."""
    proof = parse_tlog_proof(_proof(demo).read_text())
    log_vkey = parse_vkey(demo.log_key.read_text().strip())
    witness_vkey = parse_vkey(demo.witness_key.read_text().strip())
    checked = verify_checkpoint(parse_note(proof.checkpoint), log_vkey, [witness_vkey], quorum=1)
    assert checked.ok, checked
    body = proof.checkpoint.split("\n")
    size, root = int(body[1]), base64.b64decode(body[2])
    assert proof.extra is not None
    hashes = list(proof.hashes)
    assert verify_leaf_inclusion(proof.extra, proof.index, size, hashes, root)
    assert not verify_leaf_inclusion(proof.extra + b" ", proof.index, size, hashes, root)


def test_several_events_make_one_file_each(demo: Demo) -> None:
    folder = demo.folder / "proofs"
    made = run("prove", *EVENTS, "--format", "tlog-proof", "--db", str(demo.db),
               "--out", str(folder))  # fmt: skip
    assert made.code == 0, made.output
    assert sorted(p.name for p in folder.iterdir()) == ["56.tlog-proof", "57.tlog-proof"]
    assert _verify(demo, folder / "57.tlog-proof")[0] == 0
    refused(run("prove", *EVENTS, "--format", "tlog-proof", "--db", str(demo.db)), 1, "--out")


def _replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


def _extra_changed(text: str) -> str:
    lines = text.split("\n")
    event = base64.b64decode(lines[1].removeprefix("extra "))
    forged = event.replace(b'"originator_version":', b'"originator_version":1', 1)
    lines[1] = "extra " + base64.b64encode(forged).decode()
    return "\n".join(lines)


def _hash_dropped(text: str) -> str:
    lines = text.split("\n")
    del lines[3]
    return "\n".join(lines)


def _no_extra(text: str) -> str:
    lines = text.split("\n")
    del lines[1]
    return "\n".join(lines)


REFUSED: dict[str, tuple[Callable[[str], str], str]] = {
    "a changed event": (_extra_changed, "leaf 56"),
    "another index": (_replace("index 56", "index 55"), "leaf 55"),
    "an index past the tree": (_replace("index 56", "index 99999"), "is not in it"),
    "an index with a leading zero": (_replace("index 56", "index 056"), "leading zeros"),
    "a proof hash dropped": (_hash_dropped, "leaf 56"),
    "no event on the extra line": (_no_extra, "extra line"),
    "another header": (_replace(HEADER, "c2sp.org/tlog-proof@v2"), HEADER),
    "the witness stripped": (_replace("— witness.", "— wetness."), "witness.demo"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_crafted_tlog_proof_is_refused_and_named(demo: Demo, case: str) -> None:
    change, named = REFUSED[case]
    _proof(demo).write_text(change(_proof(demo).read_text()))
    code, output = _verify(demo)
    assert code == 4, output
    assert named in output, output
    assert "Traceback" not in output, output
