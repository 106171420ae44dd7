"""Full verification of a live store from Python, as ``ledger verify --key`` runs it: every
leaf, checkpoint and evidence file, and every event replayed through the rules."""

from __future__ import annotations

from commands.replay import RuleReplay
from ledger.frameworks.loader import framework_by_id
from ledger.integrity.keys import Verifier
from ledger.integrity.live import read_live
from ledger.integrity.log import TransparencyLog
from ledger.integrity.policy import policy_from_keys
from ledger.integrity.report import Report
from ledger.integrity.verification import verify

__all__ = ["verified"]


def verified(log: TransparencyLog, key: Verifier) -> Report:
    """The report of verifying ``log`` against its log key alone (no witness required)."""
    inputs = read_live(
        log, policy=policy_from_keys(key, []), held=(), rules=RuleReplay(framework_by_id)
    )
    return verify(inputs)
