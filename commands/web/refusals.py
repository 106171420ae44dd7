"""Where errors become words on a page: ``refusal`` is the one function that turns a
``LedgerError`` into what a web user reads, in their language (the family as a heading, the
rule in Thai where the ledger has it in Thai, the field, what was expected and what came).
The ledger's own message stays as it is, in English: it names ids and values exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from commands.rules_th import rule_in_thai
from commands.web.i18n import Words
from ledger.errors import LedgerError, http_status_for

__all__ = ["FAMILIES", "Refusal", "refusal", "rule_in_thai"]

FAMILIES: dict[str, tuple[str, str]] = {
    "invalid-input": ("ข้อมูลไม่ถูกต้องตามรูปแบบหรือขอบเขตที่กำหนด", "The input is not valid"),
    "too-large": ("ข้อมูลหรือไฟล์มีขนาดเกินกำหนด", "The input is too large"),
    "unauthenticated": ("ต้องเข้าสู่ระบบใหม่", "You need to sign in again"),
    "not-allowed": ("ท่านไม่มีสิทธิ์ดำเนินการหรือดูข้อมูลนี้", "You are not allowed to do this"),
    "refused": ("กฎของกรอบการประเมินไม่อนุญาต", "A rule of the framework refuses this"),
    "already-recorded": ("รายการนี้บันทึกไว้แล้ว", "This is already recorded"),
    "not-found": ("ไม่พบข้อมูลที่ระบุ", "Not found"),
    "conflict": (
        "มีผู้บันทึกรายการอื่นก่อน โปรดลองอีกครั้ง",
        "Someone else recorded first; please try again",
    ),
    "integrity": ("ข้อมูลที่จัดเก็บไม่ตรงตามที่ระบบรับรอง", "Stored data failed a check"),
    "unverified": ("ตรวจสอบไม่ผ่าน", "Could not be verified"),
    "store-unavailable": (
        "ระบบจัดเก็บข้อมูลไม่พร้อมใช้งานชั่วคราว",
        "The store cannot be reached right now",
    ),
}


@dataclass(frozen=True)
class Refusal:
    """What the page shows: ``status`` is the HTTP status the error maps to."""

    status: int
    heading: str
    message: str
    field: str | None
    rule: str | None
    expected: str | None
    actual: str | None


def refusal(error: LedgerError, words: Words) -> Refusal:
    heading = FAMILIES.get(error.family, FAMILIES["invalid-input"])
    rule = error.rule
    if rule is not None and words.language == "th":
        rule = rule_in_thai(rule)
    return Refusal(
        status=http_status_for(error),
        heading=words.pick(*heading),
        message=error.message,
        field=error.field,
        rule=rule,
        expected=None if error.expected is None else str(error.expected),
        actual=None if error.actual is None else str(error.actual),
    )
