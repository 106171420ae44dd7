"""What a verification found, printed for a person, and the one verdict it comes to.

The verdict is an error from the one table (``ledger.errors``) unless everything holds:
integrity failures (exit 4) come first; then no outside anchor, or events no trusted
checkpoint covers (both exit 5). "Everything holds" is printed only when none applies.
"""

from __future__ import annotations

from collections import Counter

from rich.table import Table

from commands.cli.render import console
from commands.cli.terminal import styled
from ledger.errors import IntegrityViolation, Unanchored, Unsealed
from ledger.integrity.keys import Verifier
from ledger.integrity.verification import Report

__all__ = ["conclude"]

# Failures listed in full; a deleted event makes every later leaf fail, so the rest are counted.
_SHOWN = 10


def _table(report: Report, views: int | None) -> Table:
    table = Table("checked / ตรวจ", "count", title="Verification / ผลการตรวจสอบ")
    table.add_row("events (leaves recomputed)", str(report.events))
    table.add_row("events replayed through the rules", str(report.replayed))
    table.add_row("certified scores recomputed", str(report.certifications))
    table.add_row("checkpoints (signatures, roots, consistency)", str(report.checkpoints))
    table.add_row("checkpoints your policy trusts", str(report.trusted_checkpoints))
    table.add_row("witness cosignatures", str(report.cosignatures))
    table.add_row("events sealed by a trusted checkpoint", str(report.sealed))
    table.add_row("evidence files re-hashed", str(report.evidence_files))
    if views is not None:
        table.add_row("views rebuilt and compared", str(views))
    return table


def _failures(report: Report) -> None:
    # soft_wrap: a failure is one line however long, so it can be searched for and copied.
    if report.first_bad_event:
        console.print(
            styled("first bad event: ", "red"), report.first_bad_event, sep="", soft_wrap=True
        )
    if report.first_bad_checkpoint:
        console.print(
            styled("first bad checkpoint: ", "red"),
            report.first_bad_checkpoint,
            sep="",
            soft_wrap=True,
        )
    for failure in report.failures[:_SHOWN]:
        console.print(
            styled("FAILED ", "red"), f"{failure.kind}: {failure.message}", sep="", soft_wrap=True
        )
    if len(report.failures) > _SHOWN:
        kinds = Counter(f.kind for f in report.failures[_SHOWN:])
        why = "; one change early in the log shifts every leaf after it" if "event" in kinds else ""
        console.print(
            f"… and {len(report.failures) - _SHOWN} more ("
            + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
            + f"){why}"
        )


def conclude(
    report: Report, *, found_keys: list[Verifier], allow_unsealed: bool, views: int | None
) -> None:
    """Print the report; raise the verdict's error unless everything holds."""
    console.print(_table(report, views))
    for note in report.notes:
        console.print(f"note: {note}", soft_wrap=True)
    if found_keys:
        listed = ", ".join(k.text() for k in found_keys)
        console.print(
            f"keys found with the data (reported, never trusted): {listed}", soft_wrap=True
        )
    if not report.ok:
        _failures(report)
        raise IntegrityViolation(
            f"verification failed: {len(report.failures)} problems",
            rule="every leaf, checkpoint, rule, view and evidence file must check out",
        )
    if not report.anchored:
        raise Unanchored(
            "nothing was found wrong, but nothing was checked against a key you trust: the "
            "data could have been re-signed by whoever holds it",
            field="--trust",
            rule="verification trusts only anchors you bring: --trust FILE or --key FILE",
        )
    if report.unsealed and not allow_unsealed:
        raise Unsealed(
            f"{report.unsealed} events are newer than the newest checkpoint your policy trusts "
            f"(of {report.sealed} events); no trusted signature covers them yet",
            field="--allow-unsealed",
            rule="every event is covered by a trusted checkpoint (sign one, have it cosigned)",
        )
    if report.unsealed:
        console.print(
            f"note: {report.unsealed} events are not yet covered by a trusted checkpoint "
            "(allowed by --allow-unsealed)"
        )
    console.print(styled("Everything holds.", "green"))
