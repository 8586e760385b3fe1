"""A group of choices: buttons that the arrow keys move between.

``Choices`` stacks them (Do not disturb's lengths, the energy station's feelings);
``ChoiceRow`` lines them up (a dialog's Keep / Delete, the welcome's languages). In
either, every arrow moves the focus to the next or previous choice, round and round,
Enter picks the focused one, and the focused one is marked with a bar and a colour that
read in both themes. So ``↓ ↓ Enter`` picks the third choice, never the first.

The screen calls ``arrow_in_choices`` before Textual hands a key on (see
``Translated.before_key``), so a burst of arrows and an Enter from a terminal land in
order; the group's own bindings name the keys in the footer.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, OptionList

MOVE = Binding.Group("widgets.keys.move", compact=True)
ARROWS = {"up": -1, "left": -1, "down": 1, "right": 1}


MARK, NO_MARK = "▸ ", "  "  # the focused choice, in words as well as in colour


class ChoiceButton(Button):
    """A button in a group of choices: marked with ▸ while focused, and its Enter is
    named in the footer."""

    BINDINGS = [Binding("enter", "press", "widgets.keys.choose", id="choose")]

    def __init__(self, label: str, **kwargs: Any) -> None:
        # A compact choice is a line in a list: its text keeps its place when marked.
        self.unmarked = NO_MARK if kwargs.get("compact") else ""
        super().__init__(self.unmarked + label, **kwargs)
        self.text = label

    def relabel(self, text: str) -> None:
        """A new label (the language changed), keeping the mark."""
        self.text = text
        self.label = (MARK if self.has_focus else self.unmarked) + text

    def on_focus(self) -> None:
        self.label = MARK + self.text

    def on_blur(self) -> None:
        self.label = self.unmarked + self.text


class Choices(Vertical):
    """Choices one under another: ↑ and ↓ (← and → too) move between them."""

    DEFAULT_CSS = """
    Choices {
        height: auto;
    }
    Choices Button.-textual-compact:focus {
        background: $accent 40%;
        text-style: bold;
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "widgets.keys.previous", id="choice_up", group=MOVE),
        Binding("down", "move(1)", "widgets.keys.next", id="choice_down", group=MOVE),
        Binding("left", "move(-1)", "widgets.keys.previous", show=False, id="choice_left"),
        Binding("right", "move(1)", "widgets.keys.next", show=False, id="choice_right"),
    ]

    def choices(self) -> list[Button]:
        return [b for b in self.query(Button) if b.display and not b.disabled]

    def move(self, step: int) -> None:
        """Focus the next (1) or previous (-1) choice, from the focused one; at once, so
        the next key in a burst goes to the choice now focused."""
        choices = self.choices()
        if not choices:
            return
        focused = self.screen.focused
        here = choices.index(focused) if focused in choices else (-1 if step > 0 else 0)
        self.screen.set_focus(choices[(here + step) % len(choices)])

    def action_move(self, step: int) -> None:
        self.move(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # One choice alone has nowhere to move: no "Move" in the footer.
        return action != "move" or len(self.choices()) > 1


class ChoiceRow(Choices):
    """Choices side by side: ← and → (↑ and ↓ too) move between them."""

    DEFAULT_CSS = """
    ChoiceRow {
        layout: horizontal;
        height: auto;
    }
    """
    BINDINGS = [
        Binding("left", "move(-1)", "widgets.keys.previous", id="choice_left", group=MOVE),
        Binding("right", "move(1)", "widgets.keys.next", id="choice_right", group=MOVE),
        Binding("up", "move(-1)", "widgets.keys.previous", show=False, id="choice_up"),
        Binding("down", "move(1)", "widgets.keys.next", show=False, id="choice_down"),
    ]


class ChoiceList(OptionList):
    """A dialog's list of choices whose footer names its keys: ↑ ↓ move, Enter chooses
    (an OptionList keeps them out of the footer)."""

    BINDINGS = [
        Binding("enter", "select", "widgets.keys.choose", id="choose_option"),
        Binding("up", "cursor_up", "widgets.keys.previous", id="option_up", group=MOVE),
        Binding("down", "cursor_down", "widgets.keys.next", id="option_down", group=MOVE),
    ]


def arrow_in_choices(focused: Widget | None, key: str) -> bool:
    """If ``focused`` is a choice and ``key`` an arrow, move within its group (True)."""
    step = ARROWS.get(key)
    if focused is None or step is None:
        return False
    for node in focused.ancestors:
        if isinstance(node, Choices):
            node.move(step)
            return True
    return False
