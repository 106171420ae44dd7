"""The unit levels (``ledger.frameworks.model.UnitLevel``) as Thai and English readers name
them: one table for every way in (the CLI's tables, the web pages)."""

from __future__ import annotations

__all__ = ["UNIT_LEVELS"]

UNIT_LEVELS: dict[str, tuple[str, str]] = {
    "ministry": ("กระทรวง", "Ministry"),
    "mission_group": ("กลุ่มภารกิจ", "Mission group"),
    "department": ("กรม", "Department"),
    "province_group": ("กลุ่มจังหวัด", "Province group"),
    "province": ("จังหวัด", "Province"),
    "provincial_agency": ("ส่วนราชการประจำจังหวัด", "Provincial agency"),
    "individual": ("ข้าราชการรายบุคคล", "Individual civil servant"),
}
