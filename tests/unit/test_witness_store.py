"""The witness's per-origin states: the check and the write are one step, so two requests
decided at once never both pass against the same state (tlog-witness's race), and a refusal
leaves the state as it was."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledger.integrity.checkpoint import Checkpoint, sign
from ledger.integrity.keys import generate
from ledger.integrity.merkle import EMPTY_ROOT
from ledger.integrity.witness import SizeConflict, UnknownLog, WitnessState
from ledger.integrity.witness_request import format_add_checkpoint
from ledger.integrity.witness_service import WitnessService
from ledger.integrity.witness_store import WitnessStates, origin_hash

ORIGIN = "ledger.example/race"
AT = datetime(2025, 10, 1, tzinfo=UTC)


def _state(size: int) -> WitnessState:
    return WitnessState(origin=ORIGIN, log_key="k", size=size, root="", cosigned_at=AT)


def _grow_from(old: int, size: int) -> Callable[[WitnessState | None], tuple[int, WitnessState]]:
    def decide(state: WitnessState | None) -> tuple[int, WitnessState]:
        last = state.size if state is not None else 0
        time.sleep(0.02)  # a slow check: the window a race would need
        if last != old:
            raise SizeConflict("stale", last)
        return size, _state(size)

    return decide


def test_requests_decided_at_once_are_decided_one_after_another(tmp_path: Path) -> None:
    states = WitnessStates(tmp_path / "states")
    start = threading.Barrier(8)

    def submit(size: int) -> int | None:
        start.wait()
        try:
            return states.add(ORIGIN, _grow_from(0, size))
        except SizeConflict:
            return None

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(submit, range(10, 18)))
    won = [r for r in results if r is not None]
    assert len(won) == 1
    kept = states.latest(origin_hash(ORIGIN))
    assert kept is not None
    assert kept.size == won[0]


def test_a_refusal_keeps_the_state_and_only_hex_names_are_read(tmp_path: Path) -> None:
    states = WitnessStates(tmp_path)
    states.add(ORIGIN, _grow_from(0, 7))
    with pytest.raises(SizeConflict):
        states.add(ORIGIN, _grow_from(3, 9))
    kept = states.latest(origin_hash(ORIGIN))
    assert kept is not None
    assert kept.size == 7
    assert states.latest("../" + origin_hash(ORIGIN)) is None
    assert states.latest(origin_hash(ORIGIN).upper()) is None


def test_a_request_for_a_log_not_followed_leaves_no_file(tmp_path: Path) -> None:
    """Strangers choose the origins: a refusal by origin comes before any lock or file."""
    log, witness = generate("ledger.example/followed", "log"), generate("w.example/1", "witness")
    service = WitnessService([witness], [log.verifier], WitnessStates(tmp_path / "states"))
    for n in range(5):
        stranger = generate(f"stranger.example/{n}", "log")
        head = sign(Checkpoint(stranger.name, 0, EMPTY_ROOT), stranger)
        with pytest.raises(UnknownLog):
            service.add_checkpoint(format_add_checkpoint(0, [], head))
    assert list((tmp_path / "states").iterdir()) == []
    followed = sign(Checkpoint(log.name, 0, EMPTY_ROOT), log)
    assert len(service.add_checkpoint(format_add_checkpoint(0, [], followed))) == 1
