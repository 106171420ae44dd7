"""Words and dates in the reader's language: Thai by default, English on request.

Each page module keeps its own table of labels (``key -> (thai, english)``); ``Words`` looks a
key up in the page's table, then in the shared one below. Thai readers get Buddhist-Era dates
in Bangkok time, English readers ISO 8601.

>>> words = Words("en", {"title": ("คำรับรอง", "Agreements")})
>>> words("title"), words("sign_in")
('Agreements', 'Sign in')
>>> from datetime import datetime, UTC
>>> Words("th", {}).when(datetime(2014, 4, 30, 2, 15, tzinfo=UTC))
'30/04/2557 09:15'
>>> Words("en", {}).when(datetime(2014, 4, 30, 2, 15, tzinfo=UTC))
'2014-04-30 09:15 +07:00'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from commands.unit_levels import UNIT_LEVELS
from ledger.thaidate import BANGKOK, format_be_date

__all__ = ["COMMON", "LANGUAGES", "Language", "Table", "Words", "language_of"]

Language = Literal["th", "en"]
LANGUAGES: tuple[Language, ...] = ("th", "en")
Table = Mapping[str, tuple[str, str]]

COMMON: Table = {
    "app_name": ("บัญชีผลการประเมิน", "Assessment Ledger"),
    "skip": ("ข้ามไปยังเนื้อหา", "Skip to content"),
    "nav": ("เมนูหลัก", "Main menu"),
    "language": ("ภาษา", "Language"),
    "other_language": ("English", "ภาษาไทย"),
    "sign_in": ("เข้าสู่ระบบ", "Sign in"),
    "sign_out": ("ออกจากระบบ", "Sign out"),
    "signed_in_as": ("ผู้ใช้", "Signed in as"),
    "agreements": ("คำรับรองการปฏิบัติราชการ", "Performance agreements"),
    "integrity": ("ความถูกต้องของค่าเป้าหมาย", "Target integrity"),
    "sar_register": ("ทะเบียนรายงานการประเมินตนเอง", "SAR register"),
    "change_register": ("ทะเบียนคำขอเปลี่ยนแปลง", "Change register"),
    "warnings": ("การเตือนล่วงหน้า", "Early warnings"),
    "checkpoints": ("จุดตรวจสอบ", "Checkpoints"),
    "how_to_verify": ("วิธีตรวจสอบด้วยตนเอง", "How to verify"),
    "error": ("เกิดข้อผิดพลาด", "Something went wrong"),
    "refused": ("ระบบไม่บันทึกคำสั่งนี้", "This was not recorded"),
    "field": ("ช่อง", "Field"),
    "rule": ("กฎ", "Rule"),
    "expected": ("ค่าที่คาดไว้", "Expected"),
    "actual": ("ค่าที่ได้รับ", "Given"),
    "back": ("กลับ", "Back"),
    "submit": ("บันทึก", "Record"),
    "show": ("แสดง", "Show"),
    "none": ("ไม่มี", "None"),
    "yes": ("ใช่", "Yes"),
    "no": ("ไม่ใช่", "No"),
    # Unit levels and round statuses, as pages show them.
    **UNIT_LEVELS,
    "certified": ("รับรองผลแล้ว", "Certified"),
    "awaiting re-certification": ("รอรับรองผลใหม่", "Awaiting re-certification"),
    "provisional": ("ผลเบื้องต้น", "Provisional"),
    "reported": ("รายงานแล้ว ยังไม่ประเมิน", "Reported, not yet assessed"),
    "footer": (
        "ทุกการบันทึกเป็นเหตุการณ์ที่แก้ไขไม่ได้ และผนึกไว้ในบันทึกความโปร่งใส",
        "Every entry is an immutable event, sealed in the transparency log",
    ),
    "demo_store": (
        "ฐานข้อมูลสาธิต: เวลาที่บันทึกเป็นเวลาจำลองตามปีของการสาธิต และตัวเลขทั้งหมดเป็นตัวอย่าง",
        "A demo store: its recorded times are simulated, following the demo's year, and every "
        "number is illustrative",
    ),
}


def language_of(value: str | None) -> Language:
    """The language a cookie or query names; Thai for anything else."""
    return "en" if value == "en" else "th"


class Words:
    """Labels, dates and numbers for one reader."""

    def __init__(self, language: Language, table: Table) -> None:
        self.language = language
        self._index = 0 if language == "th" else 1
        self._table = table

    def __call__(self, key: str) -> str:
        """The label of ``key``; KeyError for a key no table has (a bug in a template)."""
        pair = self._table.get(key) or COMMON[key]
        return pair[self._index]

    def pick(self, thai: str, english: str) -> str:
        """One of two texts the ledger keeps in both languages (a unit's or KPI's name)."""
        return thai if self.language == "th" else english or thai

    def when(self, value: datetime | None) -> str:
        """A moment in Bangkok time: BE date for Thai readers, ISO 8601 for English."""
        if value is None:
            return "—"
        local = value.astimezone(BANGKOK)
        if self.language == "th":
            return f"{format_be_date(local)} {local:%H:%M}"
        return f"{local:%Y-%m-%d %H:%M} +07:00"

    def day(self, value: date | datetime | None) -> str:
        """A calendar date: BE for Thai readers, ISO 8601 for English."""
        if value is None:
            return "—"
        if isinstance(value, datetime):
            value = value.astimezone(BANGKOK).date()
        return format_be_date(value) if self.language == "th" else value.isoformat()

    def year(self, fiscal_year: int) -> str:
        """A fiscal year, kept in BE: shown as BE to Thai readers and with its CE year to
        English ones (FY2557 is 2013-14)."""
        if self.language == "th":
            return f"ปีงบประมาณ พ.ศ. {fiscal_year}"
        return f"FY{fiscal_year} (CE {fiscal_year - 544}-{(fiscal_year - 543) % 100:02d})"

    @staticmethod
    def number(value: Decimal | int | None) -> str:
        """A number exactly as recorded (no float rounding); a dash for none."""
        if value is None:
            return "—"
        return format(value, "f") if isinstance(value, Decimal) else str(value)
