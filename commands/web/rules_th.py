"""The ledger's rules in Thai, keyed by the English rule a ``LedgerError`` carries: what a
Thai reader sees on a refused form. A rule not listed here is shown in English."""

from __future__ import annotations

__all__ = ["RULES_TH"]

RULES_TH: dict[str, str] = {
    "a page about an agreement is shown to users holding a grant in force that covers it": (
        "หน้าที่เกี่ยวกับคำรับรองใดแสดงเฉพาะผู้ใช้ที่ได้รับสิทธิ์ซึ่งยังมีผลและครอบคลุมคำรับรองนั้น"
    ),
}
