"""The breath orb: a circle that grows as the lungs fill and shrinks as they empty.

Drawn with half-block characters, so each cell holds two square "pixels" and the circle
looks round. It redraws only when its outline actually changes: during a hold, or
between two frames too close to differ, nothing is painted.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.widget import Widget

MIN_FRACTION = 0.3  # an empty breath still shows a small orb, never nothing

Span = tuple[int, int] | None  # filled columns of one pixel row, or none


def orb_spans(width: int, height: int, level: float) -> tuple[Span, ...]:
    """The filled columns of each half-cell row for a breath ``level`` (0 … 1)."""
    if width <= 0 or height <= 0:
        return ()
    rows = height * 2
    biggest = max(0.5, min(width / 2, rows / 2) - 1.0)  # a pixel of air all round
    level = min(1.0, max(0.0, level))
    radius = biggest * (MIN_FRACTION + (1 - MIN_FRACTION) * level)
    cx, cy = width / 2, rows / 2
    spans: list[Span] = []
    for row in range(rows):
        dy = row + 0.5 - cy
        if abs(dy) >= radius:
            spans.append(None)
            continue
        half = math.sqrt(radius * radius - dy * dy)
        left, right = math.ceil(cx - half - 0.5), math.floor(cx + half - 0.5)
        spans.append((left, right) if left <= right else None)
    return tuple(spans)


def orb_lines(spans: tuple[Span, ...], width: int) -> list[str]:
    def filled(span: Span, x: int) -> bool:
        return span is not None and span[0] <= x <= span[1]

    lines = []
    for top, bottom in zip(spans[0::2], spans[1::2], strict=True):
        cells = []
        for x in range(width):
            up, down = filled(top, x), filled(bottom, x)
            cells.append("█" if up and down else "▀" if up else "▄" if down else " ")
        lines.append("".join(cells).rstrip())
    return lines


class BreathOrb(Widget):
    COMPONENT_CLASSES = {"breath-orb--fill"}
    DEFAULT_CSS = """
    BreathOrb {
        width: 1fr;
        height: 1fr;
    }
    BreathOrb > .breath-orb--fill {
        color: $primary;
    }
    BreathOrb.-hold > .breath-orb--fill {
        color: $secondary;
    }
    BreathOrb.-exhale > .breath-orb--fill {
        color: $accent;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.level = 0.0
        self._drawn: tuple[tuple[int, int], tuple[Span, ...]] | None = None

    def set_level(self, level: float) -> None:
        """Follow the breath; repaint only if the outline changes at this size."""
        self.level = level
        size = (self.size.width, self.size.height)
        if self._drawn != (size, orb_spans(*size, level)):
            self.refresh()

    def set_phase(self, kind: str) -> None:
        """Colour by what the breath does: in, hold, out."""
        self.set_class(kind in ("hold_in", "hold_out"), "-hold")
        self.set_class(kind == "exhale", "-exhale")

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        spans = orb_spans(width, height, self.level)
        self._drawn = ((width, height), spans)
        fill = self.get_component_rich_style("breath-orb--fill")
        text = Text(no_wrap=True, end="")
        for number, line in enumerate(orb_lines(spans, width)):
            shape = line.lstrip(" ")
            if number:
                text.append("\n")
            # The margin and the shape as separate runs, so every renderer (terminal,
            # SVG) places the shape by its column rather than by counting spaces.
            text.append(" " * (len(line) - len(shape)))
            text.append(shape, style=fill)
        return text
