"""A one-line notice docked at the top of whatever screen is showing.

Used instead of the break screen while the user is typing, so a reminder never takes
their keystrokes; it takes no focus and holds no state.
"""

from __future__ import annotations

from textual.widgets import Static


class BreakBanner(Static):
    DEFAULT_CSS = """
    BreakBanner {
        dock: top;
        width: 100%;
        height: auto;
        padding: 0 1;
        background: $warning 30%;
        color: $foreground;
        text-style: bold;
    }
    """

    def __init__(self, text: str) -> None:
        super().__init__(text, markup=False)
