"""A real server (``ledger serve``, several workers) under concurrent writers, and stopped
with SIGTERM in the middle of them: every acknowledged write is recorded exactly once."""

from __future__ import annotations

import signal
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx

from commands.wiring import build_context
from ledger.application import LedgerApplication
from ledger.persistence.settings import Settings
from tests.builders import OPDC
from tests.http.live import live_server
from tests.http.people import bearer

CLIENTS = 8


def registration(unit_id: str) -> dict[str, Any]:
    return {
        "type": "register_unit",
        "actor": OPDC,
        "unit_id": unit_id,
        "name_th": f"หน่วยงาน {unit_id}",
        "name_en": f"Unit {unit_id}",
        "level": "province",
        "command_id": str(uuid4()),
    }


def registered(app: LedgerApplication) -> Counter[str]:
    """How many times each unit was registered."""
    return Counter(
        event.unit_id  # type: ignore[attr-defined]
        for _, event in app.all_events()
        if type(event).__name__ == "UnitRegistered"
    )


def test_eight_clients_sending_commands_some_twice_record_each_exactly_once(
    settings: Settings, tmp_path: Path
) -> None:
    commands = [registration(f"TH-C{n:03d}") for n in range(48)]
    sends = commands + commands[::3]  # every third command is sent a second time
    with live_server(settings, tmp_path, workers=2) as live:
        headers = bearer(live.tokens["opdc-1"])

        def send(command: dict[str, Any]) -> tuple[str, int, str]:
            with httpx.Client(base_url=live.url, headers=headers, timeout=60) as client:
                answer = client.post("/api/commands", json=command)
            return command["unit_id"], answer.status_code, answer.text

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = list(pool.map(send, sends))
        live.stop()
    assert {status for _, status, _ in answers} <= {200, 201}, [a for a in answers if a[1] > 201]
    assert Counter(status for _, status, _ in answers) == {201: 48, 200: 16}
    ctx = build_context(settings)
    try:
        assert registered(ctx.app) == Counter(["TH-81", *(c["unit_id"] for c in commands)])
    finally:
        ctx.app.close()


def test_sigterm_during_writes_keeps_every_acknowledged_write(
    settings: Settings, tmp_path: Path
) -> None:
    acknowledged: list[str] = []
    stop = threading.Event()
    with live_server(settings, tmp_path, workers=2) as live:
        headers = bearer(live.tokens["opdc-1"])

        def writer(number: int) -> None:
            with httpx.Client(base_url=live.url, headers=headers, timeout=60) as client:
                for n in range(10_000):
                    if stop.is_set():
                        return
                    command = registration(f"TH-S{number}-{n}")
                    try:
                        answer = client.post("/api/commands", json=command)
                    except httpx.HTTPError:
                        return  # the server has stopped taking connections
                    if answer.status_code == 201:
                        acknowledged.append(command["unit_id"])

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        while len(acknowledged) < 20:
            stop.wait(0.05)
        code = live.stop(signal.SIGTERM)
        stop.set()
        for thread in threads:
            thread.join(60)
    assert code == 0, live.log.read_text()
    ctx = build_context(settings)
    try:
        recorded = registered(ctx.app)
    finally:
        ctx.app.close()
    assert all(recorded[unit] == 1 for unit in acknowledged)
    assert len(acknowledged) >= 20
