"""Home's grid of keys, laid out as text: the same columns a grid of Rich's Table
drew (what it replaced), by cell width, so Chinese lines up too."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from companion.core.keys import default_keys
from companion.system.i18n import Strings
from companion.ui.actions import ACTIONS
from companion.ui.widgets.columns import key_grid


def table_grid(pairs: list[tuple[str, str]], across: int = 2) -> Table:
    """The Table layout key_grid used to build, column by column."""
    down = -(-len(pairs) // across) if pairs else 0
    table = Table.grid(padding=(0, 1))
    for _ in range(across * 2):
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


def drawn(renderable: object, width: int = 100) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    with console.capture():
        console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("across", [1, 2, 3])
def test_the_keys_line_up_as_the_table_drew_them(lang: str, across: int) -> None:
    t = Strings(lang)
    ids = [a.id for a in ACTIONS if a.on_home]
    pairs = [(default_keys(i)[0], t(f"keys.{i}")) for i in ids]
    assert drawn(key_grid(pairs, across)) == drawn(table_grid(pairs, across))


def test_odd_counts_wide_keys_and_nothing() -> None:
    pairs = [("ctrl+shift+x", "退款"), ("a", "a much longer label"), ("中", "x")]
    assert drawn(key_grid(pairs)) == drawn(table_grid(pairs))
    assert drawn(key_grid([])) == drawn(table_grid([])) == []


def test_keys_are_bold_and_labels_plain() -> None:
    grid = key_grid([("j", "Journal"), ("s", "Settings")])
    bold = [grid.plain[s.start : s.end] for s in grid.spans if s.style == "bold"]
    assert bold == ["j", "s"]
