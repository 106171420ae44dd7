"""Turn one line of JSON into a command, or an InvalidInput that names the field and rule.

After msgspec has checked types and fields, every string is normalised to Unicode NFC (so Thai
text is stored in one canonical form) and every decimal must be finite.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any, TypeVar

import msgspec

from commands.messages import AnyCommand
from ledger.errors import InvalidInput
from ledger.validation import split_validation_message

__all__ = ["decode_command", "sanitise"]

_decoder = msgspec.json.Decoder(AnyCommand)
T = TypeVar("T")


def decode_command(line: str | bytes) -> AnyCommand:
    """Decode and sanitise one command; raises InvalidInput naming the JSON path at fault."""
    try:
        command: AnyCommand = _decoder.decode(line)
    except msgspec.ValidationError as error:
        problem, field = split_validation_message(str(error))
        rule = "command type must be known" if field == "$.type" else "command schema"
        raise InvalidInput(problem, field=field, rule=rule) from error
    except msgspec.DecodeError as error:
        raise InvalidInput(f"malformed JSON: {error}", rule="one JSON object per line") from error
    return sanitise(command)


def sanitise(value: T, path: str = "$") -> T:
    """NFC-normalise strings and refuse NaN or infinite decimals, anywhere in the value."""
    result: Any
    if isinstance(value, str):
        result = unicodedata.normalize("NFC", value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(
                f"{value} is not a finite number",
                field=path,
                rule="numbers must be finite (no NaN or infinity)",
            )
        result = value
    elif isinstance(value, tuple):
        result = tuple(sanitise(item, f"{path}[{i}]") for i, item in enumerate(value))
    elif isinstance(value, msgspec.Struct):
        changes = {
            name: sanitise(getattr(value, name), f"{path}.{name}")
            for name in value.__struct_fields__
        }
        result = msgspec.structs.replace(value, **changes)
    else:
        result = value
    return result  # type: ignore[no-any-return]
