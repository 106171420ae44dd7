"""The columns of a KPI template, one row per KPI: what each holds, its header in Thai and
English, and whether it must be filled. The threshold columns follow the framework's scoring
method (five levels T1..T5, or the basic, standard and advanced targets of three levels), and
the three prior years' result columns are named after the years before the framework's.

The template and its reader are built from this one list, so a column cannot be written in one
place and read from another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ledger.bounds import MAX_KPIS
from ledger.frameworks.model import Framework

__all__ = [
    "FRAMEWORK_CELL",
    "INSTRUCTIONS_SHEET",
    "KPI_SHEET",
    "LAST_ROW",
    "LEVEL_CELL",
    "LISTS_SHEET",
    "MAX_ROWS",
    "SHEETS",
    "Column",
    "Kind",
    "column_letter",
    "columns_for",
    "header_text",
    "threshold_names",
]

KPI_SHEET = "KPIs"
INSTRUCTIONS_SHEET = "คำแนะนำ Instructions"
LISTS_SHEET = "Lists"
SHEETS = (KPI_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET)
# Where the hidden sheet says which framework (and unit level) the template is for.
FRAMEWORK_CELL = "F1"
LEVEL_CELL = "F2"

# One row per KPI an agreement may hold; the template prepares (and validates) that many.
MAX_ROWS = MAX_KPIS
# Blank rows between KPI rows are skipped; anything below this row is refused, not ignored.
LAST_ROW = 1 + 1_000

# id: a ledger id; name: one line of text; number: a decimal; choice: one of a list; flag:
# yes or no; ref: an AGREEMENT#KPI reference.
Kind = Literal["id", "name", "number", "choice", "flag", "ref"]


@dataclass(frozen=True)
class Column:
    """``key``: the propose_kpi field it fills (``thresholds[i]`` one threshold;
    ``prior_results[i]`` the result of the ``i``-th of the three years before the
    framework's, ``year``)."""

    key: str
    th: str
    en: str
    kind: Kind
    required: bool = False
    width: int = 14
    year: int | None = None


def threshold_names(framework: Framework) -> list[tuple[str, str]]:
    """Each level's name in Thai and English, lowest level first."""
    if framework.scoring == "three_level":
        return [
            ("ค่าเป้าหมายขั้นต้น", "Basic target"),
            ("ค่าเป้าหมายมาตรฐาน", "Standard target"),
            ("ค่าเป้าหมายขั้นสูง", "Advanced target"),
        ]
    return [(f"เกณฑ์ระดับ {n}", f"Level {n} (T{n})") for n in range(1, 6)]


def columns_for(framework: Framework) -> list[Column]:
    """The template's columns for ``framework``, in order (column A first)."""
    year = framework.fiscal_year
    return [
        Column("kpi_id", "รหัสตัวชี้วัด", "KPI id", "id", required=True, width=10),
        Column("title_th", "ชื่อตัวชี้วัด (ภาษาไทย)", "Title (Thai)", "name", True, 44),
        Column("title_en", "ชื่อตัวชี้วัด (ภาษาอังกฤษ)", "Title (English)", "name", True, 36),
        Column("component", "องค์ประกอบ", "Component", "choice", required=True, width=30),
        Column("unit_of_measure", "หน่วยวัด", "Unit of measure", "name", True, 16),
        Column("direction", "ทิศทาง", "Direction", "choice", required=True, width=26),
        Column("weight", "น้ำหนัก (ร้อยละ)", "Weight (%)", "number", required=True, width=11),
        *(
            Column(f"thresholds[{i}]", th, en, "number", width=13)
            for i, (th, en) in enumerate(threshold_names(framework))
        ),
        Column("baseline", "ค่าฐาน", "Baseline", "number", width=12),
        *(
            Column(
                f"prior_results[{i}]",
                f"ผลการดำเนินงาน พ.ศ. {y}",
                f"Result FY{y}",
                "number",
                width=15,
                year=y,
            )
            for i, y in enumerate(range(year - 3, year))
        ),
        Column("monitor", "ติดตามเท่านั้น (ไม่คิดคะแนน)", "Monitor only (not scored)", "flag"),
        Column("cascaded_from", "ถ่ายทอดจาก", "Cascaded from (AGREEMENT#KPI)", "ref", width=26),
        Column("joint_id", "รหัสตัวชี้วัดร่วม", "Joint KPI id", "id", width=16),
        Column("joint_host", "หน่วยงานเจ้าภาพ", "Joint host unit", "id", width=16),
        Column("mandatory_code", "รหัสตัวชี้วัดภาคบังคับ", "Mandatory KPI code", "id", width=14),
    ]


def header_text(column: Column) -> str:
    """The header cell: Thai over English, a required column marked with ``*``."""
    mark = " *" if column.required else ""
    return f"{column.th}{mark}\n{column.en}{mark}"


def column_letter(index: int) -> str:
    """The spreadsheet letter of column ``index`` (0 is A).

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
