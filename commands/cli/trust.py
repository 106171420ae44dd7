"""The verifier's own trust anchors on the command line: a policy (``--trust``) or keys
(``--key``, ``--witness``), the newest checkpoint it holds (``--checkpoint``) and the state it
keeps between runs (``--state``). None of these is ever read from the data being verified."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from commands.keyfiles import load_checkpoint, load_policy, load_verifier
from ledger.errors import InvalidInput
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.policy import TrustPolicy, policy_from_keys

__all__ = ["Anchors", "anchor_options", "save_state"]

F = TypeVar("F", bound=Callable[..., Any])
_EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


@dataclass(frozen=True)
class Anchors:
    """What the verifier trusts, all from outside the data: None policy means unanchored."""

    policy: TrustPolicy | None
    held: tuple[SignedCheckpoint, ...]
    state: Path | None
    allow_unsealed: bool


def anchor_options(func: F) -> F:
    """``--trust``, ``--key``, ``--witness``, ``--checkpoint``, ``--state``, ``--allow-unsealed``;
    the command receives them as one ``anchors`` argument."""
    options = [
        click.option(
            "--allow-unsealed",
            is_flag=True,
            help="Exit 0 even when events are newer than the newest trusted checkpoint.",
        ),
        click.option(
            "--state",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Your own file for this log: the checkpoint verified last time is held "
            "from it, and the newest trusted checkpoint is kept in it when all holds. "
            "Keep it away from the store.",
        ),
        click.option(
            "--checkpoint",
            "held_files",
            type=_EXISTING,
            multiple=True,
            help="A checkpoint you already hold (e.g. one a witness cosigned): the log must "
            "be a consistent extension of it (repeatable).",
        ),
        click.option(
            "--witness",
            "witness_keys",
            type=_EXISTING,
            multiple=True,
            help="A witness public key (.vkey) whose cosignature is required (repeatable).",
        ),
        click.option("--key", type=_EXISTING, help="The log's public key (.vkey) you trust."),
        click.option(
            "--trust",
            type=_EXISTING,
            help="Your trust policy: log key, witness keys and the quorum (docs/PROOFS.md).",
        ),
    ]

    def wrapped(
        *args: Any,
        trust: Path | None,
        key: Path | None,
        witness_keys: tuple[Path, ...],
        held_files: tuple[Path, ...],
        state: Path | None,
        allow_unsealed: bool,
        **kwargs: Any,
    ) -> Any:
        anchors = Anchors(
            policy=_policy(trust, key, witness_keys),
            held=_held(held_files, state),
            state=state,
            allow_unsealed=allow_unsealed,
        )
        return func(*args, anchors=anchors, **kwargs)

    # Keeps the name, the help text and the options already declared (click keeps them in
    # the function's __dict__).
    functools.update_wrapper(wrapped, func)
    for option in options:
        wrapped = option(wrapped)
    return wrapped  # type: ignore[return-value]


def _policy(
    trust: Path | None, key: Path | None, witness_keys: tuple[Path, ...]
) -> TrustPolicy | None:
    if trust is not None:
        if key is not None or witness_keys:
            raise InvalidInput(
                "give a trust policy or keys, not both",
                field="--trust",
                rule="--trust FILE, or --key FILE with any --witness FILE",
            )
        return load_policy(trust)
    witnesses = [load_verifier(p, "--witness") for p in witness_keys]
    if key is None:
        if witnesses:
            raise InvalidInput(
                "witness keys without the log's key", field="--key", rule="--key FILE first"
            )
        return None
    return policy_from_keys(load_verifier(key, "--key"), witnesses)


def _held(files: tuple[Path, ...], state: Path | None) -> tuple[SignedCheckpoint, ...]:
    held = [load_checkpoint(p, "--checkpoint") for p in files]
    if state is not None and state.exists():
        held.append(load_checkpoint(state, "--state"))
    return tuple(held)


def save_state(state: Path, newest: SignedCheckpoint) -> None:
    """Keep the newest trusted checkpoint in the verifier's state file, atomically."""
    partial = state.with_name(f".{state.name}.partial")
    partial.write_text(newest.text(), encoding="utf-8")
    os.replace(partial, state)
