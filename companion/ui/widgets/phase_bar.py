"""A still picture of one breathing round: a bar that rises, holds and falls.

Each phase gets a share of the width by its seconds; the phase under way is drawn in
the accent colour. It never moves, so it is what reduced-motion mode shows instead of
the orb, and it previews a pattern before a session starts.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from companion.core.breathing import Pattern

STEPS = "▁▂▃▄▅▆▇█"
MAX_WIDTH = 60


def segment_widths(pattern: Pattern, width: int) -> list[int]:
    """Cells per phase, proportional to seconds, at least one each, summing to width."""
    count = len(pattern.phases)
    width = max(width, count)
    raw = [p.seconds / pattern.cycle * width for p in pattern.phases]
    cells = [max(1, int(r)) for r in raw]
    # Hand out what rounding left over to the phases that lost the most.
    order = sorted(range(count), key=lambda i: raw[i] - cells[i], reverse=True)
    i = 0
    while sum(cells) < width:
        cells[order[i % count]] += 1
        i += 1
    while sum(cells) > width:
        biggest = max(range(count), key=lambda j: cells[j])
        cells[biggest] -= 1
    return cells


def bar_cells(pattern: Pattern, width: int) -> list[str]:
    """The bar's characters, one string per phase."""
    out = []
    for (start, end), cells in zip(pattern.levels, segment_widths(pattern, width), strict=True):
        chars = []
        for i in range(cells):
            level = start + (end - start) * (i + 0.5) / cells
            chars.append(STEPS[min(len(STEPS) - 1, int(level * len(STEPS)))])
        out.append("".join(chars))
    return out


class PhaseBar(Widget):
    COMPONENT_CLASSES = {"phase-bar--current"}
    DEFAULT_CSS = """
    PhaseBar {
        height: 1;
        width: 1fr;
        color: $text-muted;
        content-align: center middle;
    }
    PhaseBar > .phase-bar--current {
        color: $accent;
        text-style: bold;
    }
    """

    def __init__(
        self, pattern: Pattern, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.pattern = pattern
        self.current: int | None = None

    def show(self, pattern: Pattern, current: int | None = None) -> None:
        if (pattern, current) != (self.pattern, self.current):
            self.pattern, self.current = pattern, current
            self.refresh()

    def render(self) -> Text:
        width = min(MAX_WIDTH, self.size.width)
        highlight = self.get_component_rich_style("phase-bar--current")
        text = Text(no_wrap=True, end="")
        for index, chars in enumerate(bar_cells(self.pattern, width)):
            text.append(chars, style=highlight if index == self.current else "")
        return text
