"""Two aligned columns of plain text (keys and what they do, labels and figures).

Rich measures cell widths, so Chinese (two cells a character) lines up; every cell is
a Text object, so nothing in it is read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text


def two_columns(
    rows: Iterable[tuple[str, str]], left_style: str = "bold", header: tuple[str, str] | None = None
) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    if header:
        table.add_row(Text(header[0], style="dim"), Text(header[1], style="dim"))
    for left, right in rows:
        table.add_row(Text(left, style=left_style), Text(right))
    return table
