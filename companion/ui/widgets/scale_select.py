"""A Select for a small scale (a mood from 1 to 5): typing a digit picks that step, so
the score can be given in one key, the way the mood check-in dialog takes it."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Select


class ScaleSelect(Select[str]):
    """Options whose values are "1".."top"; a digit typed here chooses one."""

    def __init__(self, options: Any, *, top: int, **kwargs: Any) -> None:
        super().__init__(options, **kwargs)
        self.top = top

    def on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if character.isdecimal() and 1 <= int(character) <= self.top:
            event.stop()
            event.prevent_default()
            self.value = str(int(character))
            self.expanded = False
