"""`ledger schema` as a user runs it: the command types in a table that fits 80 columns, each
type's JSON Schema, the reference docs/COMMANDS.md, and one line for a type that does not
exist (issue 18, point 4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
from rich.cells import cell_len

from commands.cli.command_reference import COMMAND_TYPES, all_schemas, schema_of
from tests.cli import ledger

COMMANDS_MD = Path(__file__).parents[2] / "docs" / "COMMANDS.md"


def as_json(schema: dict[str, Any]) -> Any:
    """``schema`` as a JSON reader sees it (a default of ``()`` is ``[]``)."""
    return json.loads(msgspec.json.encode(schema))


def test_the_types_are_listed_with_what_each_does_within_80_columns() -> None:
    for columns in ("80", "120"):
        shown = ledger("schema", env={"COLUMNS": columns})
        assert shown.returncode == 0, shown.stderr
        lines = shown.stdout.splitlines()
        assert all(cell_len(line) <= int(columns) for line in lines)
        assert "What it does / ใช้ทำอะไร" in shown.stdout
        listed = [line.split("│")[1].strip() for line in lines if line.startswith("│ ")]
        assert [name for name in listed if name] == list(COMMAND_TYPES)
        assert "Propose a KPI for a draft agreement" in shown.stdout


def test_a_type_prints_its_json_schema() -> None:
    shown = ledger("schema", "request_change")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == as_json(schema_of("request_change"))
    assert "RequestChange" in json.loads(shown.stdout)["$defs"]


def test_json_prints_the_schema_of_any_command() -> None:
    shown = ledger("schema", "--json")
    assert shown.returncode == 0, shown.stderr
    printed = json.loads(shown.stdout)
    assert printed == as_json(all_schemas())
    assert {c.__name__ for c in COMMAND_TYPES.values()} <= set(printed["$defs"])


def test_markdown_prints_the_committed_reference() -> None:
    shown = ledger("schema", "--markdown")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == COMMANDS_MD.read_text(encoding="utf-8")


def test_an_unknown_type_is_one_line_naming_the_closest_type() -> None:
    refused = ledger("schema", "sign_agrement")
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr.splitlines() == [
        "error: not-found: command type 'sign_agrement' not found (did you mean "
        "'sign_agreement'?); field: TYPE; rule: a type `ledger schema` lists; "
        "กฎ: ประเภทคำสั่งที่ `ledger schema` แสดงไว้"
    ]


def test_markdown_with_a_type_is_a_usage_error() -> None:
    refused = ledger("schema", "--markdown", "file_sar")
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert "give no TYPE" in refused.stderr
