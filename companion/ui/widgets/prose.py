"""Wrapped text that follows the one Chinese line-breaking rule readers notice most:
a line never starts with closing punctuation (，。、；：！？ and closing quotes).

Rich and Textual fold a run of Chinese at the cell width, wherever that falls, so a
comma can open a line. Here the character before it moves down with it, and any
overflow flows on to the next line. English text is unaffected.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import Static

NO_LINE_START = set("，。、；：！？）》」』】”’…,.;:!?)")


def _fits(plain: str, width: int) -> int:
    """How many characters of ``plain`` fit in ``width`` cells (at least one)."""
    keep = len(plain)
    while keep > 1 and cell_len(plain[:keep]) > width:
        keep -= 1
    return keep


def reflow(lines: list[Text], width: int) -> list[Text]:
    """Lines of one paragraph, moved so that none starts with closing punctuation."""
    lines = list(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        if cell_len(line.plain) > width:  # a character was carried in: pass the tail on
            keep = _fits(line.plain, width)
            tail, lines[index] = line[keep:], line[:keep]
            if index + 1 < len(lines):
                lines[index + 1] = tail + lines[index + 1]
            else:
                lines.append(tail)
        following = index + 1 < len(lines)
        while following and lines[index + 1].plain[:1] in NO_LINE_START:
            if len(lines[index].plain) <= 1:
                break
            cut = len(lines[index].plain) - 1
            lines[index + 1] = lines[index][cut:] + lines[index + 1]
            lines[index] = lines[index][:cut]
        index += 1
    return lines


class Prose:
    """A Text rendered with ``reflow`` applied to each paragraph."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        out: list[Text] = []
        for paragraph in self.text.split("\n", allow_blank=True):
            wrapped = (
                paragraph.wrap(console, width, overflow="fold") if paragraph.plain else [paragraph]
            )
            out.extend(reflow(list(wrapped), width))
        yield Text("\n").join(out)


class Paragraph(Static):
    """A Static for a sentence or two of user-facing text, wrapped as Prose (never as
    markup). ``markup`` is accepted, and ignored, so it can stand in for Static."""

    def __init__(
        self,
        text: Text | str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
        markup: bool = False,
    ) -> None:
        super().__init__(Prose(text), id=id, classes=classes, markup=False)

    def show(self, text: Text | str) -> None:
        self.update(Prose(text))
