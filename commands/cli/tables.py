"""Tables that fit the terminal they are printed on, without cutting what a reader copies.

rich, given a table wider than the terminal, narrows every column alike and cuts words
with "…": a number, a date or an id loses its end. Here a column is never made narrower
than its longest word (a number, an id, a date's day or time), except a prose column (a
title, a narrative: made with ``prose=True``), which may fold inside a word down to
``PROSE_MIN`` cells. When even that does not fit, each row is stacked: one label and value
per line. A pipe gets 80 columns unless ``COLUMNS`` says otherwise (see ``SafeConsole``).

Prose, titles and captions, and every label and value of stacked rows, wrap between words in
Thai too (``commands.cli.line_breaks``): rich alone folds a Thai title at any character.
"""

from __future__ import annotations

from rich.console import Console, JustifyMethod, RenderableType
from rich.measure import Measurement
from rich.style import Style, StyleType
from rich.table import Column, Table
from rich.text import Text, TextType

from commands.cli.line_breaks import BreakingText, breaking

__all__ = ["PROSE_MIN", "column", "fit"]

# The narrowest a prose column is made: a word or two of a title per line.
PROSE_MIN = 12
# How narrow a prose column is made before the other columns wrap.
PROSE_COMFORT = 20
# Measuring as if the terminal were this wide gives each cell's natural width.
_UNBOUNDED = 10_000


def column(header: str, *, right: bool = False, prose: bool = False) -> Column:
    """A column for ``Table(*columns)``; ``prose`` marks text that may fold inside a word.

    Every column folds rather than cutting with "…"; ``fit`` keeps the others at least as
    wide as their longest word, so only prose ever folds.
    """
    justify: JustifyMethod = "right" if right else "left"
    return Column(header, justify=justify, overflow="fold", min_width=PROSE_MIN if prose else None)


def _range(console: Console, col: Column) -> Measurement:
    options = console.options.update_width(_UNBOUNDED)
    found = [Measurement.get(console, options, cell) for cell in (col.header, *col.cells)]
    return Measurement(max(m.minimum for m in found), max(m.maximum for m in found))


def fit(console: Console, *layouts: Table) -> RenderableType:
    """The first of ``layouts`` (the same rows, fewer or merged columns in each next one)
    whose columns fit ``console.width`` with prose at least ``PROSE_COMFORT`` wide, else
    the first that fits with prose folded narrower, its column widths set; else the last
    one's rows stacked. Requires tables with the default padding (one cell each side) and
    columns made with ``column``. Prose cells that are strings or ``Text``, and a string or
    ``Text`` title and caption, become ``BreakingText`` (Thai wraps between words).
    """
    for prose_floor in (PROSE_COMFORT, PROSE_MIN):
        for table in layouts:
            if _fitted(table, console, prose_floor):
                return _breaking(console, table)
    return stacked(console, layouts[-1])


def _breaking(console: Console, table: Table, *, every_column: bool = False) -> Table:
    """``table`` with its prose cells (with ``every_column``, every header and cell), title
    and caption made ``BreakingText``, the title and caption styled as rich styles them."""
    for col in table.columns:
        if every_column or col.min_width is not None:
            col._cells[:] = [breaking(console, cell) for cell in col._cells]
        if every_column:
            col.header = breaking(console, col.header)
    table.title = _annotation(console, table.title, table.title_style, "table.title")
    table.caption = _annotation(console, table.caption, table.caption_style, "table.caption")
    return table


def _annotation(
    console: Console, text: TextType | None, style: StyleType | None, default: str
) -> TextType | None:
    if isinstance(text, str) and text:
        text = console.render_str(text, style=Style.pick_first(style, default), highlight=False)
    return BreakingText.of(text) if isinstance(text, Text) else text


def _fitted(table: Table, console: Console, prose_floor: int) -> bool:
    """Set ``table``'s column widths to fit ``console.width`` without narrowing a column
    that is not prose below its longest word, nor prose below ``prose_floor``; False when
    that cannot be done."""
    columns = table.columns
    _, right, _, left = table.padding
    borders = ((2 if table.show_edge else 0) + len(columns) - 1) if table.box else 0
    room = console.width - borders - (left + right) * len(columns)
    ranges = [_range(console, c) for c in columns]
    widths = [r.maximum for r in ranges]
    if sum(max(w, c.min_width or 0) for w, c in zip(widths, columns, strict=True)) <= room:
        # Prose at the width rich would give it, so that rich does not measure it again
        # (a Thai cell's narrowest would load ICU, for a cell that is not wrapped).
        for col, width in zip(columns, widths, strict=True):
            if col.min_width is not None:
                col.width = max(width, col.min_width)
        return True
    floors = [
        min(prose_floor, r.maximum) if c.min_width is not None else r.minimum
        for c, r in zip(columns, ranges, strict=True)
    ]
    if sum(floors) > room:
        return False
    prose = [c.min_width is not None for c in columns]
    # Prose gives first, down to a comfortable width; then the others wrap at their spaces
    # (a date under its time); then prose folds down to its floor.
    stages = (
        [max(f, PROSE_COMFORT) if p else w for f, w, p in zip(floors, widths, prose, strict=True)],
        [max(f, PROSE_COMFORT) if p else f for f, p in zip(floors, prose, strict=True)],
        floors,
    )
    for stage in stages:
        _level(widths, stage, room)
    for col, width in zip(columns, widths, strict=True):
        col.width = width
    return True


def _level(widths: list[int], floors: list[int], room: int) -> None:
    """Narrow the widest column still above its floor, a cell at a time, until ``widths``
    fit ``room`` or every column is at its floor: the others keep their shape longest."""
    while sum(widths) > room:
        above = [i for i, w in enumerate(widths) if w > floors[i]]
        if not above:
            return
        widths[max(above, key=lambda i: widths[i])] -= 1


def stacked(console: Console, table: Table) -> Table:
    """``table``'s rows one below the other, each a grid of header and value, the title and
    caption kept: what a terminal too narrow for the columns side by side gets. Labels and
    values wrap between words, Thai too."""
    columns = _breaking(console, table, every_column=True).columns
    outer = Table(
        title=table.title,
        title_justify=table.title_justify,
        caption=table.caption,
        caption_justify=table.caption_justify,
        show_header=False,
        show_lines=True,
    )
    outer.add_column(overflow="fold")
    for row in zip(*(c.cells for c in columns), strict=True):
        grid = Table.grid(padding=(0, 1))
        grid.add_column(overflow="fold", max_width=24)
        grid.add_column(overflow="fold")
        for col, cell in zip(columns, row, strict=True):
            grid.add_row(col.header, cell)
        outer.add_row(grid)
    return outer
