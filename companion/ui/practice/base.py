"""What every practice tool shares: a title from the room's list, Esc to go back, and
the app's Practice service."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Static
from textual.widgets.option_list import Option

from companion.services.practice import Practice
from companion.ui.shell.base import CompanionScreen
from companion.ui.widgets.prose import Paragraph, Prose

BACK = Binding("escape", "app.pop_screen", "keys.back", id="practice_back")


class PracticeTool(CompanionScreen):
    private = True  # it shows or keeps journal writing
    TOOL: ClassVar[str] = ""  # practice.room.<TOOL> is the title
    BINDINGS: ClassVar[list[BindingType]] = [BACK]

    @property
    def practice(self) -> Practice:
        return self.companion.services.practice

    def title_widget(self) -> Static:
        return Paragraph(self.t(f"practice.room.{self.TOOL}"), classes="page-title", markup=False)


def spaced(options: Iterable[Option]) -> list[Option | None]:
    """Options with a divider between each (None is OptionList's divider); indices of the
    options themselves are unchanged."""
    out: list[Option | None] = []
    for option in options:
        if out:
            out.append(None)
        out.append(option)
    return out


def beside(rows: Iterable[tuple[RenderableType, RenderableType]], gap: int = 2) -> Table:
    """Short labels (a number, a letter, "Customer") beside text that wraps under itself.

    Putting the label in its own column matters for Chinese: a run of Chinese has no
    spaces, so after a label on the same line it would start on a line of its own.
    """
    table = Table.grid(padding=(0, gap), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for label, body in rows:
        table.add_row(label, Prose(body) if isinstance(body, (Text, str)) else body)
    return table
