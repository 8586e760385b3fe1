"""Wrapped text that follows the Chinese line-breaking rules readers notice most:

- Chinese breaks between any two characters (Rich and Textual break only at spaces, so a
  long run of Chinese after a space jumps to the next line whole, leaving a gap);
- no line starts with closing punctuation (，。、；：！？）」』” …), none ends with
  opening punctuation (（「『“《);
- a number stays with the measure word after it (``推迟了 3`` / ``次`` never happens:
  ``3 次`` moves down together).

English (and any text with spaces) wraps at spaces as before. ``Paragraph`` is the
Static to show prose with; ``Prose`` the renderable, for tables and other places.
"""

from __future__ import annotations

import unicodedata
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import Static

NO_LINE_START = set("，。、；：！？）》」』】”’…,.;:!?)％〕〉")
NO_LINE_END = set("（《「『【“‘(〔〈")


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


class _Unit(NamedTuple):
    start: int
    end: int
    kind: str  # "space" | "cjk" (one character) | "word" (letters, digits, signs)


def _units(plain: str) -> list[_Unit]:
    units: list[_Unit] = []
    index = 0
    while index < len(plain):
        character = plain[index]
        end = index + 1
        if character.isspace():
            while end < len(plain) and plain[end].isspace():
                end += 1
            units.append(_Unit(index, end, "space"))
        elif _wide(character) or character in NO_LINE_START or character in NO_LINE_END:
            units.append(_Unit(index, end, "cjk"))
        else:
            while end < len(plain) and not (
                plain[end].isspace() or _wide(plain[end]) or plain[end] in NO_LINE_END
            ):
                end += 1
            units.append(_Unit(index, end, "word"))
        index = end
    return units


def _groups(plain: str, units: list[_Unit]) -> list[list[_Unit]]:
    """Units that must stay on one line together."""

    def text(unit: _Unit) -> str:
        return plain[unit.start : unit.end]

    def measure_word(unit: _Unit) -> bool:  # a Chinese character that is not a sign
        return unit.kind == "cjk" and text(unit) not in NO_LINE_START | NO_LINE_END

    groups: list[list[_Unit]] = []
    index = 0
    while index < len(units):
        group = [units[index]]
        index += 1
        while index < len(units):
            last, following = group[-1], units[index]
            after = units[index + 1] if index + 1 < len(units) else None
            number = last.kind == "word" and text(last)[-1:].isdigit()
            if text(following) in NO_LINE_START and following.kind != "space":
                group.append(following)  # closing punctuation never starts a line
            elif text(last) in NO_LINE_END and last.kind == "cjk" and following.kind != "space":
                group.append(following)  # opening punctuation never ends one
            elif number and measure_word(following):
                group.append(following)  # 3次
            elif number and following.kind == "space" and after and measure_word(after):
                group += [following, after]  # 3 次
                index += 1
            else:
                break
            index += 1
        groups.append(group)
    return groups


def break_lines(plain: str, width: int) -> list[tuple[int, int]]:
    """Where each line of one paragraph starts and ends (offsets into ``plain``), wrapped
    to ``width`` cells by the rules above; spaces at a break are left out."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start: int | None = None  # where the current line starts
    end = 0  # where its last non-space group ends
    used = 0  # cells used, spaces since the last group included
    for group in _groups(plain, _units(plain)):
        first, last = group[0].start, group[-1].end
        cells = cell_len(plain[first:last])
        if group[0].kind == "space" and len(group) == 1:
            if start is not None:
                used += cells
            continue
        if start is not None and used + cells <= width:
            end, used = last, used + cells
            continue
        if start is not None:
            lines.append((start, end))
        # A group wider than a line is folded, character by character.
        while cells > width:
            cut = first
            while cut < last and cell_len(plain[first : cut + 1]) <= width:
                cut += 1
            cut = max(cut, first + 1)
            while cut - 1 > first and plain[cut] in NO_LINE_START:
                cut -= 1  # (even folded, no line starts with closing punctuation)
            lines.append((first, cut))
            first, cells = cut, cell_len(plain[cut:last])
        start, end, used = first, last, cells
    if start is not None:
        lines.append((start, end))
    return lines or [(0, 0)]


def wrap(text: Text, width: int) -> list[Text]:
    """One paragraph (no newlines) as wrapped lines, its styles kept."""
    return [text[start:end] for start, end in break_lines(text.plain, width)]


def reflow(lines: list[Text], width: int) -> list[Text]:
    """Lines of one paragraph, wrapped again by the rules above (for text that another
    wrapper already cut into lines)."""
    joined = Text("").join(lines)
    return wrap(joined, width)


def folded(text: str, width: int) -> str:
    """``text`` with its line breaks put where these rules break it at ``width``: for a
    widget that wraps by its own rules (a toast), given lines that already fit."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(paragraph[start:end] for start, end in break_lines(paragraph, width))
    return "\n".join(lines)


# Textual's toast (its DEFAULT_CSS): 60 cells wide, at most half of its rack (the window
# less the rack's scroll bar), a cell of padding each side and a border on the left.
TOAST_WIDTH, RACK_SCROLLBAR, TOAST_FRAME = 60, 2, 3


def toast_text(message: str, window_width: int) -> str:
    """A toast's message, folded by these rules when it holds Chinese (Textual breaks
    only at spaces: ``17`` / ``秒``, or a run of Chinese moved down whole)."""
    if not any(_wide(character) for character in message):
        return message
    width = min(TOAST_WIDTH, (window_width - RACK_SCROLLBAR) // 2) - TOAST_FRAME
    return folded(message, width)


ALIGN: dict[str, JustifyMethod] = {
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "justify": "full",
}


class Prose:
    """A Text rendered with these line-breaking rules, paragraph by paragraph."""

    def __init__(
        self, text: Text | str, style: str = "", justify: JustifyMethod | None = None
    ) -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)
        self.justify = justify

    @property
    def plain(self) -> str:
        return self.text.plain

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        out: list[Text] = []
        for paragraph in self.text.split("\n", allow_blank=True):
            out.extend(wrap(paragraph, width) if paragraph.plain else [paragraph])
        for line in out:
            line.justify = self.justify
            line.no_wrap = True
            line.end = "\n"
        yield from out


class Paragraph(Static):
    """A Static for a sentence or two of user-facing text, wrapped as Prose (never as
    markup). ``markup`` is accepted, and ignored, so it can stand in for Static; text
    given to ``update`` is wrapped the same way. Its CSS text-align is kept."""

    def __init__(
        self,
        text: Any = "",
        *,
        id: str | None = None,
        classes: str | None = None,
        markup: bool = False,
        **kwargs: Any,
    ) -> None:
        self.text: Text | str = text if isinstance(text, (str, Text)) else ""
        self._drawn: Text | str | None = None  # the text on the screen (see show)
        shown = Prose(text) if isinstance(text, (str, Text)) else text  # (a table as it is)
        super().__init__(shown, id=id, classes=classes, markup=False, **kwargs)

    def on_mount(self) -> None:
        if self.text and self.styles.text_align not in ("left", "start"):
            self.update(self.text)  # now that its CSS is known

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        self._drawn = None  # (as it is drawn: see show)
        if isinstance(content, (str, Text)):
            self.text = content
            if self.is_mounted:  # (a copy: a Text changed in place is drawn again)
                self._drawn = content.copy() if isinstance(content, Text) else content
            justify = ALIGN.get(str(self.styles.text_align)) if self.is_mounted else None
            content = Prose(content, justify=justify)
        super().update(content, layout=layout)

    def show(self, text: Text | str) -> None:
        """Show ``text``; nothing is done if it is what the paragraph shows now (an update
        costs the whole screen a new layout)."""
        if self.is_mounted and self._drawn == text:
            return
        self.update(text)
