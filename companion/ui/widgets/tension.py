"""A 0-10 "how tense are you" scale (SUDS), answered with one or two digit keys.

Typing 1 then 0 within a moment gives 10; any other digit is that number. A click on
a number works too. It is always optional: nothing picked means no rating. A rating
given posts ``TensionScale.Rated`` (the app may answer a heavy one by setting ``note``,
one quiet line shown under the numbers).
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from companion.ui.widgets.prose import Prose

TOP = 10
CELL = 4  # " 10 " — every number gets the same width
WIDTH = CELL * (TOP + 1)
TEN_WINDOW = 1.5  # seconds in which "1" then "0" reads as 10


def typed_value(current: int | None, digit: int, since_last: float | None) -> int:
    """The value after typing ``digit``, ``since_last`` seconds after the previous one."""
    if digit == 0 and current == 1 and since_last is not None and since_last <= TEN_WINDOW:
        return TOP
    return digit


class TensionScale(Widget):
    COMPONENT_CLASSES = {"tension-scale--chosen"}
    DEFAULT_CSS = """
    TensionScale {
        height: 1;
        width: 44;  /* WIDTH */
        color: $text-muted;
    }
    TensionScale > .tension-scale--chosen {
        background: $accent;
        color: $text;
        text-style: bold;
    }
    """

    class Rated(Message):
        """A rating was given (typed or clicked)."""

        def __init__(self, scale: TensionScale, value: int) -> None:
            super().__init__()
            self.scale, self.value = scale, value

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.value: int | None = None
        self._typed_at: float | None = None
        self._note = ""

    @property
    def note(self) -> str:
        return self._note

    @note.setter
    def note(self, text: str) -> None:
        """One line under the numbers (set by the app; never markup)."""
        self._note = text
        self.styles.height = 1 + len(self._note_lines()) if text else 1
        self.refresh(layout=True)

    def _note_lines(self) -> list[Text]:
        """The note wrapped to the scale's width (its height is set from them)."""
        console = Console(width=WIDTH, file=io.StringIO())
        lines = console.render_lines(Prose(Text(self._note, style="italic")), pad=False)
        return [Text.assemble(*((s.text, s.style) for s in line)) for line in lines]

    def type_digit(self, digit: int, now: float) -> int:
        since = None if self._typed_at is None else now - self._typed_at
        self._typed_at = now
        return self.choose(typed_value(self.value, digit, since))

    def choose(self, value: int | None) -> int | None:
        self.value = value
        self.refresh()
        if value is not None:
            self.post_message(self.Rated(self, value))
        return value

    def on_click(self, event: events.Click) -> None:
        number = event.x // CELL
        if 0 <= number <= TOP:
            self.choose(number)

    def render(self) -> RenderableType:
        chosen = self.get_component_rich_style("tension-scale--chosen")
        text = Text(no_wrap=True, end="")
        for number in range(TOP + 1):
            text.append(f"{number:^{CELL}}", style=chosen if number == self.value else "")
        if not self._note:
            return text
        text.end = "\n"
        return Group(text, *self._note_lines())
