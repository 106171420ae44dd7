"""One projection process: catch every view and the Merkle log up in small batches, printing
the log position after each committed batch (so a test knows when to kill it mid-batch).

    python -m tests.load.projector DATABASE
"""

from __future__ import annotations

import sys

from commands.wiring import build_context
from ledger.integrity.log import TransparencyLog
from ledger.persistence.settings import Settings
from projections.catch_up import catch_up_many
from projections.registry import PROJECTIONS, open_projection

BATCH = 40


def main(database: str) -> None:
    settings = Settings(database=database)
    ctx = build_context(settings)
    views = [open_projection(settings, name, ctx.framework) for name in PROJECTIONS]

    def committed(position: int) -> None:
        print(f"at {position}", flush=True)

    catch_up_many(ctx.app, views, batch_size=BATCH, progress=committed)
    TransparencyLog(ctx.app).catch_up(batch=BATCH, progress=committed)
    print("done", flush=True)
    ctx.app.close()


if __name__ == "__main__":
    main(sys.argv[1])
