"""The store the KPI template tests import into: the demo's Andaman year stopped before its
first KPI is proposed (six agreements open under fy2557-provinces, each unit's office signed
in with its own token), and the helpers that write a filled template for it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

from commands.cli.demo import demo_lines
from commands.kpi_templates.columns import columns_for
from commands.wiring import build_context
from ledger.frameworks.loader import framework_by_id
from ledger.persistence.settings import Settings
from tests.cli import ledger, provision_demo

__all__ = [
    "FRAMEWORK",
    "HIGHER",
    "KEYS",
    "Year",
    "build_year",
    "fill",
    "head",
    "import_file",
    "kpis_of",
    "own",
    "template",
]

FRAMEWORK = "fy2557-provinces"
KEYS = [c.key for c in columns_for(framework_by_id(FRAMEWORK))]
HIGHER = "higher – ค่ายิ่งสูงยิ่งดี / higher is better"


@dataclass(frozen=True)
class Year:
    db: Path
    tokens: Path
    folder: Path

    def token(self, unit_id: str) -> str:
        return str(self.tokens / f"{unit_id}-office.token")


def build_year(folder: Path) -> Year:
    """The Andaman year up to its first KPI proposal, on a fresh store in ``folder``."""
    db = folder / "ledger.sqlite"
    tokens, rest = provision_demo(db, demo_lines())
    upto = next(i for i, line in enumerate(rest) if json.loads(line)["type"] == "propose_kpi")
    opened = ledger(
        "apply", "-", "--db", str(db), "--token-file", str(tokens), stdin="\n".join(rest[:upto])
    )
    assert opened.returncode == 0, opened.stderr
    return Year(db, tokens, folder)


def head(db: Path) -> int:
    ctx = build_context(Settings(database=str(db), access="read"))
    try:
        return ctx.app.head()
    finally:
        ctx.app.close()


def template(folder: Path, framework: str = FRAMEWORK, level: str = "province") -> Path:
    path = folder / f"blank-{framework}-{level}.xlsx"
    if not path.exists():
        written = ledger("template-xlsx", framework, str(path), "--level", level)
        assert written.returncode == 0, written.stderr
    return path


def own(kpi_id: str, /, **changes: Any) -> dict[str, Any]:
    """A valid row of the unit's own (not mandatory) KPI."""
    row: dict[str, Any] = {
        "kpi_id": kpi_id,
        "title_th": f"ตัวชี้วัด {kpi_id}",
        "title_en": f"KPI {kpi_id}",
        "component": "1.2 – ตัวชี้วัดยุทธศาสตร์จังหวัด / Province strategy KPIs",
        "unit_of_measure": "ร้อยละ",
        "direction": HIGHER,
        "weight": 7.5,
        "baseline": "90.25",
        "prior_results[0]": 80,
        **{f"thresholds[{i}]": v for i, v in enumerate([92, 94, 96, 98, 100.5])},
    }
    row.update(changes)
    return row


def fill(
    year: Year,
    name: str,
    rows: dict[int, dict[str, Any]],
    *,
    framework: str = FRAMEWORK,
    keep_prelisted: bool = False,
    change: Callable[[Workbook], None] | None = None,
) -> Path:
    """The blank template with ``rows`` typed in (by sheet row), after emptying the rows it
    came with unless ``keep_prelisted``; ``change`` does anything else to the workbook."""
    book = openpyxl.load_workbook(template(year.folder, framework))
    sheet = book["KPIs"]
    if not keep_prelisted:
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.value = None
    for number, values in rows.items():
        for key, value in values.items():
            sheet.cell(row=number, column=KEYS.index(key) + 1, value=value)
    if change is not None:
        change(book)
    path = year.folder / f"{name}.xlsx"
    book.save(path)
    return path


def import_file(year: Year, path: Path, agreement: str, unit: str, *extra: str) -> Any:
    return ledger(
        "import-kpis",
        str(path),
        "--agreement",
        agreement,
        "--db",
        str(year.db),
        "--token-file",
        year.token(unit),
        *extra,
    )


def kpis_of(year: Year, agreement: str) -> dict[str, Any]:
    shown = ledger("show", agreement, "--json", "--db", str(year.db))
    assert shown.returncode == 0, shown.stderr
    kpis: dict[str, Any] = json.loads(shown.stdout)["kpis"]
    return kpis
