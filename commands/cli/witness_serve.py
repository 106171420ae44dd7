"""``ledger witness serve``: a C2SP tlog-witness over HTTP, for logs to ask for cosignatures."""

from __future__ import annotations

from pathlib import Path

import click
import uvicorn

from commands.cli.uvicorn_logging import log_config
from commands.keyfiles import load_policy, load_signer, load_verifier
from commands.witness_http.app import create_witness_app
from ledger.errors import InvalidInput
from ledger.integrity.keys import Verifier
from ledger.integrity.witness_service import WitnessService
from ledger.integrity.witness_store import WitnessStates

__all__ = ["witness_serve"]

_EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)
_LOG_KEYS_RULE = "at least one log key: --log-key FILE or --trust POLICY with log lines"


def _log_keys(log_key: tuple[Path, ...], trust: Path | None) -> list[Verifier]:
    keys = [load_verifier(p, "--log-key") for p in log_key]
    if trust is not None:
        keys += load_policy(trust).logs
    for key in keys:
        if key.kind != "log":
            raise InvalidInput(
                f"{key.name} is not a log key", field="--log-key", rule=_LOG_KEYS_RULE
            )
    if not keys:
        raise InvalidInput("no log key to trust", field="--log-key", rule=_LOG_KEYS_RULE)
    return keys


@click.command("serve")
@click.option(
    "--key",
    "keys",
    type=_EXISTING,
    multiple=True,
    required=True,
    help="The witness's private key file; repeat for a second key (e.g. ML-DSA-44).",
)
@click.option(
    "--log-key", type=_EXISTING, multiple=True, help="A log's public key (.vkey) to follow."
)
@click.option("--trust", type=_EXISTING, help="A trust policy whose log lines name logs to follow.")
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Where the state of each log is kept (one file per log, created if missing).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
def witness_serve(
    keys: tuple[Path, ...],
    log_key: tuple[Path, ...],
    trust: Path | None,
    state_dir: Path,
    host: str,
    port: int,
) -> None:
    """Serve the C2SP witness protocol: cosign the checkpoints logs submit.

    POST /add-checkpoint cosigns a checkpoint a followed log signed if it extends the last one
    cosigned for that log (the consistency proof comes with it); GET /<sha256 of the origin,
    hex>/checkpoint serves the last one cosigned. One process: each log's check and new state
    are kept under one lock, so no two requests are cosigned against the same state.
    """
    signers = [load_signer(p, "witness") for p in keys]
    service = WitnessService(signers, _log_keys(log_key, trust), WitnessStates(state_dir))
    uvicorn.run(
        create_witness_app(service),
        host=host,
        port=port,
        access_log=False,
        log_config=log_config(),
        server_header=False,
    )
