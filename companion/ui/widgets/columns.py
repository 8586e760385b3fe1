"""Two aligned columns of plain text (keys and what they do, labels and figures).

Rich measures cell widths, so Chinese (two cells a character) lines up; every cell is
a Text object (the right-hand one wrapped as Prose), so nothing in it is read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from companion.ui.widgets.prose import Prose


def two_columns(
    rows: Iterable[tuple[str, str]], left_style: str = "bold", header: tuple[str, str] | None = None
) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    if header:
        table.add_row(Text(header[0], style="dim"), Text(header[1], style="dim"))
    for left, right in rows:
        table.add_row(Text(left, style=left_style), Prose(right))
    return table


def key_grid(rows: Iterable[tuple[str, str]], across: int = 2) -> Text:
    """Keys and what they do, ``across`` pairs to a line, filled down each column first
    (so the list still reads top to bottom) and aligned in every column (by cell width:
    Chinese takes two). Laid out here as one Text, as a grid of Rich's Table would lay
    it out (a space between columns), at a fraction of the cost: Home draws it before
    its first frame and again on each of its redraws."""
    pairs = list(rows)
    down = -(-len(pairs) // across) if pairs else 0
    columns = [pairs[c * down : (c + 1) * down] for c in range(across)]
    key_widths = [max((cell_len(k) for k, _ in column), default=0) for column in columns]
    label_widths = [max((cell_len(t) for _, t in column), default=0) for column in columns]
    grid = Text(no_wrap=True, overflow="ellipsis", end="")
    for line in range(down):
        if line:
            grid.append("\n")
        cells = [column[line] for column in columns if line < len(column)]
        for index, (key, label) in enumerate(cells):
            grid.append(key, style="bold")
            grid.append(" " * (key_widths[index] - cell_len(key) + 1))
            grid.append(label)
            if index < len(cells) - 1:  # the gap before the next pair
                grid.append(" " * (label_widths[index] - cell_len(label) + 4))
    return grid
