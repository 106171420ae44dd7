"""The target integrity report as terminal tables, Thai and English labels, BE dates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text

from commands.cli.numbers import format_score, format_weight
from commands.cli.render import console, format_number, print_table
from commands.cli.tables import column
from commands.cli.terminal import styled
from ledger.thaidate import format_be_date, format_be_datetime
from projections.audit import AgreementAudit, KpiAudit, RequestLine, ResultSeen, TargetVersion

__all__ = ["print_audit"]


def _results(seen: Sequence[ResultSeen], version: TargetVersion) -> str:
    if not seen:
        return "none / ยังไม่มี"
    k = version.check.known if version.check else None
    lines = []
    for r in seen:
        mark = " ← K" if k and k.value == r.value and k.round_id == r.round_id else ""
        lines.append(f"{format_number(r.value)} ({r.source} {r.round_id}, #{r.position}){mark}")
    return "\n".join(lines)


def _flags(version: TargetVersion) -> Text | str:
    flags: list[Text] = []
    if version.violation:
        flags.append(styled("CROSSED A KNOWN RESULT", "red"))
    if version.favourable_after_results:
        flags.append(styled("favourable after results", "yellow"))
    check = version.check
    if check and check.level_before is not None:
        flags.append(styled(f"K level {check.level_before}→{check.level_after}"))
    if check and check.composite_before is not None:
        flags.append(
            styled(f"composite {format_number(check.composite_before)}→{check.composite_after}")
        )
    return Text("\n").join(flags) if flags else "—"


def _versions_tables(report: AgreementAudit) -> tuple[Table, Table]:
    """The target versions of each KPI changed since signing, and the same on a narrow
    terminal: the KPI and version share a column (its links are printed below the table
    anyway), as do the results known then and the rule 1 flags."""
    title = "Target versions / รุ่นของเป้าหมาย"
    wide = Table(
        column("KPI\nตัวชี้วัด"),
        column("v"),
        column("Criteria · weight\nเกณฑ์ · น้ำหนัก"),
        column("Made by / ที่มา", prose=True),
        column("Effective / มีผล\nRecorded / บันทึก (#log)"),
        column("Results known then\nผลที่ทราบแล้วขณะนั้น", prose=True),
        column("Rule 1 / กฎข้อ 1", prose=True),
        title=title,
        title_justify="left",
        show_lines=True,
    )
    narrow = Table(
        column("KPI · v\nตัวชี้วัด"),
        column("Criteria · weight\nเกณฑ์ · น้ำหนัก"),
        column("Made by / ที่มา", prose=True),
        column("Effective / มีผล\nRecorded / บันทึก (#log)"),
        column("Results known then · rule 1\nผลที่ทราบแล้ว · กฎข้อ 1", prose=True),
        title=title,
        title_justify="left",
        show_lines=True,
    )
    for kpi in report.kpis:
        if len(kpi.versions) < 2:
            continue
        for v in kpi.versions:
            criteria = " / ".join(format_number(t) for t in v.thresholds) or v.direction
            terms = f"{criteria}\nweight {format_weight(v.weight)} · {v.status}"
            made_by = (
                v.made_by
                + (f"\n{v.decided_by}" if v.decided_by else "")
                + (f"\nentered by {v.entered_by}" if v.entered_by else "")
            )
            when = (
                f"{format_be_date(v.effective_at)}\n"
                f"{format_be_datetime(v.recorded_at)} (#{v.position})"
            )
            results, flags = _results(v.results_known, v), _flags(v)
            wide.add_row(
                kpi.kpi_id + (_links(kpi) if v.number == 1 else ""),
                str(v.number),
                terms,
                made_by,
                when,
                results,
                flags,
            )
            narrow.add_row(
                f"{kpi.kpi_id}\nv{v.number}",
                terms,
                made_by,
                when,
                Text("\n").join([Text(results), Text(flags) if isinstance(flags, str) else flags]),
            )
    return wide, narrow


def _requests_table(report: AgreementAudit) -> Table:
    table = Table(
        column("Request\nคำขอ"),
        column("KPI\nตัวชี้วัด"),
        column("Kind\nประเภท"),
        column("Reason\nเหตุผล"),
        column("Window (closes)\nรอบ (ปิด)"),
        column("Status\nสถานะ"),
        column("#log"),
        title="Change requests / คำขอเปลี่ยนแปลง",
        title_justify="left",
    )
    for r in report.requests:
        decided = f"→#{r.decided_position}" if r.decided_position else ""
        table.add_row(
            r.request_id,
            r.kpi_id,
            r.kind,
            r.reason_code,
            f"{r.window_id}\n({format_be_date(r.window_closes)})",
            r.status.replace("_", " "),
            f"#{r.requested_position}{decided}",
        )
    return table


def _what_if(request: RequestLine) -> str | None:
    """Whether the committee decided with the what-if in front of it (None: undecided, or
    decided before decisions recorded their what-if)."""
    if request.what_if_sha256 is None:
        return None
    if request.what_if_shown:
        shown = f"what-if shown / เห็นผลล่วงหน้าแล้ว: sha256:{request.what_if_sha256}"
    else:
        shown = "decided without the what-if being shown / ไม่ได้เห็นผลล่วงหน้า"
    return f"  {request.request_id} ({request.status}): {shown}"


def _links(kpi: KpiAudit) -> str:
    links = []
    if kpi.joint_id:
        links.append(f"joint KPI {kpi.joint_id} hosted by {kpi.joint_host}")
    if kpi.cascaded_from:
        links.append(f"cascaded from {kpi.cascaded_from}")
    if kpi.prior_results:
        past = ", ".join(f"{p.fiscal_year}: {format_number(p.value)}" for p in kpi.prior_results)
        links.append(f"past results (FY, BE) / ผลย้อนหลัง {past}")
    return f"\n{'; '.join(links)}" if links else ""


def _attempts_tables(report: AgreementAudit) -> tuple[Table, Table]:
    """The refused attempts, and the same on a narrow terminal: the log position and date
    share a column, as do the attempt, its actor and what it aimed at."""
    title = "Refused attempts / ความพยายามที่ถูกปฏิเสธ"
    wide = Table(
        column("#log"),
        column("Attempt\nความพยายาม"),
        column("KPI · request\nตัวชี้วัด · คำขอ"),
        column("Dated\nลงวันที่"),
        column("Why refused\nเหตุที่ปฏิเสธ", prose=True),
        title=title,
        title_justify="left",
        show_lines=True,
    )
    narrow = Table(
        column("#log · dated\nลงวันที่"),
        column("Attempt · KPI · request\nความพยายาม · ตัวชี้วัด · คำขอ"),
        column("Why refused\nเหตุที่ปฏิเสธ", prose=True),
        title=title,
        title_justify="left",
        show_lines=True,
    )
    for a in report.refused_attempts:
        attempt = f"{a.attempt}\n{a.actor_id}" + (
            f"\nentered by {a.entered_by}" if a.entered_by else ""
        )
        aimed = f"{a.kpi_id or '—'} · {a.request_id or '—'}"
        dated = format_be_date(a.effective_at)
        why = Text.assemble(styled(f"{a.message}\n"), styled(a.rule or "", "dim"))
        wide.add_row(f"#{a.position}", attempt, aimed, dated, why)
        narrow.add_row(f"#{a.position}\n{dated}", f"{attempt}\n{aimed}", why.copy())
    return wide, narrow


def print_audit(reports: Iterable[AgreementAudit]) -> None:
    for report in reports:
        verdict = (
            styled("clean / ไม่พบการปรับเป้าหมายหลังทราบผล", "green")
            if report.verdict == "clean"
            else styled("findings / พบข้อสังเกต", "red")
        )
        console.rule(f"{report.agreement} · {report.framework_id}")
        console.print(Text.assemble("Verdict / ผลการตรวจสอบ: ", verdict))
        for finding in report.findings:
            console.print(f"  • {finding}")
        unchanged = [k.kpi_id for k in report.kpis if len(k.versions) < 2]
        if len(unchanged) < len(report.kpis):
            print_table(*_versions_tables(report))
        if unchanged:
            console.print(
                f"Unchanged since signing / ไม่เปลี่ยนแปลงตั้งแต่ลงนาม: {', '.join(unchanged)} "
                "(one target version each; --json lists them)"
            )
        for kpi in report.kpis:
            if links := _links(kpi):
                console.print(f"{kpi.kpi_id}:{links.replace(chr(10), ' ')}")
        if report.requests:
            print_table(_requests_table(report))
            for line in filter(None, map(_what_if, report.requests)):
                console.print(line)
        if report.refused_attempts:
            print_table(*_attempts_tables(report))
        _print_notes(report)


def _print_notes(report: AgreementAudit) -> None:
    """Corrections, cascades kept and the shared results certifications used, one line each
    (they change no target, so they are not target versions)."""
    for c in report.corrections:
        console.print(
            f"Wording corrected / แก้ไขถ้อยคำ {c.kpi_id} (#{c.position}, "
            f"{format_be_date(c.effective_at)}, audit ref {c.audit_ref}):\n"
            f"  before / เดิม: {c.title_th_before} · {c.title_en_before}\n"
            f"  after / ใหม่: {c.title_th} · {c.title_en}\n"
            f"  {c.reason}"
        )
    for d in report.drift_kept:
        console.print(
            f"Cascade kept / คงตัวชี้วัดถ่ายทอด {d.kpi_id} against parent {d.parent} revision "
            f"{d.parent_revision} (#{d.position}, {format_be_date(d.effective_at)}, "
            f"{d.body} {d.meeting_ref}): {d.reason}"
        )
    for cert in report.certifications:
        for s in cert.shared:
            console.print(
                f"Certified {cert.round_id} (#{cert.position}) used shared result / ใช้ผลร่วม "
                f"{s.kpi_id} = {format_number(s.value)} from joint KPI {s.joint_id} "
                f"(version {s.joint_version}, score {format_score(s.score)})"
            )
