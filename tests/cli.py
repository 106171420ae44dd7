"""Running the installed ``ledger`` command as a user would: a separate process, real files,
its exit code and what it printed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["LEDGER", "ledger"]

LEDGER = str(Path(sys.executable).parent / "ledger")


def ledger(
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    prefix: tuple[str, ...] = (),
    preexec_fn: Callable[[], None] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``ledger ARGS`` (after ``prefix``, e.g. to run as another user), 160 columns wide."""
    return subprocess.run(
        [*prefix, LEDGER, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "160", **(env or {})},
        cwd=cwd,
        preexec_fn=preexec_fn,
        check=False,
    )
