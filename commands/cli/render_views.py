"""Tables for the registers, the governor's rounds, early warnings, as-of views and diffs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from rich.table import Column, Table
from rich.text import Text

from commands.cli.numbers import format_composite, format_weight, format_weighted
from commands.cli.render import (
    PROVISIONAL,
    band_label,
    console,
    format_number,
    print_scores,
    print_table,
    status_label,
)
from commands.cli.tables import column
from commands.cli.terminal import styled
from ledger.thaidate import format_be_date, format_be_datetime
from projections.as_of import AsOf
from projections.change_register import RegisterEntry
from projections.early_warning import KpiTrend
from projections.head_evaluation import HeadRound
from projections.sar_register import SarEntry

__all__ = [
    "print_as_of",
    "print_change_register",
    "print_head_rounds",
    "print_sar_register",
    "print_trends",
]


def _table(title: str, *columns: Column) -> Table:
    return Table(*columns, title=title, title_justify="left")


def print_change_register(entries: Sequence[RegisterEntry]) -> None:
    """The register, a row per request; on a narrow terminal the request names its KPI by
    reference and the status, decider and flags share a column."""
    if not entries:
        console.print("No change requests / ไม่มีคำขอปรับเปลี่ยน")
        return
    title = "Change requests / ทะเบียนคำขอปรับเปลี่ยนตัวชี้วัด"
    wide = _table(
        title,
        column("Agreement\nคำรับรอง"),
        column("Request\nคำขอ"),
        column("KPI\nตัวชี้วัด"),
        column("Kind / Reason\nประเภท / เหตุผล"),
        column("Window closes\nปิดรอบ (พ.ศ.)"),
        column("Status\nสถานะ"),
        column("Decided by\nผู้พิจารณา", prose=True),
        column("Log #\nลำดับ"),
        column("Flags\nข้อสังเกต", prose=True),
    )
    narrow = _table(
        title,
        column("Request · KPI\nคำขอ · ตัวชี้วัด"),
        column("Kind / Reason\nประเภท / เหตุผล"),
        column("Window closes\nปิดรอบ (พ.ศ.)"),
        column("Status · decided by\nสถานะ · ผู้พิจารณา", prose=True),
        column("Log #\nลำดับ"),
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
            f"→{e.decided_position}" if e.decided_position else ""
        )
        kind = f"{e.kind} / {e.reason_code}"
        closes = format_be_date(e.window_closes)
        status = e.status.replace("_", " ")
        decided = e.decided_by or "—"
        wide.add_row(
            e.agreement,
            e.request_id,
            e.kpi_id,
            kind,
            closes,
            status,
            decided,
            positions,
            "\n".join(flags) or "—",
        )
        narrow.add_row(
            f"{e.request_id}\n{e.agreement}#{e.kpi_id}",
            kind,
            closes,
            "\n".join([status, decided, *flags]),
            positions,
        )
    print_table(wide, narrow)


def _penalties(entry: SarEntry) -> str:
    return ", ".join(
        f"{p.penalty_id} -{format_number(p.amount)}"
        + (f" ({p.working_days_late} wd)" if p.working_days_late else "")
        for p in entry.penalties
    )


def print_sar_register(entries: Sequence[SarEntry], today: date) -> None:
    """The register, a row per agreement and round; on a narrow terminal the agreement and
    round share a column, as do the filing and its channel, and the status and penalties."""
    if not entries:
        console.print("No SARs expected yet / ยังไม่มีรายงานที่ต้องส่ง")
        return
    title = f"SAR register / ทะเบียนรายงานผลการประเมินตนเอง · as of {format_be_date(today)}"
    wide = _table(
        title,
        column("Agreement\nคำรับรอง"),
        column("Round\nรอบ"),
        column("Due\nกำหนดส่ง (พ.ศ.)"),
        column("Status\nสถานะ", prose=True),
        column("Filed\nวันที่ส่ง (พ.ศ.)"),
        column("Channel\nช่องทาง"),
        column("Penalties\nหักคะแนน"),
    )
    narrow = _table(
        title,
        column("Agreement · round\nคำรับรอง · รอบ"),
        column("Due\nกำหนดส่ง (พ.ศ.)"),
        column("Filed · channel\nวันที่ส่ง · ช่องทาง"),
        column("Status · penalties\nสถานะ · หักคะแนน", prose=True),
    )
    for e in entries:
        filed = e.filings[0] if e.filings else None
        status = e.status(today) + (f"\n{e.cancelled}" if e.cancelled else "")
        due = format_be_date(e.due) if e.due else "—"
        filed_at = format_be_datetime(filed.filed_at) if filed else "—"
        channel = filed.channel if filed else "—"
        penalties = _penalties(e)
        wide.add_row(
            e.agreement,
            f"{e.label_th}\n{e.label_en}",
            due,
            status,
            filed_at,
            channel,
            penalties or "—",
        )
        narrow.add_row(
            f"{e.agreement}\n{e.label_th}\n{e.label_en}",
            due,
            f"{filed_at}\n{channel}" if filed else "—",
            status + (f"\n{penalties}" if penalties else ""),
        )
    print_table(wide, narrow)


def print_head_rounds(entries: Sequence[HeadRound]) -> None:
    if not entries:
        console.print(
            "No governor's evaluation rounds (the framework defines none, or nothing is "
            "signed yet) / ไม่มีรอบการประเมินผู้ว่าราชการจังหวัด"
        )
        return
    table = _table(
        "Governor's evaluation / การประเมินผลผู้ว่าราชการจังหวัด",
        column("Unit\nหน่วยงาน", prose=True),
        column("Round\nรอบ", prose=True),
        column("From\nจากผลรอบ"),
        column("Status\nสถานะ"),
        column("Score (0-100)\nคะแนน", right=True),
        column("Points / weight\nคะแนนถ่วง / น้ำหนัก", right=True),
        column("Band\nระดับ"),
    )
    for e in entries:
        # Points are a weighted score (score x weight / 100): to 4 places, as in the scores.
        points = f"{format_weighted(e.points)} / {format_weight(e.assessed_weight)}"
        score = format_composite(e.score)
        if e.score is not None and e.status != "certified":
            score = f"{score}\n{PROVISIONAL}"
        table.add_row(
            f"{e.unit_name_th}\n{e.agreement}",
            f"{e.label_th}\n{e.label_en}",
            e.from_round,
            status_label(e.status, "\n"),
            score,
            points,
            band_label(e.status, e.band_th, e.band_en, thai_first=True),
        )
    print_table(table)


def print_trends(trends: Sequence[KpiTrend], *, only_off_track: bool) -> None:
    """A row per KPI's latest result against its target (pro-rated, or as is); on a narrow
    terminal the KPI is named by reference and the four numbers share a column, one per line."""
    if not trends:
        console.print(
            "No KPI is off track / ไม่มีตัวชี้วัดที่ไม่เป็นไปตามเป้าหมาย"
            if only_off_track
            else "No results yet / ยังไม่มีผลการดำเนินงาน"
        )
        return
    title = "Early warning / การแจ้งเตือนล่วงหน้า"
    wide = _table(
        title,
        column("Agreement\nคำรับรอง"),
        column("KPI\nตัวชี้วัด", prose=True),
        column("Round\nรอบ"),
        column("Latest result\nผลล่าสุด", right=True),
        column("Target\nเป้าหมาย", right=True),
        column("Pro-rated\nตามสัดส่วน", right=True),
        column("Gap\nส่วนต่าง", right=True),
        column("Status\nสถานะ"),
    )
    narrow = _table(
        title,
        column("KPI · round\nตัวชี้วัด · รอบ"),
        column("Title\nชื่อตัวชี้วัด", prose=True),
        column("Latest · target\nผลล่าสุด · เป้าหมาย"),
        column("Status\nสถานะ"),
    )
    for t in trends:
        check = t.check
        latest, target = format_number(check.value), format_number(check.target)
        compared = "as is / ทั้งปี" if check.comparison == "as is" else f"x{_share(check.share)}"
        pro_rated = f"{format_number(check.pro_rated_target)}\n({compared})"
        gap = format_number(check.gap)
        status = "off track\nต่ำกว่าเป้า" if t.off_track else "on track\nตามเป้า"
        wide.add_row(
            t.agreement,
            f"{t.kpi_id} {t.title_en}\n{t.title_th}",
            f"{t.round_id} ({t.source})",
            latest,
            target,
            pro_rated,
            gap,
            status,
        )
        narrow.add_row(
            f"{t.agreement}#{t.kpi_id}\n{t.round_id} ({t.source})",
            f"{t.title_en}\n{t.title_th}",
            f"latest {latest}\ntarget {target}\npro-rated "
            f"{pro_rated.replace(chr(10), ' ')}\ngap {gap}",
            status,
        )
    print_table(wide, narrow)


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
        recorded = format_be_datetime(view.recorded_at)
        console.print(
            f"  version {view.version}, log position {view.position}, recorded {recorded} / "
            f"ฉบับที่ {view.version} ลำดับในบันทึก {view.position} บันทึกเมื่อ {recorded}"
        )
    else:
        console.print(f"  through version {view.version} / ถึงฉบับที่ {view.version}")
    if view.held_back:
        versions = ", ".join(map(str, view.held_back))
        console.print(
            f"  held back (their prerequisite was not yet in force): versions {versions} / "
            f"ยังไม่นับ (เงื่อนไขก่อนหน้ายังไม่มีผล): ฉบับที่ {versions}"
        )
    table = _table(
        "Targets / เป้าหมาย",
        column("KPI\nตัวชี้วัด", prose=True),
        column("Status\nสถานะ"),
        column("Weight\nน้ำหนัก", right=True),
        column("Direction\nทิศทาง"),
        column("Thresholds\nเกณฑ์"),
    )
    for kpi in view.state.kpis.values():
        table.add_row(
            f"{kpi.kpi_id} {kpi.terms.title_en}\n{kpi.terms.title_th}",
            kpi.status,
            "monitor\nติดตาม" if kpi.terms.monitor else format_weight(kpi.terms.weight),
            kpi.terms.direction,
            " / ".join(format_number(t) for t in kpi.terms.thresholds) or "—",
        )
    print_table(table)
    print_scores(view.scores)
    off_track = [t for t in view.warnings if t.off_track]
    if off_track:
        print_trends(off_track, only_off_track=True)


def _share(share: Decimal) -> str:
    return f"{share:.4f}" if share.is_finite() and abs(share) < 10**6 else format_number(share)
