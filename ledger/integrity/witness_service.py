"""The witness as a service: an add-checkpoint body in, cosignature lines out.

What ``ledger witness serve`` runs behind HTTP, and what a test or a benchmark can call without
it: read the request (``parse_add_checkpoint``), then decide it (``witness_checkpoint``) and keep
the new state under the origin's lock (``WitnessStates.add``), so two requests are never both
checked against the same state. Refusals are ``WitnessRefused`` subclasses with their status.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ledger.integrity.keys import Signer, Verifier
from ledger.integrity.witness import (
    WitnessRefused,
    WitnessState,
    followed_keys,
    witness_checkpoint,
)
from ledger.integrity.witness_request import parse_add_checkpoint
from ledger.integrity.witness_store import WitnessStates

__all__ = ["WitnessService"]

log = logging.getLogger("ledger.witness")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class WitnessService:
    """A witness with its keys (``signers``, one cosignature each), the log keys it trusts and
    its per-origin states. Requires every signer to be a witness key and every log key a log
    key (``ledger witness serve`` checks both)."""

    signers: Sequence[Signer]
    log_keys: Sequence[Verifier]
    states: WitnessStates
    clock: Callable[[], datetime] = _now

    def add_checkpoint(self, body: bytes) -> tuple[str, ...]:
        """The cosignature lines for the request in ``body``; WitnessRefused otherwise (a
        refusal of a checkpoint the log did sign is logged: it may show the log misbehaving)."""
        request = parse_add_checkpoint(body)
        origin = request.signed.checkpoint.origin
        # Before any lock or file: a stranger's origins must leave nothing behind.
        followed_keys(origin, self.log_keys)

        def decide(state: WitnessState | None) -> tuple[tuple[str, ...], WitnessState]:
            return witness_checkpoint(request, self.log_keys, self.signers, state, self.clock())

        try:
            return self.states.add(origin, decide)
        except WitnessRefused as error:
            if error.status in (400, 409, 422):
                log.info("refused a checkpoint of %s (%d): %s", origin, error.status, error)
            raise

    def latest(self, hashed: str) -> str | None:
        """The last checkpoint cosigned for the log whose origin hashes to ``hashed``, with the
        log's signature and this witness's cosignatures; None if it cosigned none."""
        state = self.states.latest(hashed)
        return state.note if state is not None and state.note else None
