"""The instruction sheet of a KPI template, in Thai and English: the framework it is for,
how to fill it, what each column holds, the components and the mandatory KPIs, and how it is
imported (all rows or none)."""

from __future__ import annotations

from commands.kpi_templates.columns import KPI_SHEET, MAX_ROWS, Column
from commands.unit_levels import UNIT_LEVELS
from ledger.frameworks.model import Framework

__all__ = ["instruction_rows"]

_SAID: dict[str, tuple[str, str]] = {
    "kpi_id": (
        "ไม่ซ้ำกันในคำรับรอง: ตัวอักษรอังกฤษ ตัวเลข . _ หรือ - ไม่เกิน 64 ตัว",
        "Unique within the agreement: letters, digits, '.', '_' or '-', at most 64",
    ),
    "title_th": ("บรรทัดเดียว ไม่เกิน 200 ตัวอักษร", "One line, at most 200 characters"),
    "title_en": ("บรรทัดเดียว ไม่เกิน 200 ตัวอักษร", "One line, at most 200 characters"),
    "component": ("เลือกจากรายการ", "Chosen from the list"),
    "unit_of_measure": ("เช่น ร้อยละ ล้านบาท ระดับ", "As in percent, million baht, level"),
    "direction": (
        "ค่ายิ่งสูงยิ่งดี ค่ายิ่งต่ำยิ่งดี หรือระดับขั้นความสำเร็จ (ไม่ต้องกรอกเกณฑ์)",
        "Higher is better, lower is better, or milestone levels (no thresholds)",
    ),
    "weight": (
        "ร้อยละ มากกว่า 0 (ตัวชี้วัดที่ติดตามเท่านั้นมีน้ำหนัก 0)",
        "Percent, above 0 (0 for a KPI only monitored)",
    ),
    "baseline": ("ค่าฐาน ถ้ามี", "The baseline, if any"),
    "prior_results": (
        "ผลการดำเนินงานของปีนั้น ถ้ามี: บันทึกไว้กับตัวชี้วัด และแสดงในรายงานตรวจสอบเป้าหมาย",
        "That year's result, if any: recorded with the KPI and shown in the target audit",
    ),
    "monitor": (
        "ใช่: ติดตามผลเท่านั้น ไม่คิดคะแนน (เว้นว่าง: ไม่ใช่)",
        "Yes: tracked, not scored (empty: no)",
    ),
    "cascaded_from": (
        "ตัวชี้วัดของหน่วยงานระดับบนที่ถ่ายทอดลงมา เช่น GRP-ANDAMAN/2557#G1",
        "The parent KPI this one cascades from, as in GRP-ANDAMAN/2557#G1",
    ),
    "joint_id": (
        "ตัวชี้วัดร่วมที่เข้าร่วม (ระบบกรอกหน่วยงานเจ้าภาพให้)",
        "A joint KPI this one joins (its host is filled in)",
    ),
    "joint_host": ("หน่วยงานเจ้าภาพของตัวชี้วัดร่วม", "The unit hosting a joint KPI"),
    "mandatory_code": (
        "รหัสตัวชี้วัดภาคบังคับของกรอบการประเมินที่แถวนี้รับไว้",
        "The framework's mandatory KPI this row carries",
    ),
}

_STEPS: tuple[tuple[str, str], ...] = (
    (
        f"กรอกแถวละหนึ่งตัวชี้วัดในแผ่นงาน {KPI_SHEET} (ไม่เกิน {MAX_ROWS} ตัวชี้วัด) "
        "ช่องที่มีเครื่องหมาย * ต้องกรอก แถวว่างจะถูกข้าม",
        f"One KPI a row on sheet {KPI_SHEET} (at most {MAX_ROWS}); columns marked * must be "
        "filled; blank rows are skipped",
    ),
    (
        "เลือกองค์ประกอบ ทิศทาง และการติดตามจากรายการของแต่ละช่อง",
        "Choose the component, the direction and the monitor flag from each cell's list",
    ),
    (
        "เกณฑ์ต้องเรียงจากระดับต่ำไปสูง: ค่ายิ่งสูงยิ่งดีต้องเพิ่มขึ้น ค่ายิ่งต่ำยิ่งดีต้องลดลง "
        "ตัวชี้วัดแบบระดับขั้นความสำเร็จไม่ต้องกรอกเกณฑ์",
        "Thresholds go from the lowest level up: increasing for higher is better, decreasing "
        "for lower is better; a milestone KPI has none",
    ),
    (
        "พิมพ์ค่าลงในช่องโดยตรง ไม่ใช้สูตร ไม่รวมเซลล์ ไม่เพิ่มแผ่นงานหรือคอลัมน์ และไม่แก้ไขแถวหัวตาราง",
        "Type values in; no formulas, no merged cells, no added sheets or columns, and keep "
        "the header row as it is",
    ),
    (
        "ผลการดำเนินงานย้อนหลัง 3 ปีใช้ประกอบการกำหนดค่าฐานและเกณฑ์ และบันทึกไว้กับตัวชี้วัด "
        "เพื่อให้การตรวจสอบเห็นเป้าหมายเทียบกับผลในอดีต",
        "The three prior years' results help set the baseline and the thresholds; they are "
        "recorded with the KPI, so the audit shows each target beside past performance",
    ),
    (
        "ตัวชี้วัดภาคบังคับอยู่ในแถวแรก ๆ แล้ว: คงรหัส ชื่อ องค์ประกอบ และน้ำหนักไว้ "
        "กรอกหน่วยวัด ทิศทาง และเกณฑ์ ลบแถวของตัวชี้วัดที่ไม่บังคับที่หน่วยงานไม่ได้รับ",
        "The mandatory KPIs are listed first: keep their code, titles, component and weight, "
        "fill in the unit of measure, the direction and the thresholds; delete the row of an "
        "optional one the unit does not carry",
    ),
    (
        "นำเข้าด้วยคำสั่ง ledger import-kpis FILE --agreement UNIT/YEAR หรืออัปโหลดในหน้า"
        "คำรับรอง ระบบบันทึกทุกแถวหรือไม่บันทึกเลย: แถวที่ผิดจะถูกระบุแผ่นงาน แถว และคอลัมน์",
        "Import with ledger import-kpis FILE --agreement UNIT/YEAR, or upload it on the "
        "agreement's page: every row is recorded or none; a bad row is named by its sheet, "
        "row and column",
    ),
)


def _threshold_said(column: Column, framework: Framework) -> tuple[str, str]:
    level = int(column.key[len("thresholds[") : -1])
    if framework.scoring == "three_level":
        points = (50, 75, 100)[level]
        return f"ค่าที่ได้ {points} คะแนน", f"The value that scores {points}"
    return f"ค่าที่ได้ {level + 1} คะแนน", f"The value that scores {level + 1}"


def _column_rows(framework: Framework, columns: list[Column]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for column in columns:
        if column.key.startswith("thresholds["):
            thai, english = _threshold_said(column, framework)
        elif column.year is not None:
            thai, english = _SAID["prior_results"]
        else:
            thai, english = _SAID[column.key]
        needed = ("ต้องกรอก · ", "Required. ") if column.required else ("", "")
        rows.append((f"{column.th} / {column.en}", needed[0] + thai, needed[1] + english))
    return rows


def instruction_rows(
    framework: Framework, level: str | None, columns: list[Column]
) -> list[tuple[str, ...]]:
    """The sheet's rows: a one-cell row is a heading, the first row the title."""
    level_th, level_en = UNIT_LEVELS.get(level, (level, level)) if level else ("ทุกระดับ", "")
    scoring = (
        ("5 ระดับ (T1 ถึง T5) ค่าเป้าหมายคือระดับ 3", "Five levels, T1 to T5; the target is T3")
        if framework.scoring == "five_level"
        else ("3 ระดับ: ขั้นต้น มาตรฐาน ขั้นสูง", "Three levels: basic, standard, advanced")
    )
    rows: list[tuple[str, ...]] = [
        ("แบบฟอร์มตัวชี้วัด · KPI template",),
        ("กรอบการประเมิน / Framework", framework.name_th, f"{framework.name_en} ({framework.id})"),
        ("ปีงบประมาณ / Fiscal year", f"พ.ศ. {framework.fiscal_year}", f"FY{framework.fiscal_year}"),
        ("ระดับหน่วยงาน / Unit level", level_th, level_en or "Every level"),
        ("วิธีให้คะแนน / Scoring", *scoring),
        ("วิธีกรอก · How to fill",),
        *((str(n), th, en) for n, (th, en) in enumerate(_STEPS, start=1)),
        ("คอลัมน์ · Columns",),
        *_column_rows(framework, columns),
        ("องค์ประกอบ · Components",),
    ]
    components = framework.components_for(level) if level else framework.components
    for c in components:
        weight = "" if c.weight_for(level or "") is None else f" ({c.weight_for(level or '')})"
        rows.append((c.id, c.name_th + weight, c.name_en + weight))
    mandatory = framework.mandatory_for(level) if level else framework.mandatory_kpis
    if mandatory:
        rows.append(("ตัวชี้วัดภาคบังคับ · Mandatory KPIs",))
        for m in mandatory:
            only = ", ".join(m.levels)
            thai = f"น้ำหนัก {m.weight}" + (", เลือกได้" if m.optional else "")
            english = f"weight {m.weight}" + (", optional" if m.optional else "")
            if only and not level:
                thai, english = f"{thai}, เฉพาะ {only}", f"{english}, {only} only"
            rows.append((m.code, f"{m.title_th} ({thai})", f"{m.title_en} ({english})"))
    return rows
