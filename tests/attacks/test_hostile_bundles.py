"""A crafted proof bundle is refused by `ledger verify-proof`, naming what fails: nothing in a
bundle is taken on trust (its entries, leaf indices, positions, proofs, its size)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ledger.integrity.files import safe_file_name
from tests.attacks import Demo, Outcome, make_demo, refused, run

MIB = 1 << 20
Bundle = dict[str, Any]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    demo = make_demo(tmp_path_factory.mktemp("hostile-bundles"))
    proved = run("prove", "57", "58", "--db", str(demo.db), "--out", str(demo.folder / "b.json"))
    assert proved.code == 0, proved.output
    return demo


@pytest.fixture
def demo(made: Demo, tmp_path: Path) -> Demo:
    return made.copy(tmp_path)


def _bundle(demo: Demo) -> Path:
    return demo.folder / "b.json"


def _verify(demo: Demo, *extra: str) -> Outcome:
    return run(
        "verify-proof",
        str(_bundle(demo)),
        "--key",
        str(demo.log_key),
        "--witness",
        str(demo.witness_key),
        *extra,
    )


def _edit(demo: Demo, change: Callable[[Bundle], None]) -> None:
    bundle = json.loads(_bundle(demo).read_text())
    change(bundle)
    _bundle(demo).write_text(json.dumps(bundle))


def _no_entries(bundle: Bundle) -> None:
    bundle["entries"] = []


def _leaf_past_the_checkpoint(bundle: Bundle) -> None:
    # Far past any demo's size (its cast's events and the year's), whatever that size is.
    bundle["entries"][1]["leaf_index"] = 100_000
    bundle["entries"][1]["position"] = 100_001


def _negative_leaf(bundle: Bundle) -> None:
    bundle["entries"][0]["leaf_index"] = -1


def _position_below_leaf(bundle: Bundle) -> None:
    bundle["entries"][0]["position"] = 3


def _positions_out_of_order(bundle: Bundle) -> None:
    bundle["entries"][0]["position"], bundle["entries"][1]["position"] = 100, 90


def _one_leaf_twice(bundle: Bundle) -> None:
    bundle["entries"][1] = bundle["entries"][0]


def _lax_base64(bundle: Bundle) -> None:
    proof = bundle["entries"][0]["inclusion_proof"]
    proof[0] = proof[0][:10] + "\n" + proof[0][10:]


def _short_hash(bundle: Bundle) -> None:
    bundle["entries"][0]["inclusion_proof"][0] = "AAAA"


def _too_many_hashes(bundle: Bundle) -> None:
    bundle["entries"][0]["inclusion_proof"] *= 20


def _witness_stripped(bundle: Bundle) -> None:
    lines = bundle["checkpoint"].splitlines(keepends=True)
    bundle["checkpoint"] = "".join(x for x in lines if "witness." not in x)


def _huge_event(bundle: Bundle) -> None:
    bundle["entries"][0]["event"] = "x" * 70_000


def _not_a_bundle(bundle: Bundle) -> None:
    bundle.clear()
    bundle["hello"] = "world"


REFUSED: dict[str, tuple[Callable[[Bundle], None], tuple[str, ...]]] = {
    "a bundle with no entries": (_no_entries, ("no entries",)),
    "a leaf past the checkpoint": (_leaf_past_the_checkpoint, ("leaf 100000 is not in it",)),
    "a negative leaf index": (_negative_leaf, ("leaf_index",)),
    "a position below its leaf": (_position_below_leaf, ("claims position 3",)),
    "positions out of leaf order": (_positions_out_of_order, ("positions must rise",)),
    "one leaf twice": (_one_leaf_twice, ("two entries are for leaf 56",)),
    "base64 with a newline in it": (_lax_base64, ("entry 1 (leaf 56)",)),
    "a hash of 3 bytes": (_short_hash, ("entry 1 (leaf 56)",)),
    "more hashes than any proof": (_too_many_hashes, ("inclusion_proof",)),
    "the witness cosignature stripped": (_witness_stripped, ("witness.demo",)),
    "an event over 65,535 bytes": (_huge_event, ("65535",)),
    "not a bundle": (_not_a_bundle, ("not a proof bundle",)),
}


def test_an_untouched_bundle_verifies(demo: Demo) -> None:
    outcome = _verify(demo)
    assert outcome.code == 0, outcome.output


@pytest.mark.parametrize("case", REFUSED)
def test_a_crafted_bundle_is_refused_and_named(demo: Demo, case: str) -> None:
    change, named = REFUSED[case]
    _edit(demo, change)
    refused(_verify(demo), 4, *named)


def test_a_bundle_of_100_mib_is_refused_unread(demo: Demo) -> None:
    with _bundle(demo).open("ab") as bundle:
        bundle.truncate(100 * MIB)
    refused(_verify(demo), 1, "67108864")


def test_a_fifo_given_as_a_bundle_is_refused_without_waiting(demo: Demo) -> None:
    _bundle(demo).unlink()
    os.mkfifo(_bundle(demo))
    refused(_verify(demo), 1, "FIFO")


def test_a_malformed_key_file_names_the_option(demo: Demo) -> None:
    demo.log_key.write_bytes(b"\xc3\x28 broken")
    refused(_verify(demo), 1, "--key", "UTF-8")
    demo.log_key.write_text("name+deadbeef+AAAA\n")
    refused(_verify(demo), 1, "--key")


def test_audit_proofs_never_write_through_a_planted_link(demo: Demo, tmp_path: Path) -> None:
    proofs, outside = tmp_path / "proofs", tmp_path / "outside.txt"
    proofs.mkdir()
    outside.write_text("untouched")
    (proofs / "TH-81-2557-P1-v2.proof.json").symlink_to(outside)
    os.mkfifo(proofs / "TH-82-2557-P3-v2.proof.json")
    outcome = run("audit", "--all", "--proofs", str(proofs), "--db", str(demo.db))
    refused(outcome, 1, "--proofs")
    assert outside.read_text() == "untouched"


def test_audit_proofs_stay_inside_their_folder(demo: Demo, tmp_path: Path) -> None:
    outcome = run("audit", "--all", "--proofs", str(tmp_path / "proofs"), "--db", str(demo.db))
    assert outcome.code == 0, outcome.output
    written = sorted(p.name for p in (tmp_path / "proofs").iterdir())
    assert written == [
        "GRP-ANDAMAN-2557-G2-v2.proof.json",
        "TH-81-2557-G2-v2.proof.json",
        "TH-81-2557-P1-v2.proof.json",
        "TH-82-2557-P3-v2.proof.json",
    ]


@pytest.mark.parametrize(
    "hostile", ["../../etc/passwd", "..", ".hidden", "a\x00b", "KPI 1/ข้อ 2", "", "x" * 500, "/"]
)
def test_an_id_becomes_one_safe_file_name(hostile: str) -> None:
    name = safe_file_name(hostile)
    assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,130}", name), name
    assert name == safe_file_name(hostile)
    assert name != safe_file_name(hostile + "!")
