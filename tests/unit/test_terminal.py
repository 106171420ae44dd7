"""Recorded text reaches the terminal as text: no markup, no control sequences."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from rich.table import Table

from commands.cli.render import format_number
from commands.cli.terminal import SafeConsole, escape_controls, escape_json, safe_line, styled

HOSTILE = "[/] [bold]x [link=file:///etc/passwd]x[/link] :smile: \x1b[2J\x1b]0;pwned\x07 \u202ee"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def _printed(*renderables: object) -> str:
    out = io.StringIO()
    console = SafeConsole(file=out, force_terminal=True, width=200, color_system=None)
    console.print(*renderables)
    return out.getvalue()


def test_markup_in_recorded_text_is_printed_as_it_is_and_never_raises() -> None:
    printed = _printed(HOSTILE)
    assert "[/] [bold]x [link=file:///etc/passwd]x[/link] :smile:" in printed
    assert "\\x1b[2J\\x1b]0;pwned\\x07 \\u202ee" in printed


def test_table_cells_titles_and_rules_are_escaped_too() -> None:
    table = Table(title=HOSTILE)
    table.add_column(HOSTILE)
    table.add_row(HOSTILE)
    printed = _printed(table, styled(HOSTILE, "bold"))
    out = io.StringIO()
    SafeConsole(file=out, width=200).rule(HOSTILE)
    for raw in RAW:
        assert raw not in printed + out.getvalue()
    assert printed.count("[link=file:///etc/passwd]") == 4


@given(st.text())
def test_no_control_character_survives_escaping(text: str) -> None:
    escaped = escape_controls(text)
    line = safe_line(text)
    for code in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        if chr(code) not in "\n\t":
            assert chr(code) not in escaped
        assert chr(code) not in line or chr(code) == "\t"


@given(st.lists(st.text()))
def test_escaped_json_reads_back_as_the_same_value(values: list[str]) -> None:
    document = escape_json(json.dumps(values, ensure_ascii=False))
    assert json.loads(document) == values
    assert not any(raw in document for raw in ("\u202e", "\x9b", "\x7f"))


def test_numbers_beyond_the_bounds_fall_back_to_scientific_notation() -> None:
    assert format_number(Decimal("1e1000000")) == "1e+1000000"
    assert format_number(Decimal("-1E-999999999")) == "-1e-999999999"
    assert format_number(Decimal("999999999999999.9999999999999")) == (
        "999999999999999.9999999999999"
    )
    assert format_number(Decimal("0.0000000000000000000000000001")) == (
        "0.0000000000000000000000000001"
    )
    assert format_number(Decimal("NaN")) == "NaN"
    assert format_number(None) == "—"
