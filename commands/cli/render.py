"""Terminal tables with Thai and English labels, and JSON output with exact decimals."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import msgspec
from rich.table import Table
from rich.text import Text

from commands.cli.event_lines import event_summary
from commands.cli.numbers import (
    format_actual,
    format_composite,
    format_number,
    format_score,
    format_weight,
    format_weighted,
)
from commands.cli.tables import column, fit
from commands.cli.terminal import SafeConsole, escape_json, styled
from ledger.domain.agreement import Agreement
from ledger.domain.unit import Unit
from ledger.frameworks.model import Framework
from ledger.thaidate import format_be_datetime
from projections.scores import RoundScores
from projections.trail import TrailRow

__all__ = [
    "PROVISIONAL",
    "STATUS",
    "band_label",
    "composite_label",
    "console",
    "event_summary",
    "format_number",
    "print_agreement",
    "print_history",
    "print_json",
    "print_json_array",
    "print_json_fields",
    "print_score_summary",
    "print_scores",
    "print_table",
    "status_label",
]

# Every string printed through it is shown as it is: no markup, controls escaped.
console = SafeConsole()

# The round statuses RoundScores gives, in both languages.
STATUS = {
    "certified": ("certified", "รับรองผลแล้ว"),
    "awaiting re-certification": ("awaiting re-certification", "รอรับรองผลใหม่"),
    "provisional": ("provisional", "ผลเบื้องต้น"),
    "reported": ("reported, not yet assessed", "รายงานแล้ว ยังไม่ประเมิน"),
    "not yet reported": ("not yet reported", "ยังไม่รายงานผล"),
}
# What a composite and a band of a round not (or no longer) certified are.
PROVISIONAL = "provisional / ผลเบื้องต้น"


def status_label(status: str, between: str = " / ") -> str:
    """A round's status in English and Thai, ``between`` them."""
    return between.join(STATUS.get(status, (status,)))


def print_table(*layouts: Table) -> None:
    """The first of ``layouts`` that fits the terminal, else the last stacked
    (``commands.cli.tables.fit``)."""
    console.print(fit(console, *layouts))


def print_json(value: Any) -> None:
    """JSON on stdout: msgspec escapes C0 controls in strings (``\\u001b``), ``escape_json``
    the rest a terminal would act on (C1, bidi controls)."""
    encoded = msgspec.json.encode(value)
    sys.stdout.write(escape_json(msgspec.json.format(encoded, indent=2).decode()) + "\n")


def print_json_array(items: Iterable[Any]) -> None:
    """``print_json(list(items))`` byte for byte, written an item at a time so a whole-ledger
    read never holds the whole array: each item is formatted alone and indented one level
    (JSON strings hold no raw newline, so every line break is the formatter's)."""
    _write_array(items, depth=0)
    sys.stdout.write("\n")


def print_json_fields(fields: Mapping[str, Iterable[Any]]) -> None:
    """``print_json({name: list(items), ...})`` byte for byte, each array streamed."""
    write = sys.stdout.write
    write("{\n")
    for number, (name, items) in enumerate(fields.items()):
        write(",\n" if number else "")
        write(f"  {escape_json(msgspec.json.encode(name).decode())}: ")
        _write_array(items, depth=1)
    write("\n}\n")


def _write_array(items: Iterable[Any], *, depth: int) -> None:
    """A JSON array as ``msgspec.json.format(..., indent=2)`` lays it out ``depth`` levels
    down, without the line break after it."""
    encoder = msgspec.json.Encoder()
    write = sys.stdout.write
    outer = "  " * depth
    inner = outer + "  "
    opened = False
    for item in items:
        formatted = msgspec.json.format(encoder.encode(item), indent=2).decode()
        write(",\n" if opened else "[\n")
        write(escape_json(inner + formatted.replace("\n", "\n" + inner)))
        opened = True
    write(f"\n{outer}]" if opened else "[]")


def composite_label(t: RoundScores, sep: str = " ") -> str:
    """The composite as the scoring gave it, labelled provisional (with how many scored
    KPIs are assessed) unless the round is certified: a partly assessed round's composite
    is a mean over what is assessed so far, not the year's result. ``sep`` goes between
    the number and each part of the label."""
    if t.composite is None:
        return "—"
    shown = format_composite(t.composite)
    if t.status == "certified":
        return shown
    scored = [row for row in t.kpis if not row.monitor]
    done, of = sum(row.score is not None for row in scored), len(scored)
    return f"{shown}{sep}{PROVISIONAL}{sep}({done} of {of} assessed / ประเมินแล้ว {done} จาก {of})"


def band_label(
    status: str,
    band_th: str | None,
    band_en: str | None,
    sep: str = "\n",
    *,
    thai_first: bool = False,
) -> str:
    """The band in English and Thai (``sep`` between them), ``—`` for none; labelled
    provisional, as the composite it rates is, unless the round (``status``) is certified:
    a band from part of the year's KPIs is not the year's band.

    >>> band_label("provisional", "ดี", "Good", " · ")
    'Good · ดี · provisional / ผลเบื้องต้น'
    >>> band_label("certified", "ดี", "Good", thai_first=True), band_label("certified", None, None)
    ('ดี\\nGood', '—')
    """
    if not band_th and not band_en:
        return "—"
    first, second = (band_th, band_en) if thai_first else (band_en, band_th)
    shown = sep.join(part for part in (first, second) if part)
    return shown if status == "certified" else f"{shown}{sep}{PROVISIONAL}"


def print_scores(tables: Iterable[RoundScores]) -> None:
    """A table per agreement and round, each printed as it comes (``tables`` may stream)."""
    printed = False
    for t in tables:
        printed = True
        title = (
            f"{t.unit_name_th} ({t.unit_name_en}) · {t.agreement} · "
            f"{t.round_label_th} / {t.round_label_en} · {status_label(t.status)}"
        )
        table = Table(
            column("KPI\nตัวชี้วัด"),
            column("Title\nชื่อตัวชี้วัด", prose=True),
            column("Weight\nน้ำหนัก", right=True),
            column("Actual\nผล", right=True),
            column("Score\nคะแนน", right=True),
            column("Weighted\nถ่วงน้ำหนัก", right=True),
            title=title,
            title_justify="left",
        )
        for row in t.kpis:
            actual = row.verified_actual if row.verified_actual is not None else row.reported_actual
            table.add_row(
                row.kpi_id,
                f"{row.title_en}\n{row.title_th}",
                "monitor\nติดตาม" if row.monitor else format_weight(row.weight),
                format_actual(actual),
                format_score(row.score),
                format_weighted(row.weighted_score),
            )
        band = ""
        if t.band_th:
            band = f" · {t.band_th} ({t.band_en})"
            band += "" if t.status == "certified" else f", {PROVISIONAL}"
        deductions = ""
        if t.penalties:
            listed = ", ".join(
                f"{pid} {format_number(amount)}" for pid, amount in t.penalties.items()
            )
            deductions = (
                f"{format_composite(t.composite_before_penalties)} − penalties / หักคะแนน "
                f"({listed}) = "
            )
        table.caption = f"Composite / คะแนนรวม: {deductions}{composite_label(t)}{band}"
        table.caption_justify = "left"
        print_table(table)
    if not printed:
        console.print("No scores yet / ยังไม่มีผลคะแนน")


def print_score_summary(tables: Sequence[RoundScores]) -> None:
    """One line per agreement and round: the composite and its band."""
    table = Table(
        column("Agreement\nคำรับรอง"),
        column("Unit\nหน่วยงาน", prose=True),
        column("Round\nรอบ"),
        column("Status\nสถานะ"),
        column("Composite\nคะแนนรวม", right=True),
        column("Band\nระดับ"),
        title="Scores / ผลคะแนน",
        title_justify="left",
    )
    for t in tables:
        table.add_row(
            t.agreement,
            f"{t.unit_name_en}\n{t.unit_name_th}",
            t.round_id,
            status_label(t.status, "\n"),
            composite_label(t, "\n"),
            band_label(t.status, t.band_th, t.band_en),
        )
    print_table(table)


def print_agreement(agreement: Agreement, unit: Unit, framework: Framework) -> None:
    signed = "signed / ลงนามแล้ว" if agreement.signed else "draft / ร่าง"
    console.print(
        Text.assemble(
            styled(agreement.agreement_ref, "bold"),
            styled(
                f" · {unit.name_th} ({unit.name_en}) · FY{agreement.fiscal_year} · "
                f"{framework.id} · {signed} · version {agreement.version}"
            ),
        )
    )
    wide = Table(
        column("KPI\nตัวชี้วัด"),
        column("Title\nชื่อตัวชี้วัด", prose=True),
        column("Component\nองค์ประกอบ"),
        column("Direction\nทิศทาง"),
        column("Weight\nน้ำหนัก", right=True),
        column("Criteria\nเกณฑ์"),
        column("Status\nสถานะ"),
    )
    narrow = Table(
        column("KPI · component\nตัวชี้วัด · องค์ประกอบ"),
        column("Title\nชื่อตัวชี้วัด", prose=True),
        column("Weight · direction\nน้ำหนัก · ทิศทาง"),
        column("Criteria\nเกณฑ์"),
        column("Status\nสถานะ"),
    )
    for kpi in agreement.kpis.values():
        terms = kpi.terms
        title = f"{terms.title_th}\n{terms.title_en}"
        weight = "monitor\nติดตาม" if terms.monitor else format_weight(terms.weight)
        criteria = " / ".join(format_number(t) for t in terms.thresholds) or "—"
        criteria = f"{criteria}\n{terms.unit_of_measure}"
        wide.add_row(
            kpi.kpi_id, title, terms.component, terms.direction, weight, criteria, kpi.status
        )
        narrow.add_row(
            f"{kpi.kpi_id}\n{terms.component}",
            title,
            f"{weight}\n{terms.direction}",
            criteria,
            kpi.status,
        )
    print_table(wide, narrow)
    for signatory in agreement.signatories:
        console.print(
            f"  signed by / ลงนามโดย {signatory.name}, {signatory.title} ({signatory.side})"
        )


def print_history(title: str, rows: Sequence[TrailRow]) -> None:
    """The trail, a row per event; on a narrow terminal the actor goes under the event and
    the two dates share a column."""
    title = f"History / ประวัติ · {title}"
    wide = Table(
        column("#"),
        column("v"),
        column("Event\nเหตุการณ์", prose=True),
        column("Recorded\nบันทึก (พ.ศ.)"),
        column("Effective\nมีผล (พ.ศ.)"),
        column("Actor\nผู้กระทำ"),
        title=title,
        title_justify="left",
    )
    narrow = Table(
        column("#"),
        column("v"),
        column("Event · actor\nเหตุการณ์ · ผู้กระทำ", prose=True),
        column("Recorded / บันทึก\nEffective / มีผล\n(พ.ศ.)"),
        title=title,
        title_justify="left",
    )
    for row in rows:
        recorded = format_be_datetime(row.recorded_at)
        effective = format_be_datetime(row.effective_at)
        event = event_summary(row)
        wide.add_row(str(row.position), str(row.version), event, recorded, effective, _who(row))
        narrow.add_row(
            str(row.position),
            str(row.version),
            f"{event}\nby / โดย {row.actor_id} ({row.actor_role})"
            + (f", entered by {row.entered_by_other}" if row.entered_by_other else ""),
            f"{recorded}\n{effective}",
        )
    print_table(wide, narrow)


def _who(row: TrailRow) -> str:
    """The actor who decided, and below it who entered it when that is someone else."""
    who = f"{row.actor_id}\n{row.actor_role}"
    if row.entered_by_other:
        who += f"\nentered by\n{row.entered_by_other}"
    return who
