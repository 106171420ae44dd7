"""Terminal tables with Thai and English labels, and JSON output with exact decimals."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import msgspec
from rich.table import Table
from rich.text import Text

from commands.cli.terminal import SafeConsole, escape_json, styled
from ledger.domain.agreement import Agreement
from ledger.domain.unit import Unit
from ledger.frameworks.model import Framework
from ledger.thaidate import format_be_datetime
from projections.scores import RoundScores
from projections.trail import TrailRow

__all__ = [
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
]

# Every string printed through it is shown as it is: no markup, controls escaped.
console = SafeConsole()

# Wider than any in-bounds number (28 digits, |value| < 10^15) in plain notation.
NUMBER_WIDTH = 40


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


def format_number(value: Decimal | None) -> str:
    """A decimal in plain notation; scientific notation when plain would be wider than
    ``NUMBER_WIDTH`` (a number beyond the bounds, e.g. from a tampered store), so a huge
    exponent never builds a huge string.

    >>> format_number(Decimal("12.50")), format_number(Decimal("1e1000000"))
    ('12.50', '1e+1000000')
    """
    if value is None:
        return "—"
    if not value.is_finite():
        return str(value)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    digits = len(value.as_tuple().digits)
    plain_width = max(value.adjusted() + 1, 1) + max(-exponent, 0)
    if plain_width > NUMBER_WIDTH or digits > NUMBER_WIDTH:
        return f"{value:e}"
    return f"{value:f}"


def print_scores(tables: Iterable[RoundScores]) -> None:
    """A table per agreement and round, each printed as it comes (``tables`` may stream)."""
    printed = False
    for t in tables:
        printed = True
        title = (
            f"{t.unit_name_th} ({t.unit_name_en}) · {t.agreement} · "
            f"{t.round_label_th} / {t.round_label_en} · {t.status}"
        )
        table = Table(title=title, title_justify="left", show_lines=False)
        table.add_column("KPI\nตัวชี้วัด")
        table.add_column("Title\nชื่อตัวชี้วัด", no_wrap=True, max_width=34, overflow="ellipsis")
        for header in ("Weight\nน้ำหนัก", "Actual\nผล", "Score\nคะแนน", "Weighted\nถ่วงน้ำหนัก"):
            table.add_column(header, justify="right")
        for row in t.kpis:
            actual = row.verified_actual if row.verified_actual is not None else row.reported_actual
            weight = "monitor" if row.monitor else format_number(row.weight)
            table.add_row(
                row.kpi_id,
                f"{row.title_en} / {row.title_th}",
                weight,
                format_number(actual),
                format_number(row.score),
                format_number(row.weighted_score),
            )
        band = f" · {t.band_th} ({t.band_en})" if t.band_th else ""
        deductions = ""
        if t.penalties:
            listed = ", ".join(
                f"{pid} {format_number(amount)}" for pid, amount in t.penalties.items()
            )
            deductions = (
                f"{format_number(t.composite_before_penalties)} − penalties / หักคะแนน ({listed}) = "
            )
        table.caption = f"Composite / คะแนนรวม: {deductions}{format_number(t.composite)}{band}"
        table.caption_justify = "right"
        console.print(table)
    if not printed:
        console.print("No scores yet / ยังไม่มีผลคะแนน")


def print_score_summary(tables: Sequence[RoundScores]) -> None:
    """One line per agreement and round: the composite and its band."""
    table = Table(title="Scores / ผลคะแนน", title_justify="left")
    for header in ("Unit / หน่วยงาน", "Agreement", "Round / รอบ", "Status"):
        table.add_column(header, no_wrap=True)
    table.add_column("Composite\nคะแนนรวม", justify="right")
    table.add_column("Band / ระดับ")
    for t in tables:
        band = f"{t.band_th} / {t.band_en}" if t.band_th else "—"
        table.add_row(
            f"{t.unit_name_en} / {t.unit_name_th}",
            t.agreement,
            t.round_id,
            t.status,
            format_number(t.composite),
            band,
        )
    console.print(table)


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
    table = Table(title_justify="left")
    for header in (
        "KPI",
        "Title / ชื่อ",
        "Component\nองค์ประกอบ",
        "Direction",
        "Weight\nน้ำหนัก",
        "Criteria\nเกณฑ์",
        "Status\nสถานะ",
    ):
        table.add_column(header)
    for kpi in agreement.kpis.values():
        terms = kpi.terms
        criteria = " / ".join(format_number(t) for t in terms.thresholds) or "—"
        table.add_row(
            kpi.kpi_id,
            f"{terms.title_th}\n{terms.title_en}",
            terms.component,
            terms.direction,
            "monitor" if terms.monitor else format_number(terms.weight),
            f"{criteria}\n{terms.unit_of_measure}",
            kpi.status,
        )
    console.print(table)
    for signatory in agreement.signatories:
        console.print(f"  signed by {signatory.name}, {signatory.title} ({signatory.side})")


def print_history(title: str, rows: Sequence[TrailRow]) -> None:
    table = Table(title=f"History / ประวัติ · {title}", title_justify="left")
    for header in (
        "#",
        "v",
        "Event / เหตุการณ์",
        "Recorded / บันทึก (พ.ศ.)",
        "Effective / มีผล (พ.ศ.)",
        "Actor / ผู้กระทำ",
    ):
        table.add_column(header)
    for row in rows:
        table.add_row(
            str(row.position),
            str(row.version),
            event_summary(row),
            format_be_datetime(row.recorded_at),
            format_be_datetime(row.effective_at),
            _who(row),
        )
    console.print(table)


def _who(row: TrailRow) -> str:
    """The actor who decided, and below it who entered it when that is someone else."""
    who = f"{row.actor_id}\n{row.actor_role}"
    if row.entered_by_other:
        who += f"\nentered by\n{row.entered_by_other}"
    return who


def event_summary(row: TrailRow) -> str:
    keys = (
        "kpi_id",
        "request_id",
        "appeal_id",
        "kind",
        "outcome",
        "round_id",
        "amount",
        "new_score",
        "composite",
        "agreement_ref",
        "unit_id",
    )
    found = [f"{k}={row.details[k]}" for k in keys if row.details.get(k) is not None]
    lines = [row.event, *([" ".join(found)] if found else []), *_notes(row.event, row.details)]
    return "\n".join(lines)


def _notes(event: str, d: dict[str, Any]) -> list[str]:
    """What a reader needs of the events issue 15 added, besides their ids."""
    if event == "ChangeDecided":
        digest = d.get("what_if_sha256")
        if d.get("what_if_shown") and digest:
            return [f"what-if shown: sha256:{digest[:8]}…"]
        return ["decided without the what-if being shown"] if digest else []
    if event == "KpiWordingCorrected":
        return [
            f"{d['title_th_before']} -> {d['title_th']}",
            f"{d['title_en_before']} -> {d['title_en']}",
            f"audit ref {d['audit_ref']}",
        ]
    if event == "CascadeDriftKept":
        return [f"kept against {d['parent']} revision {d['parent_revision']}: {d['reason']}"]
    if event == "ChangeAttemptRefused":
        # The rule first: in a narrow column it is what a reader scans for.
        return [f"refused under {d['rule']}" if d.get("rule") else "refused", d["message"]]
    if event in ("KpiProposed", "NegotiationDecisionRecorded"):
        terms = d.get("terms") or {}
        if terms.get("joint_id"):
            return [f"joint KPI {terms['joint_id']} hosted by {terms.get('joint_host')}"]
        if terms.get("cascaded_from"):
            return [f"cascaded from {terms['cascaded_from']}"]
    if event == "ScoresCertified":
        return [
            f"shared {s['kpi_id']} = {s['value']} (joint {s['joint_id']} v{s['joint_version']})"
            for s in d.get("shared") or ()
        ]
    if event == "JointKpiDefined":
        return [f"hosted by {d['host_unit_id']}"]
    return []
