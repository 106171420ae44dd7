"""One writer process: send every command of a file, each until it is answered, and append
its id to the acknowledgement file (flushed to disk) only once the ledger has answered.

    python -m tests.load.writer DATABASE COMMANDS ACKS

Prints a JSON summary on exit: commands answered, write conflicts run again, seconds.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from commands.decoding import decode_command
from commands.execution import execute
from commands.wiring import build_context
from ledger.persistence.settings import Settings


def main(database: str, commands: Path, acks: Path) -> None:
    ctx = build_context(Settings(database=database))
    retried = 0

    def pause(attempt: int) -> None:
        nonlocal retried
        retried += 1
        time.sleep(min(0.002 * 2**attempt, 0.5))

    started = time.perf_counter()
    answered = 0
    with acks.open("a", encoding="utf-8") as out:
        for line in commands.read_text(encoding="utf-8").splitlines():
            command = decode_command(line)
            # Entered as its actor, whom the runner's setup admitted (tests.identity).
            execute(replace(ctx, enterer=command.actor.id), command, attempts=60, pause=pause)
            out.write(f"{command.command_id}\n")
            out.flush()
            os.fsync(out.fileno())
            answered += 1
    ctx.app.close()
    seconds = time.perf_counter() - started
    print(json.dumps({"answered": answered, "retried": retried, "seconds": seconds}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
