"""``ledger serve``: the HTTP API under uvicorn, one app (and one store connection) per worker.

On SIGTERM or Ctrl-C uvicorn stops taking connections and lets the requests in flight finish
(up to ``--grace`` seconds), so a write it acknowledged is recorded and sealed.
"""

from __future__ import annotations

import os
import secrets

import click
import uvicorn

from commands.cli.options import db_option
from commands.cli.uvicorn_logging import log_config
from commands.http.app import RATE_ENV, WEB_SECRET_ENV
from commands.http.limits import RateLimit
from commands.wiring import build_context
from ledger.persistence.settings import Settings

__all__ = ["serve"]


@click.command("serve")
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (each with its own connection to the store).",
)
@click.option(
    "--grace",
    default=30,
    show_default=True,
    type=click.IntRange(1, 3600),
    help="Seconds requests in flight get to finish after SIGTERM.",
)
@click.option(
    "--rate",
    default=RateLimit.rate,
    show_default=True,
    type=click.FloatRange(min=0.001),
    help="Requests a second each token may send, on average (per worker).",
)
@click.option(
    "--burst",
    default=RateLimit.burst,
    show_default=True,
    type=click.IntRange(min=1),
    help="Requests a token may send at once before the rate applies.",
)
def serve(
    database: str | None, host: str, port: int, workers: int, grace: int, rate: float, burst: int
) -> None:
    """Serve the web pages (at /) and the HTTP API (under /api) over the store.

    The API is described in docs/API.md and its schema is at /schema. The store must exist
    (make it with `ledger users bootstrap`); the log key is read from
    LEDGER_LOG_KEY, as for `ledger apply`, and every write is sealed with it. People sign in
    to the pages with their token; the session cookies are encrypted with LEDGER_WEB_SECRET
    (64 hex digits, the same for every worker), drawn afresh at each start when unset (so
    restarting signs everyone out).
    """
    settings = Settings.from_environment(database, access="write")
    # Fail here, in one clear line, rather than in every worker.
    build_context(settings).app.close()
    # Workers are new processes: they read what they serve from the environment.
    os.environ["LEDGER_DATABASE_URL"] = settings.database
    os.environ[RATE_ENV] = f"{rate}/{burst}"
    os.environ.setdefault(WEB_SECRET_ENV, secrets.token_hex(32))
    uvicorn.run(
        "commands.http.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        timeout_graceful_shutdown=grace,
        access_log=False,  # ours (ledger.http.access) never holds a query string or header
        log_config=log_config(),
        server_header=False,
    )
