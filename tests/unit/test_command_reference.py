"""The command reference says what decoding enforces, with one real example per command, and
the committed docs/COMMANDS.md is exactly what the command types generate (issue 18, point 4)."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path
from typing import get_args

import msgspec
import pytest

from commands.cli import command_reference
from commands.cli.command_examples import examples
from commands.cli.command_reference import (
    COMMAND_TYPES,
    command_type,
    markdown,
    schema_of,
    summary,
)
from commands.cli.demo import demo_lines
from commands.decoding import decode_command
from commands.messages import AnyCommand
from ledger.errors import NotFound, exit_code_for

COMMANDS_MD = Path(__file__).parents[2] / "docs" / "COMMANDS.md"
REGENERATE = "ledger schema --markdown > docs/COMMANDS.md"
JSON_BLOCK = re.compile(r"^```json\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def section(text: str, tag: str) -> str:
    start = text.index(f"\n## `{tag}`\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def test_the_committed_reference_is_what_the_command_types_generate() -> None:
    assert COMMANDS_MD.read_text(encoding="utf-8") == markdown(), f"run: {REGENERATE}"


def test_every_command_type_is_listed_once_in_the_order_of_any_command() -> None:
    assert list(COMMAND_TYPES.values()) == list(get_args(AnyCommand))
    assert len(COMMAND_TYPES) == len(get_args(AnyCommand))


@pytest.mark.parametrize("tag", list(COMMAND_TYPES))
def test_every_command_says_in_one_sentence_what_it_does(tag: str) -> None:
    said = summary(COMMAND_TYPES[tag])
    assert said.endswith(".")
    assert "\n" not in said
    assert "``" not in said
    assert 20 < len(said) < 200


@pytest.mark.parametrize("tag", list(COMMAND_TYPES))
def test_every_example_decodes_as_its_own_type(tag: str) -> None:
    example = examples()[tag]
    assert type(decode_command(example.line)) is COMMAND_TYPES[tag]


def test_the_examples_the_demo_sends_are_its_first_line_of_each_type() -> None:
    first: dict[str, str] = {}
    for line in demo_lines():
        first.setdefault(json.loads(line)["type"], line)
    shown = examples()
    assert first  # the demo sends commands, and each is shown as sent
    for tag, line in first.items():
        assert shown[tag].line == line
        assert "ledger demo --emit" in shown[tag].source
    assert all("ledger demo --emit" not in shown[tag].source for tag in set(shown) - set(first))


def test_every_json_block_of_the_reference_decodes_as_the_command_of_its_section() -> None:
    text = markdown()
    for tag in COMMAND_TYPES:
        (block,) = JSON_BLOCK.findall(section(text, tag))
        assert type(decode_command(json.dumps(json.loads(block)))) is COMMAND_TYPES[tag]


@pytest.mark.parametrize("tag", list(COMMAND_TYPES))
def test_each_section_has_a_row_for_every_field_with_whether_it_is_required(tag: str) -> None:
    command = COMMAND_TYPES[tag]
    rows = {
        row.split(" | ")[0].strip("| `"): row
        for row in section(markdown(), tag).splitlines()
        if row.startswith("| `")
    }
    fields = msgspec.structs.fields(command)
    assert set(rows) == {"type", *(f.encode_name for f in fields)}
    for field in fields:
        required = field.required
        assert rows[field.encode_name].split(" | ")[2].startswith("yes" if required else "no")


def test_bounds_and_defaults_from_the_schema_are_in_the_tables() -> None:
    text = markdown()
    assert "| `fiscal_year` | integer | yes | 1000 ≤ value ≤ 9999 |" in section(
        text, "open_agreement"
    )
    assert '| `channel` | one of `"e-sar"`, `"paper"` | no (default `"e-sar"`) |' in section(
        text, "file_sar"
    )
    assert "| `actor` | [Actor](#actor) | yes |" in section(text, "register_unit")
    assert "\n### Actor\n" in text


def test_a_schema_is_the_json_schema_msgspec_makes_of_the_type() -> None:
    made = schema_of("propose_kpi")
    assert made == msgspec.json.schema(COMMAND_TYPES["propose_kpi"])
    definition = made["$defs"]["ProposeKpi"]
    assert definition["properties"]["type"] == {"enum": ["propose_kpi"]}
    assert "weight" in definition["required"]
    assert definition["additionalProperties"] is False


def test_an_unknown_type_is_not_found_with_the_closest_types_suggested() -> None:
    with pytest.raises(NotFound) as raised:
        command_type("propose_kip")
    assert "(did you mean 'propose_kpi'?)" in raised.value.message
    assert raised.value.field == "TYPE"
    assert exit_code_for(raised.value) == 1


def test_an_unknown_type_like_no_other_suggests_nothing() -> None:
    with pytest.raises(NotFound) as raised:
        command_type("zzzz")
    assert "did you mean" not in raised.value.message


def test_the_modules_examples_run() -> None:
    assert doctest.testmod(command_reference).failed == 0
