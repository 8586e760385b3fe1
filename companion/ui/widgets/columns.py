"""Two aligned columns of plain text (keys and what they do, labels and figures).

Rich measures cell widths, so Chinese (two cells a character) lines up; every cell is
a Text object (the right-hand one wrapped as Prose), so nothing in it is read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def key_grid(rows: Iterable[tuple[str, str]], across: int = 2) -> Table:
    """Keys and what they do, ``across`` pairs to a line, filled down each column first
    (so the list still reads top to bottom) and aligned in every column."""
    pairs = list(rows)
    down = -(-len(pairs) // across) if pairs else 0
    table = Table.grid(padding=(0, 1))
    for _ in range(across):
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
    for line in range(down):
        cells: list[Text] = []
        for column in range(across):
            index = column * down + line
            key, label = pairs[index] if index < len(pairs) else ("", "")
            spacer = "   " if column < across - 1 and key else ""
            cells += [Text(key, style="bold"), Text(label + spacer)]
        table.add_row(*cells)
    return table
