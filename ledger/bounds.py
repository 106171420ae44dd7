"""Bounds on everything the ledger records, defined once and enforced at decoding.

Every interface (``ledger apply``, the demo, the HTTP API) decodes through the same command
types, which carry these bounds; :func:`bounded` checks what msgspec's types cannot (decimals,
and text inside the shared value objects). A refusal is an :class:`InvalidInput` whose
``field`` is the JSON path and whose ``rule`` names the bound. The bounds keep every event
within one C2SP tile entry (:data:`MAX_EVENT_BYTES`), which the mapper checks again.

==============  ====================================================  =====================
bound           fields                                                limit
==============  ====================================================  =====================
id              unit, KPI, joint KPI, framework, round, request,      1-64 of ``A-Z a-z``
                appeal and actor ids; component, mandatory and        ``0-9 . _ -``
                reason codes
agreement ref   ``agreement``                                         ``UNIT/YYYY``
KPI ref         ``cascaded_from``                                     ``UNIT/YYYY#KPI``
name            names, titles, units of measure, committee, body,     1-200 characters
                meeting refs, signatories, file names, authority
note            per-KPI notes of an assessment                        0-200 characters
narrative       SAR narrative, minutes, a change decision's           0-4000 characters
                rationale
statement       justification, claim, reason, an appeal's rationale   1-4000 characters
media type      evidence ``media_type``                               ``type/subtype``, 127
sha256          evidence ``sha256``                                   64 lowercase hex
decimal         every number                                          28 digits, 28 places,
                                                                      magnitude below 10^15
arrays          thresholds 10; results, assessments 60; evidence 20;
                signatories 20; KPIs proposed per agreement 60;
                a body's roles 11 and units 200
line            one JSON line                                         1 MiB (1,048,576 bytes)
==============  ====================================================  =====================

Ids and names hold no control characters (C0, DEL, C1) and no bidirectional embeddings,
overrides or isolates (U+202A-U+202E, U+2066-U+2069); free text may hold line feeds and tabs
but nothing else of those. The zero-width space (U+200B) that Thai uses is kept.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Annotated
from uuid import UUID

import msgspec

from ledger.domain.joint.events import JointMeasure
from ledger.domain.values import (
    Actor,
    Evidence,
    KpiAssessment,
    KpiResult,
    KpiTerms,
    SharedResultUsed,
    Signatory,
)
from ledger.errors import InvalidInput

__all__ = [
    "AGREEMENT_REF",
    "ARRAYS",
    "ID",
    "KPI_REF",
    "MAX_DIGITS",
    "MAX_EVENT_BYTES",
    "MAX_KPIS",
    "MAX_LINE_BYTES",
    "MAX_MAGNITUDE",
    "MAX_PLACES",
    "MAX_STORED_PAYLOAD",
    "MEDIA_TYPE",
    "NAME",
    "NARRATIVE",
    "NOTE",
    "SHA256",
    "STATEMENT",
    "TEXT_BOUNDS",
    "VALUE_FIELDS",
    "AgreementRef",
    "ArrayBound",
    "Id",
    "KpiRef",
    "MediaType",
    "Name",
    "Narrative",
    "Note",
    "Sha256",
    "Statement",
    "TextBound",
    "bounded",
    "check_decimal",
    "check_text",
    "reworded",
]

MAX_LINE_BYTES = 1 << 20
MAX_EVENT_BYTES = 65_535
# The canonical form adds the originator id, version and topic to the stored payload: a
# kilobyte of room keeps every stored event within one tile entry.
MAX_STORED_PAYLOAD = MAX_EVENT_BYTES - 1_024
MAX_DIGITS = 28
MAX_PLACES = 28
MAX_MAGNITUDE = 15  # |value| < 10**MAX_MAGNITUDE
MAX_KPIS = 60

_CONTROLS = r"\x00-\x1f\x7f-\x9f"
_TEXT_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"  # keeps tab and line feed
_BIDI = r"\u202a-\u202e\u2066-\u2069"
_BIDI_CHARS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
_REF = _ID + r"/[0-9]{4}"


@dataclass(frozen=True)
class TextBound:
    """One class of text: its pattern (anchored, length included) and the rule in words."""

    what: str
    rule: str
    pattern: str
    max_length: int
    min_length: int = 0
    multiline: bool = False
    alphabet: frozenset[str] | None = None

    @property
    def meta(self) -> msgspec.Meta:
        return msgspec.Meta(pattern=self.pattern, description=self.rule)

    def why_not(self, value: str) -> str:
        """Why ``value`` breaks this bound, without echoing it (it may hold terminal markup)."""
        if len(value) > self.max_length:
            return f"{len(value)} characters, more than {self.max_length}"
        if len(value) < self.min_length:
            return f"{len(value)} characters, fewer than {self.min_length}" if value else "empty"
        for char in value:
            if _forbidden(char, self.multiline) or (
                self.alphabet is not None and char not in self.alphabet
            ):
                return f"holds {_shown(char)}"
        if self.alphabet is not None and not value[0].isalnum():
            return f"starts with {_shown(value[0])}"
        return "does not have the required form"


def _shown(char: str) -> str:
    """A character named safely for a terminal: printable ASCII quoted, others by code."""
    if " " < char < "\x7f":
        return repr(char)
    if char in _BIDI_CHARS:
        return f"U+{ord(char):04X} ({unicodedata.name(char)}, a bidirectional control)"
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"


def _text(what: str, low: int, high: int, *, multiline: bool, words: str) -> TextBound:
    controls = _TEXT_CONTROLS if multiline else _CONTROLS
    pattern = f"^[^{controls}{_BIDI}]{{{low},{high}}}\\Z"
    return TextBound(what, f"{what}: {words}", pattern, high, low, multiline)


_ID_CHARS = frozenset(string.ascii_letters + string.digits + "._-")
ID = TextBound(
    "an id",
    "an id: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
    f"^{_ID}\\Z",
    64,
    1,
    alphabet=_ID_CHARS,
)
AGREEMENT_REF = TextBound(
    "an agreement ref",
    "an agreement ref: a unit id, '/' and a four-digit fiscal year (TH-81/2557)",
    f"^{_REF}\\Z",
    69,
    6,
    alphabet=_ID_CHARS | {"/"},
)
KPI_REF = TextBound(
    "a KPI ref",
    "a KPI ref: an agreement ref, '#' and a KPI id (GRP-ANDAMAN/2557#G1)",
    f"^{_REF}#{_ID}\\Z",
    134,
    8,
    alphabet=_ID_CHARS | {"/", "#"},
)
_NO_CONTROLS = "no control or bidirectional formatting characters"
NAME = _text("a name", 1, 200, multiline=False, words=f"1-200 characters, {_NO_CONTROLS}")
NOTE = _text("a note", 0, 200, multiline=True, words=f"at most 200 characters, {_NO_CONTROLS}")
NARRATIVE = _text(
    "a narrative", 0, 4000, multiline=True, words=f"at most 4000 characters, {_NO_CONTROLS}"
)
STATEMENT = _text(
    "a statement", 1, 4000, multiline=True, words=f"1-4000 characters, {_NO_CONTROLS}"
)
MEDIA_TYPE = TextBound(
    "a media type",
    "a media type: type/subtype such as application/pdf, at most 127 characters",
    r"^(?=.{3,127}\Z)[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\Z",
    127,
    3,
    alphabet=_ID_CHARS | set("!#$&^+/"),
)
SHA256 = TextBound(
    "a SHA-256",
    "a SHA-256: 64 lowercase hexadecimal digits",
    r"^[0-9a-f]{64}\Z",
    64,
    64,
    alphabet=frozenset(string.hexdigits.lower()),
)
TEXT_BOUNDS = (ID, AGREEMENT_REF, KPI_REF, NAME, NOTE, NARRATIVE, STATEMENT, MEDIA_TYPE, SHA256)

Id = Annotated[str, ID.meta]
AgreementRef = Annotated[str, AGREEMENT_REF.meta]
KpiRef = Annotated[str, KPI_REF.meta]
Name = Annotated[str, NAME.meta]
Note = Annotated[str, NOTE.meta]
Narrative = Annotated[str, NARRATIVE.meta]
Statement = Annotated[str, STATEMENT.meta]
MediaType = Annotated[str, MEDIA_TYPE.meta]
Sha256 = Annotated[str, SHA256.meta]


@dataclass(frozen=True)
class ArrayBound:
    max_length: int
    rule: str

    @property
    def meta(self) -> msgspec.Meta:
        return msgspec.Meta(max_length=self.max_length, description=self.rule)


ARRAYS = {
    "thresholds": ArrayBound(10, "at most 10 thresholds"),
    "prior_results": ArrayBound(5, "at most 5 prior years' results"),
    "results": ArrayBound(MAX_KPIS, f"at most {MAX_KPIS} results (one per KPI)"),
    "assessments": ArrayBound(MAX_KPIS, f"at most {MAX_KPIS} assessments (one per KPI)"),
    "evidence": ArrayBound(20, "at most 20 evidence files"),
    "signatories": ArrayBound(20, "at most 20 signatories"),
    "roles": ArrayBound(11, "at most 11 roles (each role once)"),
    "units": ArrayBound(200, "at most 200 units"),
}

# Text inside the value objects that commands share with events (msgspec cannot bound them
# without changing their types): checked by ``bounded``, by type and field name.
VALUE_FIELDS: dict[tuple[type, str], TextBound] = {
    (Actor, "id"): ID,
    (Evidence, "sha256"): SHA256,
    (Evidence, "file_name"): NAME,
    (Evidence, "media_type"): MEDIA_TYPE,
    (KpiResult, "kpi_id"): ID,
    (KpiAssessment, "kpi_id"): ID,
    (KpiAssessment, "notes"): NOTE,
    (Signatory, "name"): NAME,
    (Signatory, "title"): NAME,
    (KpiTerms, "title_th"): NAME,
    (KpiTerms, "title_en"): NAME,
    (KpiTerms, "component"): ID,
    (KpiTerms, "unit_of_measure"): NAME,
    (KpiTerms, "cascaded_from"): KPI_REF,
    (KpiTerms, "joint_host"): ID,
    (KpiTerms, "mandatory_code"): ID,
    (KpiTerms, "joint_id"): ID,
    (JointMeasure, "title_th"): NAME,
    (JointMeasure, "title_en"): NAME,
    (JointMeasure, "component"): ID,
    (JointMeasure, "unit_of_measure"): NAME,
    (SharedResultUsed, "kpi_id"): ID,
    (SharedResultUsed, "joint_id"): ID,
}
_FREE_TEXT = _text("text", 0, 1 << 30, multiline=True, words=_NO_CONTROLS)


def _forbidden(char: str, multiline: bool) -> bool:
    code = ord(char)
    if multiline and char in "\t\n":
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F or char in _BIDI_CHARS


def check_text(bound: TextBound, value: str, path: str) -> None:
    """Raises InvalidInput (field ``path``, rule the bound's) unless ``value`` fits ``bound``."""
    if len(value) > bound.max_length or bound.min_length > len(value) or not _fits(bound, value):
        raise InvalidInput(f"not {bound.what}: {bound.why_not(value)}", field=path, rule=bound.rule)


# Free text of any length: one regex scan, not a loop in Python (verification walks every event).
_FREE_TEXT_FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _fits(bound: TextBound, value: str) -> bool:
    if bound is _FREE_TEXT:
        return _FREE_TEXT_FORBIDDEN.search(value) is None
    return _compiled(bound).search(value) is not None


@cache
def _compiled(bound: TextBound) -> re.Pattern[str]:
    return re.compile(bound.pattern)


def check_decimal(value: Decimal, path: str) -> None:
    """Raises InvalidInput unless ``value`` is finite, has at most 28 significant digits and
    28 decimal places, and is below 10^15 in magnitude.

    >>> check_decimal(Decimal("1e-29"), "$.weight")
    Traceback (most recent call last):
    ...
    ledger.errors.InvalidInput: 29 decimal places, more than 28
    """
    if not value.is_finite():
        raise InvalidInput(
            f"{value} is not a finite number",
            field=path,
            rule="numbers must be finite (no NaN or infinity)",
        )
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    if len(digits) > MAX_DIGITS:
        raise InvalidInput(
            f"{len(digits)} significant digits, more than {MAX_DIGITS}",
            field=path,
            rule=f"at most {MAX_DIGITS} significant digits",
        )
    if -exponent > MAX_PLACES:
        raise InvalidInput(
            f"{-exponent} decimal places, more than {MAX_PLACES}",
            field=path,
            rule=f"at most {MAX_PLACES} decimal places",
        )
    if any(digits) and value.adjusted() >= MAX_MAGNITUDE:
        raise InvalidInput(
            f"a number of 10^{value.adjusted()} or more in magnitude, not below 10^{MAX_MAGNITUDE}",
            field=path,
            rule=f"numbers below 10^{MAX_MAGNITUDE} in magnitude",
        )


def bounded(value: object, path: str = "$") -> None:
    """Check every decimal and every string in ``value`` (a command, an event or a part of
    one) against its bound; raises InvalidInput naming the JSON path of the first that breaks
    one. Strings without a bound of their own must still be free of control characters other
    than tab and line feed, and of bidirectional formatting characters."""
    _walk(value, [path])


def _walk(value: object, steps: list[str]) -> None:
    # The path is kept as steps and joined only when a bound is broken: verification and bulk
    # ingest walk every field of every event, and most never break one.
    if isinstance(value, str):
        if _FREE_TEXT_FORBIDDEN.search(value):
            check_text(_FREE_TEXT, value, "".join(steps))
    elif isinstance(value, msgspec.Struct):
        kind = type(value)
        for name in value.__struct_fields__:
            field = getattr(value, name)
            if field.__class__ in _PLAIN:
                continue
            steps.append(f".{name}")
            bound = VALUE_FIELDS.get((kind, name))
            if bound is not None and isinstance(field, str):
                check_text(bound, field, "".join(steps))
            _walk(field, steps)
            steps.pop()
    elif isinstance(value, Decimal):
        try:
            check_decimal(value, "")
        except InvalidInput:
            check_decimal(value, "".join(steps))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            if item.__class__ not in _PLAIN:
                steps.append(f"[{i}]")
                _walk(item, steps)
                steps.pop()
    elif isinstance(value, dict):
        for key, item in value.items():
            steps.append(f".{key}")
            _walk(item, steps)
            steps.pop()


# Field values no bound applies to: nothing to walk into.
_PLAIN: frozenset[type] = frozenset({type(None), int, bool, float, datetime, date, UUID})


_BY_PROBLEM = {f"Expected `str` matching regex {b.pattern!r}": b for b in TEXT_BOUNDS}


def reworded(problem: str, path: str, value: object) -> InvalidInput | None:
    """msgspec's message for a broken bound, in the bound's words (never a raw regex), or
    None when ``problem`` is not about a bound. ``value`` is what was sent at ``path``."""
    bound = _BY_PROBLEM.get(problem)
    if bound is not None:
        reason = bound.why_not(value) if isinstance(value, str) else "not text"
        return InvalidInput(f"not {bound.what}: {reason}", field=path, rule=bound.rule)
    if problem.startswith("Expected `array` of length <="):
        name = path.rpartition(".")[2]
        array = ARRAYS.get(name)
        if array is not None:
            count = f"{len(value)} items" if isinstance(value, list) else "too many items"
            return InvalidInput(
                f"{count}, more than {array.max_length}", field=path, rule=array.rule
            )
    return None
