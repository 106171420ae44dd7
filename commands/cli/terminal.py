"""The one place that makes recorded text safe for a terminal.

Recorded text (names, ids, narratives) is data, never instructions to the terminal: rich's
markup (``[/]``, ``[link=...]``), emoji codes and highlighting are not interpreted, and control
characters and bidirectional overrides are shown as visible escapes (``\\x1b``, ``\\u202e``).
Styled output is built with ``styled()`` (a rich ``Text`` with a style argument), never with
markup strings.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console, JustifyMethod, OverflowMethod
from rich.style import Style
from rich.text import Text

__all__ = [
    "EXIT_BROKEN_PIPE",
    "SafeConsole",
    "escape_controls",
    "escape_json",
    "safe_line",
    "styled",
]

# C0 except tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What JSON encoders leave raw (they escape only C0 and the quote and backslash).
_JSON_CONTROLS = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# What a shell reports for a process ended by SIGPIPE: the reader went away, nothing failed.
EXIT_BROKEN_PIPE = 141
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    found = match.group()
    if found in _NAMED:
        return _NAMED[found]
    code = ord(found)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with control characters (but tab and newline) and bidi controls made visible.

    >>> escape_controls("a\\x1b[2Jb\\u202ec\\nd")
    'a\\\\x1b[2Jb\\\\u202ec\\nd'
    """
    return _CONTROLS.sub(_visible, text)


def escape_json(document: str) -> str:
    """A JSON document with DEL, C1 and bidi controls written as ``\\uXXXX`` escapes (the
    same value to a JSON reader; nothing a terminal acts on). Requires valid JSON, in which
    such characters can only be inside strings.

    >>> escape_json('["\u202eabc"]')
    '["\\\\u202eabc"]'
    """
    return _JSON_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def safe_line(text: object) -> str:
    """``text`` as one safe line for ``click.echo`` and error messages: every control
    character, newlines included, is shown as an escape.

    >>> safe_line("no\\nsuch [red]unit[/red]")
    'no\\\\nsuch [red]unit[/red]'
    """
    return _LINE_CONTROLS.sub(_visible, str(text))


def styled(text: str, style: str | Style = "") -> Text:
    """A styled piece of output whose text is shown as it is (controls escaped)."""
    return Text(escape_controls(text), style=style)


class SafeConsole(Console):
    """A rich Console that never interprets markup, emoji codes or highlighting in strings
    and escapes control characters, wherever a string is turned into text (``print``,
    table cells and titles, rules).

    Its width (what ``commands.cli.tables.fit`` fits tables to) is rich's: ``COLUMNS`` when
    set, else the width of the first of stdin, stdout and stderr that is a terminal (so
    ``ledger scores | less`` gets the terminal's), else 80: what a pipe or a file gets from
    a script, a CI job or cron.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        kwargs.setdefault("highlight", False)
        super().__init__(**kwargs)

    def on_broken_pipe(self) -> None:
        """The reader went away (``ledger history X | head -1``): stop quietly."""
        self.quiet = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(EXIT_BROKEN_PIPE)

    def render_str(
        self,
        text: str,
        *,
        style: str | Style = "",
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        highlighter: Callable[[str | Text], Text] | None = None,
    ) -> Text:
        return Text(
            escape_controls(text),
            style=style,
            justify=justify,
            overflow=overflow,
        )
