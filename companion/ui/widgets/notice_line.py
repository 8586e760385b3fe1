"""One line docked at the top of a screen that tells something and takes nothing: no
focus, no key. A micro-pause counts down in it (then it goes by itself); the offer of
an SOS minute after a rough chat sits in it for a while.

``words(seconds_left)`` gives the text; with ``seconds`` the line counts down once a
second (its only timer, running only while it is shown) and removes itself at zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.timer import Timer
from textual.widgets import Static

from companion.ui.widgets.prose import Prose


class NoticeLine(Static):
    DEFAULT_CSS = """
    NoticeLine {
        dock: top;
        width: 100%;
        height: auto;
        padding: 0 1;
        background: $accent 25%;
        color: $foreground;
    }
    """

    def __init__(
        self,
        words: Callable[[int], str],
        seconds: float,
        now: Callable[[], float],
        *,
        classes: str = "",
    ) -> None:
        super().__init__("", markup=False, classes=classes)
        self.words = words
        self.now = now  # the app's monotonic clock: a test moves it
        self.ends = now() + seconds
        self._timer: Timer | None = None

    @property
    def seconds_left(self) -> int:
        return max(0, math.ceil(self.ends - self.now() - 1e-9))

    def on_mount(self) -> None:
        self.tick()
        self._timer = self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        left = self.seconds_left
        if left <= 0:
            if self._timer is not None:
                self._timer.stop()
            self.remove()
            return
        self.update(Prose(self.words(left)))  # Chinese wraps as Chinese
