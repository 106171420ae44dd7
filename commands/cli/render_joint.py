"""Tables for joint KPIs (``ledger joint list`` and ``ledger joint show``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from rich.table import Table

from commands.cli.render import console, format_number
from ledger.thaidate import format_be_datetime
from projections.joints import JointEntry, JointView

__all__ = ["print_joint", "print_joints"]

_STATUS = {
    "open": "open / รอพิจารณา",
    "upheld": "upheld / ยอมรับ",
    "partly_upheld": "partly upheld / ยอมรับบางส่วน",
    "rejected": "rejected / ไม่ยอมรับ",
}


def _host(entry: JointEntry) -> str:
    if entry.host_name_en is None:
        return entry.host_unit_id
    return f"{entry.host_unit_id} {entry.host_name_en}\n{entry.host_name_th}"


def _thresholds(values: Sequence[Decimal]) -> str:
    return " / ".join(format_number(v) for v in values) or "—"


def print_joints(entries: Sequence[JointEntry], counts: Mapping[str, int]) -> None:
    if not entries:
        console.print("No joint KPIs / ไม่มีตัวชี้วัดร่วม")
        return
    table = Table(title="Joint KPIs / ตัวชี้วัดร่วม", title_justify="left")
    for header in ("Joint KPI\nตัวชี้วัดร่วม", "Host\nเจ้าภาพ", "Year", "Parts.\nผู้ร่วม"):
        table.add_column(header)
    for e in entries:
        table.add_row(
            f"{e.joint_id} {e.measure.title_en}\n{e.measure.title_th}",
            _host(e),
            f"{e.fiscal_year}\n{e.framework_id}",
            str(counts.get(e.joint_id, 0)),
        )
    console.print(table)


def print_joint(view: JointView) -> None:
    e = view.joint
    m = e.measure
    targets = (
        "per participant / แต่ละหน่วยงานกำหนดเอง"
        if e.per_participant_targets
        else _thresholds(m.thresholds)
    )
    console.print(
        f"Joint KPI / ตัวชี้วัดร่วม {e.joint_id}  FY{e.fiscal_year}  {e.framework_id}\n"
        f"  {m.title_th}\n  {m.title_en}\n"
        f"  Host / เจ้าภาพ: {_host(e).replace(chr(10), ' / ')}\n"
        f"  Component {m.component}; unit / หน่วยวัด {m.unit_of_measure}; "
        f"{m.direction} is better\n"
        f"  Criteria / เกณฑ์การให้คะแนน: {targets}"
    )
    rounds = Table(title="Shared result / ผลการดำเนินงานร่วม", title_justify="left")
    for header in ("Round\nรอบ", "Filed\nรายงาน", "Filed at", "Verified\nผลยืนยัน", "Appeal\nอุทธรณ์"):
        rounds.add_column(header)
    for r in e.rounds:
        rounds.add_row(
            r.round_id,
            format_number(r.filed),
            format_be_datetime(r.filed_at) if r.filed_at else "—",
            format_number(r.verified),
            f"adjusted by / ปรับตาม {r.adjusted_by}" if r.adjusted_by else "—",
        )
    console.print(rounds if e.rounds else "No shared result yet / ยังไม่มีผลการดำเนินงาน")
    if e.appeals:
        appeals = Table(title="Appeals / การอุทธรณ์", title_justify="left")
        for header in ("Appeal", "Round\nรอบ", "By\nผู้ยื่น", "Status\nสถานะ", "Adjusted"):
            appeals.add_column(header)
        for a in e.appeals:
            appeals.add_row(
                a.appeal_id,
                a.round_id,
                a.participant or f"host / เจ้าภาพ {e.host_unit_id}",
                _STATUS.get(a.status, a.status),
                "yes / ปรับแล้ว" if a.adjusted else "—",
            )
        console.print(appeals)
    parts = Table(title="Participants / หน่วยงานที่ร่วม", title_justify="left")
    for header in ("Agreement", "KPI", "Status\nสถานะ", "Weight\nน้ำหนัก", "Criteria\nเกณฑ์"):
        parts.add_column(header)
    for p in view.participants:
        parts.add_row(
            p.agreement,
            p.kpi_id,
            p.status,
            format_number(p.weight),
            _thresholds(p.thresholds),
        )
    console.print(parts if view.participants else "No participants yet / ยังไม่มีผู้ร่วม")
