"""The live store as verification input: its events as stored, the Merkle log kept beside
them, and the rows kept with them (checkpoints, keys, evidence), read without trusting them."""

from __future__ import annotations

from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.log import TransparencyLog
from ledger.integrity.policy import TrustPolicy
from ledger.integrity.stored import stored_events
from ledger.integrity.verification import Failure, Inputs, RuleCheck

__all__ = ["live_findings", "read_live"]


def read_live(
    log: TransparencyLog,
    *,
    policy: TrustPolicy | None,
    held: tuple[SignedCheckpoint, ...],
    rules: RuleCheck | None,
) -> Inputs:
    """The verification inputs of the live store, with ``live_findings`` (what the inputs
    leave out because it is not what the ledger writes) as ``findings``."""
    return Inputs(
        events=stored_events(log.app),
        checkpoints=log.records.checkpoints(),
        consistency=log.consistency,
        evidence=log.records.evidence(),
        label=lambda e: f"position {e.position} ({e.originator_id} v{e.originator_version})",
        policy=policy,
        held=held,
        rules=rules,
        stored_leaves=log.tree.iter_leaves(),
        findings=live_findings(log),
    )


def live_findings(log: TransparencyLog) -> list[Failure]:
    """What is wrong in the rows kept beside the events that ``live_inputs`` leaves out:
    keys that are not keys, checkpoints that do not parse or are kept under another size,
    evidence kept under a name that is not a SHA-256. Each is a Failure for ``Report.fail``."""
    records = log.records
    return [
        *records.public_keys_and_findings()[1],
        *records.checkpoints_and_findings()[1],
        *records.evidence_findings(),
    ]
