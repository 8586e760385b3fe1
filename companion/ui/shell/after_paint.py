"""Work that waits until a screen's new page is on the terminal.

A worker thread shares the interpreter with the UI thread. Started while a key's page
is still to be laid out and painted, it halves the speed of both: the journal's count
of matches (25-40 ms of Python at 25,000 entries) made a key's results appear 20-40 ms
later. ``call_after_refresh`` is not late enough: it runs once the screen is idle, which
can be before a changed list has told the screen it needs a new layout. ``AfterPaint``
waits for the screen's next layout and paint (Textual's ``screen_layout_refresh_signal``),
or ``late`` seconds if nothing on the screen changes.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.timer import Timer


class AfterPaint:
    """One callback at a time: a newer one replaces the one still waiting."""

    def __init__(self, screen: Screen, late: float = 0.25) -> None:
        self.screen, self.late = screen, late
        self._waiting: Callable[[], None] | None = None
        self._timer: Timer | None = None
        self._listening = False

    def run(self, callback: Callable[[], None]) -> None:
        """``callback`` after the next layout and paint (the screen is mounted)."""
        if not self._listening:
            # immediate: told as the layout is published; a delivery queued behind the
            # key's own messages would come from the layout before this page
            self.screen.screen_layout_refresh_signal.subscribe(
                self.screen, self._laid_out, immediate=True
            )
            self._listening = True
        self._waiting = callback
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(self.late, self._painted)

    def cancel(self) -> None:
        self._waiting = None

    def _laid_out(self, _screen: object) -> None:
        if self._waiting is not None:
            self.screen.call_next(self._painted)

    def _painted(self) -> None:
        callback, self._waiting = self._waiting, None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if callback is not None:
            callback()
