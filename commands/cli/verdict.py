"""What a verification found, printed for a person, and the one verdict it comes to.

The verdict is an error from the one table (``ledger.errors``) unless everything holds:
integrity failures (exit 4) come first; then no outside anchor, or events no trusted
checkpoint covers (both exit 5). "Everything holds" is printed only when none applies.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

import msgspec
from rich.table import Table

from commands.cli.render import console, print_json, print_table
from commands.cli.tables import column
from commands.cli.terminal import styled
from ledger.errors import IntegrityViolation, LedgerError, Unanchored, Unsealed
from ledger.grammar import counted
from ledger.integrity.keys import Verifier
from ledger.integrity.verification import Report

__all__ = ["Verification", "conclude"]

# Failures listed in full; a deleted event makes every later leaf fail, so the rest are counted.
_SHOWN = 10


def _table(report: Report, views: int | None) -> Table:
    table = Table(
        column("Checked\nตรวจ", prose=True),
        column("Count\nจำนวน", right=True),
        title="Verification / ผลการตรวจสอบ",
    )
    rows = [
        ("events (leaves recomputed)\nเหตุการณ์ (คำนวณใบใหม่)", report.events),
        ("events replayed through the rules\nเหตุการณ์ที่เล่นซ้ำตามกฎ", report.replayed),
        ("certified scores recomputed\nคะแนนที่รับรองแล้วซึ่งคำนวณใหม่", report.certifications),
        (
            "checkpoints (signatures, roots, consistency)\nจุดตรวจสอบ (ลายมือชื่อ ราก ความสอดคล้อง)",
            report.checkpoints,
        ),
        ("checkpoints your policy trusts\nจุดตรวจสอบที่นโยบายของคุณเชื่อถือ", report.trusted_checkpoints),
        ("witness cosignatures\nลายมือชื่อร่วมของพยาน", report.cosignatures),
        ("events sealed by a trusted checkpoint\nเหตุการณ์ที่ผนึกโดยจุดตรวจสอบที่เชื่อถือ", report.sealed),
        ("evidence files re-hashed\nไฟล์หลักฐานที่คำนวณแฮชใหม่", report.evidence_files),
    ]
    if views is not None:
        rows.append(("views rebuilt and compared\nมุมมองที่สร้างใหม่และเทียบ", views))
    for label, count in rows:
        table.add_row(label, str(count))
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
            styled("FAILED / ไม่ผ่าน ", "red"),
            f"{failure.kind}: {failure.message}",
            sep="",
            soft_wrap=True,
        )
    if len(report.failures) > _SHOWN:
        kinds = Counter(f.kind for f in report.failures[_SHOWN:])
        why = "; one change early in the log shifts every leaf after it" if "event" in kinds else ""
        console.print(
            f"… and {len(report.failures) - _SHOWN} more ("
            + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
            + f"){why}"
        )


class Verification(msgspec.Struct, frozen=True, kw_only=True):
    """What ``ledger verify --json`` prints: the verdict (``holds`` exits 0; ``failed`` 4;
    ``unanchored`` and ``unsealed`` 5), what was checked, and every failure."""

    verdict: Literal["holds", "failed", "unanchored", "unsealed"]
    events: int
    replayed: int
    certifications: int
    checkpoints: int
    trusted_checkpoints: int
    cosignatures: int
    sealed: int
    unsealed: int
    evidence_files: int
    views: int | None
    newest_checkpoint_size: int | None
    first_bad_event: str | None
    first_bad_checkpoint: str | None
    failures: list[dict[str, str]]
    notes: list[str]
    keys_found: list[dict[str, str]]


def _verdict(report: Report, allow_unsealed: bool) -> LedgerError | None:
    """The error the report comes to, from the one table; None when everything holds."""
    if not report.ok:
        return IntegrityViolation(
            f"verification failed: {counted(len(report.failures), 'problem')}",
            rule="every leaf, checkpoint, rule, view and evidence file must check out",
        )
    if not report.anchored:
        return Unanchored(
            "nothing was found wrong, but nothing was checked against a key you trust: the "
            "data could have been re-signed by whoever holds it",
            field="--trust",
            rule="verification trusts only anchors you bring: --trust FILE or --key FILE",
        )
    if report.unsealed and not allow_unsealed:
        return Unsealed(
            f"{report.unsealed} events are newer than the newest checkpoint your policy trusts "
            f"(of {report.sealed} events); no trusted signature covers them yet",
            field="--allow-unsealed",
            rule="every event is covered by a trusted checkpoint (sign one, have it cosigned)",
        )
    return None


_VERDICTS: dict[type[LedgerError], Literal["failed", "unanchored", "unsealed"]] = {
    IntegrityViolation: "failed",
    Unanchored: "unanchored",
    Unsealed: "unsealed",
}


def _document(
    report: Report, found_keys: list[Verifier], views: int | None, verdict: LedgerError | None
) -> Verification:
    return Verification(
        verdict="holds" if verdict is None else _VERDICTS[type(verdict)],
        events=report.events,
        replayed=report.replayed,
        certifications=report.certifications,
        checkpoints=report.checkpoints,
        trusted_checkpoints=report.trusted_checkpoints,
        cosignatures=report.cosignatures,
        sealed=report.sealed,
        unsealed=report.unsealed,
        evidence_files=report.evidence_files,
        views=views,
        newest_checkpoint_size=report.newest.checkpoint.size if report.newest else None,
        first_bad_event=report.first_bad_event,
        first_bad_checkpoint=report.first_bad_checkpoint,
        failures=[{"kind": f.kind, "message": f.message} for f in report.failures],
        notes=list(report.notes),
        keys_found=[{"name": k.name, "key_id": k.id.hex(), "kind": k.kind} for k in found_keys],
    )


def conclude(
    report: Report,
    *,
    found_keys: list[Verifier],
    allow_unsealed: bool,
    views: int | None,
    as_json: bool = False,
) -> None:
    """Print the report (a table, or with ``as_json`` the ``Verification`` document); raise
    the verdict's error unless everything holds."""
    verdict = _verdict(report, allow_unsealed)
    if as_json:
        print_json(_document(report, found_keys, views, verdict))
    else:
        _print(report, found_keys, views, verdict)
    if verdict is not None:
        raise verdict


def _print(
    report: Report, found_keys: list[Verifier], views: int | None, verdict: LedgerError | None
) -> None:
    print_table(_table(report, views))
    for note in report.notes:
        console.print(f"note: {note}", soft_wrap=True)
    if found_keys:
        # Name and key id, not the whole key: an ML-DSA-44 one is 1,700 characters.
        listed = ", ".join(f"{k.name}+{k.id.hex()} ({k.kind})" for k in found_keys)
        console.print(
            f"keys found with the data (reported, never trusted): {listed}", soft_wrap=True
        )
    if not report.ok:
        _failures(report)
    if verdict is not None:
        return
    if report.unsealed:
        console.print(
            f"note: {report.unsealed} events are not yet covered by a trusted checkpoint "
            "(allowed by --allow-unsealed)"
        )
    console.print(styled("Everything holds. / ทุกอย่างถูกต้องครบถ้วน", "green"))
