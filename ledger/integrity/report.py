"""What a verification found: counts of what was checked, every failure, and what the
verifier's anchors cover (``sealed``: the events the newest trusted checkpoint covers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ledger.integrity.checkpoint import SignedCheckpoint

__all__ = ["Failure", "Report"]


@dataclass(frozen=True)
class Failure:
    kind: str
    message: str


@dataclass
class Report:
    events: int = 0
    checkpoints: int = 0
    trusted_checkpoints: int = 0
    cosignatures: int = 0
    replayed: int = 0
    certifications: int = 0
    evidence_files: int = 0
    sealed: int = 0
    unlogged: int = 0
    anchored: bool = False
    newest: SignedCheckpoint | None = None
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_bad_event: str | None = None
    first_bad_checkpoint: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def unsealed(self) -> int:
        return max(self.events - self.sealed, 0)

    def fail(self, kind: str, message: str) -> None:
        self.failures.append(Failure(kind, message))
        if kind in ("event", "rule") and self.first_bad_event is None:
            self.first_bad_event = message
        if kind == "checkpoint" and self.first_bad_checkpoint is None:
            self.first_bad_checkpoint = message
