"""Turn one line of JSON into a command, or an InvalidInput that names the field and the rule.

Every interface decodes through here. A line is at most 1 MiB of UTF-8 holding one JSON
object in which no key appears twice (msgspec alone would keep the last). msgspec checks the
types, the fields and the bounds of ``ledger.bounds``; its messages about a bound are reworded
in the bound's words. Every string is then normalised to Unicode NFC (so Thai text is stored in
one canonical form), and :func:`ledger.bounds.bounded` checks the decimals and the text inside
shared value objects.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, TypeVar

import msgspec

from commands.messages import AnyCommand
from ledger.bounds import MAX_LINE_BYTES, bounded, reworded
from ledger.errors import InvalidInput
from ledger.validation import split_validation_message

__all__ = ["decode_command", "normalised"]

_decoder = msgspec.json.Decoder(AnyCommand)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
T = TypeVar("T")


def decode_command(line: str | bytes) -> AnyCommand:
    """Decode, normalise and bound-check one command.

    Raises InvalidInput naming the JSON path at fault and the rule or bound it broke; a line
    that is too long or not UTF-8 names no field (the caller knows the line number).
    """
    raw = _line_bytes(line)
    _refuse_duplicate_keys(raw)
    command = _decode(raw)
    normal = command if _already_normal(raw) else normalised(command)
    if normal != command:
        # NFC can lengthen text, so the normal form must fit the bounds too.
        normal = _decode(msgspec.json.encode(normal))
    bounded(normal)
    return normal


def _line_bytes(line: str | bytes) -> bytes:
    try:
        raw = line.encode("utf-8") if isinstance(line, str) else line
        if len(raw) > MAX_LINE_BYTES:
            raise InvalidInput(
                f"the line is longer than {MAX_LINE_BYTES:,} bytes",
                rule=f"a line holds at most 1 MiB ({MAX_LINE_BYTES:,} bytes)",
            )
        raw.decode("utf-8")
    except UnicodeError as error:
        where = getattr(error, "start", 0) + 1
        raise InvalidInput(
            f"invalid UTF-8 at byte {where} of the line", rule="a line is UTF-8 text"
        ) from None
    return raw


def _decode(raw: bytes) -> AnyCommand:
    try:
        command: AnyCommand = _decoder.decode(raw)
    except msgspec.ValidationError as error:
        problem, field = split_validation_message(str(error))
        refusal = reworded(problem, field, _value_at(raw, field))
        if refusal is not None:
            raise refusal from error
        rule = "command type must be known" if field == "$.type" else "command schema"
        raise InvalidInput(problem, field=field, rule=rule) from error
    except msgspec.DecodeError as error:
        raise InvalidInput(f"malformed JSON: {error}", rule="one JSON object per line") from error
    return command


class _Object(dict[str, Any]):
    """A JSON object as read, remembering the first key it met twice."""

    duplicate: str | None = None


class _Tree:
    """A line parsed with its objects as ``_Object``; ``repeats`` says whether any object met
    a key twice (so that a line without one is not walked again to find where)."""

    def __init__(self, raw: bytes) -> None:
        self.repeats = False
        self.value: Any = json.loads(
            raw,
            object_pairs_hook=self._object,
            parse_int=str,
            parse_float=str,
            parse_constant=str,
        )

    def _object(self, pairs: list[tuple[str, Any]]) -> _Object:
        read = _Object(pairs)
        if len(read) != len(pairs):
            self.repeats = True
            read.duplicate = _first_repeated(key for key, _ in pairs)
        return read


def _first_repeated(keys: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    return None


def _parsed(raw: bytes) -> Any:
    """The line as plain JSON values; numbers stay text (never converted, so never slow)."""
    return _Tree(raw).value


def _refuse_duplicate_keys(raw: bytes) -> None:
    try:
        tree = _Tree(raw)
    except ValueError:
        return  # not JSON: msgspec names the fault
    except RecursionError:
        raise InvalidInput(
            "malformed JSON: nested too deeply", rule="one JSON object per line"
        ) from None
    path = _first_duplicate(tree.value, "$") if tree.repeats else None
    if path is not None:
        raise InvalidInput(
            f"the key {path.rpartition('.')[2]!r} appears more than once",
            field=path,
            rule="each key appears once in an object",
        )


def _first_duplicate(value: Any, path: str) -> str | None:
    if isinstance(value, _Object):
        if value.duplicate is not None:
            return f"{path}.{value.duplicate}"
        items = ((f"{path}.{key}", item) for key, item in value.items())
    elif isinstance(value, list):
        items = ((f"{path}[{i}]", item) for i, item in enumerate(value))
    else:
        return None
    for inner_path, item in items:
        found = _first_duplicate(item, inner_path)
        if found is not None:
            return found
    return None


def _value_at(raw: bytes, path: str) -> object:
    """What the line holds at a JSON path such as ``$.results[2].actual`` (None if nothing)."""
    try:
        value: Any = _parsed(raw)
    except (ValueError, RecursionError):
        return None
    for key, index in _STEP.findall(path.removeprefix("$")):
        if key and isinstance(value, dict):
            value = value.get(key)
        elif index and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
        else:
            return None
    return value


def _already_normal(raw: bytes) -> bool:
    """Whether every string of the line is NFC already: the text is NFC and holds no
    ``\\u`` escape (an escaped character is only seen once decoded). A JSON string's
    quotes compose with nothing, so NFC text means NFC strings."""
    return b"\\u" not in raw and unicodedata.is_normalized("NFC", raw.decode("utf-8"))


def normalised(value: T) -> T:
    """``value`` with every string in it normalised to Unicode NFC."""
    result: Any
    if isinstance(value, str):
        result = unicodedata.normalize("NFC", value)
    elif isinstance(value, tuple):
        result = tuple(normalised(item) for item in value)
    elif isinstance(value, msgspec.Struct):
        changes = {name: normalised(getattr(value, name)) for name in value.__struct_fields__}
        result = msgspec.structs.replace(value, **changes)
    else:
        result = value
    return result  # type: ignore[no-any-return]
