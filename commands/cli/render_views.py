"""Tables for the registers, the governor's rounds, early warnings, as-of views and diffs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from rich.table import Table
from rich.text import Text

from commands.cli.render import console, event_summary, format_number, print_scores
from commands.cli.terminal import styled
from ledger.thaidate import format_be_date, format_be_datetime
from projections.as_of import AsOf
from projections.change_register import RegisterEntry
from projections.diff import Diff
from projections.early_warning import KpiTrend
from projections.head_evaluation import HeadRound
from projections.sar_register import SarEntry

__all__ = [
    "print_as_of",
    "print_change_register",
    "print_diff",
    "print_head_rounds",
    "print_sar_register",
    "print_trends",
]


def _table(title: str, headers: Sequence[str]) -> Table:
    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header)
    return table


def print_change_register(entries: Sequence[RegisterEntry]) -> None:
    if not entries:
        console.print("No change requests / ไม่มีคำขอปรับเปลี่ยน")
        return
    table = _table(
        "Change requests / ทะเบียนคำขอปรับเปลี่ยนตัวชี้วัด",
        (
            "Agreement",
            "Request\nคำขอ",
            "KPI",
            "Kind / Reason\nประเภท / เหตุผล",
            "Window closes\nปิดรอบ (พ.ศ.)",
            "Status\nสถานะ",
            "Decided by\nผู้พิจารณา",
            "Log #",
            "Flags",
        ),
    )
    for e in entries:
        flags = [
            *(["rule 1 violated"] if e.rule_1_violation else []),
            *(["favourable after results"] if e.favourable_after_results else []),
            *(
                [f"refused attempts at #{', #'.join(map(str, e.refused_attempts))}"]
                if e.refused_attempts
                else []
            ),
        ]
        positions = f"{e.requested_position}" + (
            f" → {e.decided_position}" if e.decided_position else ""
        )
        table.add_row(
            e.agreement,
            e.request_id,
            e.kpi_id,
            f"{e.kind} / {e.reason_code}",
            format_be_date(e.window_closes),
            e.status,
            e.decided_by or "—",
            positions,
            "\n".join(flags) or "—",
        )
    console.print(table)


def print_sar_register(entries: Sequence[SarEntry], today: date) -> None:
    if not entries:
        console.print("No SARs expected yet / ยังไม่มีรายงานที่ต้องส่ง")
        return
    table = _table(
        f"SAR register / ทะเบียนรายงานผลการประเมินตนเอง · as of {format_be_date(today)}",
        (
            "Agreement",
            "Round\nรอบ",
            "Due\nกำหนดส่ง (พ.ศ.)",
            "Status\nสถานะ",
            "Filed\nวันที่ส่ง (พ.ศ.)",
            "Channel",
            "Penalties\nหักคะแนน",
        ),
    )
    for e in entries:
        filed = e.filings[0] if e.filings else None
        penalties = ", ".join(
            f"{p.penalty_id} -{format_number(p.amount)}"
            + (f" ({p.working_days_late} wd)" if p.working_days_late else "")
            for p in e.penalties
        )
        status = e.status(today) + (f"\n{e.cancelled}" if e.cancelled else "")
        table.add_row(
            e.agreement,
            f"{e.label_th}\n{e.label_en}",
            format_be_date(e.due) if e.due else "—",
            status,
            format_be_datetime(filed.filed_at) if filed else "—",
            filed.channel if filed else "—",
            penalties or "—",
        )
    console.print(table)


def print_head_rounds(entries: Sequence[HeadRound]) -> None:
    if not entries:
        console.print(
            "No governor's evaluation rounds (the framework defines none, or nothing is "
            "signed yet) / ไม่มีรอบการประเมินผู้ว่าราชการจังหวัด"
        )
        return
    table = _table(
        "Governor's evaluation / การประเมินผลผู้ว่าราชการจังหวัด",
        (
            "Unit\nหน่วยงาน",
            "Round\nรอบ",
            "From\nจากผลรอบ",
            "Status",
            "Score (0-100)\nคะแนน",
            "Points / weight\nคะแนนถ่วง / น้ำหนัก",
            "Band\nระดับ",
        ),
    )
    for e in entries:
        table.add_row(
            f"{e.unit_name_th}\n{e.agreement}",
            f"{e.label_th}\n{e.label_en}",
            e.from_round,
            e.status,
            format_number(e.score),
            f"{format_number(e.points)} / {format_number(e.assessed_weight)}",
            f"{e.band_th} / {e.band_en}" if e.band_th else "—",
        )
    console.print(table)


def print_trends(trends: Sequence[KpiTrend], *, only_off_track: bool) -> None:
    if not trends:
        console.print(
            "No KPI is off track / ไม่มีตัวชี้วัดที่ผลต่ำกว่าเป้าหมายตามสัดส่วน"
            if only_off_track
            else "No results yet / ยังไม่มีผลการดำเนินงาน"
        )
        return
    table = _table(
        "Early warning / การแจ้งเตือนล่วงหน้า",
        (
            "Agreement",
            "KPI\nตัวชี้วัด",
            "Round\nรอบ",
            "Latest result\nผลล่าสุด",
            "Target\nเป้าหมาย",
            "Pro-rated\nตามสัดส่วน",
            "Gap\nส่วนต่าง",
            "Status\nสถานะ",
        ),
    )
    for t in trends:
        check = t.check
        table.add_row(
            t.agreement,
            f"{t.kpi_id} {t.title_en}\n{t.title_th}",
            f"{t.round_id} ({t.source})",
            format_number(check.value),
            format_number(check.target),
            f"{format_number(check.pro_rated_target)} (x{_share(check.share)})",
            format_number(check.gap),
            "off track / ต่ำกว่าเป้า" if t.off_track else "on track / ตามเป้า",
        )
    console.print(table)


def print_as_of(view: AsOf) -> None:
    basis = (
        "as recorded at / ตามที่บันทึกไว้ ณ"
        if view.basis == "recorded"
        else "in force at (per what is recorded now) / มีผลบังคับ ณ"
    )
    console.print(
        Text.assemble(styled(view.agreement, "bold"), f" {basis} {format_be_datetime(view.moment)}")
    )
    if view.basis == "recorded" and view.recorded_at is not None:
        console.print(
            f"  version {view.version}, log position {view.position}, "
            f"recorded {format_be_datetime(view.recorded_at)}"
        )
    else:
        console.print(f"  through version {view.version}")
    if view.held_back:
        console.print(
            "  held back (their prerequisite was not yet in force): versions "
            + ", ".join(map(str, view.held_back))
        )
    table = _table(
        "Targets / เป้าหมาย",
        ("KPI", "Status\nสถานะ", "Weight\nน้ำหนัก", "Direction", "Thresholds\nเกณฑ์"),
    )
    for kpi in view.state.kpis.values():
        table.add_row(
            f"{kpi.kpi_id} {kpi.terms.title_en}",
            kpi.status,
            "monitor" if kpi.terms.monitor else format_number(kpi.terms.weight),
            kpi.terms.direction,
            " / ".join(format_number(t) for t in kpi.terms.thresholds) or "—",
        )
    console.print(table)
    print_scores(view.scores)


def _share(share: Decimal) -> str:
    return f"{share:.4f}" if share.is_finite() and abs(share) < 10**6 else format_number(share)


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return " / ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_value(v)}" for k, v in value.items()) or "—"
    return str(value)


def print_diff(diff: Diff) -> None:
    before, after = diff.before, diff.after
    console.print(
        Text.assemble(
            styled(diff.agreement, "bold"),
            f": version {before.version} (as recorded at {format_be_datetime(before.moment)})"
            f" → version {after.version} (as recorded at {format_be_datetime(after.moment)})",
        )
    )
    if not diff.changes:
        console.print("No differences / ไม่มีความแตกต่าง")
    else:
        table = _table(
            "What changed / สิ่งที่เปลี่ยนแปลง",
            ("Subject", "Field", "Before / ก่อน", "After / หลัง"),
        )
        for change in diff.changes:
            table.add_row(change.subject, change.field, _value(change.before), _value(change.after))
        console.print(table)
    if diff.events_between:
        events = _table(
            "Events recorded in between / เหตุการณ์ที่บันทึกระหว่างนั้น",
            ("#", "v", "Event", "Recorded (พ.ศ.)", "Actor"),
        )
        for row in diff.events_between:
            events.add_row(
                str(row.position),
                str(row.version),
                event_summary(row),
                format_be_datetime(row.recorded_at),
                row.actor_id,
            )
        console.print(events)
