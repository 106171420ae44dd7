"""The shell blocks of a Markdown document, and the one marker that may stand before one.

A block is a fenced code block whose info string is ``sh``, ``bash``, ``shell`` or
``console``. A ``console`` block is a session: only its ``$ `` lines are commands (with the
lines that continue them: after a trailing ``\\`` or inside an open quote); every other line
is output shown to the reader. A block is skipped only when the last non-blank line before its
fence is ``<!-- docs-test: skip (REASON) -->``; the reason is mandatory.

>>> text = "Try:\\n\\n```console\\n$ echo hi \\\\\\n    there\\nhi there\\n```\\n"
>>> [(block.line, block.language, block.script) for block in shell_blocks(text)]
[(3, 'console', 'echo hi \\\\\\n    there\\n')]
>>> marked = "<!-- docs-test: skip (needs sudo) -->\\n```sh\\nsudo true\\n```\\n"
>>> shell_blocks(marked)[0].skip
'needs sudo'
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

__all__ = ["LANGUAGES", "Block", "Marker", "markers", "shell_blocks"]

LANGUAGES = frozenset({"sh", "bash", "shell", "console"})

_FENCE = re.compile(r"^(?P<indent> *)(?P<ticks>`{3,})\s*(?P<info>[^`]*)$")
_MARKER = re.compile(r"^\s*<!--\s*docs-test:(?P<body>.*?)-->\s*$")
_SKIP = re.compile(r"^\s*skip\s*\((?P<reason>.*)\)\s*$")


@dataclass(frozen=True)
class Marker:
    """A ``<!-- docs-test: ... -->`` line: where it is, what it says, and whether it is valid."""

    line: int
    body: str

    @property
    def reason(self) -> str | None:
        """The skip's reason, or None when the marker is not ``skip (REASON)`` with a reason."""
        match = _SKIP.match(self.body)
        if match is None or not match["reason"].strip():
            return None
        return match["reason"].strip()


@dataclass(frozen=True)
class Block:
    """One shell block: the fence's line (1-based), its language, what runs, and any skip."""

    line: int
    language: str
    script: str
    skip: str | None
    marker: Marker | None


def markers(text: str) -> list[Marker]:
    """Every ``docs-test`` marker in ``text``, valid or not."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _MARKER.match(line)
        if match:
            found.append(Marker(number, match["body"].strip()))
    return found


def shell_blocks(text: str) -> list[Block]:
    """The shell blocks of ``text`` in document order (other fenced blocks are passed over)."""
    lines = text.splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, ticks = len(opening["indent"]), opening["ticks"]
        language = (opening["info"].split() or [""])[0].lower()
        body: list[str] = []
        index += 1
        while index < len(lines) and not _closes(lines[index], ticks):
            body.append(lines[index][indent:] if lines[index][:indent].isspace() else lines[index])
            index += 1
        fence_line = index - len(body)
        index += 1
        if language in LANGUAGES:
            marker = _marker_before(lines, fence_line - 1)
            script = _commands(body) if language == "console" else "\n".join(body) + "\n"
            skip = marker.reason if marker else None
            blocks.append(Block(fence_line, language, script, skip, marker))
    return blocks


def _closes(line: str, ticks: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(ticks) and not stripped.strip("`")


def _marker_before(lines: list[str], fence_index: int) -> Marker | None:
    """The marker on the last non-blank line before the fence at ``fence_index``, if any."""
    index = fence_index - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0:
        return None
    match = _MARKER.match(lines[index])
    return Marker(index + 1, match["body"].strip()) if match else None


def _commands(body: list[str]) -> str:
    """A console block's commands: each ``$ `` line and the lines that continue it."""
    commands: list[str] = []
    current: list[str] | None = None
    for line in body:
        if current is not None and _continues(current):
            current.append(line)
            continue
        if current is not None:
            commands.append("\n".join(current))
            current = None
        if line.startswith("$ "):
            current = [line[2:]]
    if current is not None:
        commands.append("\n".join(current))
    return "".join(command + "\n" for command in commands)


def _continues(command: list[str]) -> bool:
    """Whether the command so far goes on: a trailing backslash, or a quote still open."""
    text = "\n".join(command)
    if text.endswith("\\"):
        return True
    try:
        shlex.split(text, comments=True)
    except ValueError:
        return True
    return False
