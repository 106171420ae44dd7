"""Frameworks at a terminal: the list of them, and one framework's overview, weights and
mandatory KPIs, in Thai and English, within 80 columns.

Ids, codes, weights and dates sit in columns that never wrap; only names and labels wrap, so a
narrow terminal folds prose and never cuts a value. Thai comes first in a cell (the seeds'
own wording), English under it; headers are English over Thai, as in the other tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from commands.cli.numbers import format_weight
from commands.cli.render import console, format_number
from commands.cli.terminal import styled
from commands.unit_levels import UNIT_LEVELS
from ledger.frameworks.model import Component, Dimension, Framework, MandatoryKpi, ScoringMethod
from ledger.scoring.composite import COMPOSITE_PLACES
from ledger.scoring.levels import level_points
from ledger.thaidate import format_be_date

__all__ = [
    "day",
    "heading",
    "pair",
    "print_framework_list",
    "print_mandatory_kpis",
    "print_overview",
    "print_weights",
    "section",
]

_NEGOTIATED = "*"
_NOT_AT_LEVEL = "—"


def pair(thai: str, english: str, *notes: str) -> Text:
    """A cell of recorded text: the Thai line, the English line under it, then any notes."""
    text = styled(thai)
    for line, style in ((english, "dim"), *((note, "italic") for note in notes)):
        text.append("\n")
        text.append_text(styled(line, style))
    return text


def day(value: date | None) -> Text:
    """A date as Thai readers write it (BE), with its ISO date under it."""
    if value is None:
        return styled(_NOT_AT_LEVEL)
    text = styled(format_be_date(value))
    text.append_text(styled(f"\n{value.isoformat()}", "dim"))
    return text


def section(english: str, thai: str) -> Table:
    """An empty table titled in both languages, for one part of a framework."""
    title = f"{english} / {thai}"
    # At least as wide as its title, so a table of short cells does not fold its title.
    return Table(title=title, title_justify="left", title_style="bold", min_width=cell_len(title))


def heading(english: str, thai: str, *, empty: bool = False, more: str = "") -> None:
    """A section's title alone, with ``more`` after it; ``empty`` says the framework has
    none of it."""
    text = styled(f"{english} / {thai}", "bold")
    if empty or more:
        text.append_text(styled(f": {more}" if more else ": none / ไม่มี"))
    console.print(text)


def _levels(levels: Iterable[str]) -> str:
    return "\n".join(levels)


def _scoring(method: ScoringMethod) -> tuple[str, str]:
    """How a method scores, from the scoring code itself (points per level, composite places)."""
    points = ", ".join(str(p) for p in level_points(method))
    places = COMPOSITE_PLACES[method]
    count = len(level_points(method))
    return (
        f"{count} ระดับ ได้คะแนน {points}; คะแนนรวมทศนิยม {places} ตำแหน่ง",
        f"{count} levels scoring {points}; composite to {places} places",
    )


def print_framework_list(frameworks: Sequence[Framework]) -> None:
    """One row per framework: its id over its names, fiscal year, unit levels, scoring."""
    table = section("Frameworks", "กรอบการประเมิน")
    table.add_column("Framework\nกรอบการประเมิน", ratio=1, overflow="fold")
    table.add_column("FY\nปีงบฯ", no_wrap=True)
    table.add_column("Unit levels\nระดับ", no_wrap=True)
    table.add_column("Scoring\nการให้คะแนน", no_wrap=True)
    for fw in frameworks:
        name = styled(fw.id, "bold")
        name.append("\n")
        name.append_text(pair(fw.name_th, fw.name_en))
        points = "/".join(str(p) for p in level_points(fw.scoring))
        table.add_row(name, str(fw.fiscal_year), _levels(fw.levels), f"{fw.scoring}\n{points}")
    if not frameworks:
        table.add_row("none / ไม่มี", "", "", "")
    console.print(table)


def print_overview(fw: Framework) -> None:
    """The framework's identity and the settings that shape every agreement under it."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    levels = Text("\n").join(
        styled(f"{level}: {UNIT_LEVELS[level][0]} / {UNIT_LEVELS[level][1]}") for level in fw.levels
    )
    yes_no = ("ใช่ / yes", "ไม่ใช่ / no")
    rows: list[tuple[str, Text]] = [
        ("Framework\nกรอบการประเมิน", styled(fw.id, "bold")),
        ("Name\nชื่อ", pair(fw.name_th, fw.name_en)),
        ("Fiscal year\nปีงบประมาณ", styled(f"{fw.fiscal_year} (พ.ศ. / BE)")),
        ("Unit levels\nระดับหน่วยงาน", levels),
        ("Scoring\nการให้คะแนน", pair(*_scoring(fw.scoring), fw.scoring)),
        ("Score floor\nคะแนนต่ำสุด", styled(format_number(fw.score_floor))),
        (
            "Target reset\nการปรับค่าเป้าหมาย",
            pair(
                "ปฏิเสธ" if fw.reset_rule == "refuse" else "บันทึกพร้อมธงละเมิด",
                "refused" if fw.reset_rule == "refuse" else "recorded with a violation flag",
                "(a target moved to or past a known result)",
            ),
        ),
        (
            "Joint KPI targets\nค่าเป้าหมายร่วม",
            pair(
                "ใช้เกณฑ์เดียวกัน" if fw.joint_targets == "shared" else "แต่ละหน่วยตกลงเอง",
                "shared criteria"
                if fw.joint_targets == "shared"
                else "each participant negotiates its own",
            ),
        ),
        ("Weight quantum\nหน่วยน้ำหนัก", styled(format_number(fw.weight_quantum))),
        ("Working calendar\nปฏิทินวันทำการ", styled(fw.working_calendar)),
        (
            "Wording corrections\nแก้ถ้อยคำตัวชี้วัด",
            styled(yes_no[0] if fw.wording_corrections else yes_no[1]),
        ),
        ("Source\nที่มา", styled(fw.source)),
    ]
    for label, value in rows:
        grid.add_row(label, value)
    console.print(grid)


def _weight(weight: Decimal | None, min_weight: Decimal, levels: Sequence[str], level: str) -> str:
    if levels and level not in levels:
        return _NOT_AT_LEVEL
    if weight is not None:
        return format_weight(weight)
    if min_weight > 0:
        return f"≥{format_weight(min_weight)}{_NEGOTIATED}"
    return _NEGOTIATED


def _row_weights(part: Dimension | Component, levels: Sequence[str]) -> tuple[str, ...]:
    if isinstance(part, Component):
        return tuple(
            _weight(part.weight_for(lv), part.min_weight, part.levels, lv) for lv in levels
        )
    return tuple(_weight(part.weight, part.min_weight, part.levels, lv) for lv in levels)


def print_weights(fw: Framework) -> None:
    """Dimensions (or bases) with their components under them, and their weights: one
    column per unit level where the levels' weights differ, else one column."""
    parts: list[Dimension | Component] = []
    for d in fw.dimensions:
        parts.append(d)
        parts.extend(c for c in fw.components if c.dimension == d.id)
    weights = [_row_weights(part, fw.levels) for part in parts]
    differ = any(len(set(row)) > 1 for row in weights)
    table = section("Dimensions and components", "มิติและองค์ประกอบ")
    table.add_column("Id\nรหัส", no_wrap=True)
    table.add_column("Name\nชื่อ", ratio=1, overflow="fold")
    if differ:
        for level in fw.levels:
            th, en = UNIT_LEVELS[level]
            table.add_column(f"{en}\n{th}", justify="right", max_width=14, overflow="fold")
    else:
        table.add_column("Weight\nน้ำหนัก", justify="right", no_wrap=True)
    for part, row in zip(parts, weights, strict=True):
        cells = row if differ else row[:1]
        # Components indented under their dimension.
        ident = styled(part.id, "bold") if isinstance(part, Dimension) else styled(f"  {part.id}")
        table.add_row(ident, pair(part.name_th, part.name_en), *cells)
    used = "\n".join(cell for row in weights for cell in row)
    legend = []
    if _NEGOTIATED in used:
        legend.append(f"{_NEGOTIATED} set when the agreement is negotiated / กำหนดเมื่อเจรจาคำรับรอง")
    if "≥" in used:
        legend.append("≥ at least / ไม่น้อยกว่า")
    if _NOT_AT_LEVEL in used:
        legend.append(f"{_NOT_AT_LEVEL} not at this level / ไม่ใช้กับระดับนี้")
    table.caption = "\n".join(legend) or None
    table.caption_justify = "left"
    console.print(table)
    if fw.kpi_count_limits or fw.weight_comparisons:
        heading("Limits", "ข้อกำหนด")
    for limit in fw.kpi_count_limits:
        console.print(pair(limit.rule_th, limit.rule_en))
    for comparison in fw.weight_comparisons:
        console.print(pair(comparison.rule_th, comparison.rule_en))


def _kpi_notes(kpi: MandatoryKpi) -> list[str]:
    notes = []
    if kpi.monitor:
        notes.append("monitored, not scored / ติดตามผล ไม่นำมาคิดคะแนน")
    if kpi.optional and kpi.weight_moves_to:
        target = kpi.weight_moves_to
        notes.append(
            f"optional; if left out, its weight moves to {target} / "
            f"เลือกได้ หากไม่เลือก น้ำหนักย้ายไปที่ {target}"
        )
    elif kpi.optional:
        notes.append("optional / เลือกได้")
    if kpi.levels:
        thai = ", ".join(UNIT_LEVELS[level][0] for level in kpi.levels)
        notes.append(f"only {', '.join(kpi.levels)} / เฉพาะ{thai}")
    return notes


def print_mandatory_kpis(fw: Framework) -> None:
    """The KPIs every agreement of their levels carries, at their fixed weights."""
    if not fw.mandatory_kpis:
        heading("Mandatory KPIs", "ตัวชี้วัดภาคบังคับ", empty=True)
        return
    table = section("Mandatory KPIs", "ตัวชี้วัดภาคบังคับ")
    table.add_column("Code\nรหัส", no_wrap=True)
    table.add_column("KPI\nตัวชี้วัด", ratio=1, overflow="fold")
    table.add_column("Component\nองค์ประกอบ", no_wrap=True)
    table.add_column("Weight\nน้ำหนัก", justify="right", no_wrap=True)
    for kpi in fw.mandatory_kpis:
        table.add_row(
            styled(kpi.code, "bold"),
            pair(kpi.title_th, kpi.title_en, *_kpi_notes(kpi)),
            kpi.component,
            format_weight(kpi.weight),
        )
    console.print(table)
