"""Schemathesis against a live server's own /schema/openapi.json, on a fixed seed and budget:
no answer is a 5xx, and every answer conforms to the schema (status, content type, body)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ledger.persistence.settings import Settings
from tests.http.live import live_server
from tests.http.people import bearer

CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance"
)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_generated_requests_get_no_server_error_and_answers_that_match_the_schema(
    settings: Settings, tmp_path: Path
) -> None:
    with live_server(settings, tmp_path) as live:
        (header,) = bearer(live.tokens["admin"]).items()
        run = subprocess.run(
            [
                Path(sys.executable).with_name("schemathesis"),
                "run",
                f"{live.url}/schema/openapi.json",
                "--header",
                f"{header[0]}: {header[1]}",
                "--checks",
                CHECKS,
                "--phases",
                "examples,fuzzing",
                "--max-examples",
                "4",
                "--generation-deterministic",
                "--request-timeout",
                "20",
                "--suppress-health-check",
                "all",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        live.stop()
    report = run.stdout + run.stderr
    assert run.returncode == 0, (
        report[-6000:] + "\n--- server log ---\n" + live.log.read_text()[-4000:]
    )
