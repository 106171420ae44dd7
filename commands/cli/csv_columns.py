"""The columns several reads' CSV share, named once so that a sheet joining two tables
(``commands.cli.csv_out.union``) merges them into one column."""

from __future__ import annotations

from commands.cli.csv_out import Col

__all__ = [
    "ACTOR",
    "AFTER",
    "AGREEMENT",
    "BEFORE",
    "COMPONENT",
    "CRITERIA",
    "DIRECTION",
    "EFFECTIVE",
    "ENTERED_BY",
    "FIELD",
    "FISCAL_YEAR",
    "FRAMEWORK",
    "KPI",
    "KPI_STATUS",
    "MONITOR",
    "NAME_EN",
    "NAME_TH",
    "POSITION",
    "RECORDED",
    "REQUEST",
    "ROUND",
    "ROUND_EN",
    "ROUND_TH",
    "STATUS",
    "TITLE_EN",
    "TITLE_TH",
    "UNIT",
    "UNIT_EN",
    "UNIT_OF_MEASURE",
    "UNIT_TH",
    "VERSION",
    "WEIGHT",
]

AGREEMENT = Col("Agreement", "คำรับรอง")
UNIT = Col("Unit", "หน่วยงาน")
UNIT_TH = Col("Unit name, Thai", "ชื่อหน่วยงาน ภาษาไทย")
UNIT_EN = Col("Unit name, English", "ชื่อหน่วยงาน ภาษาอังกฤษ")
FISCAL_YEAR = Col("Fiscal year (BE)", "ปีงบประมาณ (พ.ศ.)")
FRAMEWORK = Col("Framework", "กรอบการประเมิน")
VERSION = Col("Version", "รุ่น")
ROUND = Col("Round", "รอบ")
ROUND_TH = Col("Round name, Thai", "ชื่อรอบ ภาษาไทย")
ROUND_EN = Col("Round name, English", "ชื่อรอบ ภาษาอังกฤษ")
KPI = Col("KPI", "ตัวชี้วัด")
TITLE_TH = Col("Title, Thai", "ชื่อ ภาษาไทย")
TITLE_EN = Col("Title, English", "ชื่อ ภาษาอังกฤษ")
NAME_TH = Col("Name, Thai", "ชื่อ ภาษาไทย")
NAME_EN = Col("Name, English", "ชื่อ ภาษาอังกฤษ")
COMPONENT = Col("Component", "องค์ประกอบ")
DIRECTION = Col("Direction", "ทิศทาง")
WEIGHT = Col("Weight", "น้ำหนัก")
MONITOR = Col("Monitored, not scored", "ติดตาม ไม่คิดคะแนน")
CRITERIA = Col("Criteria", "เกณฑ์การให้คะแนน")
UNIT_OF_MEASURE = Col("Unit of measure", "หน่วยวัด")
KPI_STATUS = Col("KPI status", "สถานะตัวชี้วัด")
STATUS = Col("Status", "สถานะ")
REQUEST = Col("Request", "คำขอ")
POSITION = Col("Log position", "ลำดับในบันทึก")
RECORDED = Col("Recorded at", "บันทึกเมื่อ")
EFFECTIVE = Col("Effective at", "มีผลเมื่อ")
ACTOR = Col("Actor", "ผู้กระทำ")
ENTERED_BY = Col("Entered by", "ผู้บันทึก")
FIELD = Col("Field", "รายการ")
BEFORE = Col("Before", "ก่อน")
AFTER = Col("After", "หลัง")
