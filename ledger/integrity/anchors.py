"""The verifier's anchors applied: which kept checkpoints the policy trusts, whether the
checkpoints the verifier holds are signed by the log, and whether the events recompute to the
root of each (so the log is a consistent extension of it, recomputed rather than read)."""

from __future__ import annotations

from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.merkle import Frontier
from ledger.integrity.policy import TrustPolicy
from ledger.integrity.report import Report

__all__ = ["check_held", "check_signatures", "history_kept", "root_holds"]


def check_signatures(
    report: Report, stored: list[SignedCheckpoint], policy: TrustPolicy | None
) -> list[SignedCheckpoint]:
    """Check every stored checkpoint against the policy; the ones it trusts."""
    report.checkpoints = len(stored)
    if policy is None:
        return []
    trusted = []
    for signed in stored:
        ok, problems = policy.trusts(signed)
        for problem in problems:
            report.fail("checkpoint", f"checkpoint of size {signed.checkpoint.size}: {problem}")
        cosigned, _ = policy.cosigners(signed)
        report.cosignatures += len(cosigned)
        if ok:
            trusted.append(signed)
    report.trusted_checkpoints = len(trusted)
    return trusted


def check_held(report: Report, held: SignedCheckpoint, policy: TrustPolicy | None) -> bool:
    """Whether a checkpoint the caller holds is signed by the log the policy trusts."""
    if policy is None:
        return True
    key = policy.log_key(held.checkpoint.origin)
    problem = None if key else f"no trusted log key is named {held.checkpoint.origin!r}"
    if key is not None:
        try:
            held.verify_log(key)
        except ValueError as error:
            problem = str(error)
    if problem is not None:
        report.fail(
            "checkpoint", f"the checkpoint you hold (size {held.checkpoint.size}): {problem}"
        )
    return problem is None


def root_holds(
    report: Report, signed: SignedCheckpoint, roots: dict[int, bytes], which: str
) -> bool:
    size = signed.checkpoint.size
    what = "the checkpoint you hold" if which == "held" else "checkpoint"
    if size not in roots and size > report.events:
        report.fail(
            "checkpoint",
            f"{what} of size {size} covers more events than the {report.events} here: events "
            f"{report.events + 1} to {size} are missing (the log was rolled back or truncated)",
        )
        return False
    if roots.get(size, _empty_root()) != signed.checkpoint.root:
        report.fail(
            "checkpoint",
            f"{what} of size {size}: the root recomputed from the events is not its root "
            "(an event it covers was changed, removed, reordered or added)",
        )
        return False
    return True


def _empty_root() -> bytes:
    return Frontier().root()


def history_kept(report: Report, held: SignedCheckpoint, stored: list[SignedCheckpoint]) -> bool:
    if any(s.checkpoint == held.checkpoint for s in stored):
        return True
    report.fail(
        "checkpoint",
        f"the store keeps no checkpoint of size {held.checkpoint.size}, the one you hold: "
        "its checkpoint history was lost or rewritten",
    )
    return False
