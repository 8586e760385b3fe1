"""The message the app's one slow timer sends to the screen on top when it ticks.

Screens that show time (the next break on Home, a count-down) redraw on it; a screen
that shows seconds tells the timer when to come back with ``redraw_in()``.
"""

from __future__ import annotations

from textual.message import Message


class RhythmTick(Message):
    """Time moved (or the break rhythm changed): draw again."""
