"""A log asking its witnesses for cosignatures over HTTP (C2SP tlog-witness, the client side).

Every witness is asked at once, each in its own thread, within one time budget: the request
proves the new checkpoint from the size that witness last cosigned (read from the checkpoints
the log kept), and a 409 (the witness holds another size) is answered once with a proof from the
size it names. A returned line counts only when it verifies against the witness's key in the
trust policy; lines by other keys are ignored. A witness that does not answer in time is
reported as such and left behind (its thread is a daemon and its HTTP timeout the budget).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import httpx

from ledger.errors import LedgerError
from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint
from ledger.integrity.keys import Verifier
from ledger.integrity.log import TransparencyLog
from ledger.integrity.policy import TrustPolicy
from ledger.integrity.witness_request import (
    SIZE_MEDIA_TYPE,
    format_add_checkpoint,
    parse_size_body,
)

__all__ = [
    "Outcome",
    "WitnessAnswer",
    "WitnessTarget",
    "ask_witnesses",
    "cosign_with_witnesses",
    "last_cosigned",
]

Outcome = Literal["cosigned", "refused", "unreachable", "timed-out"]
# A witness's answer is a few signature lines; anything much longer is not one.
_MAX_ANSWER = 64 * 1024
Proof = Callable[[int, int], list[bytes]]


@dataclass(frozen=True)
class WitnessTarget:
    """A witness to ask: its name in the trust policy, its key there, its submission prefix."""

    name: str
    key: Verifier
    url: str


@dataclass(frozen=True)
class WitnessAnswer:
    """What one witness did: ``lines`` are its verified cosignature lines (when cosigned);
    ``status`` the last HTTP status (None when none came); ``reason`` the why, in one line."""

    target: WitnessTarget
    outcome: Outcome
    status: int | None = None
    reason: str = ""
    lines: tuple[str, ...] = ()
    retried: bool = False


def last_cosigned(kept: Iterable[SignedCheckpoint], key: Verifier) -> int:
    """The largest tree size among ``kept`` that ``key`` validly cosigned; 0 if none."""
    sizes = [0]
    for signed in kept:
        if signed.checkpoint.size <= sizes[-1] or not signed.signed_by(key.name):
            continue
        try:
            signed.verify_cosignature(key)
        except CheckpointError:
            continue
        sizes.append(signed.checkpoint.size)
    return max(sizes)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


class _Asker:
    """One witness's exchange: at most two requests, the second after a 409."""

    def __init__(self, target: WitnessTarget, signed: SignedCheckpoint, proof: Proof) -> None:
        self.target, self.signed, self.proof = target, signed, proof

    def run(self, old: int, deadline: float) -> WitnessAnswer:
        size = self.signed.checkpoint.size
        retried = False
        with httpx.Client(headers={"Content-Type": "text/plain"}) as client:
            while True:
                if old > size:
                    return self._refused(
                        409, f"the witness cosigned {old} leaves, more than {size}", retried
                    )
                try:
                    steps = self.proof(old, size) if 0 < old < size else []
                except LedgerError as error:
                    return self._refused(409, f"no proof from {old}: {error.message}", retried)
                budget = max(deadline - time.monotonic(), 0.001)
                response = client.post(
                    self.target.url.rstrip("/") + "/add-checkpoint",
                    content=format_add_checkpoint(old, steps, self.signed),
                    timeout=httpx.Timeout(budget),
                )
                kind = response.headers.get("content-type", "")
                if response.status_code == 409 and kind.startswith(SIZE_MEDIA_TYPE) and not retried:
                    try:
                        old, retried = parse_size_body(response.content), True
                    except ValueError as error:
                        return self._refused(409, f"unreadable size body: {error}", retried)
                    continue
                return self._answer(response, retried)

    def _refused(self, status: int | None, reason: str, retried: bool) -> WitnessAnswer:
        return WitnessAnswer(self.target, "refused", status, _one_line(reason), retried=retried)

    def _answer(self, response: httpx.Response, retried: bool) -> WitnessAnswer:
        status = response.status_code
        text = response.content[:_MAX_ANSWER].decode("utf-8", errors="replace")
        if status != 200:
            return self._refused(status, text or response.reason_phrase, retried)
        key = self.target.key
        lines = tuple(
            line for line in text.split("\n") if line and self.signed.signer_of(line) == key.name
        )
        try:
            self.signed.with_lines(lines).verify_cosignature(key)
        except CheckpointError as error:
            return self._refused(status, f"no valid cosignature: {error}", retried)
        return WitnessAnswer(self.target, "cosigned", status, "", lines, retried)


def ask_witnesses(
    signed: SignedCheckpoint,
    targets: Sequence[WitnessTarget],
    old_size: Callable[[WitnessTarget], int],
    proof: Proof,
    timeout: float,
) -> list[WitnessAnswer]:
    """Ask every target at once to cosign ``signed``, within ``timeout`` seconds in all; one
    answer per target, in their order. ``proof(old, new)`` must be callable from any thread.

    Requires ``timeout > 0``. Never raises for a witness's failure: it becomes its answer.
    """
    deadline = time.monotonic() + timeout
    answers: dict[int, WitnessAnswer] = {}
    threads: list[threading.Thread] = []
    for index, target in enumerate(targets):
        asker = _Asker(target, signed, proof)
        old = old_size(target)

        def work(index: int = index, asker: _Asker = asker, old: int = old) -> None:
            try:
                answers[index] = asker.run(old, deadline)
            except httpx.TimeoutException:
                answers[index] = WitnessAnswer(asker.target, "timed-out", reason="no answer")
            except httpx.HTTPError as error:
                reason = _one_line(str(error)) or type(error).__name__
                answers[index] = WitnessAnswer(asker.target, "unreachable", reason=reason)

        thread = threading.Thread(target=work, name=f"witness {target.name}", daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    return [
        answers.get(i) or WitnessAnswer(t, "timed-out", reason=f"no answer within {timeout:g} s")
        for i, t in enumerate(targets)
    ]


def cosign_with_witnesses(
    log: TransparencyLog,
    signed: SignedCheckpoint,
    policy: TrustPolicy,
    urls: Mapping[str, str],
    timeout: float,
) -> tuple[SignedCheckpoint, list[WitnessAnswer], bool]:
    """Ask the policy's witnesses at ``urls`` (policy name -> submission prefix) to cosign
    ``signed``, a checkpoint ``log`` signed and kept; keep the cosignatures that verify. The
    kept checkpoint, every witness's answer, and whether the policy's quorum is met.

    Requires every name in ``urls`` to name a witness of ``policy``."""
    targets = [WitnessTarget(name, policy.witnesses[name], url) for name, url in urls.items()]
    kept = list(log.records.checkpoints())
    answers = ask_witnesses(
        signed, targets, lambda t: last_cosigned(kept, t.key), log.consistency, timeout
    )
    good = [a for a in answers if a.outcome == "cosigned"]
    result = signed
    if good:
        lines = tuple(line for a in good for line in a.lines)
        result = log.attach(signed.with_lines(lines), [a.target.key for a in good])
    cosigned, _ = policy.cosigners(result)
    return result, answers, policy.quorum(cosigned)
