"""A crafted export folder is caught and named by `ledger verify-export`: every count and
claim in the manifest is checked, anything that is not a regular file of an expected name is
a finding, and nothing blocks, follows a link out or crashes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.attacks import Demo, Outcome, make_demo, refused, run

MIB = 1 << 20


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return make_demo(tmp_path_factory.mktemp("hostile-exports"))


@pytest.fixture
def demo(made: Demo, tmp_path: Path) -> Demo:
    return made.copy(tmp_path)


def _verify(demo: Demo) -> Outcome:
    return run(
        "verify-export",
        str(demo.export),
        "--key",
        str(demo.log_key),
        "--witness",
        str(demo.witness_key),
    )


def _manifest(export: Path, **changes: object) -> None:
    path = export / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


def _claimed(export: Path, key: str) -> object:
    return json.loads((export / "manifest.json").read_text())[key]


def _an_evidence_file(export: Path) -> Path:
    return sorted((export / "evidence").iterdir())[0]


def _more_events(export: Path) -> None:
    _manifest(export, events=int(str(_claimed(export, "events"))) + 3)


def _fewer_events(export: Path) -> None:
    _manifest(export, events=int(str(_claimed(export, "events"))) - 1)


def _more_checkpoints(export: Path) -> None:
    _manifest(export, checkpoints=[*_sizes(export), 999])


def _fewer_checkpoints(export: Path) -> None:
    _manifest(export, checkpoints=[])


def _sizes(export: Path) -> list[int]:
    return [int(x) for x in _claimed(export, "checkpoints")]  # type: ignore[attr-defined]


def _more_evidence(export: Path) -> None:
    _manifest(export, evidence_files=int(str(_claimed(export, "evidence_files"))) + 5)


def _fewer_evidence(export: Path) -> None:
    _an_evidence_file(export).unlink()


def _events_link_to_passwd(export: Path) -> None:
    (export / "events.jsonl").unlink()
    (export / "events.jsonl").symlink_to("/etc/passwd")


def _events_fifo(export: Path) -> None:
    (export / "events.jsonl").unlink()
    os.mkfifo(export / "events.jsonl")


def _evidence_link_outside(export: Path) -> None:
    evidence = _an_evidence_file(export)
    outside = export.parent / "outside"
    outside.write_bytes(evidence.read_bytes())
    evidence.unlink()
    evidence.symlink_to(outside)


def _evidence_badly_named(export: Path) -> None:
    evidence = _an_evidence_file(export)
    evidence.rename(evidence.with_name(evidence.name.upper()))


def _evidence_directory(export: Path) -> None:
    evidence = _an_evidence_file(export)
    evidence.unlink()
    evidence.mkdir()


def _long_line(export: Path) -> None:
    with (export / "events.jsonl").open("ab") as events:
        events.write(b"x" * (2 * MIB) + b"\n")


def _note_for_another_size(export: Path) -> None:
    note = next((export / "checkpoints").iterdir())
    note.rename(note.with_name(f"{int(note.stem) - 1:012d}.note"))


def _unknown_file(export: Path) -> None:
    (export / "README.txt").write_text("trust me")


def _unknown_fifo_in_keys(export: Path) -> None:
    os.mkfifo(export / "keys" / "log-extra.vkey")


def _junk_key(export: Path) -> None:
    (export / "keys" / "log-junk.vkey").write_bytes(b"\xff\xfe not a key")


def _bad_consistency(export: Path) -> None:
    (export / "consistency.jsonl").write_text(
        '{"old_size": 5, "new_size": 3, "proof": []}\n{"old_size": 1, "new_size": 2, '
        '"proof": ["not base64!"]}\nnot json\n'
    )


def _checkpoints_link_outside(export: Path) -> None:
    checkpoints = export / "checkpoints"
    checkpoints.rename(export.parent / "elsewhere")
    checkpoints.symlink_to(export.parent / "elsewhere")


# (mutation, what the output must name); each is an integrity failure (exit code 4).
FINDINGS: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "manifest claims more events": (_more_events, ("claims {more} events", "holds {size} lines")),
    "manifest claims fewer events": (_fewer_events, ("claims {fewer} events",)),
    "manifest claims a checkpoint not there": (_more_checkpoints, ("000000000999.note",)),
    "manifest claims no checkpoints": (_fewer_checkpoints, ("does not claim it",)),
    "manifest claims more evidence": (_more_evidence, ("claims 27 evidence files",)),
    "an evidence file is missing": (_fewer_evidence, ("evidence/ holds 21",)),
    "events.jsonl links to /etc/passwd": (_events_link_to_passwd, ("events.jsonl is a symbolic",)),
    "events.jsonl is a FIFO": (_events_fifo, ("events.jsonl is a FIFO",)),
    "an evidence file links outside": (_evidence_link_outside, ("is a symbolic link",)),
    "an evidence file is badly named": (_evidence_badly_named, ("not a name an export uses",)),
    "an evidence file is a directory": (_evidence_directory, ("is a directory",)),
    "a 2 MiB line": (_long_line, ("line {next} of events.jsonl", "holds {next} lines")),
    "a note named for another size": (_note_for_another_size, ("holds a checkpoint of size",)),
    "an unknown file": (_unknown_file, ("README.txt", "not part of an export")),
    "a FIFO among the keys": (_unknown_fifo_in_keys, ("keys/log-extra.vkey is a FIFO",)),
    "a junk key file": (_junk_key, ("keys/log-junk.vkey",)),
    "malformed consistency steps": (
        _bad_consistency,
        ("line 1 of consistency.jsonl", "line 2 of", "line 3 of"),
    ),
    "checkpoints links outside": (_checkpoints_link_outside, ("checkpoints is a symbolic link",)),
}


def test_an_untouched_export_verifies(demo: Demo) -> None:
    outcome = _verify(demo)
    assert outcome.code == 0, outcome.output


@pytest.mark.parametrize("case", FINDINGS)
def test_a_crafted_export_is_caught_and_named(demo: Demo, case: str) -> None:
    mutate, named = FINDINGS[case]
    # The demo's size (its cast's events and the year's) is read, not assumed.
    size = len((demo.export / "events.jsonl").read_bytes().splitlines())
    sizes = {"size": size, "next": size + 1, "more": size + 3, "fewer": size - 1}
    mutate(demo.export)
    refused(_verify(demo), 4, *(text.format(**sizes) for text in named))


def _manifest_directory(export: Path) -> None:
    (export / "manifest.json").unlink()
    (export / "manifest.json").mkdir()


def _manifest_link(export: Path) -> None:
    (export / "manifest.json").rename(export.parent / "m.json")
    (export / "manifest.json").symlink_to(export.parent / "m.json")


def _manifest_huge(export: Path) -> None:
    with (export / "manifest.json").open("ab") as manifest:
        manifest.truncate(2 * MIB)


def _manifest_negative(export: Path) -> None:
    _manifest(export, events=-1)


# An export whose manifest cannot be read is not an export at all: invalid input (exit 1).
UNREADABLE: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "manifest.json is a directory": (_manifest_directory, ("manifest.json is a directory",)),
    "manifest.json is a link": (_manifest_link, ("manifest.json is a symbolic link",)),
    "manifest.json is 2 MiB": (_manifest_huge, ("1048576",)),
    "manifest.json claims -1 events": (_manifest_negative, ("manifest.json", "events")),
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_an_unreadable_manifest_is_refused(demo: Demo, case: str) -> None:
    mutate, named = UNREADABLE[case]
    mutate(demo.export)
    refused(_verify(demo), 1, *named)


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00", b"not+a+key", b"x" * (128 * 1024), b""],
    ids=["invalid UTF-8", "malformed", "too large", "empty"],
)
def test_a_malformed_key_file_names_the_option(demo: Demo, tmp_path: Path, content: bytes) -> None:
    key = tmp_path / "bad.vkey"
    key.write_bytes(content)
    outcome = run("verify-export", str(demo.export), "--key", str(key))
    refused(outcome, 1, "--key")


def test_a_fifo_given_as_a_key_is_refused_without_waiting(demo: Demo, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "key.vkey")
    witness = ("--witness", str(tmp_path / "key.vkey"))
    refused(run("verify-export", str(demo.export), "--key", str(demo.log_key), *witness), 1)
    refused(run("verify-export", str(demo.export), *witness), 1, "--witness", "FIFO")
