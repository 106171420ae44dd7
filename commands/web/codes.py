"""Codes the ledger records (a status, a kind, a source) shown in the reader's language when
the page's table has a label for them, and as recorded otherwise (a framework may add codes
no page knows yet; showing the code beats failing the page)."""

from __future__ import annotations

from commands.web.i18n import Language, Table, Words

__all__ = ["Codes"]


class Codes:
    """``codes("status", "filed late")`` looks up ``"status:filed late"`` in ``table``.

    >>> Codes("en", {"status:filed": ("ส่งแล้ว", "filed")})("status", "filed")
    'filed'
    >>> Codes("th", {"status:filed": ("ส่งแล้ว", "filed")})("status", "new-code")
    'new-code'
    """

    def __init__(self, language: Language, table: Table) -> None:
        self._words = Words(language, table)
        self._table = table

    def __call__(self, prefix: str, value: object) -> str:
        key = f"{prefix}:{value}"
        return self._words(key) if key in self._table else str(value)
