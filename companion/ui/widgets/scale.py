"""A 0-100 scale for how strong a feeling is, set from the keyboard (or a click)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

BAR_WIDTH = 20
STEP = 5


def meter(value: int, width: int = BAR_WIDTH) -> Text:
    """A bar like ██████░░░░ for 0-100 (cells, not characters: safe beside Chinese)."""
    filled = round(max(0, min(100, value)) * width / 100)
    bar = Text.assemble(("█" * filled, "bold"))
    bar.append("░" * (width - filled), style="dim")
    return bar


class IntensityScale(Widget, can_focus=True):
    DEFAULT_CSS = """
    IntensityScale {
        height: 1;
        width: 28;
        padding: 0 1;
    }
    IntensityScale:focus {
        background: $boost;
        color: $accent;
    }
    """
    BINDINGS = [
        Binding("left,down", "change(-5)", show=False),
        Binding("right,up", "change(5)", show=False),
        Binding("home", "set(0)", show=False),
        Binding("end", "set(100)", show=False),
        *(Binding(str(d), f"set({d * 10})", show=False) for d in range(10)),
        Binding("enter", "submit", show=False),
    ]

    value: reactive[int] = reactive(50)

    @dataclass
    class Changed(Message):
        scale: IntensityScale
        value: int

        @property
        def control(self) -> IntensityScale:
            return self.scale

    @dataclass
    class Submitted(Message):
        """Enter on the scale: the person is done with it (like Input.Submitted)."""

        scale: IntensityScale

        @property
        def control(self) -> IntensityScale:
            return self.scale

    def __init__(self, value: int = 50, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(IntensityScale.value, max(0, min(100, value)))

    def render(self) -> Text:
        text = meter(self.value)
        text.append(f" {self.value:>3}")
        return text

    def watch_value(self, value: int) -> None:
        self.post_message(self.Changed(self, value))

    def action_change(self, delta: int) -> None:
        self.value = max(0, min(100, self.value + delta))

    def action_set(self, value: int) -> None:
        self.value = max(0, min(100, value))

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))

    def on_click(self, event: Click) -> None:
        inside = event.x - 1  # the left padding
        if 0 <= inside <= BAR_WIDTH:
            self.value = round(inside * 100 / BAR_WIDTH / STEP) * STEP
