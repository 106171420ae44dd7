"""A framework's year at a terminal: its rounds, change windows and reasons, penalties and
rating bands, in Thai and English, within 80 columns.

Dates are shown as Thai readers write them (BE, ``30/04/2557``) with the ISO date under them,
so neither reader converts a deadline in their head.
"""

from __future__ import annotations

from rich.text import Text

from commands.cli.render import console, format_number
from commands.cli.render_frameworks import day, heading, pair, section
from commands.cli.terminal import styled
from ledger.frameworks.model import Framework, Penalty, Round
from ledger.thaidate import format_be_date

__all__ = [
    "print_change_reasons",
    "print_change_windows",
    "print_penalties",
    "print_rating_bands",
    "print_rounds",
]

_PENALTY_KINDS = {
    "late_esar": ("หักครั้งเดียว", "deducted once"),
    "late_paper_sar_per_working_day": ("หักต่อวันทำการที่ล่าช้า", "per working day late"),
}


def _round_notes(fw: Framework, r: Round) -> list[str]:
    names = {d.id: d.name_en for d in fw.dimensions}
    names.update((c.id, c.name_en) for c in fw.components)
    notes = []
    if r.assesses:
        parts = ", ".join(f"{names[part]} ({part})" for part in r.assesses)
        notes.append(f"assesses / ประเมิน: {parts}")
    if r.appeals:
        notes.append("appeals allowed / อุทธรณ์ได้")
    return notes


def _period(r: Round) -> str:
    return f"{format_be_date(r.period_start)} –\n{format_be_date(r.period_end)}"


def print_rounds(fw: Framework) -> None:
    """The assessment rounds, then the unit head's evaluation rounds and the early warning
    where the framework has them."""
    by_level = any(r.levels for r in fw.rounds)
    table = section("Rounds", "รอบการประเมิน")
    table.add_column("Id\nรหัส", no_wrap=True)
    table.add_column("Round\nรอบ", ratio=1, overflow="fold")
    table.add_column("Period\nช่วง (พ.ศ.)", no_wrap=True)
    table.add_column("SAR due\nกำหนดส่ง SAR", no_wrap=True)
    if by_level:
        table.add_column("Levels\nระดับ", no_wrap=True)
    for r in fw.rounds:
        cells: list[Text] = [
            styled(r.id, "bold"),
            pair(r.label_th, r.label_en, *_round_notes(fw, r)),
            styled(_period(r)),
            day(r.sar_due),
        ]
        if by_level:
            cells.append(styled("\n".join(r.levels) or "all / ทุกระดับ"))
        table.add_row(*cells)
    console.print(table)
    if fw.head_evaluation_rounds:
        head = section("Unit head's evaluation", "การประเมินผลหัวหน้าหน่วยงาน")
        head.add_column("No.\nที่", no_wrap=True)
        head.add_column("Evaluation\nการประเมิน", ratio=1, overflow="fold")
        head.add_column("From round\nจากรอบ", no_wrap=True)
        for h in fw.head_evaluation_rounds:
            head.add_row(str(h.number), pair(h.label_th, h.label_en), h.from_round)
        console.print(head)
    if fw.early_warning is not None:
        warning = fw.early_warning
        around = f"{format_be_date(warning.around)} ({warning.around.isoformat()})"
        heading("Early warning", "การแจ้งเตือนล่วงหน้า", more=around)
        console.print(pair(warning.label_th, warning.label_en))


def print_change_windows(fw: Framework) -> None:
    """The periods change requests are taken in, each closing at the end of its date."""
    if not fw.change_windows:
        heading("Change windows", "ช่วงยื่นคำขอเปลี่ยนแปลง", empty=True)
        return
    windows = section("Change windows", "ช่วงยื่นคำขอเปลี่ยนแปลง")
    windows.add_column("Id\nรหัส", no_wrap=True)
    windows.add_column("Window\nรอบคำขอ", ratio=1, overflow="fold")
    windows.add_column("Closes\nปิดรับ", no_wrap=True)
    for w in fw.change_windows:
        windows.add_row(styled(w.id, "bold"), pair(w.label_th, w.label_en), day(w.closes))
    console.print(windows)


def print_change_reasons(fw: Framework) -> None:
    """The reasons a change request may give (its ``reason_code``)."""
    if not fw.change_reasons:
        heading("Reasons for a change", "เหตุผลที่ขอเปลี่ยนแปลงได้", empty=True)
        return
    reasons = section("Reasons for a change", "เหตุผลที่ขอเปลี่ยนแปลงได้")
    reasons.add_column("Code\nรหัส", no_wrap=True)
    reasons.add_column("Reason\nเหตุผล", ratio=1, overflow="fold")
    for reason in fw.change_reasons:
        reasons.add_row(styled(reason.code, "bold"), pair(reason.label_th, reason.label_en))
    console.print(reasons)


def _how(p: Penalty) -> str:
    th, en = _PENALTY_KINDS[p.kind]
    return f"{en} / {th}"


def print_penalties(fw: Framework) -> None:
    """Deductions from the composite, and when each applies."""
    if not fw.penalties:
        heading("Penalties", "การหักคะแนน", empty=True)
        return
    table = section("Penalties", "การหักคะแนน")
    table.add_column("Id\nรหัส", no_wrap=True)
    table.add_column("Penalty\nการหักคะแนน", ratio=1, overflow="fold")
    table.add_column("Round\nรอบ", no_wrap=True)
    table.add_column("Amount\nหัก", justify="right", no_wrap=True)
    for p in fw.penalties:
        table.add_row(
            styled(p.id, "bold"),
            pair(p.label_th, p.label_en, _how(p)),
            p.round,
            format_number(p.amount),
        )
    console.print(table)


def print_rating_bands(fw: Framework) -> None:
    """The bands a composite is rated in, highest first; a framework may have none."""
    if not fw.rating_bands:
        heading("Rating bands", "ระดับผลการประเมิน", empty=True)
        console.print("the composite is shown without a band / แสดงคะแนนรวมโดยไม่มีระดับผล")
        return
    table = section("Rating bands", "ระดับผลการประเมิน")
    table.add_column("From\nตั้งแต่", justify="right", no_wrap=True)
    table.add_column("Band\nระดับ", ratio=1, overflow="fold")
    for band in sorted(fw.rating_bands, key=lambda b: b.min, reverse=True):
        table.add_row(f"≥ {format_number(band.min)}", pair(band.label_th, band.label_en))
    console.print(table)
