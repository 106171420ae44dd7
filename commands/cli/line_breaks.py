"""Text that wraps where a reader expects a line to break, Thai included.

rich wraps at spaces and folds a word wider than the line at any character. Thai is written
without spaces between words, so rich folds a Thai title inside a word ("...ราชก" / "าร").
``BreakingText`` wraps a line holding other than ASCII at the line-break opportunities ICU
finds (UAX #14 with its Thai dictionary: what browsers, and Pango in the PDF reports, do),
keeping ASCII runs whole between spaces as rich does (an id such as GRP-ANDAMAN/2557 is not
broken at its hyphen), and folds inside a word only when the word is wider than the line.
ICU (icu4py) is imported the first time such a line is measured or is wider than its line.
Widths are rich's ``cell_len`` (Thai combining marks take no cell).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod, RenderableType
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

__all__ = ["BreakingText", "breaking"]

# rich's words: a run of non-space with the spaces around it (rich._wrap.re_word).
_WORD = re.compile(r"\s*\S+\s*")


class BreakingText(Text):
    """A ``Text`` that wraps at ICU's line-break opportunities and measures its minimum
    width as its widest unbreakable segment."""

    @classmethod
    def of(cls, text: Text) -> BreakingText:
        """``text`` (its characters, styles and settings) as a ``BreakingText``."""
        return cls(
            text.plain,
            text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
            spans=list(text.spans),
        )

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        """rich's ``Text.wrap`` (as of rich 15) with each line divided by ``_breaks``."""
        picked = no_wrap if no_wrap is not None else self.no_wrap
        if self.plain.isascii() or picked or overflow == "ignore":
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            divided = line.divide(_breaks(line.plain, width, fold=wrap_overflow == "fold"))
            for piece in divided:
                piece.rstrip_end(width)
            if wrap_justify:
                divided.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in divided:
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(divided)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        measured = super().__rich_measure__(console, options)
        if self.plain.isascii():
            return measured
        words = [w for line in self.plain.split("\n") for w in _words(line)]
        widest = max((cell_len(w.strip()) for w in words), default=measured.maximum)
        return Measurement(widest, measured.maximum)


def breaking(console: Console, cell: RenderableType) -> RenderableType:
    """``cell`` as a ``BreakingText`` when it is a string (made text as ``console`` makes
    it: ``SafeConsole`` escapes controls) or a ``Text``; any other renderable as it is."""
    if isinstance(cell, str):
        cell = console.render_str(cell, highlight=False)
    if isinstance(cell, Text) and not isinstance(cell, BreakingText):
        return BreakingText.of(cell)
    return cell


def _breaks(line: str, width: int, *, fold: bool) -> list[int]:
    """Where to break ``line`` to fit ``width`` cells: rich's ``divide_line`` over ``_words``."""
    if cell_len(line) <= width:
        return []
    breaks: list[int] = []
    used = start = 0
    for word in _words(line):
        end, body = start + len(word), word.rstrip()
        length = cell_len(body)
        if width - used >= length:
            used += cell_len(word)
        elif length > width:  # wider than any line: folded, or cropped by the caller
            pieces = chop_cells(body, width) if fold else [body]
            for piece in pieces:
                if start:
                    breaks.append(start)
                start += len(piece)
            # Its spaces stay at the end of its last line (rich's would start the next).
            used = cell_len(pieces[-1]) + cell_len(word) - cell_len(body)
        elif used and start:
            breaks.append(start)
            used = cell_len(word)
        start = end
    return breaks


def _words(line: str) -> list[str]:
    """``line`` in pieces that are never broken, each with its trailing spaces: rich's
    words for ASCII; else ICU's segments, rejoined where ICU would break between two ASCII
    characters other than after a space (inside an id, a date or a hyphenated word)."""
    if line.isascii():
        return _WORD.findall(line)
    words: list[str] = []
    for segment in _segments(line):
        before = words[-1][-1] if words else " "
        if before.isascii() and not before.isspace() and segment[0].isascii():
            words[-1] += segment
        else:
            words.append(segment)
    return words


@lru_cache(maxsize=4096)
def _segments(line: str) -> tuple[str, ...]:
    """ICU's line-break segments of ``line`` (each ends at a break opportunity)."""
    from icu4py.breakers import LineBreaker  # here: --help and English output never load ICU

    return tuple(LineBreaker(line, "th"))
