"""Bad JSON input is refused with the field and the rule named; good input is normalised."""

from __future__ import annotations

import unicodedata

import msgspec
import pytest

from commands.decoding import decode_command
from commands.messages import RegisterUnit
from ledger.errors import InvalidInput

UNIT = {
    "type": "register_unit",
    "actor": {"id": "a", "role": "opdc"},
    "unit_id": "TH-81",
    "name_th": "จังหวัดกระบี่",
    "name_en": "Krabi",
    "level": "province",
}


def line(**changes: object) -> bytes:
    return msgspec.json.encode({**UNIT, **changes})


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        (b'{"type": "register_unit", ', None, "malformed JSON"),
        (b"[1, 2]", None, "Expected `object`"),
        (line(type="launch_rocket"), "$.type", "Invalid value 'launch_rocket'"),
        (
            msgspec.json.encode({k: v for k, v in UNIT.items() if k != "name_en"}),
            "$.name_en",
            "missing required field `name_en`",
        ),
        (line(colour="red"), "$.colour", "unknown field `colour`"),
        (line(level="planet"), "$.level", "Invalid enum value 'planet'"),
        (line(unit_id=81), "$.unit_id", "Expected `str`, got `int`"),
        (line(actor={"id": "a", "role": "king"}), "$.actor.role", "Invalid enum value 'king'"),
        (line(effective_at="2014-04-30T10:00:00"), "$.effective_at", "timezone"),
        (line(name_en=""), "$.name_en", "not a name: empty"),
    ],
)
def test_malformed_commands_name_the_field_and_rule(
    raw: bytes, field: str | None, words: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        decode_command(raw)
    assert words in refused.value.message
    if field is not None:
        assert refused.value.field == field
    assert refused.value.rule


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_non_finite_numbers_are_refused(value: str) -> None:
    command = {
        "type": "certify_scores",
        "actor": {"id": "a", "role": "opdc"},
        "agreement": "x/2557",
        "round_id": "12m",
    }
    kpi = {
        "type": "propose_kpi",
        "actor": {"id": "a", "role": "assessed_unit"},
        "agreement": "x/2557",
        "kpi_id": "k",
        "title_th": "ก",
        "title_en": "k",
        "component": "1",
        "unit_of_measure": "%",
        "direction": "higher",
        "weight": value,
    }
    decode_command(msgspec.json.encode(command))
    with pytest.raises(InvalidInput) as refused:
        decode_command(msgspec.json.encode(kpi))
    assert refused.value.field == "$.weight"
    assert "finite" in (refused.value.rule or "")


def test_thai_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "จังหวัดกระบี่ ํา")
    command = decode_command(line(name_th=decomposed))
    assert isinstance(command, RegisterUnit)
    assert command.name_th == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", command.name_th)
