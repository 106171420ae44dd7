"""Fields that need shaping before they become a command's JSON, for every act form: a
decimal typed for a KPI, a list of thresholds, the KPI values a change proposes, evidence
named by hash, an id in a path and a suggested id.

Nothing here decides a rule: a field typed wrong is passed on as typed wherever the command's
own decoding names the problem better; a field only the form reads is checked here, naming
the field.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from commands.http.read_params import checked
from commands.web.forms import text
from ledger.bounds import ID, check_decimal
from ledger.errors import InvalidInput

__all__ = ["checked_id", "evidence_lines", "kpi_changes", "number", "numbers", "suggested_id"]

_NUMBER_RULE = "a KPI's value is a decimal number (104.5, -3, 0.25)"
_EVIDENCE_RULE = "one file a line: its SHA-256 (64 lowercase hex digits), a space, its file name"


def checked_id(value: str, name: str) -> str:
    """A path's request or appeal id, if it has an id's form; InvalidInput (400) otherwise."""
    return checked(value, ID, name)


def number(form: Mapping[str, Any], name: str, kpi_id: str) -> str | None:
    """The number typed in ``name`` for ``kpi_id``, as the command's text (None: left
    empty, not reported). InvalidInput naming the field when it is not a number or breaks
    the ledger's bounds on numbers."""
    given = text(form, name)
    if not given:
        return None
    try:
        value = Decimal(given)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InvalidInput(
            f"the value given for KPI {kpi_id} is not a number",
            field=name,
            rule=_NUMBER_RULE,
            actual=given,
        )
    check_decimal(value, name)
    return str(value)


def numbers(form: Mapping[str, Any], name: str) -> list[str] | None:
    """A list of numbers typed with spaces, commas or slashes between them, as text (the
    command's decoding reads them exactly and names a bad one); None when left empty."""
    given = text(form, name)
    return [part for part in re.split(r"[\s,/]+", given) if part] if given else None


def kpi_changes(form: Mapping[str, Any]) -> dict[str, Any]:
    """The KPI values a form changes (a request's proposal, a committee's amendments): only
    those typed. Titles, unit and direction are not offered: changing what a KPI measures
    makes it a replacement, which rule 3 refuses (the handler says so if one is posted)."""
    typed = {
        "thresholds": numbers(form, "thresholds"),
        "weight": text(form, "weight") or None,
        "baseline": text(form, "baseline") or None,
    }
    return {name: value for name, value in typed.items() if value is not None}


def evidence_lines(form: Mapping[str, Any], name: str = "evidence") -> list[dict[str, str]]:
    """Evidence named by hash, one file a line (``SHA256 file-name``; the name defaults to the
    hash); its media type is guessed from the name."""
    found = []
    for index, line in enumerate(text(form, name).split("\n")):
        parts = line.strip().split(maxsplit=1)
        if not parts:
            continue
        digest = parts[0].lower()
        if not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise InvalidInput(
                f"line {index + 1} does not start with a SHA-256",
                field=name,
                rule=_EVIDENCE_RULE,
                actual=parts[0][:80],
            )
        file_name = parts[1].strip() if len(parts) > 1 else digest
        media_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        found.append({"sha256": digest, "file_name": file_name, "media_type": media_type})
    return found


def suggested_id(prefix: str, fiscal_year: int, taken: Iterable[str]) -> str:
    """The first ``PREFIX-FY-NN`` not yet used in the agreement (the user may type another).

    >>> suggested_id("CR", 2557, ["CR-2557-01"])
    'CR-2557-02'
    """
    used = set(taken)
    count = len(used) + 1
    while f"{prefix}-{fiscal_year}-{count:02d}" in used:
        count += 1
    return f"{prefix}-{fiscal_year}-{count:02d}"
