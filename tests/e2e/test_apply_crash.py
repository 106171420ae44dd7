"""``ledger apply --batch N --acknowledge FILE`` killed mid-batch: every line acknowledged is
in the store, nothing of the batch it was in the middle of is, and sending the whole file
again records the rest once (the lines carry command ids)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from uuid import NAMESPACE_URL, uuid5

import msgspec

from commands.cli.demo import demo_lines
from commands.wiring import build_context
from ledger.domain.receipt import CommandHandled
from ledger.persistence.settings import Settings
from tests.cli import LEDGER, ledger, provision_demo
from tests.stores import StoreMaker

BATCH = 40


def _with_ids(lines: list[str]) -> list[str]:
    return [
        msgspec.json.encode(
            {**msgspec.json.decode(line), "command_id": str(uuid5(NAMESPACE_URL, f"l{n}"))}
        ).decode()
        for n, line in enumerate(lines)
    ]


def _receipts(database: str) -> int:
    ctx = build_context(Settings.from_environment(database, access="read"))
    try:
        return sum(isinstance(e, CommandHandled) for _, e in ctx.app.all_events())
    finally:
        ctx.app.close()


def _wait_for(path: Path, wanted: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and path.read_text().strip() == wanted:
            return
        time.sleep(0.02)
    raise AssertionError(f"{path} never read {wanted} (exit code {process.poll()})")


def test_a_killed_apply_keeps_every_acknowledged_line(stores: StoreMaker, tmp_path: Path) -> None:
    database = stores.new().database
    tokens, lines = provision_demo(database, demo_lines())
    year = _with_ids(lines)
    before = _receipts(database)
    ack = tmp_path / "ack"
    process = subprocess.Popen(
        [
            *(LEDGER, "apply", "-", "--db", database, "--token-file", str(tokens)),
            *("--keep-going", "--batch", str(BATCH), "--acknowledge", str(ack)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    # Two batches and half of a third: the apply commits two and waits for the rest.
    fed = 2 * BATCH + BATCH // 2
    process.stdin.write(("\n".join(year[:fed]) + "\n").encode())
    process.stdin.flush()
    _wait_for(ack, str(2 * BATCH), process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdin.close()

    # The demo refuses nothing this early: every acknowledged line left its receipt.
    assert _receipts(database) - before == 2 * BATCH

    again = tmp_path / "year.jsonl"
    again.write_text("\n".join(year) + "\n")
    done = ledger(
        "apply", str(again), "--db", database, "--token-file", str(tokens), "--keep-going"
    )
    assert f"{2 * BATCH} already recorded under the same command_id" in done.stdout
    assert _receipts(database) - before == len(year)
